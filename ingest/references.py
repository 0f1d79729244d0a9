"""Checks across tables: references to ids of other tables, and decision ids.

An id counts as known when it appears anywhere in the referenced file, also on a row
that has errors of its own, so one mistake gives one message and not a second one on
every row that refers to it.  When the referenced row is *skipped*, though, the rows that
refer to it cannot be used either: they are skipped too (or lose the value, for an
optional link such as ``approved_by``), counted under ``refers to a skipped row`` and
reported as a warning that names the skipped row.  Tables are checked in
:data:`~ingest.tables.TABLE_ORDER`, where a table only refers to tables before it, so a
skip cascades through relatives to declarations in one pass and nothing disappears
uncounted.

Besides :data:`~ingest.tables.REFERENCES` this checks that a declaration's relative belongs
to the declaring employee, resolves officers given by KvK number to an organization (and
fills in their ``org_id``), and that decision ids are unique over contracts and
allocations together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd

from ingest.column_ops import (arrow_array, isin, lookup_text, run_now, strictly_increasing,
                               submit_for, take_where)
from ingest.enum_synonyms import enum_key
from ingest.identifiers import shown
from ingest.model import Action, Level
from ingest.name_parts import PARTICLES, call_names, initials_names
from ingest.no_value import excel_error, excel_error_text, is_no_value, read_as_empty
from ingest.tables import REFERENCES, TABLE_ORDER, TABLES, Reference
from ingest.validate_rows import TableState, first_place

__all__ = ["CASCADE_REASON", "check_references", "check_table_references"]

CASCADE_REASON = "refers to a skipped row"

# a table's references each have a column of their own (see check_table_references)
assert all(len({r.column for r in REFERENCES if r.table == t})
           == sum(1 for r in REFERENCES if r.table == t) for t in TABLES), REFERENCES


def _first_lines(state: TableState, column: str, values: pd.Series | None = None) -> pd.Series:
    """``_line`` of the first row holding each value of ``column`` (only ``values``, when
    given: building the map for a million ids costs more than the check itself)."""
    frame = state.frame
    wanted = frame[column].notna()
    if values is not None:
        wanted &= isin(frame[column], pd.Index(values.dropna().unique()))
    return (
        frame.loc[wanted.to_numpy(), [column, "_line"]]
        .drop_duplicates(column)
        .set_index(column)["_line"]
    )


def _fallback_allowed(state: TableState, ref: Reference, positions: np.ndarray) -> np.ndarray:
    """Rows among ``positions`` that name the same thing another way (``drop_value_if_any``)."""
    allowed = np.zeros(len(positions), dtype=bool)
    for other in ref.drop_value_if_any:
        allowed |= state.frame[other].iloc[positions].notna().to_numpy()
    return allowed


#: what a row whose optional reference is left out is read as, where that is more than
#: "used without it" (a declaration without its relative is the employee's own interest)
WITHOUT_REFERENCE = {
    ("declarations", "relative_id"): "the declaration is read as the employee's own",
}


def _with_consequence(state: TableState, ref: Reference, positions: np.ndarray,
                      messages: list[str]) -> list[str]:
    """``messages`` with what the row is read as (:data:`WITHOUT_REFERENCE`) added where
    the value is left out and the row kept."""
    without = WITHOUT_REFERENCE.get((ref.table, ref.column))
    if not without or not len(positions):
        return messages
    dropped = _drop_allowed(state, ref, positions)
    return [f"{m}; {without}" if d else m for m, d in zip(messages, dropped)]


def _drop_allowed(state: TableState, ref: Reference, positions: np.ndarray,
                  optional: bool = True) -> np.ndarray:
    """Rows among ``positions`` that lose only the value of ``ref`` when it is unusable
    (unknown, or naming a skipped row), instead of being skipped.

    Why: the project's rule for bad input makes an unusable *optional* value a warning
    (left out, counted, the row used), and only a row that cannot be used an error.  An
    optional reference column (not ``required`` in its table's spec: a declaration's
    ``relative_id``, an officer's ``org_id`` beside its ``kvk_number``) is such a value,
    unless the row needs it: a column of a ``one_of`` group (an organization given by
    ``org_id``, ``org_name`` or ``kvk_number``) whose other columns are empty on the row.
    A required reference (a contract's ``handled_by``) keeps skipping its row; so does a
    value worked out from the other column (``optional`` False: an officer's ``org_id``
    found by its ``kvk_number``, which names the same skipped organization)."""
    if ref.action == "drop_value":
        return np.ones(len(positions), dtype=bool)
    allowed = _fallback_allowed(state, ref, positions)
    spec = TABLES[ref.table]
    if not optional or spec.column(ref.column).required:
        return allowed
    not_needed = np.ones(len(positions), dtype=bool)
    for group in spec.one_of:
        if ref.column not in group:
            continue
        other = np.zeros(len(positions), dtype=bool)
        for name in group:
            if name != ref.column and name in state.frame.columns:
                other |= state.frame[name].iloc[positions].notna().to_numpy()
        not_needed &= other
    return allowed | not_needed


def _report_split(
    state: TableState,
    ref: Reference,
    positions: np.ndarray,
    messages: list[str],
    reason: str,
    level: Level = "error",
    optional: bool = True,
) -> None:
    """Report rows, dropping the value where the reference allows it and skipping elsewhere
    (``optional``: see :func:`_drop_allowed`)."""
    if len(positions) == 0:
        return
    drop = _drop_allowed(state, ref, positions, optional)
    msgs = np.asarray(messages, dtype=object)
    actions: tuple[tuple[np.ndarray, Action], ...] = ((drop, "drop_value"), (~drop, "skip_row"))
    for mask, action in actions:
        if mask.any():
            state.report(positions[mask], ref.column, list(msgs[mask]), action,
                         reason=reason, level=level)


def _known_ids(values: pd.Series, target: TableState, ref: Reference) -> np.ndarray:
    """Mask of the values found among the ids of ``ref``'s target table.

    The ids go to the look-up as they are, repeated ones too (Arrow's ``is_in`` and
    pandas' ``isin`` take a set with repeats): making them unique first cost a pass of
    pandas over the target's ids for every reference to it (nine to ``employees``)."""
    return isin(values, target.frame[ref.target_column].dropna())


def _check_reference(state: TableState, ref: Reference, target: TableState | None,
                     known=None) -> None:
    """``known``: :func:`_known_ids` of this reference, worked out beforehand (a future)."""
    values = state.frame[ref.column]
    present = values.notna().to_numpy()
    if not present.any():
        return
    if target is None:
        if TABLES[ref.target].required:
            return  # the missing required file is already refused
        positions = np.flatnonzero(present)
        messages = [
            f"{ref.column} {shown(str(values.iat[p]))} refers to {ref.target}, but there is no "
            f"{ref.target}.csv or {ref.target}.xlsx; add that file, or clear the column"
            for p in positions
        ]
        _report_split(state, ref, positions, _with_consequence(state, ref, positions, messages),
                      f"unknown {ref.column}")
        return
    if not target.readable or ref.target_column in target.blank_columns:
        return  # that file is refused already; checking against it would only add noise
    known = known.result() if known is not None else _known_ids(values, target, ref)
    unknown = np.flatnonzero(present & ~known)
    resolvers = [_resolve_written_differently]
    if ref.target == "employees":
        resolvers.append(_resolve_employee_aliases)
    elif ref.target == "organizations":
        resolvers.append(_resolve_organization_names)
    elif ref.target == "relatives":
        resolvers.append(_resolve_relative_names)
    resolvers.append(_resolve_several_ids)
    for resolve in resolvers:
        if not len(unknown):
            break
        still = resolve(state, ref, target, unknown)
        if len(still) < len(unknown):  # resolved ids are known now (for the cascade below)
            known = np.asarray(known, dtype=bool).copy()
            known[np.setdiff1d(unknown, still)] = True
            values = state.frame[ref.column]
        unknown = still
    if len(unknown):
        unknown = _without_no_value(state, ref, unknown)
    hints = _near_ids(values, unknown, known, target, ref) if len(unknown) else {}
    messages = [
        excel_error_text(str(values.iat[p])) if excel_error(str(values.iat[p])) else
        f"{ref.column} {shown(str(values.iat[p]))} is not found in {target.file} (column "
        f"{ref.target_column}); add it there, or correct the id"
        + hints.get(str(values.iat[p]), "")
        for p in unknown
    ]
    messages = _with_consequence(state, ref, unknown, messages)
    _report_split(state, ref, unknown, messages, f"unknown {ref.column}")
    _cascade(state, ref, target, present & known)


#: Distinct unknown ids looked up for a near id (the rest are told without one)
_HINTED_IDS = 1000
#: Target tables too large to index for near ids (the look-up indexes every id)
_HINTED_TARGET_ROWS = 2_000_000
#: Ids longer than this are neither indexed nor looked up for a near id: each form with one
#: character left out is a copy of the id, so an id of n characters costs n * n (a damaged
#: cell of a million characters in a reference column hung the scan); no id is that long
_HINTED_ID_CHARS = 100


def one_typo_apart(a: str, b: str) -> bool:
    """Whether two ids differ by one typed character: one added, left out or replaced, or
    two neighbours swapped (case ignored).

    >>> [one_typo_apart("E0007", b) for b in ("lE0007", "E007", "E0070", "E0008", "e0007x")]
    [True, True, True, True, True]
    >>> [one_typo_apart("E0007", b) for b in ("E0007", "E0700", "E0077x", "E07")]
    [False, False, False, False]
    """
    a, b = a.casefold(), b.casefold()
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1:]


def _near_ids(values: pd.Series, unknown: np.ndarray, known, target: TableState,
              ref: Reference) -> dict[str, str]:
    """What to add to the message of an id no row of the target has: the one id of the
    target one typed character apart, with where it is, when there is one (or one that no
    row of this column names, among several).  A typo in a staff list's personnel number
    (``lE0007``) otherwise shows only as hundreds of decisions naming an unknown ``E0007``,
    and a typo in a decision's handler (``E0k021``) as an id to look for by hand.

    The target's ids are indexed by every form with one character left out (a
    symmetric-delete index), so the look-up costs a dictionary access per distinct
    unknown id and character, not a comparison with every id."""
    ids = target.frame[ref.target_column]
    if len(ids) > _HINTED_TARGET_ROWS:
        return {}
    wanted = [u for u in pd.unique(values.iloc[unknown].astype(str).to_numpy())
              if len(u) <= _HINTED_ID_CHARS][:_HINTED_IDS]
    index: dict[str, list[str]] = {}
    for v in pd.unique(ids.dropna().astype(str).to_numpy()):
        if len(v) > _HINTED_ID_CHARS:
            continue
        f = v.casefold()
        for k in {f, *(f[:i] + f[i + 1:] for i in range(len(f)))}:
            index.setdefault(k, []).append(v)
    named = set(values[np.asarray(known, dtype=bool)].dropna().astype(str))
    hints: dict[str, tuple[str, bool]] = {}
    for u in wanted:
        f = u.casefold()
        near = {c for k in {f, *(f[:i] + f[i + 1:] for i in range(len(f)))}
                for c in index.get(k, ()) if one_typo_apart(u, c)}
        unnamed = [c for c in near if c not in named]
        if len(near) == 1:
            hints[u] = (next(iter(near)), bool(unnamed))
        elif len(unnamed) == 1:
            hints[u] = (unnamed[0], True)
    out: dict[str, str] = {}
    if hints:
        lines = _first_lines(target, ref.target_column,
                             pd.Series([c for c, _ in hints.values()]))
        out = {u: f"; {target.located(int(lines[c]))} has {shown(c)}, one typed character "
                  "apart" + (f", which no {ref.column} names" if unnamed else "")
               for u, (c, unnamed) in hints.items()}
    if ref.target == "employees":
        out.update(_near_logins([u for u in wanted if u not in hints], target,
                                ref.target_column))
    return out


def _near_logins(wanted: list[str], target: TableState, id_column: str) -> dict[str, str]:
    """What to add to the message of a user name no employee has: the one login of the
    employees' ``accounts`` one typed character apart, with its employee and where.  An
    ERP names its users by login (``hverbek`` for ``hverbeek``); the hint on ids alone
    never finds it, since no employee id is near a login."""
    emp = target.frame
    if "accounts" not in emp.columns or not wanted:
        return {}
    index: dict[str, set[tuple[str, str, int]]] = {}
    for eid, cell, line in zip(emp[id_column].to_numpy(dtype=object),
                               emp["accounts"].to_numpy(dtype=object),
                               emp["_line"].to_numpy()):
        if not (isinstance(eid, str) and isinstance(cell, str)):
            continue
        for login in {account_key(a) for a in _SPLIT_ACCOUNTS.split(cell) if a.strip()}:
            if len(login) > _HINTED_ID_CHARS:
                continue
            for k in {login, *(login[:i] + login[i + 1:] for i in range(len(login)))}:
                index.setdefault(k, set()).add((login, eid, int(line)))
    out: dict[str, str] = {}
    for u in wanted:
        f = account_key(u)
        near = {hit for k in {f, *(f[:i] + f[i + 1:] for i in range(len(f)))}
                for hit in index.get(k, ()) if one_typo_apart(f, hit[0])}
        if len({eid for _, eid, _ in near}) == 1:
            login, eid, line = min(near)
            out[u] = (f"; {target.located(line)} has login {shown(login)} of {shown(eid)}, "
                      "one typed character apart")
    return out


def _without_no_value(state: TableState, ref: Reference, unknown: np.ndarray) -> np.ndarray:
    """The unknown ids less the cells that say there is no value (``NULL``, ``n.v.t.``:
    :mod:`ingest.no_value`), which become empty: an optional link is read as absent (told
    once per column), a row that needs the link is not used, as with an empty cell."""
    values = state.frame[ref.column]
    cells = [str(c) for c in values.iloc[unknown].tolist()]
    empty = np.fromiter((is_no_value(c) for c in cells), dtype=bool, count=len(cells))
    if not empty.any():
        return unknown
    at = unknown[empty]
    said = [c for c, e in zip(cells, empty.tolist()) if e]
    state.frame.loc[state.frame.index[at], ref.column] = None
    if ref.action == "drop_value":
        state.file_problem(read_as_empty(said, first_place(state, int(at[0]))),
                           column=ref.column, action="none", level="warning")
    else:
        _report_split(state, ref, at,
                      [f"{ref.column} {shown(c)} stands for no value, but the row needs it: "
                       f"fill in the {ref.target_column} of {ref.target}, or remove the row"
                       for c in said], f"missing {ref.column}")
    return unknown[~empty]


#: ' : Excel's mark for text ('0024); " : quotes a value got on its way through two
#: systems ("E0024"), which no id holds
_ID_NOISE = re.compile(r"[\s.\-_/'\u2019`\"]+")
_ID_NUMBER = re.compile(r"([^\W\d_]*)0*(\d+)")


#: the ``.0`` a float column adds to a whole number (``731.0``, ``731,00``)
_FLOAT_ZERO = re.compile(r"(?<=\d)[.,]0{1,2}\s*$")


def id_key(value: str) -> str:
    """An id as systems write it differently: case, spaces and separators, and the leading
    zeros Excel drops from a number (``E0024``, ``e0024``, ``E 0024`` and ``E24`` are
    ``e24``; ``00731`` and ``731`` are ``731``), and the apostrophe that marks a cell as
    text in Excel (``'00731``) or the quotes of a value quoted twice (``"E0024"``).

    A number that went through a float column (``731.0``, ``731,00``, as a database or
    pandas export writes it) is that number, not ``7310``; ``1.000`` (a thousands group)
    stays ``1000``.

    >>> [id_key(v) for v in ("E0024", "e 0024", "00731", "731", "O-12.3", "'00731", '"E0024"')]
    ['e24', 'e24', '731', '731', 'o123', '731', 'e24']
    >>> id_key("731.0"), id_key("00731,00"), id_key("7310"), id_key("1.000"), id_key("E24,")
    ('731', '731', '7310', '1000', 'e24')
    """
    # a separator left after the id (``E0024,``: the rest of a list, or a slip of the key)
    key = _ID_NOISE.sub("", _FLOAT_ZERO.sub("", value.rstrip(",; "))).casefold()
    m = _ID_NUMBER.fullmatch(key)
    if m is None:
        return key
    digits = m.group(2)
    if not digits.isascii():  # '١٢٣' (Arabic-Indic digits) is 123, as int() reads them
        digits = "".join(str(unicodedata.decimal(c)) for c in digits)
    # the zeros taken off as text, not by int(): a damaged cell of 5,000 digits is past
    # Python's limit for turning a string into an int (a ValueError, a traceback)
    return f"{m.group(1)}{digits.lstrip('0') or '0'}"


def _ids_by_key(target: TableState, ref: Reference) -> dict[str, set[str]]:
    """The target's ids by :func:`id_key` (key -> the ids written so)."""
    by_key: dict[str, set[str]] = {}
    for v in target.frame[ref.target_column].dropna().unique():
        by_key.setdefault(id_key(str(v)), set()).add(str(v))
    return by_key


def _resolve_written_differently(state: TableState, ref: Reference, target: TableState,
                                 unknown: np.ndarray) -> np.ndarray:
    """Read an unknown id as the one id of the target table it equals when written the same
    way (:func:`id_key`), with one warning on the column that counts them; return the
    positions still unknown.

    An id that equals no id, or several (``E24`` and ``E0024`` both exist), stays unknown:
    only an unambiguous id is read, so no row is tied to the wrong person or supplier."""
    values = state.frame[ref.column]
    resolved, targets = _one_match(values, unknown, _ids_by_key(target, ref), id_key)
    if not resolved:
        return unknown
    # told once per column with a count and the first example, as the name aliases are: an
    # ERP that drops the leading zeros of every personnel number ('102' for HR's '000102')
    # wrote one warning per row, dozens of lines that buried the real problems
    first = resolved[0]
    line = int(state.frame["_line"].iat[first])
    state.file_problem(
        f"{len(resolved)} value(s) are an id of {target.file} (column {ref.target_column}) "
        "written differently (case, spaces, leading zeros or a trailing .0) and are read as "
        f"that id, e.g. {shown(str(values.iat[first]))} ({state.place(line)}) as "
        f"{shown(targets[0])}; correct them in the export (an id column exported as text "
        "keeps its leading zeros)", column=ref.column, action="none", level="warning")
    column = state.frame.columns.get_loc(ref.column)
    state.frame.iloc[resolved, column] = targets
    return np.setdiff1d(unknown, resolved)


#: what separates the ids of a cell that names several: ``E12, E31``, ``E12 / E31``, ``E12 en E31``
_SEVERAL_IDS = re.compile(r"\s*(?:[,;/&+|]|\s(?:en|and)\s)\s*", re.IGNORECASE)


def _resolve_several_ids(state: TableState, ref: Reference, target: TableState,
                         unknown: np.ndarray) -> np.ndarray:
    """Read an unknown value that names several ids of the target (``E0012, E0031``: an
    ERP's two approvers in one field; ``O12 / O31``: a contract with a combination of two
    contractors) as its first, with a warning that says the others are not checked; return
    the positions still unknown.  Only a value whose every part is an id (or one written
    differently, :func:`id_key`) is read so: a name with a comma (``Vries, Jan de``) stays
    what it is."""
    by_key = _ids_by_key(target, ref)
    known = {v for ids in by_key.values() for v in ids}
    values = state.frame[ref.column]
    resolved: list[int] = []
    firsts: list[str] = []
    messages: list[str] = []
    # an approver cell naming the two approvers of a two-step approval: the second is read
    # as second_approved_by when the row has none (only an id of an employee row in use:
    # that column's own check has run, see REFERENCES)
    second = ("second_approved_by" if ref.column == "approved_by"
              and "second_approved_by" in state.frame.columns else None)
    in_use = (set(target.frame.loc[target.kept, ref.target_column].dropna().tolist())
              if second else set())
    seconds: list[tuple[int, str]] = []
    for pos in unknown.tolist():
        cell = str(values.iat[pos])
        parts = [x for x in _SEVERAL_IDS.split(cell) if x]
        if len(parts) < 2:
            continue
        read: list[str] = []
        for x in parts:
            found = {x} if x in known else by_key.get(id_key(x), set())
            if len(found) != 1:
                break
            read.append(next(iter(found)))
        else:
            resolved.append(pos)
            firsts.append(read[0])
            if (second and len(read) == 2 and read[1] != read[0] and read[1] in in_use
                    and pd.isna(state.frame[second].iat[pos])):
                seconds.append((pos, read[1]))
                messages.append(
                    f"{ref.column} {shown(cell)} names 2 ids of {target.file} (column "
                    f"{ref.target_column}): the first, {shown(read[0])}, is read as "
                    f"{ref.column}, the second, {shown(read[1])}, as {second}")
                continue
            messages.append(
                f"{ref.column} {shown(cell)} names {len(read)} ids of {target.file} (column "
                f"{ref.target_column}): the first, {shown(read[0])}, is read; the others are "
                "not checked for this row (one id per cell, or a row per id)")
    if not resolved:
        return unknown
    column = state.frame.columns.get_loc(ref.column)
    state.frame.iloc[resolved, column] = firsts
    if seconds:
        state.frame.iloc[[p for p, _ in seconds], state.frame.columns.get_loc(second)] = [
            v for _, v in seconds]
    state.report(np.asarray(resolved), ref.column, messages, "none",
                 reason=f"{ref.column} names several", level="warning")
    return np.setdiff1d(unknown, resolved)


def _one_match(values: pd.Series, positions: np.ndarray, table: dict[str, set[str]],
               key: Callable[[str], str]) -> tuple[list[int], list[str]]:
    """The positions whose value's ``key`` names exactly one id in ``table`` (key -> ids),
    and that id: an ambiguous or unknown key is left unresolved."""
    resolved: list[int] = []
    targets: list[str] = []
    for pos in positions.tolist():
        found = table.get(key(str(values.iat[pos])))
        if found is not None and len(found) == 1:
            resolved.append(pos)
            targets.append(next(iter(found)))
    return resolved, targets


def account_key(text: str) -> str:
    r"""A user name as systems write it: case, and a Windows domain in front, ignored.

    >>> account_key(" CORP\\JdeVries "), account_key("jdevries")
    ('jdevries', 'jdevries')
    """
    return text.strip().rsplit("\\", 1)[-1].strip().casefold()


def name_key(text: str) -> str:
    """A person's name as an ERP or allocation system writes a user: case, accents,
    punctuation and the comma form (``Vries, Jan de``) ignored.

    >>> name_key("Vries, Jan de"), name_key("jan DE vries"), name_key("José Núñez")
    ('jan de vries', 'jan de vries', 'jose nunez')
    >>> name_key("AYŞE YILDIZ") == name_key("Ayşe Yıldız") == name_key("Ayse Yildiz")
    True
    """
    t = text.strip().translate(_UNDECOMPOSED)
    if t.count(",") == 1:
        surname, given = t.split(",")
        t = f"{given} {surname}"
    return " ".join(_LETTERS.findall(enum_key(t)))


#: letters that have no accent to take off (NFKD leaves them), written as their plain
#: letters: a system that writes capitals turns 'Yıldız' into 'YILDIZ', an ASCII-only one
#: writes 'Yildiz', 'Soren', 'Lukasz' (the same fold as coi_graph.normalise.names' matching)
_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe",
     "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
     "Þ": "TH", "ĳ": "ij", "Ĳ": "IJ"})


