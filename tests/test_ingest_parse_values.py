"""Column parsers: every accepted form of dates, amounts, booleans and enumerations."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.enum_synonyms import RELATIONS, enum_key
from ingest.parse_values import (
    as_text,
    parse_amount,
    parse_bool,
    parse_date,
    parse_enum,
    parse_house_numbers,
    parse_text,
)


def col(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str")


# ------------------------------------------------------------------ text


def test_as_text_strips_and_keeps_leading_zeros() -> None:
    assert as_text(col(" 007 ", "", "NA")).tolist() == ["007", "", "NA"]


def test_as_text_of_excel_values() -> None:
    raw = pd.Series([7, 7.0, 7.5, None, dt.datetime(2024, 3, 1), True, " x "], dtype=object)
    assert as_text(raw).tolist() == ["7", "7", "7.5", "", "2024-03-01", "true", "x"]


def test_parse_text_empty_is_missing() -> None:
    values = parse_text(col("a", "")).values
    assert values.iloc[0] == "a" and pd.isna(values.iloc[1])
    assert str(values.dtype) == "str"


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "value",
    ["2024-03-01", "01-03-2024", "1-3-2024", "01/03/2024", "1/3/2024", "01.03.2024", "1.3.2024",
     "2024-03-01 00:00:00", "2024-03-01T00:00:00", "2024-03-01 13:45:10", "2024-03-01 00:00",
     "01-03-2024 00:00:00", "2024/03/01",
     # a date cell Excel shows with the month's name, as it writes it to CSV; ERP's compact
     "1 maart 2024", "01-mrt-2024", "1 mrt. 2024", "1-Mar-2024", "1 March 2024", "20240301"],
)
def test_date_forms(value: str) -> None:
    parsed = parse_date(col(value))
    assert len(parsed.bad) == 0
    assert parsed.values.iloc[0] == pd.Timestamp("2024-03-01")
    assert str(parsed.values.dtype) == "datetime64[ns]"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("31-02-2024", ["'31-02-2024'", "not an existing date", "01-03-2024"]),
        ("2024-02-30", ["not an existing date"]),
        ("03/25/2024", ["not an existing date", "day"]),
        ("01-03-1850", ["1850", "between 1900 and 2100"]),
        ("01-03-2150", ["2150"]),
        ("01-03-24", ["four digits"]),
        ("45352", ["Excel date number"]),
        ("maart 2024", ["is not a date", "2024-03-01", "01/03/2024"]),
        ("31 feb 2024", ["not an existing date"]),
        ("20241301", ["not an existing date"]),
        ("1-mrt-24", ["four digits"]),
        ("10-01-202", ["year of 3 digit(s)", "four digits"]),  # a digit lost, not the day
        ("1-3-19800", ["year of 5 digit(s)"]),
        ("1 smarch 2024", ["is not a date"]),
        ("March 1, 2024", ["is not a date", "1 maart 2024"]),  # month first: not read
    ],
)
def test_bad_dates(value: str, words: list[str]) -> None:
    parsed = parse_date(col("2024-01-01", value))
    assert parsed.bad.tolist() == [1]
    assert pd.isna(parsed.values.iloc[1])
    for word in words:
        assert word in parsed.messages[0]


def test_dates_mixed_forms_in_one_column() -> None:
    parsed = parse_date(col("2024-03-01", "", "2-3-2024", "03/03/2024", "04.03.2024"))
    assert [d.day if not pd.isna(d) else None for d in parsed.values] == [1, None, 2, 3, 4]
    assert len(parsed.bad) == 0


# ---------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234.56", 1234.56),
        ("1234,56", 1234.56),
        ("1.234,56", 1234.56),
        ("€ 1.234,56", 1234.56),
        ("€1.234,56", 1234.56),
        ("EUR 1.234,56", 1234.56),
        ("1.234,56 EUR", 1234.56),
        ("-1.234,56", -1234.56),
        ("€ -1.234,56", -1234.56),
        ("1,234.56", 1234.56),
        ("1.234.567", 1234567.0),
        ("1.234.567,89", 1234567.89),
        ("1,234,567", 1234567.0),
        ("1.234", 1234.0),      # Dutch thousands (documented decision)
        ("48.000", 48000.0),
        ("1,234", 1.234),       # a lone comma is a decimal comma
        ("0.500", 0.5),         # a first group starting with 0 is no thousands group
        ("1234.567", 1234.567),  # a first group of four digits is no thousands group
        ("€ 48.000,-", 48000.0),
        ("1 234,56", 1234.56),
        ("1\u00a0234,56", 1234.56),
        ("+5", 5.0),
        (",5", 0.5),
        ("12", 12.0),
        ("-3", -3.0),
        ("1.234,56-", -1234.56),  # a credit as SAP and Exact write it
        ("€ 12,00-", -12.0),
        ("(1.234,56)", -1234.56),  # and as an accountant does
        ("(12)", -12.0),
        ("€ -", 0.0),  # Excel's Accounting format writes a zero so
        ("EUR  -  ", 0.0),
    ],
)
def test_amount_forms(value: str, expected: float) -> None:
    parsed = parse_amount(col(value))
    assert len(parsed.bad) == 0, parsed.messages
    assert parsed.values.iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize("value", ["twaalf", "12.34,56", "1,2,3", "1.2.3", "-", "nan", "€", "12-",
                                   "(12", "12)", "(-5)", "5--", "1-2"])
def test_bad_amounts(value: str) -> None:
    parsed = parse_amount(col("1", value))
    assert parsed.bad.tolist() == [1]
    assert "is not an amount" in parsed.messages[0] and "1.234,56" in parsed.messages[0]


@pytest.mark.parametrize("value", ["1e5", "1,23E+08", "-4.5E-02"])
def test_excel_s_scientific_form_is_reported_as_such(value: str) -> None:
    parsed = parse_amount(col("1", value))
    assert parsed.bad.tolist() == [1]
    assert "scientific form, rounded" in parsed.messages[0]


def test_amounts_plain_fast_path_and_mixed_column() -> None:
    values = parse_amount(col("12.50", "-3", "", "7")).values
    assert values.iloc[[0, 1, 3]].tolist() == [12.5, -3.0, 7.0]
    assert np.isnan(values.iloc[2])
    mixed = parse_amount(col("12.50", "1.234,50", "€ 3")).values.tolist()
    assert mixed == [12.5, 1234.5, 3.0]


def test_amount_native_excel_numbers_are_taken_as_is() -> None:
    raw = pd.Series([1.234, 1234, "1.234"], dtype=object)
    parsed = parse_amount(as_text(raw), raw)
    assert parsed.values.tolist() == [1.234, 1234.0, 1234.0]


def test_percentages() -> None:
    parsed = parse_amount(col("25%", "12,5 %", "100"), percent=True)
    assert parsed.values.tolist() == [25.0, 12.5, 100.0]


def _dutch(value: Decimal) -> str:
    """Format like Dutch Excel: thousands '.', decimal ','."""
    sign = "-" if value < 0 else ""
    whole, _, cents = f"{abs(value):.2f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{sign}{'.'.join(groups)},{cents}"


amounts = st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"),
                      places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(amounts, st.sampled_from(["{}", "€ {}", "€{}", "EUR {}", "{} EUR"]))
def test_dutch_amounts_round_trip(value: Decimal, template: str) -> None:
    text = template.format(_dutch(value))
    parsed = parse_amount(col(text))
    assert len(parsed.bad) == 0, (text, parsed.messages)
    assert parsed.values.iloc[0] == pytest.approx(float(value), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=20))
def test_plain_amount_columns_round_trip(values: list[Decimal]) -> None:
    parsed = parse_amount(col(*[f"{v:.2f}" for v in values]))
    assert len(parsed.bad) == 0
    assert parsed.values.tolist() == pytest.approx([float(v) for v in values])


# --------------------------------------------------------------- booleans


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ja", True), ("Nee", False), ("yes", True), ("NO", False), ("true", True), ("False", False),
     ("1", True), ("0", False), ("j", True), ("n", False), ("Y", True), ("WAAR", True),
     ("onwaar", False), ("x", True), ("X", True)],
)
def test_boolean_forms(value: str, expected: bool) -> None:
    parsed = parse_bool(col(value))
    assert len(parsed.bad) == 0
    assert bool(parsed.values.iloc[0]) is expected


def test_empty_is_false_when_the_column_marks_yes_with_x() -> None:
    assert parse_bool(col("x", "", "X")).values.tolist() == [True, False, True]


def test_empty_is_missing_otherwise() -> None:
    values = parse_bool(col("ja", "", "nee")).values
    assert bool(values.iloc[0]) is True
    assert pd.isna(values.iloc[1])
    assert str(values.dtype) == "boolean"


def test_bad_boolean() -> None:
    parsed = parse_bool(col("ja", "misschien"))
    assert parsed.bad.tolist() == [1]
    assert "'misschien' is not yes or no" in parsed.messages[0]


# ---------------------------------------------------------------- enums


def test_enum_codes_synonyms_default_and_unknown() -> None:
    parsed = parse_enum(col("Partner", "ECHTGENOOT", "", "parent-in-law", "buurman"), RELATIONS,
                        "relation", default="other")
    assert parsed.values.tolist()[:4] == ["partner", "partner", "other", "parent_in_law"]
    assert parsed.bad.tolist() == [4]
    assert "use one of: partner, parent" in parsed.messages[0]


@pytest.mark.parametrize(("word", "code"), [
    ("samenwonend", "partner"), ("Stiefzoon", "child"), ("pleegdochter", "child"),
    ("Stiefmoeder", "parent"), ("halfzus", "sibling"), ("Neef", "other"), ("tante", "other"),
    ("Ex-partner", "other"), ("ex echtgenote", "other")])
def test_relations_as_hr_systems_write_them(word: str, code: str) -> None:
    """Step, foster and half relatives and further family, as HR registers them: each a
    relation, not an unknown word that skips the relative's row."""
    parsed = parse_enum(col(word), RELATIONS, "relation", default="other")
    assert parsed.values.tolist() == [code] and len(parsed.bad) == 0


