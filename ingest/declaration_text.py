"""A declaration's ``kind`` written as free text, as a register kept by hand in Excel does.

An integrity register kept by hand has no list of kinds: people write what they declare
(``Bestuurslid VV Elst``, ``10% aandelen in Bouwbedrijf X``, ``Voorzitter RvT Zorggroep
Y``).  Such a cell is no known kind, and no known kind followed by a remark (that is read
by :meth:`ingest.enum_synonyms.EnumVocabulary.close`), so it stopped the scan as a row
error.  Here it is read by the word in it that names a kind: a role on a board or in a
club (side function), shares, a loan or a stake (financial interest), owning a business,
a job at an organization (position).  Why not a guess: the words are the ones the
integrity codes name the kinds by, and a text that names words of two kinds (``bestuurslid
en aandeelhouder van X``) is not read at all but reported (two declarations in one cell:
one row per kind).

Beside the kind the text usually names the organization (the words after the role, or
after ``in``/``bij``/``van``); a row that names no organization in its own columns takes
it as ``org_name``, which the graph's matcher resolves to the vendor master as any free
organization name (or keeps under its own name).  Only a text that names one
organization plainly gives one: one naming none after its kind word, several (``en``,
``of``) or a sentence is left alone, and one warning says so.  The full text is kept as the
declaration's ``position`` (its free-text field, shown in every label and piece of
evidence) where that is empty.  Every reading is said in one warning per column with the
count and the first row, not a line per row.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ingest.enum_synonyms import DECLARATION_KINDS, RELATIONS, enum_key
from ingest.identifiers import shown

if TYPE_CHECKING:  # the state is validate_rows', which imports this module
    from ingest.parse_values import Parsed
    from ingest.validate_rows import TableState

__all__ = ["KindInText", "UNDERSTOOD_WORDS", "read_kind_in_text", "read_free_text_kinds"]

#: words that name a kind in free text, beside the kind vocabulary's own words (which
#: name it too: ``nevenfunctie``, ``aandelen``, ``commissaris``, ``zzp'er``): the roles on
#: a board, in a club or a foundation, the bodies themselves, financial interests, owning a
#: business and a job at an organization, in Dutch and English.  ``eigenaar`` is an own
#: business (the register's ``eigen bedrijf``: the person runs it, and an unapproved one is
#: a finding of ``unapproved_side_function``); ``mede-eigenaar`` a stake in someone else's
#: (a financial interest).  ``directeur`` is a position, as the demo register writes a
#: relative's job; ``directeur-eigenaar`` / ``DGA`` the person's own business.
_TEXT_WORDS: dict[str, tuple[str, ...]] = {
    "side_function": (
        "penningmeester", "secretaris", "voorzitter", "vicevoorzitter", "vice voorzitter",
        "bestuurslid", "bestuur", "lid bestuur", "lid van het bestuur", "algemeen bestuurslid",
        "raad van toezicht", "raad van commissarissen", "rvt", "rvc", "lid rvt", "lid rvc",
        "lid van de raad van toezicht", "lid van de raad van commissarissen",
        "toezichthouder", "commissaris", "adviseur", "adviesraad", "lid adviesraad",
        "vrijwilliger", "vrijwilligster", "trainer", "scheidsrechter", "ouderling",
        "kerkrentmeester", "board member", "treasurer", "chair", "chairman", "chairwoman",
        "secretary", "volunteer", "advisor", "adviser", "trustee",
    ),
    "financial_interest": (
        "aandeel", "aandelen", "aandeelhouder", "aandeelhoudster", "mede eigenaar",
        "mede eigenares", "mede eigenaresse", "medeeigenaar", "deeleigenaar", "belang",
        "belangen", "participatie", "participaties", "lening", "leningen", "obligatie",
        "obligaties", "certificaten", "investering", "deelneming", "shares",
        "shareholder", "stake", "loan", "co owner",
    ),
    "own_business": (
        "eigenaar", "eigenares", "eigenaresse", "directeur eigenaar", "dga",
        "directeur grootaandeelhouder", "owner", "zzp", "zzper", "freelancer",
        "eenmanszaak", "eigen bedrijf",
    ),
    "position": (
        "directeur", "director", "medewerker", "werknemer", "in dienst", "in loondienst",
        "werkzaam", "werkt", "employee", "manager", "bedrijfsleider",
    ),
}  # fmt: skip

#: the vocabulary's words that are no sign of a kind in a sentence: every role is a
#: ``functie``, and ``anders``, ``relatie`` or ``position`` are ordinary words there
_NOT_IN_TEXT = frozenset(("functie", "anders", "overig", "overige", "other", "relatie",
                          "position", "werkzaam bij", "werkt bij"))
#: a word that turns the kind word after it around: ``geen financieel belang``
_NEGATIONS = frozenset(("geen", "niet", "no", "not", "zonder", "without"))
#: words between a kind word and the organization's name: ``aandelen in X``,
#: ``penningmeester van de VV``, ``lid RvT bij Zorggroep Y``
_CONNECTORS = frozenset(("in", "bij", "van", "voor", "de", "het", "der", "den", "t", "te",
                         "op", "aan", "namens", "of", "at", "the", "with", "met"))
#: words in an organization's place that say the text names two (or is a sentence)
_SEVERAL = re.compile(r"\s(?:en|of|and|or|plus)\s|\s[&+]\s", re.I)
#: a word for a relative that makes the declaration a relative's (``Mijn broer is
#: directeur van X``): counted at the start of the text or after a possessive
_POSSESSIVES = frozenset(("mijn", "m'n", "mn", "my", "zijn", "haar", "onze", "ons", "his",
                          "her", "our"))
_NOT_RELATIVES = frozenset(("man", "vrouw", "ex", "vriend", "vriendin", "overig", "anders",
                            "overige", "friend", "partner"))
#: most words an organization's name is taken from: longer is a sentence, not a name
_MOST_NAME_WORDS = 8
_TOKEN = re.compile(r"[^\s\-_/,;:()\[\]\u2013\u2014]+")


def _phrases() -> dict[tuple[str, ...], str]:
    """Every word (or words) that names a kind in free text, as its tokens, and the kind."""
    out: dict[tuple[str, ...], str] = {}
    for code, words in _TEXT_WORDS.items():
        for word in words:
            out.setdefault(tuple(enum_key(word).split()), code)
    for word, code in DECLARATION_KINDS.words().items():
        if word not in _NOT_IN_TEXT:
            out.setdefault(tuple(word.split()), code)
    return out


_PHRASES = _phrases()
_LONGEST = max(len(p) for p in _PHRASES)

#: the words named in the message on a text that names no kind, by kind
UNDERSTOOD_WORDS = ("bestuurslid, penningmeester, secretaris, voorzitter, lid RvT, "
                    "commissaris, adviseur, vrijwilliger (side_function) / aandelen, "
                    "aandeelhouder, mede-eigenaar, belang, participatie, lening "
                    "(financial_interest) / eigenaar, zzp'er, eenmanszaak (own_business) / "
                    "directeur, medewerker, in dienst (position)")


@dataclass(frozen=True)
class KindInText:
    """What a free text in a declaration's kind cell says (see :func:`read_kind_in_text`)."""

    #: the kind the text names, None when it names none or two
    code: str | None
    #: the word it was read by (the first of the kind), as the text writes it
    word: str = ""
    #: a second kind and its word, when the text names two
    other: tuple[str, str] | None = None
    #: the organization named after the last kind word, '' when none is plainly named
    org: str = ""
    #: why no organization is taken ('' when one is): none, several, a sentence
    org_unclear: str = ""
    #: a word naming a relative (``broer``), '' when none
    relative: str = ""
    #: the one percentage the text names (``10% aandelen``, ``25 procent``), None when it
    #: names none or several
    share_pct: float | None = None


