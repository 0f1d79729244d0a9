"""Links: the dated, sourced edges of the graph, and the date arithmetic they need.

Validity is kept as day ordinals (``date.toordinal()``) with ``NEG``/``POS`` for open ends, so
intersecting the validity of a path's links is two integer comparisons per link.

>>> Link("family", "partner", lo=ordinal("2020-01-01", NEG)).valid_on(ordinal("2024-03-01", 0))
True
"""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import MISSING, dataclass, fields
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["NEG", "POS", "MatchInfo", "Link", "make_links", "LABEL_CODES", "ordinal", "ordinal_to_iso", "text_of", "date_of",
           "day_ordinals", "is_missing", "number_of", "flag_of"]

NEG = -(10**9)
POS = 10**9


@dataclass(frozen=True, slots=True)
class MatchInfo:
    """Why two records were taken to be one person (or one organization)."""

    reason: str
    detail: str
    score: float
    fuzzy: bool = False
    #: ``match`` or ``possible`` (a possible same person: the finding says so, scores lower)
    band: str = "match"
    #: the compared features as dicts (code, params, weight), rendered at display time
    features: tuple[dict[str, Any], ...] = ()
    #: the pair of records (for ``coi match confirm/reject``) and the judgement followed
    pair_id: str = ""
    judgement: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        """As stored in a finding's evidence step (extra keys only when there is something)."""
        d: dict[str, Any] = {"reason": self.reason, "detail": self.detail,
                             "score": round(self.score, 3), "fuzzy": self.fuzzy}
        if self.features:
            d.update(band=self.band, pair_id=self.pair_id, features=list(self.features))
        if self.judgement:
            d["judgement"] = dict(self.judgement)
        return d


@dataclass(frozen=True, slots=True)
class Link:
    """One edge of the link graph.

    ``label`` is how the link reads in Dutch (the ``path`` column of ``findings.csv``);
    ``code`` and ``params`` say what it is (see :data:`LABEL_CODES`), so pages and reports
    render it in the reader's language and :func:`coi_graph.graph.build.link_id` hashes what the
    link is, never its display text.  A link without a code is shown by its label.
    """

    kind: str
    label: str
    lo: int = NEG
    hi: int = POS
    declared: bool = False
    evidence: tuple[str, ...] = ()
    records: tuple[tuple[str, str], ...] = ()
    match: MatchInfo | None = None
    status: str | None = None
    code: str = ""
    #: ``(name, value)`` pairs (a tuple, so a link stays hashable); values are str or None
    params: tuple[tuple[str, Any], ...] = ()

    def valid_on(self, day: int) -> bool:
        return self.lo <= day <= self.hi

    @property
    def label_params(self) -> dict[str, Any]:
        return dict(self.params)


#: per field of :class:`Link`, in order: its name, the slot's setter and its default
_LINK_SLOTS = [(f.name, getattr(Link, f.name).__set__, f.default) for f in fields(Link)]
# make_links fills the slots without calling __init__: it must have nothing else to do
assert not hasattr(Link, "__post_init__") and all(
    f.default is not MISSING and f.default_factory is MISSING for f in fields(Link)[2:])


def make_links(n: int, columns: Mapping[str, Sequence[Any]], **same: Any) -> list[Link]:
    """``n`` links, link ``i`` being ``Link(**{f: columns[f][i]}, **same)``: the fields in
    ``columns`` per link (each a sequence of ``n`` values), those in ``same`` one value for
    all, the others their defaults.  The same links (equal, hashing alike, the same
    attributes) as that call per link, made a field at a time for all of them: each slot is
    set by its descriptor in one ``map`` over the links instead of the frozen dataclass's
    ``__init__`` per link (eleven ``object.__setattr__`` calls each), about 2.4 times faster
    for a KvK extract's 100,000 officer links.

    >>> a = make_links(2, {"label": ["x", "y"], "lo": [1, 2]}, kind="officer")
    >>> a == [Link("officer", "x", lo=1), Link("officer", "y", lo=2)]
    True
    >>> make_links(1, {"label": ["x"]})
    Traceback (most recent call last):
    ...
    TypeError: make_links: no value for kind
    """
    names = {name for name, _, _ in _LINK_SLOTS}
    for name in (*columns, *same):
        if name not in names:
            raise TypeError(f"make_links: Link has no field {name}")
    for name, values in columns.items():
        if len(values) != n:
            raise ValueError(f"make_links: {len(values)} values of {name} for {n} links")
    links = list(map(object.__new__, repeat(Link, n)))
    for name, setter, default in _LINK_SLOTS:
        if name in columns:
            values: Any = columns[name]
        elif name in same:
            values = repeat(same[name], n)
        elif default is MISSING:
            raise TypeError(f"make_links: no value for {name}")
        else:
            values = repeat(default, n)
        deque(map(setter, links, values), maxlen=0)
    return links


