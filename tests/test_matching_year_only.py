"""A birth date known by its year only (issue #10): the BRP's partial ``00-00-1965`` and a
register's year-only 1 January (``ingest.validate_rows._drop_year_only_birth_dates``) are
left out as dates, but their year is kept (``_birth_date_year``) and matched as the level
``birth.year_only``: the same year adds a little (a name with a typo and the address make a
link), a name and a year alone make at most a possible match, another year is
``birth.different``, and a year 15+ apart is a parent and child (``family.generation``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from coi_graph.graph.build import person_records
from coi_graph.match.compare import (
    DEFAULT_WEIGHTS, PersonRecord, compare, family_apart, has_support, prepare,
    record_fingerprint)
from coi_graph.match.explain import TEXTS, feature_text
from coi_graph.match.records import match_people, match_within
from coi_graph.policy import MatchingPolicy
from ingest import read_dataset

D = dt.date
POL = MatchingPolicy()
HOME = "3511AB|12|"


def cmp(a: PersonRecord, b: PersonRecord):
    return compare(prepare(a), prepare(b), DEFAULT_WEIGHTS, 20, 17)


def codes(c) -> list[str]:
    return [f.code for f in c.features]


def rec(key: str, name: str, bd: dt.date | None = None, addr: str | None = None,
        year: int | None = None) -> PersonRecord:
    return PersonRecord(key, name, bd, addr, birth_year=year)


def test_same_name_and_birth_year_alone_is_at_most_a_possible_match() -> None:
    """Namesakes born in one year are common: Jan de Vries born in 1965 (year only) and
    one born on 4 March 1965 are a possible match, never a link, however rare the name."""
    for other in (rec("b", "Jan de Vries", D(1965, 3, 4)), rec("b", "Jan de Vries", year=1965)):
        c = cmp(rec("a", "Jan de Vries", year=1965), other)
        assert c.band == "possible", codes(c)
        assert "birth.year_only" in codes(c)
    # a rare name's bonus would lift it over the threshold: the year still limits it
    c = compare(prepare(rec("a", "Jan de Vries", year=1965)),
                prepare(rec("b", "Jan de Vries", D(1965, 3, 4))),
                {**DEFAULT_WEIGHTS, "given.exact": 9.0}, 20, 17)
    assert c.weight >= 20 and c.band == "possible"
    assert codes(c)[-1] == "limit.year_only"


def test_same_birth_year_and_address_make_a_match() -> None:
    """With the address, the year makes a link even with a typo in the given name (8 + 3.5
    + 3 + 6 = 20.5; 17.5, a possible match, without the year); a typo in the surname stays
    a possible match (4.5 + 6 + 3 + 6 = 19.5)."""
    got = match_people([rec("probe:1", "Jan de Vries", None, HOME, 1965)],
                       [rec("ref:1", "Jan de Vries", D(1965, 3, 4), HOME)], POL)
    assert [(m.band, "birth.year_only" in [f.code for f in m.features]) for m in got] == [
        ("match", True)]
    typo = rec("a", "Peiter de Vries", None, HOME, 1965)
    c = cmp(typo, rec("b", "Pieter de Vries", D(1965, 3, 4), HOME))
    assert c.band == "match" and c.weight == 20.5, (c.band, c.weight)
    c = cmp(rec("a", "Peiter de Vries", None, HOME), rec("b", "Pieter de Vries", D(1965, 3, 4),
                                                         HOME))
    assert c.band == "possible"  # no year
    c = cmp(rec("a", "Jan de Vris", None, HOME, 1965), rec("b", "Jan de Vries", D(1965, 3, 4),
                                                          HOME))
    assert c.band == "possible" and c.weight == 19.5, (c.band, c.weight)  # typo: 4.5
    c = cmp(rec("a", "Jan de Vris", None, HOME, 1965),
            rec("b", "Jan de Vries", None, HOME, 1965))
    assert c.band == "possible"  # (the year is no day: 4.5 + 6 + 3 + 6 = 19.5)
    c = cmp(rec("a", "Jan Pieter de Vries", None, HOME, 1965),
            rec("b", "Jan de Vries", D(1965, 3, 4), HOME))
    assert c.band == "match" and "limit.year_only" not in codes(c)


def test_another_birth_year_is_a_different_birth_date() -> None:
    """Jan de Vries born in 1965 and one born in 1968, at one address: two people (before,
    the year was lost and name + address made a link)."""
    got = match_people([rec("probe:1", "Jan de Vries", None, HOME, 1965)],
                       [rec("ref:1", "Jan de Vries", D(1968, 3, 4), HOME)], POL)
    assert [m.band for m in got if m.band != "none"] == []
    c = cmp(rec("a", "Jan de Vries", None, HOME, 1965), rec("b", "Jan de Vries", None, HOME,
                                                           1968))
    assert "birth.different" in codes(c) and c.band == "none"


def test_a_parent_and_child_by_their_years_are_two_people() -> None:
    """A father known by his birth year (1940) and his son (1970), one name, one address:
    ``family.generation`` as for full dates; ``family_apart`` and ``has_support`` say what
    ``compare`` does."""
    father = rec("a", "Jan de Vries", None, HOME, 1940)
    son = rec("b", "Jan de Vries", D(1970, 5, 6), HOME)
    c = cmp(father, son)
    assert "family.generation" in codes(c) and c.band == "none", codes(c)
    assert family_apart(prepare(father), prepare(son))
    assert match_within([father, son], POL) == []
    # 14 years apart: no generation (and no support: another year)
    near = rec("c", "Jan de Vries", None, None, 1956)
    assert not family_apart(prepare(near), prepare(son))
    assert "family.generation" not in codes(cmp(near, son))
    # support: the same year where a side has no day; nothing else in these records
    assert has_support(prepare(rec("x", "A", year=1965)), prepare(rec("y", "A", D(1965, 1, 2))))
    assert not has_support(prepare(rec("x", "A", year=1965)),
                           prepare(rec("y", "A", D(1966, 1, 2))))


def test_twins_with_full_dates_and_a_year_beside_a_full_date() -> None:
    """Twins (same surname and birth date, another given name) stay two people; a year
    known without its day beside a full date is no birth date (no twin rule on a year: two
    siblings a year apart would not tell), and the full date wins over a record's year."""
    c = cmp(rec("a", "Tim de Vries", D(1990, 2, 3), HOME), rec("b", "Kees de Vries",
                                                               D(1990, 2, 3), HOME))
    assert "family.twin" in codes(c) and c.band == "none"
    c = cmp(rec("a", "Tim de Vries", None, HOME, 1990), rec("b", "Kees de Vries", None, HOME,
                                                           1990))
    assert "family.household" in codes(c) and c.band == "none"
    # a record with a date: its year is the date's, whatever birth_year says
    c = cmp(rec("a", "Jan de Vries", D(1965, 3, 4), None, 1990),
            rec("b", "Jan de Vries", D(1965, 3, 4)))
    assert "birth.exact" in codes(c)