def read_kind_in_text(value: str) -> KindInText:
    """The kind a free text names by a word in it, and the organization after that word.

    >>> k = read_kind_in_text("10% aandelen in Bouwbedrijf X")
    >>> k.code, k.word, k.org
    ('financial_interest', 'aandelen', 'Bouwbedrijf X')
    >>> k = read_kind_in_text("Voorzitter RvT Zorggroep Y")
    >>> k.code, k.word, k.org
    ('side_function', 'Voorzitter', 'Zorggroep Y')
    >>> read_kind_in_text("bestuurslid en aandeelhouder van X").other
    ('financial_interest', 'aandeelhouder')
    >>> k = read_kind_in_text("Mijn broer is directeur van ...")
    >>> k.code, k.org, k.org_unclear, k.relative
    ('position', '', 'none', 'broer')
    >>> read_kind_in_text("Bestuurslid, geen financieel belang").code
    'side_function'
    >>> read_kind_in_text("Hobby: modeltreinen").code is None
    True
    >>> k = read_kind_in_text("Bouwbedrijf X: aandeelhouder 12,5%")
    >>> k.code, k.org, k.share_pct
    ('financial_interest', 'Bouwbedrijf X', 12.5)
    >>> read_kind_in_text("Stichting Y (penningmeester)").org
    'Stichting Y'
    """
    tokens = [(m.start(), m.end(), enum_key(m.group()).strip(".'\"!?*"))
              for m in _TOKEN.finditer(value)]
    tokens = [t for t in tokens if t[2]]
    keys = [t[2] for t in tokens]
    found: list[tuple[str, str]] = []  # (code, word as written), in the text's order
    last_end = -1
    first_start = -1
    i = 0
    while i < len(keys):
        for n in range(min(_LONGEST, len(keys) - i), 0, -1):
            code = _PHRASES.get(tuple(keys[i:i + n]))
            if code is None:
                continue
            if i == 0 or keys[i - 1] not in _NEGATIONS:
                found.append((code, value[tokens[i][0]:tokens[i + n - 1][1]]))
                last_end = tokens[i + n - 1][1]
                if first_start < 0:
                    first_start = tokens[i][0]
            i += n - 1
            break
        i += 1
    relative = _relative(keys, tokens, value)
    codes = list(dict.fromkeys(code for code, _ in found))
    if not codes:
        return KindInText(None, relative=relative)
    first = next(w for c, w in found if c == codes[0])
    if len(codes) > 1:
        other = next(w for c, w in found if c == codes[1])
        return KindInText(None, first, (codes[1], other), relative=relative)
    org, unclear = _organization(value[last_end:])
    if unclear == "none" and not relative:
        # the organization named before the role: ``VV Elst - bestuurslid``,
        # ``Bouwbedrijf X: aandeelhouder``, ``Stichting Y (penningmeester)``
        org, unclear = _organization_before(value[:first_start]) or (org, unclear)
    return KindInText(codes[0], first, None, org, unclear, relative, _share_pct(value))