#: The label codes of links and evidence steps, with the parameters each carries; rendered
#: in Dutch or English by :func:`coi_graph.outputs.explore_text.step_label_text`.
LABEL_CODES: dict[str, tuple[str, ...]] = {
    "relation": ("relation",),                       # family: the data contract's relation
    "identifier": ("identifier",),                   # address, iban, phone, email
    "match": ("reason", "as"),                       # same person: the match reason (English);
                                                     # as: co_applicant (else absent)
    "declaration": ("kind", "status", "position"),   # register kind, status code, free text
    "officer": ("role",),                            # the KvK role as the register has it
    "officer_of": ("role", "organization"),          # a holding: its role at another organization
    "decision": ("decision_kind", "date", "amount_eur"),
    "gift": ("gift_kind", "date", "value_eur"),
    "role": ("role",),                               # handler / approver of a decision
}


def ordinal(value: Any, default: int) -> int:
    """A date-like value as a day ordinal; missing (or the ordinal 0) -> ``default``."""
    if type(value) is int:
        return value or default
    if value is None:
        return default
    if isinstance(value, float) and math.isnan(value):
        return default
    if value is pd.NaT:
        return default
    if isinstance(value, pd.Timestamp):
        return value.date().toordinal()
    if isinstance(value, dt.datetime):
        return value.date().toordinal()
    if isinstance(value, dt.date):
        return value.toordinal()
    try:
        if pd.isna(value):
            return default
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(value).date().toordinal()


EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()


def day_ordinals(dates: pd.Series) -> np.ndarray:
    """datetime64 values as ``date.toordinal()`` day numbers, vectorised; missing -> 0.

    >>> day_ordinals(pd.Series(pd.to_datetime(["2024-03-01", None]))).tolist()
    [738946, 0]
    """
    fast = _days_of_datetime64(dates)
    if fast is not None:
        return fast
    return _day_ordinals_converted(dates)


#: a day in each unit numpy keeps datetimes in
_UNIT_PER_DAY = {"ns": 86_400_000_000_000, "us": 86_400_000_000, "ms": 86_400_000, "s": 86_400,
                 "D": 1}


def _days_of_datetime64(dates: Any) -> np.ndarray | None:
    """:func:`day_ordinals` of a column already held as timezone-free ``datetime64`` (what
    ingest reads dates as): the integers floor-divided by a day, without numpy's
    ``astype('datetime64[D]')``, which took 0.6 s of ten million decisions' 0.7 s.  None
    for anything else (text, timezones, Python objects), which goes the general way."""
    arr = getattr(dates, "dtype", None)
    if not isinstance(arr, np.dtype) or arr.kind != "M":
        return None
    unit, count = np.datetime_data(arr)
    if unit not in _UNIT_PER_DAY or _UNIT_PER_DAY[unit] % count:
        return None
    values = np.asarray(dates.to_numpy() if hasattr(dates, "to_numpy") else dates).view("i8")
    out = values // (_UNIT_PER_DAY[unit] // count) + EPOCH_ORDINAL
    out[values == np.iinfo(np.int64).min] = 0  # NaT
    return out


def _day_ordinals_converted(dates: pd.Series) -> np.ndarray:
    """:func:`day_ordinals` of any column pandas can read as dates."""
    v = pd.to_datetime(dates, errors="coerce")
    missing = v.isna().to_numpy()
    days = v.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype("int64")
    out = days + EPOCH_ORDINAL
    out[missing] = 0
    return out


def ordinal_to_iso(day: int) -> str | None:
    if day <= NEG or day >= POS:
        return None
    return dt.date.fromordinal(day).isoformat()


def is_missing(v: Any) -> bool:
    """Whether a cell is empty: None, NaN, NaT or pandas' NA.

    >>> [is_missing(x) for x in (None, float("nan"), pd.NA, pd.NaT, "", 0)]
    [True, True, True, True, False, False]
    """
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def text_of(v: Any) -> str | None:
    """A cell as a stripped string, or None.

    >>> text_of("  007 "), text_of(float("nan")), text_of(pd.NA)
    ('007', None, None)
    """
    if isinstance(v, str):
        return v.strip() or None
    if is_missing(v):
        return None
    return str(v).strip() or None


def number_of(v: Any) -> float | None:
    """A cell as a number, or None when it is empty or not a number."""
    if is_missing(v):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def flag_of(v: Any) -> bool | None:
    """A boolean cell (pandas' nullable boolean) as True/False, or None when empty."""
    return None if is_missing(v) else bool(v)


def date_of(v: Any) -> dt.date | None:
    o = ordinal(v, 0)
    return dt.date.fromordinal(o) if o else None