def test_the_dutch_the_tool_writes_is_read_back_as_its_code() -> None:
    """An export made from the tool's own Dutch pages or CSV (``verhuring``, ``inkooporder``,
    ``geschenk``, ``in behandeling``) reads back as the codes it came from."""
    from coi_graph import labels
    from ingest import enum_synonyms as es

    for code, word in labels.DECISION_KINDS_NL.items():
        vocab = es.ALLOCATION_KINDS if code in es.ALLOCATION_KINDS.codes else es.CONTRACT_KINDS
        assert vocab.lookup(word) == code, (code, word)
    for code, (word, _) in labels._GIFT_KINDS.items():
        assert es.GIFT_KINDS.lookup(word) == code, (code, word)
    for code, (word, _) in labels.DECLARATION_STATUSES.items():
        assert es.DECLARATION_STATUSES.lookup(word) == code, (code, word)
    for code, (word, english) in labels.DECLARATION_KINDS.items():
        assert es.DECLARATION_KINDS.lookup(word) == code, (code, word)
        assert es.DECLARATION_KINDS.lookup(english) == code, (code, english)


def test_a_declaration_of_another_kind_reads_as_other_interest_in_either_language() -> None:
    """Its path said 'belang' / 'interest', which reads as a financial interest; now it
    says what it is, and the English of its Dutch label is found."""
    from coi_graph.labels import declaration_text, link_label_text

    nl = declaration_text("other", None, "approved", "nl")
    assert nl == "overig belang (goedgekeurd)"
    assert declaration_text("other", None, "approved", "en") == "other interest (approved)"
    assert link_label_text("declaration", nl, "en") == "other interest (approved)"
    from ingest import enum_synonyms as es

    assert es.DECLARATION_KINDS.lookup("overig belang") == "other"
    assert es.ALLOCATION_BASES.lookup("overig belang") is None  # a declaration's word only