#: a percentage in a text: ``10%``, ``12,5 %``, ``25 procent``; not part of a longer
#: number (``1.000%``)
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:%|procent\b|percent\b)",
                      re.I)


def _share_pct(value: str) -> float | None:
    """The one percentage a text names, from above 0 up to 100; None when it names none,
    several (``10% aandelen en 5% lening``: which is the share?) or one out of range."""
    found = {float(m.group(1).replace(",", ".")) for m in _PERCENT.finditer(value)}
    if len(found) != 1:
        return None
    pct = found.pop()
    return pct if 0 < pct <= 100 else None


#: what separates an organization named before the role from it: a colon, a dash or an
#: opening bracket (``VV Elst - bestuurslid``); not a comma, which follows a word such as
#: ``ja`` (``ja, bestuurslid``) as often as a name
_BEFORE_ROLE = re.compile(r"(.*?\S)\s*[:(\-\u2013\u2014]\s*", re.S)
#: words before a colon that label the text, not an organization (``Functie: bestuurslid``)
_LABELS = frozenset(("functie", "rol", "role", "soort", "type", "kind", "omschrijving",
                     "toelichting", "opmerking", "opmerkingen", "ja", "nee", "yes", "no",
                     "relatie", "anders", "overig", "overige", "other", "nevenwerkzaamheid",
                     "nevenwerkzaamheden", "hobby", "betreft", "zie", "n.v.t", "nvt"))


def _organization_before(head: str) -> tuple[str, str] | None:
    """The organization a text names before its first kind word, set off by a colon, a
    dash or a bracket; None when the text has nothing such before it (or only a label)."""
    m = _BEFORE_ROLE.fullmatch(head)
    if m is None or enum_key(m.group(1)).strip(" .:") in _LABELS:
        return None
    name, unclear = _organization(m.group(1))
    return (name, unclear) if name or unclear != "none" else None


def _relative(keys: list[str], tokens: list[tuple[int, int, str]], value: str) -> str:
    """A word naming a relative at the text's start or after ``mijn``, as written."""
    for i, key in enumerate(keys):
        if (i == 0 or keys[i - 1] in _POSSESSIVES) and key not in _NOT_RELATIVES \
                and RELATIONS.lookup(key) is not None:
            return value[tokens[i][0]:tokens[i][1]]
    return ""


