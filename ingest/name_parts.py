"""A person's name exported in parts (``Voornaam``, ``Tussenvoegsel``, ``Achternaam``) read
as the one name column the data contract has.

Dutch HR, allocation and KvK exports seldom write a full name: they write the given
names or the call name, the initials, the particle and the surname in columns of their
own (KvK: ``Voornamen``, ``Voorvoegsel``, ``Geslachtsnaam``).  Asking the user to join
them in Excel first loses the provenance and invites mistakes, so a file that has
name-part columns gets its name column built from them, in the order a Dutch name is
written::

    Voornamen "Johannes Petrus", Tussenvoegsel "de", Achternaam "Vries"
        -> "Johannes Petrus de Vries"

The given names are taken from the first of: the registered given names, the call name,
the initials (registered names are what KvK and housing applications hold; the matcher
relates call names and initials to them).  The parts stay in the table as extra
columns, and the name's header in evidence is the parts it was built from
(``Voornaam + Tussenvoegsel + Achternaam``).

A file whose ``Naam`` column holds only the surname beside a ``Voornaam`` column (some
exports call the surname ``Naam``) is recognised by its values: when the name column
practically never holds the given name, it is taken for the surname part.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ingest.header_cache import resolve_headers
from ingest.header_mapping import (
    squeeze,
    without_applicant_word,
    without_co_applicant_word,
)
from ingest.read_files import RawTable, cell_text

__all__ = ["NAME_COLUMN", "NAME_PARTS", "NAME_TARGETS", "NameParts", "all_name_parts",
           "compose_name", "name_parts", "texts_of"]

#: Header synonyms of each name part (compared squeezed: case, spaces and punctuation
#: ignored).  ``given`` before ``call`` before ``initials``: the first one a row has is
#: its given name.
NAME_PARTS: dict[str, tuple[str, ...]] = {
    "given": ("voornamen", "voornaam", "voornamenvoluit", "given name", "given names",
              "first name", "first names", "forename", "forenames"),
    "call": ("roepnaam", "call name", "nickname", "known as"),
    "initials": ("voorletters", "voorletter", "initialen", "initials"),
    "particle": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels",
                 "voorvoegsel geslachtsnaam", "tussenv", "prefix", "name prefix", "particle"),
    "surname": ("achternaam", "geslachtsnaam", "familienaam", "last name", "surname",
                "family name", "lastname"),
}
#: the parts that give a given name, the first one a row has winning
_GIVEN = ("given", "call", "initials")
_PART_OF = {squeeze(s): part for part, synonyms in NAME_PARTS.items() for s in synonyms}

#: the person-name column of each table that has one
NAME_COLUMN = {"employees": "name", "relatives": "name", "officers": "name",
               "allocations": "applicant_name"}
#: every person-name column a table's parts may build (allocations: the co-applicant's too)
NAME_TARGETS = {**{t: (c,) for t, c in NAME_COLUMN.items()},
                "allocations": ("applicant_name", "co_applicant_name")}


def _part(cell: str, target: str) -> str | None:
    key = squeeze(cell)
    if target == "co_applicant_name":  # only headers that say so: Achternaam medeaanvrager
        bare = without_co_applicant_word(key)
        return None if bare is None else _PART_OF.get(bare)
    return _PART_OF.get(without_applicant_word(key) if target == "applicant_name" else key)


def _join(given: str, particle: str, surname: str) -> str:
    """One name from its parts, as it is written: ``Jan`` + ``de`` + ``Vries``; a surname
    written ``Vries, de`` (particle after it) and a particle the surname already starts
    with are taken once.

    >>> _join("Jan", "", "Vries, de"), _join("Jan", "de", "de Vries"), _join("", "", "Bos")
    ('Jan de Vries', 'Jan de Vries', 'Bos')
    """
    core, comma, tail = surname.rpartition(",")
    if comma and core.strip() and tail.strip() and tail.strip().lower().split()[0] in PARTICLES:
        surname, particle = core, particle or tail
    if particle and (surname.lower() + " ").startswith(particle.lower() + " "):
        particle = ""
    return " ".join(f"{given} {particle} {surname}".split())


#: words that begin a Dutch (or Arabic, French) surname particle
PARTICLES = frozenset(("de", "den", "der", "van", "von", "ten", "ter", "te", "het", "'t",
                        "in", "op", "la", "le", "du", "da", "di", "el", "al", "bin", "ben"))


def texts_of(column: pd.Series) -> pd.Series:
    """A read column as stripped text (an .xlsx cell as an export would write it)."""
    if column.dtype == object:
        column = column.map(cell_text)
    return column.fillna("").astype(str).str.strip()


def _holds_given_names(name: pd.Series, given: pd.Series) -> bool:
    """Whether a name column holds the given name (a full name), judged on the rows that
    have both: the given name's first word is a word of the name on at least one in five."""
    both = (name != "") & (given != "")
    if not both.any():
        return True
    first = given[both].str.split().str[0].str.lower()
    words = name[both].str.lower().str.split()
    found = sum(f in w for f, w in zip(first, words))
    return found * 5 >= int(both.sum())