def test_the_year_is_in_the_fingerprint_and_explained_in_both_languages() -> None:
    """A record whose year changes is judged anew; a record without a year keeps the
    fingerprint it had (no year: nothing added)."""
    a, b = rec("a", "Jan", None, None, 1965), rec("a", "Jan", None, None, 1966)
    assert record_fingerprint(a) != record_fingerprint(b)
    assert record_fingerprint(rec("a", "Jan")) == record_fingerprint(PersonRecord("a", "Jan",
                                                                                  None, None))
    c = cmp(rec("a", "Jan de Vries", year=1965), rec("b", "Jan de Vries", D(1965, 3, 4)))
    for f in c.features:
        if f.code in ("birth.year_only", "limit.year_only"):
            assert f.code in TEXTS
            en, nl = feature_text(f, "en"), feature_text(f, "nl")
            assert en != nl and "?" not in en + nl
    f = next(f for f in c.features if f.code == "birth.year_only")
    assert feature_text(f, "nl") == ("geboortejaar 1965 / 1965-03-04: hetzelfde jaar, de dag "
                                     "is aan een kant niet bekend (+3)")


TODAY = dt.date(2025, 1, 1)


def _folder(tmp_path: Path, dates: list[str]) -> Path:
    """Relatives (one employee each) with these birth dates, named ``p0``, ``p1``, ..."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    lines = ["relative_id,employee_id,relation,name,birth_date"]
    lines += [f"R{i},E{i},sibling,Person{i} Smith{i},{d}" for i, d in enumerate(dates)]
    emp = ["employee_id,name"] + [f"E{i},Staff {i}" for i in range(len(dates))]
    (tmp_path / "relatives.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "employees.csv").write_text("\n".join(emp) + "\n", encoding="utf-8")
    (tmp_path / "organizations.csv").write_text("org_id,name\nO1,Acme\n", encoding="utf-8")
    return tmp_path


def _years(ds) -> dict[str, object]:
    rel = ds.frame("relatives")
    if "_birth_date_year" not in rel.columns:
        return {}
    return {r: (None if pd.isna(y) else int(y))
            for r, y in zip(rel["relative_id"], rel["_birth_date_year"])}


def test_ingest_keeps_the_year_of_a_partial_birth_date(tmp_path: Path) -> None:
    """``00-00-1965``, ``1965-00-00`` and ``00-03-1970`` are left out as dates (as before),
    their years kept; an unreadable date and ``00-00-0000`` keep none; the records carry
    the year (``person_records``)."""
    ds = read_dataset(_folder(tmp_path, ["00-00-1965", "1965-00-00", "00-03-1970",
                                         "31-02-1980", "00-00-0000", "04-05-1966"]),
                      today=TODAY)
    assert ds.frame("relatives")["birth_date"].iloc[:5].isna().all()
    assert _years(ds) == {"R0": 1965, "R1": 1965, "R2": 1970, "R3": None, "R4": None,
                          "R5": None}
    recs = {r.key: r for r in person_records(ds)}
    assert recs["relative:R0"].birth_year == 1965 and recs["relative:R0"].birth_date is None
    assert recs["relative:R5"].birth_year is None
    assert ds.tables["relatives"].columns_not_used == []


def test_ingest_keeps_the_year_of_a_year_only_column_not_of_a_placeholder(
        tmp_path: Path) -> None:
    """A column of year-only 1 January dates (30 of 70, on 30 years) keeps each year; a
    placeholder ``01-01-1970`` on 30 of 70 rows (one year: not year-only) keeps none, and
    the frame has no year column at all (so outputs stay as they were)."""
    # (from 1901: 1900-01-01 is a database's "unknown", read as empty before this)
    year_only = [f"{1901 + i}-01-01" for i in range(30)] + [
        f"{1900 + i}-{1 + i % 12:02d}-{2 + i % 27:02d}" for i in range(40)]
    ds = read_dataset(_folder(tmp_path / "y", year_only), today=TODAY)
    years = _years(ds)
    assert [years[f"R{i}"] for i in range(30)] == list(range(1901, 1931))
    assert all(years[f"R{i}"] is None for i in range(30, 70))
    placeholder = ["01-01-1970"] * 30 + [
        f"{1900 + i}-{1 + i % 12:02d}-{2 + i % 27:02d}" for i in range(40)]
    ds = read_dataset(_folder(tmp_path / "p", placeholder), today=TODAY)
    assert ds.frame("relatives")["birth_date"].iloc[:30].isna().all()
    assert "_birth_date_year" not in ds.frame("relatives").columns


def test_a_year_only_record_meets_the_records_of_its_year_through_the_matcher() -> None:
    """Blocking: a record known by its year only carries the year's date-typo key (surname,
    given-name letter, year), so ``Thomas Sharp`` born in 1770 (year only) meets one born on
    6 May 1770 and one known as 1770, with no address: possible matches (historical_50k's
    missed pairs); one known as 1771 is not one; the same whichever side is the probe and
    within one set."""
    a = rec("probe:1", "Thomas Sharp", year=1770)
    b = rec("ref:1", "Thomas Sharp", D(1770, 5, 6))
    c = rec("ref:2", "Thomas Sharp", year=1770)
    d = rec("ref:3", "Thomas Sharp", year=1771)
    got = {(m.probe, m.reference, m.band) for m in match_people([a], [b, c, d], POL)}
    assert got == {("probe:1", "ref:1", "possible"), ("probe:1", "ref:2", "possible")}
    got = {(m.probe, m.reference, m.band) for m in match_people([b], [a, c, d], POL)}
    assert got == {("ref:1", "probe:1", "possible"), ("ref:1", "ref:2", "possible")}
    got = {frozenset((m.probe, m.reference)) for m in match_within([a, b, c, d], POL)}
    assert got == {frozenset(p) for p in (("probe:1", "ref:1"), ("probe:1", "ref:2"),
                                          ("ref:1", "ref:2"))}