_LETTERS = re.compile(r"[^\W\d_]+")
_SPLIT_ACCOUNTS = re.compile(r"[,;|\s]+")
#: words before a surname that are no given name (``Jan de Vries``: ``de``; ``'t`` as
#: :func:`name_key` writes it)
_PARTICLES = PARTICLES | {"t"}


def initials_key(text: str) -> str:
    """A user as an ERP shows it, initials and surname (``P. Bakker``, ``Bakker, J.P.``,
    ``Vries, J. de``, ``Bakker P``): the initials run together, a space, the rest; ``""``
    for a value without initials.

    >>> initials_key("P. Bakker"), initials_key("Vries, J. de"), initials_key("Bakker JP")
    ('p bakker', 'j de vries', 'jp bakker')
    >>> initials_key("Piet Bakker"), initials_key("P.")
    ('', '')
    """
    words = name_key(text).split()
    lead = next((i for i, w in enumerate(words) if len(w) > 1), len(words))
    if 0 < lead < len(words):
        return "".join(words[:lead]) + " " + " ".join(words[lead:])
    written = text.replace(".", " ").split()
    if lead == 0 and len(words) > 1 and len(written) == len(words) and _UPPER_INITIALS.match(
            written[-1]) and any(not w.isupper() for w in written[:-1]):
        return words[-1] + " " + " ".join(words[:-1])  # 'Bakker JP', 'Bakker P'
    return ""