@pytest.mark.parametrize(("vocab", "word", "code"), [
    ("CONTRACT_KINDS", "Inkoopopdracht", "purchase_order"),
    ("CONTRACT_KINDS", "raamcontract", "contract"), ("CONTRACT_KINDS", "creditnota", "invoice"),
    ("ALLOCATION_KINDS", "Reguliere verhuur", "rental"),
    ("DECLARATION_KINDS", "bestuursfunctie", "side_function"),
    ("DECLARATION_STATUSES", "beëindigd", "withdrawn"),
    ("GIFT_KINDS", "cadeaubon", "money"), ("EMPLOYEE_ROLES", "stagiair", "employee"),
    ("ALLOCATION_BASES", "Lotingsmodel", "other")])
def test_enum_words_of_real_exports(vocab: str, word: str, code: str) -> None:
    from ingest import enum_synonyms as es

    assert getattr(es, vocab).lookup(word) == code


@pytest.mark.parametrize(("vocab", "word", "code"), [
    ("RELATIONS", "dochtr", "child"), ("RELATIONS", "echtgenotte", "partner"),
    ("RELATIONS", "schoonmoedr", "parent_in_law"), ("DECLARATION_KINDS", "neven functie",
                                                    "side_function"),
    ("DECLARATION_KINDS", "Nevenfunctie (bezoldigd)", "side_function"),
    ("DECLARATION_KINDS", "financeel belang", "financial_interest"),
    ("DECLARATION_STATUSES", "goedgekeud", "approved"), ("CONTRACT_KINDS", "facuur", "invoice"),
    ("EMPLOYEE_ROLES", "leidinggevnde", "manager")])