def _organization(rest: str) -> tuple[str, str]:
    """The organization a text names after its kind word (``in Bouwbedrijf X``), and ''
    as the why when it is one; otherwise '' and ``none``, ``several`` or ``sentence``."""
    # a name follows its kind word (``Penningmeester VV Elst``, ``Voorzitter: Zorggroep Y``);
    # after a comma, semicolon or bracket comes a remark (``Bestuurslid, onbezoldigd``),
    # which also ends a name, as a spaced dash does
    rest = rest.lstrip(" \t:-\u2013\u2014)")
    rest = re.split(r"[,;(]|\s[-\u2013\u2014]\s", rest, maxsplit=1)[0]
    words = rest.split()
    while words and enum_key(words[0]).strip(".'") in _CONNECTORS:
        words.pop(0)
    name = " ".join(words).strip(" .:;,!?*'\"")
    if sum(ch.isalpha() for ch in name) < 2:
        return "", "none"
    if _SEVERAL.search(f" {name} "):
        return "", "several"
    if len(name.split()) > _MOST_NAME_WORDS:
        return "", "sentence"
    return name, ""


#: why no organization was taken, for the warning
_UNCLEAR = {"none": "it names none after the word of its kind",
            "several": "it may name more than one (en, of, &)",
            "sentence": "the words after the kind are a sentence, not a name"}


def read_free_text_kinds(state: TableState, parsed: Parsed, text: pd.Series) -> Parsed:
    """The declarations' ``kind`` column with its free texts read (see the module
    docstring): a text naming one kind is that kind, a text naming two stays a row error
    that says so, a text naming none a row error that says which words are understood.
    Rows that name no organization take the one the kind's text names as ``org_name``;
    ``position`` keeps the full text where it is empty.  One warning per column each."""
    frame = state.frame
    index = frame.index
    bad = parsed.bad
    readings = {v: read_kind_in_text(v) for v in dict.fromkeys(text.iloc[bad].tolist())}
    read_pos: list[int] = []  # positions in ``bad``
    codes: list[str] = []
    messages = list(parsed.messages)
    for k, p in enumerate(bad.tolist()):
        value = text.iat[p]
        got = readings[value]
        if got.code is not None:
            read_pos.append(k)
            codes.append(got.code)
        elif got.other is not None:
            messages[k] = (f"{shown(value)} names two kinds, {got.code or _code_of(got)} "
                           f"({got.word!r}) and {got.other[0]} ({got.other[1]!r}); write one "
                           "kind in the kind column, a row for each kind")
        else:
            messages[k] = (f"{shown(value)} is not a known kind and no word in it names one; "
                           f"use one of: {DECLARATION_KINDS.describe()}; a text is read by a "
                           f"word in it that names a kind: {UNDERSTOOD_WORDS}")
    lines = frame["_line"].to_numpy()
    # a known kind with a remark after it ('Aandelen in Bouwbedrijf X', read by the
    # vocabulary's ``close``) names its organization the same way
    remarked = np.asarray([p for p in parsed.noted.tolist()
                           if DECLARATION_KINDS.lookup(text.iat[p]) is None], dtype=np.int64)
    for value in dict.fromkeys(text.iloc[remarked].tolist()):
        readings.setdefault(value, read_kind_in_text(value))
    if not read_pos:
        _take_organizations(state, remarked, text, readings, lines)
        _take_share_pcts(state, remarked, text, readings, lines)
        return dataclasses.replace(parsed, messages=messages)
    rows = bad[read_pos]
    first = int(rows[0])
    first_got = readings[text.iat[first]]
    frame.loc[index[rows], "kind"] = codes
    no_position = frame["position"].iloc[rows].isna().to_numpy()
    if no_position.any():
        frame.loc[index[rows[no_position]], "position"] = text.iloc[rows[no_position]].to_numpy()
    state.file_problem(
        f"{len(rows)} kind value(s) written as free text are read by the word in them that "
        f"names a kind (the first, {state.place(int(lines[first]))}: {shown(text.iat[first])} is "
        f"read as {first_got.code} ({first_got.word!r})); the text is kept as the position "
        "where that is empty; write the kind in the kind column if that is not meant",
        column="kind", action="none", level="warning")
    _take_organizations(state, np.sort(np.concatenate([rows, remarked])), text, readings,
                        lines, said=rows)
    _take_share_pcts(state, np.sort(np.concatenate([rows, remarked])), text, readings, lines)
    _name_relatives(state, rows, text, readings, lines)
    keep = np.ones(len(bad), dtype=bool)
    keep[read_pos] = False
    values = parsed.values.copy()
    values.iloc[rows] = codes
    return dataclasses.replace(parsed, values=values, bad=bad[keep],
                               messages=[m for m, k in zip(messages, keep) if k])


def _code_of(got: KindInText) -> str:
    """The kind of the first word of a text that names two (for the message)."""
    return _PHRASES.get(tuple(enum_key(got.word).split()), "?")