#: initials run together as an ERP writes them after the surname (``Bakker JP``)
_UPPER_INITIALS = re.compile(r"^[A-Z]{1,3}$")


def initials_keys_of_name(text: str) -> set[str]:
    """The ways a full name is written as initials and surname: the first initial or all
    of them before the surname, the surname being every word after the given names
    (``Jan de Vries`` -> ``j de vries``; ``Anna Maria Jansen`` -> ``am jansen``,
    ``a jansen``, and ``a maria jansen`` as a reading with one given name).

    >>> sorted(initials_keys_of_name("Anna Maria Jansen"))
    ['a jansen', 'a maria jansen', 'am jansen']
    >>> sorted(initials_keys_of_name("Vries, Jan de"))
    ['j de vries']
    """
    words = name_key(text).split()
    keys: set[str] = set()
    for cut in range(1, len(words)):
        given, surname = words[:cut], " ".join(words[cut:])
        if any(w in _PARTICLES for w in given) or any(len(w) == 1 for w in given):
            break
        keys.add(given[0][0] + " " + surname)
        keys.add("".join(w[0] for w in given) + " " + surname)
    return keys


#: a call name in brackets, as HR systems write it after the initials (one or two words:
#: ``(Jan)``, ``(Anne-Marie)``, ``(Jan Willem)``)
_BRACKETED_CALL_NAME = re.compile(r"\(\s*([^\W\d_]+(?:[\- ][^\W\d_]+)?)\s*\)")


