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

A married person's name (*naamgebruik*): HR systems (Youforce, AFAS, SAP) and BRP-based
exports keep the own surname and the partner's in separate columns (``Geslachtsnaam``,
``Geslachtsnaam partner``, ``Voorvoegsel partner``) with a code for the name the person
uses (BRP *aanduiding naamgebruik*: E own, P partner's, V partner's then own, N own then
partner's).  KvK extracts and housing applications register the own surname while HR
shows the used one, so a person's name in employees, relatives and officers is built as
the full double name, which the matcher relates to either of its surnames
(``surname.part``)::

    Voornaam "Maria", Geslachtsnaam "Jansen", Voorvoegsel partner "de",
    Geslachtsnaam partner "Vries", Naamgebruik "V" or "P" -> "Maria de Vries-Jansen"
                                    "N", "E" or no code -> "Maria Jansen-de Vries"

(P keeps the own name after the partner's, for matching.)  A code that cannot be read is a
warning on its row and column, and the name is written own name first.  A row without a
partner surname gets its name as without these columns.  Allocations are left alone:
there a ``partner`` header is the co-applicant's (``Achternaam partner``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ingest.header_cache import resolve_headers
from ingest.header_mapping import (
    squeeze,
    without_applicant_word,
    without_co_applicant_word,
)
from ingest.read_files import RawTable, cell_text

__all__ = ["NAME_COLUMN", "NAME_PARTS", "NAME_TARGETS", "NAME_USE_CODES", "NameParts",
           "PARTNER_NAME_PARTS", "all_name_parts", "compose_name", "initials_names",
           "name_parts", "name_use",
           "texts_of"]

#: Header synonyms of each name part (compared squeezed: case, spaces and punctuation
#: ignored).  ``given`` before ``call`` before ``initials``: the first one a row has is
#: its given name.
NAME_PARTS: dict[str, tuple[str, ...]] = {
    "given": ("voornamen", "voornaam", "voornamenvoluit", "given name", "given names",
              "first name", "first names", "forename", "forenames",
              # ADP Workforce Now: the name as registered, beside a preferred one
              "legal first name", "legal given name"),
    "call": ("roepnaam", "call name", "nickname", "known as", "preferred first name",
             "preferred name"),
    "initials": ("voorletters", "voorletter", "initialen", "initials"),
    "particle": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels",
                 "voorvoegsel geslachtsnaam", "tussenv", "prefix", "name prefix", "particle"),
    "surname": ("achternaam", "geslachtsnaam", "familienaam", "last name", "surname",
                "family name", "lastname", "legal last name", "legal family name"),
    # the surname at birth: the surname when the file has no other; beside another surname
    # (the name used, a partner's perhaps) it is added to it (see _add_birth_names)
    "birth_surname": ("geboortenaam", "birth name", "maiden name", "meisjesnaam"),
}
#: Header synonyms of a married person's partner-name parts and naamgebruik code (see the
#: module docstring), read for :data:`PARTNER_TARGETS` only: in allocations a ``partner``
#: header is the co-applicant's (``ingest.header_mapping.CO_APPLICANT_WORDS``).
PARTNER_NAME_PARTS: dict[str, tuple[str, ...]] = {
    "partner_particle": ("voorvoegsel partner", "voorvoegsels partner", "voorv partner",
                         "tussenvoegsel partner", "tussenvoegsels partner",
                         "voorvoegsel geslachtsnaam partner", "partner prefix",
                         "prefix partner", "partner particle"),
    "partner_surname": ("geslachtsnaam partner", "achternaam partner", "geb naam partner",
                        "geboortenaam partner", "partner surname", "surname partner",
                        "partner last name", "partner birth name"),
    "name_use": ("naamgebruik", "code naamgebruik", "aanduiding naamgebruik",
                 "naamgebruik code", "name use", "name usage"),
}
#: the name columns a partner's surname is read for (persons with a name of their own)
PARTNER_TARGETS = frozenset(("name",))
#: naamgebruik values (squeezed) -> BRP code: the letters, and the codes written out
NAME_USE_CODES: dict[str, str] = {
    "e": "E", "p": "P", "v": "V", "n": "N",
    "eigen": "E", "eigennaam": "E", "eigengeslachtsnaam": "E", "own": "E", "ownname": "E",
    "partner": "P", "naampartner": "P", "partnernaam": "P", "geslachtsnaampartner": "P",
    "partnersname": "P", "partnername": "P",
    "partnernaamgevolgddooreigennaam": "V", "naampartnergevolgddooreigennaam": "V",
    "geslachtsnaampartnergevolgddooreigengeslachtsnaam": "V",
    "eigennaamgevolgddoorpartnernaam": "N", "eigennaamgevolgddoornaampartner": "N",
    "eigengeslachtsnaamgevolgddoorgeslachtsnaampartner": "N",
}
#: the codes that write the partner's surname first
_PARTNER_FIRST = frozenset(("P", "V"))
#: the parts a partner's name is built from, and the order of the label's headers
_PARTNER = ("partner_particle", "partner_surname", "name_use")
#: the parts that give a given name, the first one a row has winning
_GIVEN = ("given", "call", "initials")
_PART_OF = {squeeze(s): part for part, synonyms in NAME_PARTS.items() for s in synonyms}
_PARTNER_PART_OF = {squeeze(s): part for part, synonyms in PARTNER_NAME_PARTS.items()
                    for s in synonyms}

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
    if target in PARTNER_TARGETS and key in _PARTNER_PART_OF:
        return _PARTNER_PART_OF[key]
    return _PART_OF.get(without_applicant_word(key) if target == "applicant_name" else key)


def name_targets_in_parts(table: str, cells: list[str]) -> set[str]:
    """The person-name columns of ``table`` whose surname part a header names
    (``Achternaam``, ``Geslachtsnaam``; ``Achternaam medeaanvrager``): the columns that
    reading the file builds from parts, for telling by a header alone which table a file
    is (:func:`ingest.read_files._header_column_set`).

    >>> sorted(name_targets_in_parts("employees", ["Persnr", "Voornamen", "Achternaam"]))
    ['name']
    >>> name_targets_in_parts("employees", ["Persnr", "Naam"])
    set()
    """
    return {t for t in NAME_TARGETS.get(table, ())
            if any(_part(c, t) in ("surname", "birth_surname") for c in cells if c.strip())}


def initials_names(frame: pd.DataFrame) -> pd.Series | None:
    """Each row's official initials with particle and surname (``C.J. Veenstra``), from the
    part columns an HR export has beside the built name (``Voorletters``, ``Voorvoegsel``,
    ``Achternaam``, kept as extra columns); ``None`` when the frame has no initials or no
    surname column; ``""`` where a row's initials or surname is empty.

    Why: a payroll export (Loket.nl, Nmbrs) builds the name from the call name (``Kees
    Veenstra``) while its ``Voorletters`` are the official ones (``C.J.``, for Cornelis
    Johannes): a housing ERP that shows its users as ``C. Veenstra`` names no one the call
    name's initial (``K.``) fits.

    >>> initials_names(pd.DataFrame({"voorletters": ["C.J.", ""], "voorvoegsel": ["", ""],
    ...                              "achternaam": ["Veenstra", "Bos"]})).tolist()
    ['C.J. Veenstra', '']
    """
    parts = _part_texts(frame)
    surname = parts.get("surname", parts.get("birth_surname"))
    if "initials" not in parts or surname is None:
        return None
    particle = parts.get("particle", pd.Series("", index=frame.index, dtype=object))
    return pd.Series([_join(i, p, s) if i and s else "" for i, p, s in
                      zip(parts["initials"].tolist(), particle.tolist(), surname.tolist())],
                     index=frame.index, dtype=object)


def _part_texts(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Per name part, each row's text (``""`` where empty) from the frame's part columns:
    the first column of the part that holds a value on the row.  Why per row: a table of
    several files keeps each file's part headers as columns of their own (Loket's
    ``Achternaam`` beside ADP's ``Legal Last Name``), each empty on the other's rows."""
    columns: dict[str, list[str]] = {}
    for column in frame.columns:
        part = _part(str(column), "name") if isinstance(column, str) else None
        if part:
            columns.setdefault(part, []).append(column)
    out: dict[str, pd.Series] = {}
    for part, names in columns.items():
        text = texts_of(frame[names[0]])
        for other in names[1:]:
            text = text.where(text != "", texts_of(frame[other]))
        out[part] = text
    return out


def call_names(frame: pd.DataFrame) -> pd.Series | None:
    """Each row's call name with particle and surname (``Hans de Vries``), from the part
    columns an HR export has beside the built name (``Roepnaam``, ``Voorvoegsels``,
    ``Achternaam``, kept as extra columns); ``None`` when the frame has no call-name or no
    surname column; ``""`` where a row's call name or surname is empty.

    Why: the name is built from the official given names (``Johannes Petrus de Vries``),
    but a register kept by hand, an ERP's user list or a gift register names colleagues by
    the name they go by.

    >>> call_names(pd.DataFrame({"roepnaam": ["Hans", ""], "voorvoegsels": ["de", ""],
    ...                          "achternaam": ["Vries", "Bos"]})).tolist()
    ['Hans de Vries', '']
    >>> call_names(pd.DataFrame({"achternaam": ["Vries"]})) is None
    True
    """
    parts: dict[str, str] = {}
    for column in frame.columns:
        part = _part(str(column), "name") if isinstance(column, str) else None
        if part and part not in parts:
            parts[part] = column
    surname = parts.get("surname", parts.get("birth_surname"))
    if "call" not in parts or surname is None:
        return None
    call, last = texts_of(frame[parts["call"]]), texts_of(frame[surname])
    particle = (texts_of(frame[parts["particle"]]) if "particle" in parts
                else pd.Series("", index=frame.index, dtype=object))
    return pd.Series([_join(c, p, s) if c and s else "" for c, p, s in
                      zip(call.tolist(), particle.tolist(), last.tolist())],
                     index=frame.index, dtype=object)


#: the name a part of a written-out naamgebruik value stands for (squeezed): the own
#: surname, or the partner's
_OWN_NAME = frozenset(("eigen", "eigennaam", "eigengeslachtsnaam", "geboortenaam",
                       "eigengeboortenaam", "own", "ownname", "birthname"))
_PARTNER_NAME = frozenset(("partner", "partnernaam", "naampartner", "geslachtsnaampartner",
                           "gebnaampartner", "geboortenaampartner", "naamechtgenoot",
                           "naamechtgenote", "naamechtgenootpartner", "partnersname",
                           "partnername", "spousename", "spousesname"))
#: what joins the two names of a double name written out: ``+``, ``,``, ``/``, ``&``, a
#: spaced dash, ``gevolgd door``, ``en``, ``followed by``
_NAME_USE_JOIN = re.compile(r"\s*(?:\+|,|/|&|\s[-\u2013]\s|\bgevolgd door\b|\ben\b|"
                            r"\bfollowed by\b|\band\b)\s*", re.IGNORECASE)
#: a code with its description after it, as an export joins the two (``V - Partnernaam
#: gevolgd door eigen naam``, ``E: Eigen naam``, ``N (eigen naam, naam partner)``)
_CODE_FIRST = re.compile(r"^\s*([EPVNepvn])\s*(?:[-\u2013:.)]|\(|\s)\s*(.*)$")


def name_use(value: str) -> str | None:
    """The BRP naamgebruik code a cell means (``E``, ``P``, ``V``, ``N``), ``""`` for an
    empty cell, ``None`` for one that cannot be read.

    Besides the code and the BRP's descriptions, the forms payroll and HR systems write out
    (Loket and Nmbrs ``Naam partner, eigen naam``; AFAS ``Geb. naam partner +
    Geboortenaam``) are read by the order of the two names, and a code followed by its
    description (``V - Partnernaam gevolgd door eigen naam``) by the code, when the
    description does not say otherwise.

    >>> name_use("v"), name_use("Partnernaam gevolgd door eigen naam"), name_use(""), name_use("X")
    ('V', 'V', '', None)
    >>> name_use("Naam partner, eigen naam"), name_use("Geboortenaam + Geb. naam partner")
    ('V', 'N')
    >>> name_use("Geboortenaam partner"), name_use("E - Eigen naam"), name_use("E - Naam partner")
    ('P', 'E', None)
    """
    key = squeeze(value)
    if not key:
        return ""
    if key in NAME_USE_CODES:
        return NAME_USE_CODES[key]
    m = _CODE_FIRST.match(value)
    if m:
        code, rest = m.group(1).upper(), m.group(2).strip(" )")
        said = name_use(rest) if squeeze(rest) else code
        return code if said == code else None
    parts = [squeeze(p) for p in _NAME_USE_JOIN.split(value) if squeeze(p)]
    names = ["own" if p in _OWN_NAME else "partner" if p in _PARTNER_NAME else "?"
             for p in parts]
    return {("own",): "E", ("partner",): "P", ("partner", "own"): "V",
            ("own", "partner"): "N"}.get(tuple(names))


def _double(own: str, partner: str, partner_first: bool) -> str:
    """A double surname, the partner's first or last; a partner's surname the own surname
    already holds (an export that writes ``Jansen-de Vries`` as the surname) is not added
    again.

    >>> _double("Jansen", "de Vries", True), _double("Jansen-de Vries", "de Vries", False)
    ('de Vries-Jansen', 'Jansen-de Vries')
    """
    if not own or squeeze(partner) in squeeze(own):
        return own or partner
    return f"{partner}-{own}" if partner_first else f"{own}-{partner}"


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
    if "birth_surname" in parts and "surname" not in parts:
        parts["surname"] = parts.pop("birth_surname")
    given = [p for p in _GIVEN if p in parts]
    if target in resolved and given and "surname" not in parts:
        # a 'Naam' beside 'Voornaam' may be the surname only: then it is the surname part
        at = resolved.index(target)
        if not _holds_given_names(texts_of(raw.columns[at]), texts_of(raw.columns[parts[given[0]]])):
            parts["surname"] = at
    in_name = target in resolved and parts.get("surname") == resolved.index(target)
    if "surname" not in parts or (target in resolved and not in_name):
        return None
    if "partner_surname" not in parts:  # a particle or code without a surname: not used
        parts = {p: i for p, i in parts.items() if p not in _PARTNER}
    label = " + ".join(part for part in (
        " / ".join(cells[parts[p]] for p in given),
        cells[parts["particle"]] if "particle" in parts else "",
        cells[parts["surname"]],
        cells[parts["birth_surname"]] if "birth_surname" in parts else "",
        *(cells[parts[p]] for p in _PARTNER if p in parts)) if part)
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
    if "birth_surname" in plan.columns:
        _add_birth_names(texts, given, particle, joined)
    if "partner_surname" in plan.columns:
        _add_partner_names(raw, plan, texts, given, particle, joined)
    at = plan.columns["surname"]
    if plan.surname_was_name:
        raw.header[at] = f"{str(raw.header[at]).strip()} (achternaam)"  # now an extra column
    raw.header.append(plan.target)
    raw.columns.append(joined)


def _add_birth_names(texts: dict[str, pd.Series], given: pd.Series, particle: pd.Series,
                     joined: pd.Series) -> None:
    """Write, in ``joined``, the surname at birth after the surname of each row where the
    two differ (``Achternaam`` de Vries, ``Geboortenaam`` Jansen: ``Maria de Vries-Jansen``).

    Why both: which of the two an export calls the surname differs per system (the name
    used, or the registered one), and the KvK and BRP-based housing applications register
    the surname at birth; the matcher relates a double surname to either part, so neither
    is lost.  A surname that already holds the birth name is left as it is."""
    birth = texts["birth_surname"]
    for pos in np.flatnonzero((birth != "").to_numpy()).tolist():
        used = _join("", particle.iat[pos], texts["surname"].iat[pos])
        joined.iat[pos] = " ".join(
            f"{given.iat[pos]} {_double(used, _join('', '', birth.iat[pos]), False)}".split())


def _add_partner_names(raw: RawTable, plan: NameParts, texts: dict[str, pd.Series],
                       given: pd.Series, particle: pd.Series, joined: pd.Series) -> None:
    """Write, in ``joined``, the double name of each row that has a partner's surname (see
    the module docstring); a naamgebruik code that cannot be read is a warning on its row
    and column (the name then own surname first), and the file says how many there were."""
    partner = texts["partner_surname"]
    rows = np.flatnonzero((partner != "").to_numpy())
    if not len(rows):
        return
    empty = pd.Series("", index=partner.index, dtype=object)
    partner_particle = texts.get("partner_particle", empty)
    codes = texts.get("name_use", empty)
    code_header = str(raw.header[plan.columns["name_use"]]).strip() \
        if "name_use" in plan.columns else None
    bad: list[str] = []
    for pos in rows.tolist():
        code = name_use(codes.iat[pos])
        if code is None:
            bad.append(codes.iat[pos])
            raw.line_problems.append((
                int(raw.lines[pos]), code_header,
                f"naamgebruik code {codes.iat[pos]!r} is not one of E, P, V, N: the name is "
                "written with the own surname first, then the partner's", "line"))
        own = _join("", particle.iat[pos], texts["surname"].iat[pos])
        theirs = _join("", partner_particle.iat[pos], partner.iat[pos])
        joined.iat[pos] = " ".join(
            f"{given.iat[pos]} {_double(own, theirs, code in _PARTNER_FIRST)}".split())
    if bad:
        raw.warnings.append(
            f"{len(bad)} naamgebruik code(s) in {code_header} cannot be read ({bad[0]!r}): "
            "the names are written with the own surname first; use E, P, V or N")