def test_a_close_spelling_is_read_with_a_note(vocab: str, word: str, code: str) -> None:
    """Typos as people make them in every other row: read as the word they are one typo
    (two in a long word) from, with a note on the row saying so; not an unknown word
    that skips the row."""
    from ingest import enum_synonyms as es

    parsed = parse_enum(col(word, "qqq" + word + "qqq"), getattr(es, vocab), "kind")
    assert parsed.values.tolist()[0] == code and parsed.bad.tolist() == [1]
    assert parsed.noted.tolist() == [0]
    assert f"is read as {code}" in parsed.notes[0]


@pytest.mark.parametrize(("word", "code"), [
    ("Echtgenote (gescheiden)", "other"), ("Echtgenoot (ex)", "other"),
    ("partner ex", "other"), ("Echtgenoot gescheiden", "other"),
    ("schoonmoeder (ex)", "other"), ("huisgenoot (voormalig)", "other"),
    ("Echtgenote (2e huwelijk)", "partner"), ("Partner (samenwonend)", "partner"),
    ("Zoon (ex)", "child"), ("Partner, gescheiden", "other"), ("Echtgenote; ex", "other"),
    ("Partner (overleden)", "other"), ("Echtgenoot, overl.", "other"), ("Partner †", "other"),
    ("Partner, samenwonend", "partner"), ("Dochter, overleden", "child")])
def test_a_remark_that_the_relation_ended_makes_a_former_partner_other(word: str,
                                                                      code: str) -> None:
    """``Echtgenote (gescheiden)`` is a former spouse: ``other``, as ``ex-partner`` is, not
    the partner whose interests the rules count; the family by that marriage likewise.  A
    remark that says nothing of an end keeps the word's code, and a child stays a child."""
    parsed = parse_enum(col(word), RELATIONS, "relation", default="other")
    assert parsed.values.tolist() == [code] and parsed.bad.tolist() == []
    assert parsed.noted.tolist() == [0] and f"is read as {code}" in parsed.notes[0]


@pytest.mark.parametrize("word", ["zon", "broeder", "buurman", "moeders kant", "bother"])
def test_no_close_spelling_for_short_far_or_ambiguous_words(word: str) -> None:
    """``zon`` is too short to tell a typo from another word; ``broeder`` is as far from
    ``broer`` as from ``moeder``; ``bother`` is one typo from ``mother``, ``brother`` and
    ``other``: each stays unknown."""
    parsed = parse_enum(col(word), RELATIONS, "relation", default="other")
    assert parsed.bad.tolist() == [0] and len(parsed.noted) == 0


def test_enum_key() -> None:
    assert enum_key("  Privé-Transactie ") == "prive transactie"
    assert enum_key("in_behandeling") == "in behandeling"


# ---------------------------------------------------------- house numbers


def test_house_numbers_in_either_column() -> None:
    number, addition = parse_house_numbers(col("12a", "12", "12-2", "", "x"), col("", "b", "", "c", ""))
    assert number.values.tolist()[:3] == ["12", "12", "12"]
    assert addition.values.tolist()[:4] == ["A", "B", "2", "C"]
    assert pd.isna(number.values.iloc[3])
    assert number.bad.tolist() == [4]
    assert "does not start with a number" in number.messages[0]


def test_accounting_format_zero_is_a_plain_zero() -> None:
    """`€ -` is Excel's Accounting zero: 0.0, not -0.0 (it would print as `-0`), and a bare
    dash, which may be a placeholder for no value, is not read as one."""
    import math

    parsed = parse_amount(col("€ -", "-"))
    assert parsed.values.iloc[0] == 0.0 and math.copysign(1, parsed.values.iloc[0]) == 1
    assert parsed.bad.tolist() == [1]