def _no_organization(frame: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """Which of ``rows`` name no organization in their own columns."""
    none = np.ones(len(rows), dtype=bool)
    for column in ("org_id", "org_name", "kvk_number"):
        none &= frame[column].iloc[rows].isna().to_numpy()
    return none


def _take_organizations(state: TableState, rows: np.ndarray, text: pd.Series,
                        readings: dict[str, KindInText], lines: np.ndarray,
                        said: np.ndarray | None = None) -> None:
    """``org_name`` from the kind's text on rows that name no organization, and one
    warning for the rows taken and one for those of ``said`` (the rows read from free
    text) whose text names none plainly (a known kind with a remark that names no
    organization is left to the row's error that no organization is given)."""
    frame = state.frame
    if not len(rows):
        return
    empty = rows[_no_organization(frame, rows)]
    taken = [int(p) for p in empty if readings[text.iat[p]].org]
    unclear = [int(p) for p in np.intersect1d(empty, said if said is not None else [])
               if not readings[text.iat[p]].org]
    if taken:
        frame.loc[frame.index[taken], "org_name"] = [readings[text.iat[p]].org for p in taken]
        got = readings[text.iat[taken[0]]]
        state.file_problem(
            f"{len(taken)} organization(s) taken from the kind's text on rows that name none "
            f"(the first, {state.place(int(lines[taken[0]]))}: {got.org!r} from "
            f"{shown(text.iat[taken[0]])}); it is looked up in organizations by name as any "
            "org_name; fill in org_id or org_name if that is not meant",
            column="org_name", action="none", level="warning")
    if unclear:
        got = readings[text.iat[unclear[0]]]
        state.file_problem(
            f"{len(unclear)} row(s) with no organization whose kind's text names none that can "
            f"be told (the first, {state.place(int(lines[unclear[0]]))}: "
            f"{shown(text.iat[unclear[0]])}: {_UNCLEAR[got.org_unclear]}); no organization is "
            "taken from it: fill in org_id or org_name",
            column="org_name", action="none", level="warning")


#: the kinds a percentage in the text is a share of (``10% aandelen``, ``mede-eigenaar
#: 50%``); a side function's or a job's percentage is something else (``trainer 20%``)
_SHARE_KINDS = ("financial_interest", "own_business")


def _take_share_pcts(state: TableState, rows: np.ndarray, text: pd.Series,
                     readings: dict[str, KindInText], lines: np.ndarray) -> None:
    """``share_pct`` from the percentage the kind's text names (``10% aandelen in
    Bouwbedrijf X``) on rows of a financial interest or own business whose own share_pct
    is empty, and one warning that counts them and names the first."""
    if not len(rows):
        return
    frame = state.frame
    empty = (frame["share_pct"].iloc[rows].isna().to_numpy()
             & frame["kind"].iloc[rows].isin(_SHARE_KINDS).to_numpy())
    taken = [int(p) for p in rows[empty] if readings[text.iat[p]].share_pct is not None]
    if not taken:
        return
    frame.loc[frame.index[taken], "share_pct"] = [readings[text.iat[p]].share_pct
                                                  for p in taken]
    first = readings[text.iat[taken[0]]].share_pct
    state.file_problem(
        f"{len(taken)} share percentage(s) taken from the kind's text on rows whose share_pct "
        f"is empty (the first, {state.place(int(lines[taken[0]]))}: {first:g} from "
        f"{shown(text.iat[taken[0]])}); fill in share_pct if that is not meant",
        column="share_pct", action="none", level="warning")


def _name_relatives(state: TableState, rows: np.ndarray, text: pd.Series,
                    readings: dict[str, KindInText], lines: np.ndarray) -> None:
    """One warning for texts that name a relative (``Mijn broer is directeur van X``) on
    rows without a ``relative_id``: read as the employee's own, as a declaration whose
    relative is unknown is."""
    frame = state.frame
    own = frame["relative_id"].iloc[rows].isna().to_numpy()
    named = [int(p) for p in rows[own] if readings[text.iat[p]].relative]
    if named:
        got = readings[text.iat[named[0]]]
        state.file_problem(
            f"{len(named)} kind value(s) name a relative on rows without a relative_id (the "
            f"first, {state.place(int(lines[named[0]]))}: {shown(text.iat[named[0]])} names "
            f"{got.relative!r}); they are read as the employee's own: fill in relative_id to "
            "make them the relative's",
            column="relative_id", action="none", level="warning")