def call_name_forms(text: str) -> tuple[str, set[str]] | None:
    """A name written with initials and the call name in brackets, as AFAS Profit and other
    HR systems write ``Naam medewerker`` (``Berg, J. (Jan) van den``, ``Jansen, J.P.
    (Jan)``, ``J.P. (Jan) Jansen``): the call name and surname as :func:`name_key` gives
    them, and the initials-and-surname keys (as :func:`initials_key` gives them); None for
    another name.

    Why: a register kept by hand names the colleague as ``Jan van den Berg`` or ``Kees de
    Wit`` (the call name need not start with the initial: Cornelis is Kees), an ERP as
    ``J. van den Berg``; neither is the written name with its brackets.

    >>> call_name_forms("Berg, J. (Jan) van den")
    ('jan van den berg', {'j van den berg'})
    >>> call_name_forms("Wit, C. (Kees) de")[0], sorted(call_name_forms("Jong-Smit, A.B. (Anna) de")[1])
    ('kees de wit', ['a de jong smit', 'ab de jong smit'])
    >>> call_name_forms("Jan van den Berg"), call_name_forms("Berg, Jan (overleden)")
    (None, None)
    """
    found = _BRACKETED_CALL_NAME.findall(text)
    if len(found) != 1:
        return None
    rest = initials_key(_BRACKETED_CALL_NAME.sub(" ", text))
    if not rest:  # no initials in front: other text in brackets ('(overleden)', '(ex)')
        return None
    initials, surname = rest.split(" ", 1)
    call = name_key(found[0])
    if not call:
        return None
    return f"{call} {surname}", {rest, f"{initials[0]} {surname}"}


