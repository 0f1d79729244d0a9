"""ingest.identifiers: canonical IBAN, KvK, postcode, house number, phone, e-mail."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.identifiers import (
    _fast_dutch_phone,
    address_key,
    is_bsn,
    normalize_email,
    normalize_house_number_addition,
    normalize_iban,
    normalize_kvk,
    normalize_phone,
    normalize_postcode,
    shown,
    split_house_number,
)


@pytest.mark.parametrize(
    "value",
    ["NL91ABNA0417164300", "nl91abna0417164300", "NL91 ABNA 0417 1643 00", " NL91-ABNA-0417-1643-00 ",
     "IBAN: NL91 ABNA 0417 1643 00"],
)
def test_iban_variants(value: str) -> None:
    assert normalize_iban(value) == "NL91ABNA0417164300"


def test_iban_foreign() -> None:
    assert normalize_iban("BE68 5390 0754 7034") == "BE68539007547034"
    assert normalize_iban("de89370400440532013000") == "DE89370400440532013000"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("NL91ABNA0417164301", ["mod-97", "typing error"]),
        ("NL91ABNA041716430", ["17 characters", "NL IBANs have 18"]),
        ("1234567", ["not an IBAN", "country code"]),
        ("NL91AB1A0417164300", ["not a Dutch IBAN", "bank code"]),
    ],
)
def test_iban_errors(value: str, words: list[str]) -> None:
    with pytest.raises(ValueError) as info:
        normalize_iban(value)
    for word in words:
        assert word in str(info.value)


def test_iban_error_message_is_exact() -> None:
    with pytest.raises(ValueError, match=r"^IBAN 'NL91ABNA0417164301' fails the mod-97 check "
                                         r"digit test; check for a typing error$"):
        normalize_iban("NL91ABNA0417164301")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12345678", "12345678"),
        ("1234567", "01234567"),
        ("1234 5678", "12345678"),
        ("12.34.56.78", "12345678"),
        ("KvK 1234 5678", "12345678"),
        ("kvk-nummer: 01234567", "01234567"),
        ("K.v.K. 1234567", "01234567"),
        ("1234567.0", "01234567"),
        # the old Handelsregister's number with its subdossier number
        ("12345678 0000", "12345678"),
        ("123456780001", "12345678"),
    ],
)
def test_kvk_variants(value: str, expected: str) -> None:
    assert normalize_kvk(value) == expected


@pytest.mark.parametrize(
    ("value", "word"),
    [("12AB5678", "digits"), ("000012345678", "vestigingsnummer"), ("1234567890", "10 digits"),
     ("0", "zeros")],
)
def test_kvk_errors(value: str, word: str) -> None:
    with pytest.raises(ValueError, match=word):
        normalize_kvk(value)


def test_kvk_error_never_shows_a_bsn() -> None:
    with pytest.raises(ValueError) as info:
        normalize_kvk("111222333")
    assert "111222333" not in str(info.value)
    assert "9 digits" in str(info.value)


@pytest.mark.parametrize("value", ["1234AB", "1234 ab", "1234ab", " 1234  AB ", "NL-1234 AB",
                                   "NL 1234AB", "1234-AB"])
def test_postcode_variants(value: str) -> None:
    assert normalize_postcode(value) == "1234AB"


@pytest.mark.parametrize(
    ("value", "word"),
    [("0123AB", "not starting with 0"), ("1234A", "Dutch postcode"), ("B-1000", "Dutch"),
     ("1234 SA", "never used"), ("1234sd", "never used"), ("1234SS", "never used")],
)
def test_postcode_errors(value: str, word: str) -> None:
    with pytest.raises(ValueError, match=word):
        normalize_postcode(value)


@pytest.mark.parametrize(
    ("number", "addition", "expected"),
    [
        ("12a", None, ("12", "A")),
        ("12-2", None, ("12", "2")),
        ("12 bis", None, ("12", "BIS")),
        ("12", "a", ("12", "A")),
        ("12 A", "", ("12", "A")),
        ("12", None, ("12", None)),
        ("012", "-2", ("12", "2")),
        ("12/3", None, ("12", "3")),
        ("12a", "a", ("12", "A")),
        (None, "a", (None, "A")),
        ("", "", (None, None)),
        ("12 hs", None, ("12", "HS")),
    ],
)
def test_split_house_number(number, addition, expected) -> None:
    assert split_house_number(number, addition) == expected


@pytest.mark.parametrize(
    ("number", "addition", "word"),
    [("a12", None, "does not start with a number"), ("0", None, "1 to 99999"),
     ("12a", "b", "one column only"), ("12", "a#", "letters or digits")],
)
def test_split_house_number_errors(number, addition, word) -> None:
    with pytest.raises(ValueError, match=word):
        split_house_number(number, addition)


def test_addition_alone() -> None:
    assert normalize_house_number_addition(" - b ") == "B"
    assert normalize_house_number_addition(None) is None


def test_address_key() -> None:
    assert address_key("1234AB", "12", "A") == "1234AB|12|A"
    assert address_key("1234AB", "12", None) == "1234AB|12|"
    assert address_key("1234AB", "12", float("nan")) == "1234AB|12|"
    assert address_key(None, "12", "A") is None
    assert address_key("1234AB", None, None) is None
    assert address_key(float("nan"), "12", None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("06-12345678", "+31612345678"),
        ("0612345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("020 123 4567", "+31201234567"),
        ("020-1234567", "+31201234567"),
        ("+31 (0)20 123 4567", "+31201234567"),
        ("+31 20 123 4567", "+31201234567"),
        ("0031 20 1234567", "+31201234567"),
        ("0031612345678", "+31612345678"),
        ("tel: 06-12345678", "+31612345678"),
        ("+32 2 123 45 67", "+3221234567"),
        ("06-12345678 (privé)", "+31612345678"),  # a remark after the number
        ("(020) 1234567", "+31201234567"),        # not a remark: the area code
    ],
)
def test_phone_variants(value: str, expected: str) -> None:
    assert normalize_phone(value) == expected


@pytest.mark.parametrize("value", ["12345", "0612345", "hello", "06-1234567890123",
                                   "0612345678 (2)"])
def test_phone_errors(value: str) -> None:
    with pytest.raises(ValueError, match="06-12345678"):
        normalize_phone(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(" Jan.de.Vries@Example.NL ", "jan.de.vries@example.nl"),
     ("mailto:info@bouwbedrijf-x.nl", "info@bouwbedrijf-x.nl")],
)
def test_email_variants(value: str, expected: str) -> None:
    assert normalize_email(value) == expected


@pytest.mark.parametrize(
    ("value", "word"),
    [("jan", "name@example.nl"), ("jan@", "name@example.nl"), ("jan@example", "name@example.nl"),
     ("a@x.nl; b@y.nl", "more than one"), ("jan de vries@x.nl", "name@example.nl"),
     ("jan@x..nl", "name@example.nl")],
)
def test_email_errors(value: str, word: str) -> None:
    with pytest.raises(ValueError, match=word):
        normalize_email(value)


def test_bsn_eleven_test_and_masking() -> None:
    assert is_bsn("111222333")
    assert is_bsn("123456782")
    assert not is_bsn("123456789")
    assert not is_bsn("000000000")
    assert not is_bsn("12345678")
    assert "111222333" not in shown("111222333")
    assert shown("x" * 100).endswith("...'")


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["0", "+31", "0031", "+31 (0)", "0031 (0)", "+31 "]),
    st.from_regex(r"[1-9][0-9]{4,10}", fullmatch=True),
    st.sampled_from(["", " ", "-"]),
)
def test_fast_dutch_phone_agrees_with_phonenumbers(prefix: str, national: str, sep: str) -> None:
    """The fast path for plain Dutch numbers never accepts what the library would not,
    and gives the same E.164 when it accepts."""
    value = prefix + national[:2] + sep + national[2:]
    fast = _fast_dutch_phone(value)
    if fast is None:
        return
    parsed = phonenumbers.parse(value, "NL")
    assert phonenumbers.is_valid_number(parsed)
    assert fast == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
