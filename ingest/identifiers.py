"""Canonical forms of the identifiers that link people and organizations.

A shared IBAN, address, phone number or e-mail address is only a link when both sides
are written the same way, so every export's spelling is brought to one form here:

- IBAN: compact upper case, checked with the mod-97 rule (``NL91ABNA0417164300``);
- KvK number: 8 digits (``01234567``);
- postcode: ``1234AB``;
- house number: digits only, any addition in upper case without separators;
- phone: E.164 (``+31612345678``), via the ``phonenumbers`` library;
- e-mail: lower case.

Each function is pure and raises ``ValueError`` with a message meant for the user (what
is wrong and what form is expected) when the value cannot be used.  Messages never echo a
value that could be a citizen service number (BSN).

>>> normalize_iban("nl91 abna 0417 1643 00")
'NL91ABNA0417164300'
>>> normalize_kvk("KvK 1234 5678")
'12345678'
>>> normalize_postcode("1234 ab")
'1234AB'
>>> split_house_number("12-2", None)
('12', '2')
>>> address_key("1234AB", "12", "A")
'1234AB|12|A'
>>> normalize_phone("06-12345678")
'+31612345678'
>>> normalize_email("  Jan.de.Vries@Example.NL ")
'jan.de.vries@example.nl'
"""

from __future__ import annotations

import math
import re

import phonenumbers

from ingest.detect_bsn import mask_bsn

__all__ = [
    "address_key",
    "is_bsn",
    "normalize_email",
    "normalize_house_number_addition",
    "normalize_iban",
    "normalize_kvk",
    "normalize_phone",
    "normalize_postcode",
    "shown",
    "split_house_number",
]

# Lengths of IBANs per country (SWIFT IBAN registry).  A country not listed is accepted
# when its length is plausible and the mod-97 check passes.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
    "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
    "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
    "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
    "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27,
    "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28,
    "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
    "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip

_IBAN_PREFIX = re.compile(r"^\s*iban\s*:?\s*", re.IGNORECASE)
_IBAN_SEPARATORS = re.compile(r"[\s.\-]+")
_IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]+")
_NL_BBAN = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")
#: the mod-97 rule reads A as 10, B as 11, ... Z as 35
_IBAN_LETTER_VALUES = str.maketrans({chr(c): str(c - 55) for c in range(ord("A"), ord("Z") + 1)})

_KVK_PREFIX = re.compile(
    r"^\s*(?:k\.?\s*v\.?\s*k\.?)\s*(?:-?\s*(?:nummer|nr\.?|no\.?|number))?\s*[:.]?\s*",
    re.IGNORECASE,
)
_KVK_SEPARATORS = re.compile(r"[\s.\-]+")

_POSTCODE = re.compile(r"[1-9]\d{3}[A-Z]{2}")
_POSTCODE_COUNTRY = re.compile(r"^NL-?(?=\d{4})")

_HOUSE_NUMBER = re.compile(r"(\d+)\s*(.*)", re.DOTALL)
_ADDITION_SEPARATORS = re.compile(r"[\s\-/.,_]+")

#: a domain holds no quote (``jan@corp.nl'`` is a quote left over, not an address)
_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]']+\.[^@\s<>(),;:\"\[\].']{2,}")
#: spaces typed beside the ``@`` or a dot of an address (``jan @corp.nl``, ``jan@ corp .nl``)
_EMAIL_LOOSE_SPACE = re.compile(r"\s*([@.])\s*")
_PHONE_PREFIX = re.compile(r"^\s*(?:tel(?:efoon)?|phone|mob(?:iel)?|gsm)\.?\s*:?\s*", re.IGNORECASE)

_BSN_DIGITS = re.compile(r"\d{9}")
#: a phone cell's number that has a BSN's form: nine digits (spaces, dots or hyphens
#: between them allowed), the first not 0, no country code (:func:`normalize_phone`)
_BSN_NOT_PHONE = re.compile(r"[1-9](?:[\s.\-]?[0-9]){8}")