#: an employee's id with the name after it in brackets, as a screen shows the user:
#: ``E0012 (J. de Vries)``.  The id stops at the first bracket after its first character
#: (``\S[^\s(]*``, not the lazy ``\S+?``, which finds the same id): tried at every
#: bracket of a value of n brackets, the lazy form took n * n steps, and a damaged cell of
#: a million brackets hung the scan
_ID_AND_BRACKETED_NAME = re.compile(r"^\s*(\S[^\s(]*)\s*\((.+)\)\s*$")


def id_and_name_key(value: str) -> str:
    """``id|name`` of a value that is an employee's id and name, as an ERP or allocation
    system shows its user (``E0012 - Jan de Vries``, ``E0012: J. de Vries``, ``E0012 (Jan
    de Vries)``): the id as :func:`id_key` and the name as :func:`initials_key` or
    :func:`name_key` give it; ``""`` for another value.

    >>> id_and_name_key("E0012 - Jan de Vries"), id_and_name_key("e12 (J. de Vries)")
    ('e12|jan de vries', 'e12|j de vries')
    >>> id_and_name_key("Jan de Vries")
    ''
    """
    m = _CODE_AND_NAME.match(value) or _ID_AND_BRACKETED_NAME.match(value)
    if m is None:
        return ""
    name = initials_key(m.group(2)) or name_key(m.group(2))
    return f"{id_key(m.group(1))}|{name}" if name else ""