@dataclass(frozen=True)
class NameParts:
    """Which columns of a file a person's name is built from (see :func:`name_parts`)."""

    target: str                 # the contract column built: name or applicant_name
    columns: dict[str, int]     # part -> position in the header
    label: str                  # the headers, as evidence cites them
    surname_was_name: bool      # the surname is in the column the header calls the name

    @property
    def given(self) -> list[str]:
        return [p for p in _GIVEN if p in self.columns]


def all_name_parts(raw: RawTable, spec, table_map=None) -> list[NameParts]:
    """:func:`name_parts` for every person name of the table (an allocation's applicant
    and co-applicant), those exported in parts."""
    plans = [name_parts(raw, spec, table_map, t) for t in NAME_TARGETS.get(spec.name, ())]
    return [p for p in plans if p is not None]


def name_parts(raw: RawTable, spec, table_map=None, target: str | None = None
               ) -> NameParts | None:
    """The name-part columns of a file whose person name (``target``: the table's
    :data:`NAME_COLUMN` unless given) is exported in parts, or ``None`` when that name is
    in one column (or it has no surname part)."""
    target = target or NAME_COLUMN.get(spec.name)
    if target is None or not raw.header:
        return None
    cells = [str(c).strip() for c in raw.header]
    resolved, _notes = resolve_headers(spec, cells, table_map)
    parts: dict[str, int] = {}
    for i, (cell, column) in enumerate(zip(cells, resolved)):
        part = _part(cell, target) if column is None else None
        if part and part not in parts:
            parts[part] = i
    given = [p for p in _GIVEN if p in parts]
    if target in resolved and given and "surname" not in parts:
        # a 'Naam' beside 'Voornaam' may be the surname only: then it is the surname part
        at = resolved.index(target)
        if not _holds_given_names(texts_of(raw.columns[at]), texts_of(raw.columns[parts[given[0]]])):
            parts["surname"] = at
    in_name = target in resolved and parts.get("surname") == resolved.index(target)
    if "surname" not in parts or (target in resolved and not in_name):
        return None
    label = " + ".join(part for part in (
        " / ".join(cells[parts[p]] for p in given),
        cells[parts["particle"]] if "particle" in parts else "",
        cells[parts["surname"]]) if part)
    return NameParts(target, parts, label, in_name)


def compose_name(raw: RawTable, spec, table_map=None) -> dict[str, str]:
    """Build ``raw``'s person-name columns from their name-part columns, in place.

    Returns, per name column built, the header to cite for it (``Voornaam + Tussenvoegsel
    + Achternaam``); empty when the file has its names in one column each (or no surname
    part to build one from).  A built column is added under the contract's own column
    name, so a table split over several files joins it like any other column; a ``Naam``
    column found to hold the surname only is kept as an extra column (``Naam
    (achternaam)``).
    """
    built: dict[str, str] = {}
    for plan in all_name_parts(raw, spec, table_map):
        _build(raw, plan)
        built[plan.target] = plan.label
    return built


def _build(raw: RawTable, plan: NameParts) -> None:
    texts = {p: texts_of(raw.columns[i]) for p, i in plan.columns.items()}
    given = pd.Series("", index=texts["surname"].index, dtype=object)
    for p in reversed(plan.given):  # per row, the first given part it has
        given = texts[p].where(texts[p] != "", given)
    particle = texts.get("particle", pd.Series("", index=given.index, dtype=object))
    joined = pd.Series([_join(a, b, c) for a, b, c in
                        zip(given.tolist(), particle.tolist(), texts["surname"].tolist())],
                       index=given.index, dtype=object)
    at = plan.columns["surname"]
    if plan.surname_was_name:
        raw.header[at] = f"{str(raw.header[at]).strip()} (achternaam)"  # now an extra column
    raw.header.append(plan.target)
    raw.columns.append(joined)