def is_bsn(value: str) -> bool:
    """Whether ``value`` is nine digits that pass the Dutch eleven test (elfproef).

    The test is ``9*d1 + 8*d2 + ... + 2*d8 - d9`` divisible by 11; it is what makes a
    number a possible citizen service number (BSN).

    >>> is_bsn("111222333"), is_bsn("123456789")
    (True, False)
    """
    digits = re.sub(r"[\s.\-]", "", value)
    if not _BSN_DIGITS.fullmatch(digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0 and digits != "000000000"


def shown(value: str, limit: int = 60) -> str:
    """A value quoted for a message; masked when it could be a BSN, shortened when long.

    Messages end up in logs and reports, and a BSN must never appear there.

    >>> shown("abc"), shown("111222333")
    ("'abc'", "'*********' (a nine-digit number, not shown)")
    """
    if is_bsn(value):
        return "'*********' (a nine-digit number, not shown)"
    text = value if len(value) <= limit else value[: limit - 3] + "..."
    return repr(text)


#: a remark in brackets after a phone number, IBAN or KvK number: ``06-12345678 (privé)``,
#: ``020-1234567 (werk)``, ``NL91 ABNA 0417 1643 00 (zakelijk)``, ``12345678 (Utrecht)``;
#: words only, so no digit is taken away
_REMARK = re.compile(r"\s*\(\s*[^\W\d_][^()\d]*\)\s*$")


def normalize_iban(value: str) -> str:
    """Compact upper-case IBAN, checked on country length and the mod-97 check digits.

    >>> normalize_iban("NL91 ABNA 0417 1643 00"), normalize_iban("NL91ABNA0417164300 (privé)")
    ('NL91ABNA0417164300', 'NL91ABNA0417164300')
    >>> normalize_iban("NL91ABNA0417164301")
    Traceback (most recent call last):
    ...
    ValueError: IBAN 'NL91ABNA0417164301' fails the mod-97 check digit test; check for a typing error
    """
    compact = _IBAN_SEPARATORS.sub("", _IBAN_PREFIX.sub("", _REMARK.sub("", str(value)))
                                   ).upper()
    if not compact:
        raise ValueError("IBAN is empty")
    if not _IBAN_SHAPE.fullmatch(compact):
        raise ValueError(
            f"{shown(str(value).strip())} is not an IBAN: an IBAN starts with a two-letter "
            "country code and two check digits, e.g. NL91 ABNA 0417 1643 00"
        )
    country = compact[:2]
    expected = IBAN_LENGTHS.get(country)
    if expected is not None and len(compact) != expected:
        raise ValueError(
            f"IBAN {shown(compact)} has {len(compact)} characters, but {country} IBANs have "
            f"{expected}; check for a missing or extra character"
        )
    if expected is None and not 15 <= len(compact) <= 34:
        raise ValueError(
            f"IBAN {shown(compact)} has {len(compact)} characters; IBANs have 15 to 34"
        )
    if country == "NL" and not _NL_BBAN.fullmatch(compact):
        raise ValueError(
            f"IBAN {shown(compact)} is not a Dutch IBAN: write NL, two check digits, the "
            "four-letter bank code and ten digits, e.g. NL91 ABNA 0417 1643 00"
        )
    if int((compact[4:] + compact[:4]).translate(_IBAN_LETTER_VALUES)) % 97 != 1:
        raise ValueError(
            f"IBAN {shown(compact)} fails the mod-97 check digit test; check for a typing error"
        )
    return compact


#: a Dutch VAT number (btw-identificatienummer): NL, nine digits, B, two digits
_VAT_NUMBER = re.compile(r"NL\d{9}B\d{2}")


def normalize_kvk(value: str) -> str:
    """The 8-digit KvK (Chamber of Commerce) number; a lost leading zero is put back.

    >>> normalize_kvk("1234567"), normalize_kvk("12.34.56.78"), normalize_kvk("KvK-nummer: 1234 5678")
    ('01234567', '12345678', '12345678')

    A 12-digit value is the old number with its subdossier number (``12345678 0000``: the
    first eight are the KvK number) unless it starts with ``0000``, as branch numbers do.

    >>> normalize_kvk("12345678 0000")
    '12345678'

    A remark in words in brackets after it (``12345678 (Utrecht)``, ``(hoofdvestiging)``)
    is left out; digits in brackets (``12345678 (0000)``) stay to be reported.

    >>> normalize_kvk("12345678 (Utrecht)")
    '12345678'
    """
    text = str(value).strip()
    body = _KVK_PREFIX.sub("", _REMARK.sub("", text))
    if re.fullmatch(r"\d{1,8}[.,]0", body):  # a number cell written out as 1234567.0
        body = body[:-2]
    digits = _KVK_SEPARATORS.sub("", body)
    if _VAT_NUMBER.fullmatch(digits.upper()):
        raise ValueError(
            f"{shown(text)} is a VAT number (btw-nummer), not a KvK number; write the "
            "organization's 8-digit KvK number"
        )
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(
            f"KvK number {shown(text)} holds characters other than digits; write the "
            "8-digit number, e.g. 12345678"
        )
    if len(digits) == 12 and not digits.startswith("0000"):
        # the number and the subdossier number of the old Handelsregister (12345678 0000);
        # branch numbers (vestigingsnummers) are 12 digits starting with 0000 so far
        digits = digits[:8]
    if len(digits) == 12:
        raise ValueError(
            f"{shown(text)} has 12 digits: that is a branch number (vestigingsnummer), not "
            "a KvK number; write the organization's 8-digit KvK number"
        )
    if len(digits) > 8:
        raise ValueError(
            f"KvK number {shown(text)} has {len(digits)} digits; a KvK number has 8 "
            "(an RSIN or BSN has 9: use the KvK number instead)"
        )
    kvk = digits.zfill(8)
    if kvk == "00000000":
        raise ValueError(f"KvK number {shown(text)} is all zeros; write the real 8-digit number")
    return kvk


def normalize_postcode(value: str) -> str:
    """Dutch postcode as ``1234AB``: four digits (not starting with 0) and two letters,
    also with the country code in front as address exports write it (``NL-1234 AB``).

    >>> normalize_postcode(" 1234ab "), normalize_postcode("NL-1234 AB"), normalize_postcode("1234-ab")
    ('1234AB', '1234AB', '1234AB')
    >>> normalize_postcode("1234 AB.")
    '1234AB'
    """
    text = str(value).strip()
    # a full stop or comma typed after it (``1234 AB.``, the end of an address line)
    compact = _POSTCODE_COUNTRY.sub("", re.sub(r"\s+", "", text.rstrip(".,; ")).upper())
    if re.fullmatch(r"\d{4}-[A-Z]{2}", compact):  # 1234-AB
        compact = compact[:4] + compact[5:]
    if not _POSTCODE.fullmatch(compact):
        raise ValueError(
            f"postcode {shown(text)} is not a Dutch postcode; write four digits (not "
            "starting with 0) and two letters, e.g. 1234 AB"
        )
    if compact[4:] in {"SA", "SD", "SS"}:
        raise ValueError(
            f"postcode {shown(text)} cannot exist: the letters SA, SD and SS are never used "
            "in Dutch postcodes; check for a typing error"
        )
    return compact


def normalize_house_number_addition(value: str | None) -> str | None:
    """Upper case, separators removed: ``'-2'`` -> ``'2'``, ``' bis'`` -> ``'BIS'``.

    >>> normalize_house_number_addition(" a "), normalize_house_number_addition("")
    ('A', None)
    """
    if value is None:
        return None
    compact = _ADDITION_SEPARATORS.sub("", str(value)).upper()
    if not compact:
        return None
    if not compact.isalnum() or len(compact) > 10:
        raise ValueError(
            f"house number addition {shown(str(value).strip())} is not usable; write letters "
            "or digits only, e.g. A, 2 or BIS"
        )
    return compact


#: the word some people type before a house number (``nr. 12``, ``Huisnr 12``, ``no. 12``)
_NUMBER_WORD = re.compile(r"(?i)^(?:nr|no|nummer|huisnr|huisnummer)\.?\s*(?=\d)")


def split_house_number(
    number: str | None, addition: str | None
) -> tuple[str | None, str | None]:
    """Split a house number into digits and addition, wherever the export put the addition.

    >>> split_house_number("12a", None), split_house_number("12 bis", "")
    (('12', 'A'), ('12', 'BIS'))
    >>> split_house_number("12", "a"), split_house_number("12 A", "")
    (('12', 'A'), ('12', 'A'))
    >>> split_house_number("nr. 12a", None), split_house_number("Huisnr 7", None)
    (('12', 'A'), ('7', None))
    """
    add = normalize_house_number_addition(addition)
    if number is None or not str(number).strip():
        return None, add
    text = _NUMBER_WORD.sub("", str(number).strip(), count=1)
    m = _HOUSE_NUMBER.fullmatch(text)
    if m is None:
        raise ValueError(
            f"house number {shown(text)} does not start with a number; write the number in "
            "house_number and any addition (a, 2, bis) in house_number_addition"
        )
    digits = m.group(1).lstrip("0")
    if not digits or len(digits) > 5:
        raise ValueError(
            f"house number {shown(text)} is not a house number (1 to 99999); correct it"
        )
    rest = m.group(2)
    rest_add = normalize_house_number_addition(rest) if rest.strip() else None
    if rest_add is not None and add is not None and rest_add != add:
        raise ValueError(
            f"house number {shown(text)} already carries addition {rest_add!r}, but "
            f"house_number_addition says {add!r}; keep the addition in one column only"
        )
    return digits, rest_add or add


def address_key(
    postcode: str | None, house_number: str | None, addition: str | None
) -> str | None:
    """The key two records share when they are at the same address.

    Takes already-normalised parts; ``None`` when postcode or house number is missing,
    because a postcode alone is a street, not an address.

    >>> address_key("1234AB", "12", None), address_key(None, "12", "A")
    ('1234AB|12|', None)
    """

    def present(v: str | None) -> bool:
        return v is not None and not (isinstance(v, float) and math.isnan(v)) and str(v) != ""

    if not present(postcode) or not present(house_number):
        return None
    return f"{postcode}|{house_number}|{addition if present(addition) else ''}"


_PHONE_SEPARATORS = re.compile(r"[\s\-./()]+")
_DUTCH_PHONE = re.compile(r"(?:\+31|0031|0)([1-9]\d{4,10})")
_NL_PATTERNS: list[tuple[re.Pattern[str], tuple[int, ...]]] | None = None
_NL_PATTERN_NAMES: list[str] = []


def _dutch_number_patterns() -> list[tuple[re.Pattern[str], tuple[int, ...]]]:
    """The NL number plan from the phonenumbers metadata: general pattern first, then each
    number type (fixed line, mobile, toll free, ...)."""
    global _NL_PATTERNS
    if _NL_PATTERNS is None:
        meta = phonenumbers.PhoneMetadata.metadata_for_region("NL")
        kinds = ["premium_rate", "toll_free", "shared_cost", "voip", "personal_number",
                 "pager", "uan", "voicemail", "fixed_line", "mobile"]
        descs = [meta.general_desc] + [getattr(meta, kind) for kind in kinds]
        names = ["general"] + kinds
        # the names first: a thread that finds the patterns set must find their names
        # too (tables are checked in several threads)
        _NL_PATTERN_NAMES[:] = [n for n, d in zip(names, descs)
                                if d is not None and d.national_number_pattern]
        _NL_PATTERNS = [
            (re.compile(d.national_number_pattern), tuple(d.possible_length or ()))
            for d in descs
            if d is not None and d.national_number_pattern
        ]
    return _NL_PATTERNS


def _dutch_number_pattern_names() -> list[str]:
    """The number type of each pattern of :func:`_dutch_number_patterns` (``general``,
    ``fixed_line``, ``mobile``, ...), in the same order."""
    _dutch_number_patterns()
    return list(_NL_PATTERN_NAMES)


def _fast_dutch_phone(text: str) -> str | None:
    """E.164 of a plainly written Dutch number, checked against the same number plan
    ``phonenumbers.is_valid_number`` uses; ``None`` to let the library decide.

    The library takes some 50 microseconds a number; a vendor master or an allocation
    file holds tens of thousands of them, nearly all written the plain way.
    """
    compact = _PHONE_SEPARATORS.sub("", text.replace("(0)", ""))
    m = _DUTCH_PHONE.fullmatch(compact)
    if m is None:
        return None
    national = m.group(1)

    def fits(pattern: re.Pattern[str], lengths: tuple[int, ...]) -> bool:
        return (not lengths or len(national) in lengths) and pattern.fullmatch(national) is not None

    general, *kinds = _dutch_number_patterns()
    if fits(*general) and any(fits(*kind) for kind in kinds):
        return "+31" + national
    return None


def normalize_phone(value: str, region: str = "NL") -> str:
    """E.164 form of a phone number; a number without country code is read as Dutch.

    Dutch numbers must be valid numbers; foreign ones must at least have a possible length
    (the library's foreign number plans are not complete).

    >>> normalize_phone("020 123 4567"), normalize_phone("+31 (0)20 123 4567")
    ('+31201234567', '+31201234567')
    >>> normalize_phone("0031 6 1234 5678"), normalize_phone("06-12345678 (privé)")
    ('+31612345678', '+31612345678')
    """
    text = str(value).strip()
    cleaned = _REMARK.sub("", _PHONE_PREFIX.sub("", text))
    if _BSN_NOT_PHONE.fullmatch(cleaned) and is_bsn(cleaned):
        # Excel drops a phone number's leading 0 (``0612345678`` -> ``612345678``), but a
        # BSN typed into the phone field has the same form: nine digits, no prefix.  One
        # that passes the eleven test is taken for a BSN (never used, never shown); a
        # phone number that lost its 0 passes it one time in eleven, and is told how to
        # be written so that it is read.  Ten digits (``0111222333``) is a phone number.
        raise ValueError(f"phone number {shown(mask_bsn(text))} could be a citizen service number "
                         "(BSN): nine digits without a leading 0 that pass the eleven test; "
                         "it is left out and not shown; if it is a phone number, write it "
                         "with its leading 0, e.g. 06-12345678")
    if region == "NL":
        fast = _fast_dutch_phone(cleaned)
        if fast is not None:
            return fast
    expected = "write it as 06-12345678, 020-1234567 or +31 20 1234567"
    try:
        parsed = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        raise ValueError(f"phone number {shown(text)} is not a phone number; {expected}") from None
    if phonenumbers.region_code_for_number(parsed) == "NL" or parsed.country_code == 31:
        ok = phonenumbers.is_valid_number(parsed)
    else:
        ok = phonenumbers.is_possible_number(parsed)
    if not ok:
        raise ValueError(
            f"phone number {shown(text)} has the wrong number of digits or an unknown area "
            f"code; {expected}"
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


#: a label typed before an address (``mailto:``, ``E-mail: ``, ``privé: ``, ``werk: ``)
_EMAIL_LABEL = re.compile(
    r"(?i)^(?:mailto|e-?mail|mail|email ?adres|e-mailadres|priv[eé]|werk|work|home|thuis)"
    r"\s*:\s*")
_NAMED_ADDRESS = re.compile(r"[^<>@]*<\s*([^<>\s]+@[^<>\s]+?)\s*>")


def _sloppy_address(text: str) -> str:
    """An address as typed by hand, without what cannot belong to it: quotes around it
    (``'jan@corp.nl'``), a separator or full stop after it (``jan@corp.nl;``, as copied
    from a list of recipients) and spaces beside its ``@`` or a dot (``jan @corp.nl``).
    An address never holds a space or ends in one of these, so each is read one way only;
    a space elsewhere (``jan de vries@corp.nl``) is left for the check to refuse.

    >>> _sloppy_address("'Jan @ Corp.nl';")
    'Jan@Corp.nl'
    """
    if "@" not in text:
        return text
    compact = text.rstrip(";,.: ")
    if len(compact) > 2 and compact[0] == compact[-1] and compact[0] in "'\"":
        compact = compact[1:-1].strip()
    return _EMAIL_LOOSE_SPACE.sub(r"\1", compact)


def normalize_email(value: str) -> str:
    """Lower-case e-mail address after a basic syntax check (one ``@``, a dotted domain).

    >>> normalize_email("mailto:Info@Bouwbedrijf-X.nl")
    'info@bouwbedrijf-x.nl'
    >>> normalize_email('"de Vries, Jan" <J.deVries@corp.nl>')
    'j.devries@corp.nl'
    >>> normalize_email("jan @ corp.nl;"), normalize_email("'jan@corp.nl'")
    ('jan@corp.nl', 'jan@corp.nl')
    >>> normalize_email("E-mail: Jan@Corp.nl"), normalize_email("privé: jan@corp.nl")
    ('jan@corp.nl', 'jan@corp.nl')
    """
    text = str(value).strip()
    compact = _EMAIL_LABEL.sub("", text, count=1)
    # Outlook's 'Jan de Vries <jan@x.nl>' (with the ';' of a list of recipients after it)
    named = _NAMED_ADDRESS.fullmatch(compact.rstrip(";, "))
    if named:
        compact = named.group(1)
    compact = _sloppy_address(compact).lower()
    if compact.count("@") > 1:
        raise ValueError(f"e-mail {shown(text)} holds more than one address; keep one per row")
    if not _EMAIL.fullmatch(compact) or ".." in compact:
        raise ValueError(
            f"e-mail {shown(text)} is not an e-mail address; write it as name@example.nl"
        )
    return compact