def _resolve_employee_aliases(state: TableState, ref: Reference, target: TableState,
                              unknown: np.ndarray) -> np.ndarray:
    """Read an unknown employee id that is how another system names the employee: one of
    the user names in the employees' ``accounts`` column (an ERP login, ``CORP\\jdevries``),
    else an employee's id with that employee's name (``E0012 - J. de Vries``), else an
    employee's e-mail address, else the full name of exactly one employee, else the
    initials and surname of exactly one (``P. Bakker``); return the positions still unknown.

    Why: an ERP records who created or approved an order by login or name, the HR export by
    personnel number; matching them was hand work before every scan.  Only a value that
    names one employee is read (an account or a name two employees share stays unknown).
    Accounts are the user's own mapping and are read without a word; an e-mail address or
    a name is told once per column, with the count."""
    emp = target.frame
    ids = emp[ref.target_column].to_numpy(dtype=object)

    def index(column: str, keys: Callable[[str], set[str]]) -> dict[str, set[str]]:
        """key -> the employee ids whose ``column`` gives that key."""
        out: dict[str, set[str]] = {}
        if column not in emp.columns:
            return out
        for eid, cell in zip(ids, emp[column].to_numpy(dtype=object)):
            # a row without its id (NaN: refused there) names nobody, not employee 'nan'
            if isinstance(eid, str) and isinstance(cell, str) and cell.strip():
                for k in keys(cell):
                    out.setdefault(k, set()).add(str(eid))
        return out

    by_id_and_name: dict[str, set[str]] = {}
    if "name" in emp.columns:
        for eid, cell in zip(ids, emp["name"].to_numpy(dtype=object)):
            if isinstance(eid, str) and isinstance(cell, str) and cell.strip():
                for k in ({name_key(cell)} | initials_keys_of_name(cell)) - {""}:
                    by_id_and_name.setdefault(f"{id_key(eid)}|{k}", set()).add(eid)
    by_call_name: dict[str, set[str]] = {}
    calls = call_names(emp)
    if calls is not None:
        for eid, cell in zip(ids, calls.tolist()):
            if isinstance(eid, str) and cell and name_key(cell):
                by_call_name.setdefault(name_key(cell), set()).add(eid)
    by_initials = index("name", initials_keys_of_name)
    official = initials_names(emp)  # 'C.J. Veenstra' beside the built 'Kees Veenstra'
    if official is not None:
        for eid, cell in zip(ids, official.tolist()):
            key = initials_key(cell) if isinstance(eid, str) and cell else ""
            if key:
                letters, rest = key.split(" ", 1)
                for k in {key, f"{letters[0]} {rest}"}:
                    by_initials.setdefault(k, set()).add(eid)
    if "name" in emp.columns:  # 'Berg, J. (Jan) van den': the call name in brackets
        for eid, cell in zip(ids, emp["name"].to_numpy(dtype=object)):
            forms = call_name_forms(cell) if isinstance(eid, str) and isinstance(
                cell, str) else None
            if forms is not None:
                by_call_name.setdefault(forms[0], set()).add(eid)
                for k in forms[1]:
                    by_initials.setdefault(k, set()).add(eid)
    lookups = [
        ("account", index("accounts", lambda c: {account_key(a) for a in _SPLIT_ACCOUNTS.split(c)
                                                 if a.strip()}), account_key),
        ("id and name", by_id_and_name, id_and_name_key),
        ("e-mail", index("email", lambda c: {c.strip().casefold()}),
         lambda v: v.strip().casefold() if "@" in v else ""),
        ("name", index("name", lambda c: {name_key(c)} - {""}), name_key),
        # the name an employee goes by (Roepnaam 'Hans' beside Voornamen 'Johannes Petrus')
        ("call name and surname", by_call_name, name_key),
        ("initials and surname", by_initials, initials_key),
    ]

    def told(how: str, n: int) -> str | None:
        """Accounts are the user's own mapping: read without a word."""
        return None if how == "account" else (
            f"{n} value(s) are the {how} of one employee in {target.file} and are read as "
            f"that employee's {ref.target_column}; write the ids, or give employees an "
            "accounts column, to be sure")

    return _resolve_by_lookups(state, ref, unknown, lookups, told)


def _resolve_relative_names(state: TableState, ref: Reference, target: TableState,
                            unknown: np.ndarray) -> np.ndarray:
    """Read an unknown relative id that is the name of one relative of the row's own
    employee (``Tom Visser`` on a declaration of E0023, whose son he is); return the
    positions still unknown.

    Why: an integrity register kept by hand names the relative a declaration is about, as
    the family register does, while the relatives' ids are often made by the analyzer
    (``R-`` and a hash) and known to no one.  Unread, the row was refused, and with it the
    declaration that covers the relative's KvK role: a declared interest became an
    undeclared one.  Only a name that fits one relative of that employee is read (case,
    accents and the comma form ignored); told once per column, with the count."""
    rel = target.frame
    if "name" not in rel.columns or "employee_id" not in rel.columns \
            or "employee_id" not in state.frame.columns:
        return unknown
    by_key: dict[str, set[str]] = {}
    for rid, eid, name in zip(rel[ref.target_column].to_numpy(dtype=object),
                              rel["employee_id"].to_numpy(dtype=object),
                              rel["name"].to_numpy(dtype=object)):
        if isinstance(rid, str) and isinstance(eid, str) and isinstance(name, str):
            key = name_key(name)
            if key:
                by_key.setdefault(f"{id_key(eid)}|{key}", set()).add(rid)
    values = state.frame[ref.column]
    owners = state.frame["employee_id"]
    resolved, targets = [], []
    for p in unknown:
        value, owner = values.iat[p], owners.iat[p]
        if not isinstance(value, str) or not isinstance(owner, str):
            continue
        found = by_key.get(f"{id_key(owner)}|{name_key(value)}", set())
        if len(found) == 1:
            resolved.append(int(p))
            targets.append(next(iter(found)))
    if not resolved:
        return unknown
    state.frame.iloc[resolved, state.frame.columns.get_loc(ref.column)] = targets
    state.file_problem(
        f"{len(resolved)} value(s) are the name of one relative of the row's employee in "
        f"{target.file} and are read as that relative's {ref.target_column}; write the ids "
        "to be sure", column=ref.column, action="none", level="warning")
    return np.setdiff1d(unknown, resolved)


def _resolve_by_lookups(state: TableState, ref: Reference, unknown: np.ndarray,
                        lookups: list[tuple[str, dict[str, set[str]], Callable[[str], str]]],
                        told: Callable[[str, int], str | None]) -> np.ndarray:
    """Each look-up in turn (``how``, key -> target ids, the key of a value) on the values
    still unknown: a value whose key names one target id is read as that id, and
    ``told(how, count)`` is the warning on the column (None: nothing to tell).  Returns the
    positions still unknown."""
    values = state.frame[ref.column]
    column = state.frame.columns.get_loc(ref.column)
    still = unknown
    for how, table, key in lookups:
        if not table or not len(still):
            continue
        resolved, targets = _one_match(values, still, table, key)
        if not resolved:
            continue
        written = str(values.iat[resolved[0]])
        state.frame.iloc[resolved, column] = targets
        still = np.setdiff1d(still, resolved)
        message = told(how, len(resolved))
        if message and len(state.sources) > 1:
            # a table of several files (one per year, per system): the warning names them
            # all, so the first value read so says which file holds such values
            line = int(state.frame["_line"].iat[resolved[0]])
            message += (f"; the first is {shown(written)} ({state.place(line)}), read as "
                        f"{shown(targets[0])}")
        if message:
            state.file_problem(message, column=ref.column, action="none", level="warning")
    return still


#: a legal form at the end of an organization's name, as ERPs write it or leave it out
_LEGAL_FORM_END = re.compile(r"(?:\s+(?:b\s*v|n\s*v|v\s*o\s*f|c\s*v|u\s*a))+$")
#: an ERP's "code - name" of a supplier: ``10023 - Bouwbedrijf X B.V.``, ``10023: ...``
_CODE_AND_NAME = re.compile(r"^\s*(\S+?)\s*(?:-|\u2013|:|\|)\s+(.+)$")