@pytest.mark.parametrize("table, column, word, code", [
    ("relatives", "relation", "Echtgenoot/echtgenote", "partner"),
    ("relatives", "relation", "Zoon/dochter", "child"),
    ("relatives", "relation", "Broer / zus", "sibling"),
    ("declarations", "kind", "Nevenfunctie/bijbaan", "side_function"),
    ("gifts", "kind", "Cadeaubon/waardebon", "money"),
    # two things, or one word and nothing known: not guessed
    ("relatives", "relation", "Zoon/neef", None),
    ("declarations", "kind", "Nevenfunctie/aandelen", None),
    ("relatives", "relation", "Zoon/xyzzy", None),
])
def test_an_enum_value_of_two_words_for_one_code_is_that_code(
        table: str, column: str, word: str, code: str | None) -> None:
    """A form's or HR system's choice written as two words with ``/`` (``Zoon/dochter``,
    ``Echtgenoot/echtgenote``) is the code both name; a relation required on the row was
    refused, the row with it."""
    from ingest.parse_values import parse_enum
    from ingest.tables import TABLES

    spec = TABLES[table].column(column)
    parsed = parse_enum(pd.Series([word]), spec.vocabulary, spec.name, spec.default,
                        spec.open_vocabulary)
    if code is None:
        assert parsed.bad.tolist() == [0], parsed.values.tolist()
    else:
        assert parsed.values.tolist() == [code] and not len(parsed.bad), parsed.messages


@pytest.mark.parametrize("table, column, word, code", [
    # a remark after the word that starts with "d.d." (de dato), as registers date it
    ("declarations", "status", "Toestemming verleend d.d. 1-3-2024", "approved"),
    ("declarations", "status", "Afgewezen d.d. 2-2-2024", "rejected"),
    ("declarations", "status", "Geaccordeerd", "approved"),
    ("declarations", "status", "Nog te beoordelen", "pending"),
    ("allocations", "kind", "Studentenkamer", "rental"),
    ("allocations", "kind", "Zelfstandige woonruimte", "rental"),
    ("allocations", "kind", "Wisselwoning", "rental"),
    ("allocations", "basis", "Zoektijd", "list"),
    ("allocations", "basis", "Regulier aanbod", "list"),
    ("allocations", "basis", "Eerste reageerder", "list"),
])
def test_words_registers_and_allocation_systems_write(table: str, column: str, word: str,
                                                      code: str) -> None:
    """Found by probing an integrity register's statuses and a lettings system's kinds and
    bases: each was "not a known ..." (a status left out, a letting's basis unknown)."""
    from ingest.parse_values import parse_enum
    from ingest.tables import TABLES

    spec = TABLES[table].column(column)
    parsed = parse_enum(pd.Series([word]), spec.vocabulary, spec.name, spec.default,
                        spec.open_vocabulary)
    assert parsed.values.tolist() == [code] and not len(parsed.bad), parsed.messages


def test_niet_van_toepassing_written_out_is_no_value() -> None:
    """``n.v.t.`` was no value, the words it stands for were a value to refuse."""
    from ingest.no_value import is_no_value

    assert is_no_value("Niet van toepassing") and is_no_value("not applicable")
    assert not is_no_value("niet van toepassing op X")


def test_a_credit_marked_after_the_amount_is_negative_and_a_debit_as_written() -> None:
    """Ledgers and bank statements mark a credit after the amount (``1.250,00 CR``,
    ``€ 1.250,00 (credit)``): the bracketed word was dropped as a remark, so a credit note
    was read as +1.250 (a purchase of that amount), and ``CR`` was "not an amount"."""
    values = ["€ 1.250,00 (credit)", "1.250,00 CR", "75,00 Cr.", "1.250,00 (Creditnota)",
              "-1.250,00 CR", "1.250,00 DR", "1.250,00 debet", "€ 30 (2 kaarten)", "12 CRX"]
    parsed = parse_amount(col(*values))
    got = parsed.values.tolist()
    assert got[:8] == [-1250.0, -1250.0, -75.0, -1250.0, -1250.0, 1250.0, 1250.0, 30.0]
    assert math.isnan(got[8]) and len(parsed.messages) == 1 and "12 CRX" in parsed.messages[0]
