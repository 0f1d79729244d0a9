"""Parsing a column once per distinct value gives what parsing every row gives.

``parse_values.parse_distinct`` parses the distinct values of a column that repeats few of
them and maps the result back to the rows by code.  Here each column parser gets columns
drawn from a small pool of awkward values, good and bad ones, and the two ways must agree
on every value (and its dtype), every bad row and every message.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

import ingest.identifiers as ni
from ingest import parse_values
from ingest.enum_synonyms import CONTRACT_KINDS, OFFICER_ROLES
from ingest.parse_values import (
    as_text,
    parse_bool,
    parse_date,
    parse_distinct,
    parse_enum,
    parse_identifier,
    parse_rank,
)

_POOLS: dict[str, tuple] = {
    "date": (parse_date, (), ["", "2024-03-01", "01-03-2024", "1-3-2024", "31-02-2024",
                              "12-3-24", "1899-12-31", "1 maart 2024", "20240301", "45352",
                              "2024-03-01 10:15", "01/03/2024", "x", "2101-01-01",
                              "0024-03-01", "\u0663-3-2024"]),
    "bool": (parse_bool, (), ["", "ja", "Nee", "x", "X", "1", "0", "misschien", "j", "??"]),
    "bool without x": (parse_bool, (), ["", "ja", "nee", "waar", "onwaar", "2"]),
    "rank": (parse_rank, (), ["", "1", "012", "0", "-2", "2.5", "eerste", "1234567890"]),
    "enum": (parse_enum, (CONTRACT_KINDS, "kind", "contract", False),
             ["", "invoice", "Factuur", "inkoopopdracht", "contract", "facuur", "onbekend", "  ",
              "ALLE"]),
    "open enum": (parse_enum, (OFFICER_ROLES, "role", None, True),
                  ["", "bestuurder", "Directeur", "Vreemde  Rol", "commissaris"]),
    "iban": (parse_identifier, (ni.normalize_iban,),
             ["", "NL91ABNA0417164300", "nl91 abna 0417 1643 00", "NL91ABNA0417164301",
              "IBAN: NL91ABNA0417164300", "DE89370400440532013000", "NL00XXXX", "111222333"]),
    "phone": (parse_identifier, (ni.normalize_phone,),
              ["", "06-12345678", "+31 (0)20 123 4567", "0612", "tel: 020-1234567",
               "+32 2 123 45 67", "abc", "0031612345678"]),
    "postcode": (parse_identifier, (ni.normalize_postcode,),
                 ["", "1234 AB", "1234ab", "0123AB", "1234SA", "12345", "1234\u00a0AB"]),
    "email": (parse_identifier, (ni.normalize_email,),
              ["", "Jan@Example.NL", "mailto:a@b.nl", "a..b@x.nl", "a@b@c.nl", "geen"]),
    "kvk": (parse_identifier, (ni.normalize_kvk,),
            ["", "12345678", "1234 5678", "KvK 1234567", "123456789012", "0", "12a"]),
}


def _items(parsed: parse_values.Parsed) -> list[str]:
    return [repr(v) for v in parsed.values.tolist()]


@pytest.mark.parametrize("kind", sorted(_POOLS))
def test_distinct_values_parse_as_every_row(kind: str, monkeypatch) -> None:
    parse, args, pool = _POOLS[kind]
    rng = random.Random(len(kind))
    rows = parse_values.DISTINCT_MIN_ROWS + 123
    calls: list[int] = []

    def counted(text: pd.Series, *rest: object) -> parse_values.Parsed:
        calls.append(len(text))
        return parse(text, *rest)

    # the values in random order, and one bad value only once, at the very end
    values = [rng.choice(pool[:-1]) for _ in range(rows)] + [pool[-1]]
    text = as_text(pd.Series(values, dtype="str"))
    every_row = parse(text, *args)
    once = parse_distinct(counted, text, *args)
    assert calls and max(calls) <= len(pool)  # parsed once per distinct value
    assert str(once.values.dtype) == str(every_row.values.dtype)
    assert once.values.index.equals(every_row.values.index)
    assert _items(once) == _items(every_row)
    assert once.bad.tolist() == every_row.bad.tolist()
    assert once.messages == every_row.messages
    assert once.noted.tolist() == every_row.noted.tolist()  # close spellings ('facuur')
    assert once.notes == every_row.notes
    if kind not in ("open enum",):
        assert len(every_row.bad) > 0, kind  # bad values were among them


def test_a_column_of_many_values_is_parsed_as_it_is() -> None:
    calls: list[int] = []

    def counted(text: pd.Series) -> parse_values.Parsed:
        calls.append(len(text))
        return parse_date(text)

    days = pd.date_range("1950-01-01", periods=parse_values.DISTINCT_MIN_ROWS * 2)
    text = as_text(pd.Series(days.strftime("%d-%m-%Y"), dtype="str"))
    got = parse_distinct(counted, text)
    assert calls == [len(text)]
    assert got.values.tolist() == parse_date(text).values.tolist()


def test_a_few_rows_are_parsed_as_they_are() -> None:
    calls: list[int] = []
    text = as_text(pd.Series(["ja", "nee", "x"] * 10, dtype="str"))
    parse_distinct(lambda t: calls.append(len(t)) or parse_bool(t), text)
    assert calls == [30]


def test_a_column_with_missing_values_is_parsed_as_it_is() -> None:
    values = pd.Series(["2024-03-01", None] * parse_values.DISTINCT_MIN_ROWS, dtype="str")
    calls: list[int] = []
    parse_distinct(lambda t: calls.append(len(t)) or parse_values.Parsed(t), values)
    assert calls == [len(values)]


def test_house_numbers_per_distinct_pair_parse_as_every_row(monkeypatch) -> None:
    from ingest.parse_values import parse_house_numbers, parse_house_numbers_distinct

    rng = random.Random(8)
    numbers = ["", "1", "12", "012", "99999", "100000", "0", "12a", "12-2", "12 bis", "7B",
               "a12", "\u0663", "12\u00a0a", "-3"]
    additions = ["", "a", "A", "2", "bis", "-2", "toolongaddition", "ß", "a/b", "\u0663"]
    rows = parse_values.DISTINCT_MIN_ROWS + 77
    pairs = [(rng.choice(numbers), rng.choice(additions)) for _ in range(rows)]
    number = as_text(pd.Series([p[0] for p in pairs], dtype="str"))
    addition = as_text(pd.Series([p[1] for p in pairs], dtype="str"))
    calls: list[int] = []

    def counted(n: pd.Series, a: pd.Series):
        calls.append(len(n))
        return parse_house_numbers(n, a)

    monkeypatch.setattr(parse_values, "parse_house_numbers", counted)
    once = parse_house_numbers_distinct(number, addition)
    assert calls and max(calls) <= len(numbers) * len(additions)
    every_row = parse_house_numbers(number, addition)
    for got, want in zip(once, every_row):
        assert str(got.values.dtype) == str(want.values.dtype)
        assert got.values.index.equals(want.values.index)
        assert _items(got) == _items(want)
        assert got.bad.tolist() == want.bad.tolist() and len(want.bad)
        assert got.messages == want.messages


@pytest.mark.parametrize("kind,pool", [
    ("enum", ["invoice", "contract", "purchase_order"]),
    ("enum", ["invoice", "contract", "Factuur"]),  # one synonym: no longer as written
    ("enum", ["invoice", "contract", ""]),  # empty reads as the default
    ("kvk", ["12345678", "87654321"]),
    ("kvk", ["12345678", "1234567"]),  # a lost leading zero is put back
    ("postcode", ["1234AB", "5678CD"]),
    ("postcode", ["1234AB", "1234 AB"]),
    ("open enum", ["bestuurder", "vreemde rol"]),
    ("bool", ["ja", "nee"]),
])
def test_values_that_read_as_written_give_the_column_itself(kind: str, pool: list[str],
                                                            monkeypatch) -> None:
    """When every distinct value parses to itself (text, nothing missing or reported), the
    column is its own result instead of taking the values by code: the same values, dtype
    and index as parsing every row, on a column whose index does not start at 0."""
    parse, args, _ = _POOLS[kind]
    rng = random.Random(len(pool))
    values = [rng.choice(pool) for _ in range(parse_values.DISTINCT_MIN_ROWS + 7)]
    text = as_text(pd.Series(values, dtype="str", index=range(5, 5 + len(values))))
    every_row = parse(text, *args)
    taken: list[int] = []
    real = parse_values._to_rows
    monkeypatch.setattr(parse_values, "_to_rows",
                        lambda *a: taken.append(1) or real(*a))
    once = parse_distinct(parse, text, *args)
    assert str(once.values.dtype) == str(every_row.values.dtype)
    assert once.values.index.equals(every_row.values.index)
    assert _items(once) == _items(every_row)
    assert once.bad.tolist() == every_row.bad.tolist() and once.messages == every_row.messages
    assert once.noted.tolist() == every_row.noted.tolist() and once.notes == every_row.notes
    as_written = every_row.values.tolist() == values
    assert bool(taken) != as_written  # the column itself exactly when read as written