def org_name_key(text: str) -> str:
    """An organization's name as another system writes it: case, accents, punctuation and a
    legal form at the end (``B.V.``, ``BV``, ``V.O.F.``) ignored.

    >>> org_name_key("Bouwbedrijf X B.V."), org_name_key("BOUWBEDRIJF X"), org_name_key("Café Één BV")
    ('bouwbedrijf x', 'bouwbedrijf x', 'cafe een')
    """
    return _LEGAL_FORM_END.sub("", " ".join(_LETTERS_DIGITS.findall(
        enum_key(text.translate(_UNDECOMPOSED)))))


_LETTERS_DIGITS = re.compile(r"[^\W_]+")


def _resolve_organization_names(state: TableState, ref: Reference, target: TableState,
                                unknown: np.ndarray) -> np.ndarray:
    """Read an unknown organization id that is how an ERP shows the supplier: its code and
    name (``10023 - Bouwbedrijf X B.V.``, the code one of the organizations' ids and the
    name that organization's), else the name of exactly one organization; return the
    positions still unknown.  Told once per column, with the count: a name two
    organizations share stays unknown, and so does a code whose name is another's."""
    orgs = target.frame
    if "name" not in orgs.columns:
        return unknown
    by_name: dict[str, set[str]] = {}
    name_of: dict[str, str] = {}
    for oid, name in zip(orgs[ref.target_column].to_numpy(dtype=object),
                         orgs["name"].to_numpy(dtype=object)):
        if not isinstance(oid, str) or not isinstance(name, str) or not org_name_key(name):
            continue  # (a row without its id names no organization)
        by_name.setdefault(org_name_key(name), set()).add(str(oid))
        name_of[str(oid)] = org_name_key(name)
    by_code: dict[str, set[str]] = {}
    for oid in name_of:
        by_code.setdefault(id_key(oid), set()).add(oid)

    def code_and_name(value: str) -> str:
        """``code|name key`` when the value has that shape (else ``''``)."""
        m = _CODE_AND_NAME.match(value)
        return f"{id_key(m.group(1))}|{org_name_key(m.group(2))}" if m else ""

    by_code_and_name: dict[str, set[str]] = {}
    for code, oids in by_code.items():
        for oid in oids:
            by_code_and_name.setdefault(f"{code}|{name_of[oid]}", set()).add(oid)
    return _resolve_by_lookups(
        state, ref, unknown,
        [("code and name", by_code_and_name, code_and_name), ("name", by_name, org_name_key)],
        lambda how, n: (f"{n} value(s) are the {how} of one organization in {target.file} and "
                        f"are read as that organization's {ref.target_column}; write the ids "
                        "to be sure"))


def _cascade(state: TableState, ref: Reference, target: TableState, known: np.ndarray,
             optional: bool = True) -> None:
    """Rows that refer to a skipped row are skipped too (or lose an optional link;
    ``optional``: see :func:`_drop_allowed`)."""
    target_kept = target.kept
    if target_kept.all():
        return
    target_ids = target.frame[ref.target_column]
    kept_ids = pd.Index(target_ids[target_kept].dropna().unique())
    values = state.frame[ref.column]
    orphan = known & ~isin(values, kept_ids) & state.kept
    positions = np.flatnonzero(orphan)
    if len(positions) == 0:
        return
    orphans = values.iloc[positions]
    lines = orphans.map(_first_lines(target, ref.target_column, orphans)).to_numpy()
    dropped = _drop_allowed(state, ref, positions, optional)
    without = WITHOUT_REFERENCE.get((ref.table, ref.column))
    messages = [
        f"{ref.column} {shown(str(values.iat[p]))} refers to a row of {target.file} "
        f"({target.place(line)}) that is skipped because of an error there; this row is "
        + ("used without it" + (f"; {without}" if without else "") if drop
           else "skipped too")
        for p, line, drop in zip(positions, lines, dropped)
    ]
    _report_split(state, ref, positions, messages, CASCADE_REASON, level="warning",
                  optional=optional)


def _check_relative_owner(declarations: TableState, relatives: TableState | None) -> None:
    """A declaration about a relative must name the employee that relative belongs to."""
    if relatives is None or not relatives.readable:
        return
    frame = declarations.frame
    relative = frame["relative_id"]
    employee = frame["employee_id"]
    owners = (
        relatives.frame.loc[relatives.frame["relative_id"].notna(),
                            ["relative_id", "employee_id", "_line"]]
        .drop_duplicates("relative_id")
        .set_index("relative_id")
    )
    owner = relative.map(owners["employee_id"])
    wrong = np.flatnonzero(
        (relative.notna() & employee.notna() & owner.notna() & (owner != employee)).to_numpy()
    )
    lines = relative.iloc[wrong].map(owners["_line"]).to_numpy()
    messages = [
        f"relative_id {shown(str(relative.iat[p]))} belongs to employee "
        f"{shown(str(owner.iat[p]))} ({relatives.located(line)}), not to employee_id "
        f"{shown(str(employee.iat[p]))}; correct one of the two ids"
        for p, line in zip(wrong, lines)
    ]
    declarations.report(wrong, "relative_id", messages, "skip_row",
                        reason="relative of another employee")


def _resolve_officer_kvk(officers: TableState, organizations: TableState | None) -> None:
    """Officers given by KvK number get the ``org_id`` of the organization with that number."""
    if organizations is None or not organizations.readable or \
            "org_id" in organizations.blank_columns:
        return  # that file is refused already: one message there, not one per officer
    frame = officers.frame
    kvk = frame["kvk_number"]
    todo = (frame["org_id"].isna() & kvk.notna()).to_numpy()
    if not todo.any():
        return
    orgs = organizations.frame
    if "kvk_number" not in orgs.columns or not orgs["kvk_number"].notna().any():
        # one cause for every such row: said alike, so a refused scan shows it once
        officers.report(
            np.flatnonzero(todo), "kvk_number",
            [f"the officer's organization is given by kvk_number only, and "
             f"{organizations.file} has no KvK numbers (no kvk_number column, or an empty "
             f"one); add them to {organizations.file}, or give the officers an org_id "
             "column"] * int(todo.sum()),
            "skip_row", reason="unknown kvk_number")
        return
    with_kvk = orgs["kvk_number"].notna().to_numpy()
    kept = organizations.kept
    # prefer an organization row that is kept when several share the number
    order = np.concatenate([np.flatnonzero(with_kvk & kept), np.flatnonzero(with_kvk & ~kept)])
    by_kvk = (orgs[["kvk_number", "org_id"]].iloc[order]
              .drop_duplicates("kvk_number"))  # (the two columns only: no copy of the others)
    # in Arrow (index_in, take): pandas' map went through every value as an object
    resolved = lookup_text(kvk, by_kvk["kvk_number"], by_kvk["org_id"])
    missing = todo & resolved.isna().to_numpy()
    if missing.any() and "officer_kvk_number" in frame.columns:
        missing &= ~_holding_rows(officers, missing)
    unknown = np.flatnonzero(missing)
    officers.report(
        unknown,
        "kvk_number",
        [
            f"kvk_number {kvk.iat[p]} is not the KvK number of any organization in "
            f"{organizations.file}; add the organization with this kvk_number, or correct it"
            for p in unknown
        ],
        "skip_row",
        reason="unknown kvk_number",
    )
    filled = todo & resolved.notna().to_numpy()
    fill = np.flatnonzero(filled)
    if len(fill):
        frame["org_id"] = take_where(frame["org_id"], filled, resolved)
        ref = Reference("officers", "org_id", "organizations", "org_id")
        known = np.zeros(len(frame), dtype=bool)
        known[fill] = True
        _cascade(officers, ref, organizations, known, optional=False)


def _holding_rows(officers: TableState, candidates: np.ndarray) -> np.ndarray:
    """Which ``candidates`` (a mask: officer rows whose ``kvk_number`` is no organization
    of the vendor master) are rows of a holding the extract itself introduces: their
    ``kvk_number`` is the ``officer_kvk_number`` of another kept officer row (a concern:
    "Jan Jansen directs Jansen Holding B.V., shareholder of our supplier").  Those rows are
    read as officers of the holding (the graph's extract-only node ``kvk:NNN``), not
    refused.  Followed up a chain (a holding of a holding) until nothing more is found;
    a KvK number that nobody in the extract or the vendor master knows stays a row error."""
    frame = officers.frame
    kvk = frame["kvk_number"]
    holder = frame["officer_kvk_number"]
    kept = officers.kept
    # rows that stand on their own: an organization of the vendor master (or an org_id)
    usable = kept & ~candidates
    found = np.zeros(len(frame), dtype=bool)
    while True:
        holds = holder[usable & holder.notna().to_numpy()].unique()
        more = candidates & ~found & isin(kvk, pd.Index(holds))
        if not more.any():
            return found
        found |= more
        usable = usable | (more & kept)


def _check_decision_ids(states: dict[str, TableState]) -> None:
    """A decision id may be used once over contracts and allocations together."""
    contracts, allocations = states.get("contracts"), states.get("allocations")
    if contracts is None or allocations is None:
        return
    if "decision_id" in contracts.blank_columns or "decision_id" in allocations.blank_columns:
        return
    ids = allocations.frame["decision_id"]
    if _none_in_range(ids, contracts.frame["decision_id"]):
        return  # (allocations numbered A..., contracts C...: no id can be shared)
    first = _first_lines(contracts, "decision_id", ids)
    clash = np.flatnonzero(ids.notna().to_numpy() & isin(ids, first.index))
    lines = ids.iloc[clash].map(first).to_numpy()
    messages = [
        f"decision_id {shown(str(ids.iat[p]))} is also used in {contracts.located(line)}"
        "; decision ids must be unique over contracts and allocations: give one "
        "of them another id"
        for p, line in zip(clash, lines)
    ]
    allocations.report(clash, "decision_id", messages, "skip_row",
                       reason="duplicate decision_id")


def _none_in_range(values: pd.Series, others: pd.Series) -> bool:
    """Whether no present value of ``values`` lies between the least and the greatest of
    ``others`` (byte order): then none equals one of them.  ``False`` means "look".

    Two tables' ids usually differ in their prefix (``A000001``, ``C0000001``): then the
    40,007 allocations' decision ids need not be looked for among large's 960,031
    contracts' (65 ms with the first lines of the ids found, on the last step of ingest).
    A sorted id column has its least and greatest value at its ends (a comparison per
    row tells, as for the unique ids); another is scanned for them."""
    arr, other = arrow_array(values), arrow_array(others)
    if arr is None or other is None or not len(arr):
        return False
    import pyarrow.compute as pc

    if not len(other) or other.null_count == len(other):
        return True
    if strictly_increasing(others):
        low, high = other[0], other[len(other) - 1]
    else:
        bounds = pc.min_max(other)
        low, high = bounds["min"], bounds["max"]
    inside = pc.and_(pc.greater_equal(arr, low.cast(arr.type)),
                     pc.less_equal(arr, high.cast(arr.type)))
    return not pc.any(inside).as_py()


def check_references(states: dict[str, TableState]) -> None:
    """Run every cross-table check on the states of the tables that were read."""
    for name in TABLE_ORDER:
        check_table_references(name, states)


def check_table_references(name: str, states: dict[str, TableState]) -> None:
    """The cross-table checks of one table, against the tables before it.

    A table refers only to tables before it in :data:`~ingest.tables.TABLE_ORDER` and
    these checks change only the table itself, so calling this for each table in that
    order (``states`` holding at least that table and those before it, each already
    through this step) is :func:`check_references`; a caller can check a table's
    references as soon as that table and the ones before it are read.  The decision ids
    over contracts and allocations are checked at ``allocations``, before its references,
    as they always were.
    """
    if name == "allocations":
        _check_decision_ids(states)
    state = states.get(name)
    if state is None or not state.readable:
        return
    refs = [ref for ref in REFERENCES
            if ref.table == name and ref.column not in state.blank_columns]
    known = {}
    submit = submit_for(len(state.frame))
    if submit is not run_now:
        # a big table's lookups at once (Arrow's is_in releases the GIL); each reference
        # has a column of its own, which only its own check changes, so a lookup made
        # before the checks before it finds what it would have found after them
        for i, ref in enumerate(refs):
            target = states.get(ref.target)
            if (target is not None and target.readable
                    and ref.target_column not in target.blank_columns):
                known[i] = submit(_known_ids, state.frame[ref.column], target, ref)
    for i, ref in enumerate(refs):
        _check_reference(state, ref, states.get(ref.target), known.get(i))
    if name == "declarations":
        _check_relative_owner(state, states.get("relatives"))
    if name == "officers":
        _resolve_officer_kvk(state, states.get("organizations"))

