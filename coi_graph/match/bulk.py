"""Columnar blocking: which probes can meet a reference at all, and how common each name is,
computed on whole columns instead of record by record.

Why: a scan matches about 100,000 KvK officers and 40,000 housing applicants against the
employees and relatives, and nearly all of them share no blocking key with any of them.
Deciding that one record at a time (splitting and canonicalising the name, a few set
look-ups, a birth-date check per block) costs tens of microseconds per record in Python;
here the names are split, canonicalised and joined with the references' keys as Arrow and
numpy arrays, and only the probes that pass go on to the per-record matcher
(:func:`coi_graph.match.records.match_people`).

The test here is a *superset* of the per-record check
(:meth:`coi_graph.match.records._CoarseIndex.might_match`): every probe that check accepts
passes here too, and the matcher looks up what passes by its exact blocking keys and compares
only pairs with evidence beyond the name (``has_support``), so results do not change; a false
candidate only costs time.  Names whose folded form is not ASCII (other
scripts) are always candidates (the matcher decides on their keys), and so are birth dates before
the year 1000 (their ``%Y%m%d`` is not eight digits).  ``tests/test_matching_bulk.py`` checks
the superset property against the per-record check, and the word counts against
:func:`~coi_graph.match.compare.name_words`, on hostile names.

The tokens of a name are computed exactly as :func:`~coi_graph.match.compare.name_words`
and :func:`~coi_graph.match.records._rough_tokens` compute them, for names whose folded form
(:func:`~coi_graph.normalise.names.fold_text`) is ASCII: the folded name split on every
character that is not a letter or digit, every run of one to four adjacent words written
together, canonicalised (:func:`~coi_graph.match.compare.canon`: the transliterations in
order, then doubled letters collapsed), plus the first letter of every word.
"""

from __future__ import annotations

from collections import defaultdict
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import attrgetter, is_not
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..links import is_missing
from ..normalise.names import fold_text
from .compare import _TRANSLIT, _word_pairs, name_words

__all__ = ["NameTokens", "name_tokens", "word_counts", "count_words", "candidate_probes", "ref_side",
           "join_ref_sides", "join_ref_rows", "key_pairs", "KeyIndex"]

#: Name particles the parser glues to the next word (``names._GLUE_*``).
_GLUE = frozenset("el ibn abu abou ait ould al ben bin".split())
#: Longest run of adjacent words written together (as :func:`name_words`).
MAX_RUN = 4
#: The block keys matched as a whole value: the identifiers, one birth date at one
#: address (``records.birth_address``), and one birth date with the postcode or with the
#: house number (``records.birth_place_keys``), ``postcode|number`` with the birth year
#: or with day and month (``records.near_birth_keys``), and an e-mail address with a
#: character of its local part or of its domain left out (``email_typo_values``)
_BLOCK_IDS = ("iban", "email", "phone", "ba", "bp", "bh", "ay", "am", "et")
#: The address keys with part of the birth date (``records.near_birth_keys``)
_NEAR_BIRTHS = ("ay", "am")


def near_birth_texts(born: Sequence[dt.date], pcnr: Sequence[str]
                     ) -> tuple[list[str], list[str]]:
    """The texts of the ``ay`` and ``am`` block keys (``records.near_birth_keys``) of the
    births ``born`` at the addresses ``pcnr`` (``postcode|number``): the birth year, and
    month and day, before the address.  The one place their format is written: a probe's
    key meets a reference's only when both were made here (the record-by-record keys, the
    references' key rows and the columnar probes).  Whole lists at once, so the columnar
    paths make a key per row without a call per row.

    >>> near_birth_texts([dt.date(1970, 5, 6)], ["1234AB|5"])
    (['1970|1234AB|5'], ['05-06|1234AB|5'])
    """
    return ([f"{b.year}|{p}" for b, p in zip(born, pcnr)],
            [f"{b.month:02d}-{b.day:02d}|{p}" for b, p in zip(born, pcnr)])
#: The birth-date block keys and the part of ``postcode|number`` each takes (all of it, the
#: postcode, the house number)
_BIRTH_PLACES = (("ba", None), ("bp", 0), ("bh", 1))
#: The identifiers among them, and the e-mail typo keys (a block of more than
#: ``max_id_block`` is a shared mailbox)
_IDENTIFIERS = ("iban", "email", "phone", "et")
#: The shortest local part whose typos are keyed (``compare._email_typo`` reads a typo in a
#: local part of four or more characters only)
EMAIL_TYPO_MIN_LOCAL = 4


#: What separates the words of an e-mail's local part (``j.de.vries``, ``jan_bakker``)
_LOCAL_SEPARATORS = frozenset("._-+")


@lru_cache(maxsize=200_000)
def email_typo_values(email: str) -> tuple[str, ...]:
    """The values of an e-mail address's typo block keys (``et``): the address itself, the
    address with one character of its local part left out (local parts of
    :data:`EMAIL_TYPO_MIN_LOCAL` or more characters; never an initial standing alone, see
    below), and the address with one character of its domain left out.

    Why: two addresses that are one typed with an error (``compare._email_typo``: a letter
    added, left out, replaced or two swapped in the local part, at one domain; or one edit
    in the domain) share no ``email`` key.  Two strings one such edit apart share a string
    with at most one character left out of each (the deletion neighbourhood), and so do
    two with a character added on one side and another left out on the other
    (``robert255`` / ``roberta25`` both give ``robert25``).  A key is one address's
    neighbourhood, so a block holds the few addresses a letter apart and matching stays
    linear; the comparison decides (``email.typo`` is no evidence on its own).

    An initial standing alone (the ``n`` of ``n.kok@``) is not left out: ``.kok@caiway.nl``
    would be the key of every Kok at that provider (``b.kok@``, ``h.kok@``), a family's
    mailboxes, not one mailbox typed wrong; on the ``large`` demo it doubled the pairs
    compared.  (``n.kok@`` / ``b.kok@`` is one substitution, but the comparison could not
    tell it from two people either.)

    >>> email_typo_values("Jan1@x.nl")[:6]
    ('jan1@x.nl', 'an1@x.nl', 'jn1@x.nl', 'ja1@x.nl', 'jan@x.nl', 'jan1@.nl')
    >>> email_typo_values("n.kok@x.nl")[:5]
    ('n.kok@x.nl', 'nkok@x.nl', 'n.ok@x.nl', 'n.kk@x.nl', 'n.ko@x.nl')
    >>> email_typo_values("jo@x.nl")
    ('jo@x.nl', 'jo@.nl', 'jo@xnl', 'jo@x.l', 'jo@x.n')
    """
    local, at, domain = email.strip().lower().rpartition("@")
    if not (at and local and domain):
        return ()
    out = [f"{local}@{domain}"]
    n = len(local)
    if n >= EMAIL_TYPO_MIN_LOCAL:
        tail = "@" + domain
        sep = _LOCAL_SEPARATORS
        out += [local[:i] + local[i + 1:] + tail for i in range(n)
                if not ((i == 0 or local[i - 1] in sep) and (i == n - 1 or local[i + 1] in sep))]
    head = local + "@"
    out += [head + domain[:i] + domain[i + 1:] for i in range(len(domain))]
    return tuple(dict.fromkeys(out))


#: An address the columns below make the keys of: printable ASCII without spaces (what
#: ``str.strip`` and ``str.lower`` read as Arrow's ``utf8_lower`` does); others go
#: :func:`email_typo_values`' way
_PLAIN_EMAIL = r"^[!-~]+$"


def email_typo_columns(emails: Sequence[str]) -> tuple[pa.Array, np.ndarray]:
    """Every value of :func:`email_typo_values` of each address (repeats and order aside)
    as one column, with the position in ``emails`` of the address each comes from.

    Why: the applicants of ``large`` have 32,000 e-mail addresses, some 22 keys each;
    made one by one in Python and checked against the references' that took 0.38-0.49 s
    of the scan's matching, position by position on whole columns 0.25-0.35 s
    (``tests/test_matching_variants20.py`` compares the two ways)."""
    arr = pa.array(emails, pa.large_string())
    at_, none = pa.scalar("@", pa.large_string()), pa.scalar("", pa.large_string())
    plain = pc.fill_null(pc.match_substring_regex(arr, _PLAIN_EMAIL), False).to_numpy(
        zero_copy_only=False)
    vals: list[pa.Array] = []
    owners: list[np.ndarray] = []
    other = np.flatnonzero(~plain)
    if len(other):  # the per-address way
        typo = [email_typo_values(emails[i]) for i in other.tolist()]
        vals.append(pa.array(list(chain.from_iterable(typo)), pa.large_string()))
        owners.append(np.repeat(other, np.fromiter(map(len, typo), np.int64, len(typo))))
    at = np.flatnonzero(plain)
    if len(at):
        low = pc.utf8_lower(arr.take(pa.array(at)))
        parts = pc.split_pattern(low, "@", max_splits=1, reverse=True)
        two = (pc.list_value_length(parts).to_numpy(zero_copy_only=False) == 2)
        local = pc.list_element(parts.filter(pa.array(two)), 0)
        domain = pc.list_element(parts.filter(pa.array(two)), 1)
        at = at[two]
        ln = pc.utf8_length(local).to_numpy(zero_copy_only=False).astype(np.int64)
        dn = pc.utf8_length(domain).to_numpy(zero_copy_only=False).astype(np.int64)
        ok = (ln > 0) & (dn > 0)
        if not ok.all():
            keep = pa.array(ok)
            local, domain, at, ln, dn = (local.filter(keep), domain.filter(keep), at[ok],
                                         ln[ok], dn[ok])
        tail = pc.binary_join_element_wise(at_, domain, none)
        head = pc.binary_join_element_wise(local, at_, none)
        vals.append(pc.binary_join_element_wise(local, tail, none))
        owners.append(at)
        sep = pa.array(sorted(_LOCAL_SEPARATORS), pa.large_string())

        def char(col: pa.Array, i: int) -> np.ndarray:
            """Whether the character at ``i`` is a separator (False past the end)."""
            c = pc.utf8_slice_codeunits(col, i, i + 1)
            return pc.is_in(c, value_set=sep).to_numpy(zero_copy_only=False)

        long_ = ln >= EMAIL_TYPO_MIN_LOCAL
        for i in range(int(ln[long_].max()) if long_.any() else 0):
            rows = np.flatnonzero(long_ & (ln > i))
            sub = local.take(pa.array(rows))
            alone = (char(sub, i - 1) if i else np.ones(len(rows), bool)) & (
                char(sub, i + 1) | (ln[rows] == i + 1))
            rows, sub = rows[~alone], sub.filter(pa.array(~alone))
            if not len(rows):
                continue
            vals.append(pc.binary_join_element_wise(
                pc.utf8_slice_codeunits(sub, 0, i), pc.utf8_slice_codeunits(sub, i + 1),
                tail.take(pa.array(rows)), none))
            owners.append(at[rows])
        for j in range(int(dn.max())):
            rows = np.flatnonzero(dn > j)
            sub = domain.take(pa.array(rows))
            vals.append(pc.binary_join_element_wise(
                head.take(pa.array(rows)), pc.utf8_slice_codeunits(sub, 0, j),
                pc.utf8_slice_codeunits(sub, j + 1), none))
            owners.append(at[rows])
    if not vals:
        return pa.array([], pa.large_string()), np.zeros(0, np.int64)
    return (pa.concat_arrays([v.cast(pa.large_string()) for v in vals]),
            np.concatenate(owners).astype(np.int64) if owners else np.zeros(0, np.int64))
#: Day ordinals fit in 22 bits (``date.max.toordinal()`` is 3,652,059).
_DAY_BITS = 22


@dataclass(frozen=True)
class NameTokens:
    """The rough tokens of distinct names as rows: ``name`` (position in the names),
    ``token`` (a string array), ``word`` (the token is one of :func:`name_words`, not
    only a word's first letter) and ``single`` (the canonical form of one word, what
    word pairs are made of).  ``exact`` marks the names computed here; the others (a
    folded form that is not ASCII) have no rows and are handled record by record."""

    names: list[str]
    name: np.ndarray
    token: pa.Array
    word: np.ndarray
    single: np.ndarray
    exact: np.ndarray
    #: per name, a bit per first letter of its tokens (a-z, 0-9), for the letter pairs
    firsts: np.ndarray
    #: per name: every word the name parser can make of it is among the tokens (no digit,
    #: apostrophe or backtick, fewer than four Arabic/Berber particles): then every
    #: blocking key of the parsed name is among the rough keys, see :func:`candidate_probes`
    clean: np.ndarray


def _squeeze(arr: pa.Array) -> pa.Array:
    """``re.sub(r"(.)\\1+", r"\\1", s)`` for every (ASCII) string: doubled letters collapsed,
    on the bytes of the whole column at once."""
    arr = pc.cast(arr, pa.large_string())
    n = len(arr)
    if n == 0:
        return arr
    bufs = arr.buffers()
    offs = np.frombuffer(bufs[1], dtype=np.int64)[arr.offset:arr.offset + n + 1]
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    lo, hi = int(offs[0]), int(offs[-1])
    d = data[lo:hi]
    o = offs - lo
    keep = np.ones(len(d), dtype=bool)
    if len(d) > 1:
        keep[1:] = d[1:] != d[:-1]
    starts = o[:-1][o[:-1] < o[1:]]
    keep[starts] = True  # a string's first letter never collapses into the previous string
    cum = np.zeros(len(d) + 1, dtype=np.int64)
    np.cumsum(keep, out=cum[1:])
    return pa.LargeStringArray.from_buffers(n, pa.py_buffer(cum[o]),
                                            pa.py_buffer(d[keep].tobytes()))


#: A word in which some transliteration of :data:`~coi_graph.match.compare._TRANSLIT` can
#: apply has the last two letters of one of them (``sch``: ``ch``, a rule of its own).
_TRANSLIT_ANY = "|".join(dict.fromkeys(a[-2:] for a, _ in _TRANSLIT))


def _canon(arr: pa.Array) -> pa.Array:
    """:func:`~coi_graph.match.compare.canon` of folded ASCII words (no spaces, hyphens or
    apostrophes in them): the transliterations in order, then doubled letters collapsed.
    Each distinct word once: names repeat their words (de, jansen, mohamed) and every
    transliteration is a pass over the strings."""
    enc = pc.dictionary_encode(arr)
    words = enc.dictionary
    # only a word with one of the rules' letter pairs in it is changed by any of them (no
    # rule makes a pair out of a word that has none: it changes nothing there), and that is
    # about one word in four: the other three skip the eleven passes
    hit = pc.match_substring_regex(words, _TRANSLIT_ANY)
    if pc.any(hit).as_py():
        sub = words.filter(hit)
        for a, b in _TRANSLIT:
            sub = pc.replace_substring(sub, a, b)
        words = pc.replace_with_mask(words, hit, sub)
    return _squeeze(words).take(enc.indices)


def _folded(names: Sequence[str]) -> tuple[pa.Array, np.ndarray]:
    """The names folded (:func:`~coi_graph.normalise.names.fold_text`; an ASCII name only
    lower-cased, in one pass over the column) where the folded form is ASCII, in order,
    and per name whether it is."""
    arr = pa.array(names, pa.string())
    plain = pc.string_is_ascii(arr).to_numpy(zero_copy_only=False)
    lowered = pc.ascii_lower(arr.filter(pc.string_is_ascii(arr)))
    other = np.flatnonzero(~plain)
    if not len(other):
        return lowered, plain
    folded = [fold_text(names[i]) for i in other]
    fits = np.fromiter((f.isascii() for f in folded), dtype=bool, count=len(folded))
    exact = plain.copy()
    exact[other] = fits
    if not fits.any():
        return lowered, exact
    extra = pa.array([f for f, ok in zip(folded, fits.tolist()) if ok], pa.string())
    where = np.concatenate([np.flatnonzero(plain), other[fits]])
    return pa.concat_arrays([lowered, extra]).take(pa.array(np.argsort(where, kind="stable"))), exact


def word_rows(names: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray, list[int]]:
    """The words of the names folded (:func:`_folded`) whose folded form is ASCII: the
    distinct words, and per word occurrence its word (a position in them) and its name;
    plus the positions of the other names.  A word is a run of letters and digits, what
    ``[^\\W_]+`` finds in ASCII text."""
    texts, exact = _folded(names)
    at = np.flatnonzero(exact)
    lists = pc.split_pattern_regex(texts, "[^a-z0-9]+")
    words = pc.list_flatten(lists)
    parent = at[pc.list_parent_indices(lists).to_numpy()]
    nonempty = pc.greater(pc.binary_length(words), 0)
    enc = pc.dictionary_encode(words.filter(nonempty))
    return (enc.dictionary.to_pylist(), enc.indices.to_numpy().astype(np.int64),
            parent[nonempty.to_numpy(zero_copy_only=False)],
            np.flatnonzero(~exact).tolist())


def name_tokens(names: Sequence[str]) -> NameTokens:
    """The rough tokens of ``names`` (distinct strings), see :class:`NameTokens`."""
    texts, exact = _folded(names)
    at = np.flatnonzero(exact)
    lists = pc.split_pattern_regex(texts, "[^a-z0-9]+")
    words = pc.list_flatten(lists)
    parent = at[pc.list_parent_indices(lists).to_numpy()]
    # what the parser would split or join differently from the words here
    odd = np.zeros(len(names), dtype=bool)
    if len(at):
        odd[at] = pc.match_substring_regex(texts, "['`0-9]").to_numpy(zero_copy_only=False)
        glue = pc.is_in(words, value_set=pa.array(sorted(_GLUE))).to_numpy(zero_copy_only=False)
        odd |= np.bincount(parent[glue], minlength=len(names)) >= 4
    nonempty = pc.greater(pc.binary_length(words), 0)
    words = words.filter(nonempty)
    parent = parent[nonempty.to_numpy(zero_copy_only=False)]
    n = len(words)
    tokens: list[pa.Array] = []
    owner: list[np.ndarray] = []
    single: list[np.ndarray] = []
    for k in range(1, MAX_RUN + 1):
        if n < k:
            break
        p = np.arange(n - k + 1)
        ok = parent[p + k - 1] == parent[p]
        p = p[ok]
        if not len(p):
            continue
        run = words.take(pa.array(p))
        for j in range(1, k):
            run = pc.binary_join_element_wise(run, words.take(pa.array(p + j)), "")
        tokens.append(_canon(run))
        owner.append(parent[p])
        single.append(np.full(len(p), k == 1))
    n_runs = sum(len(o) for o in owner)
    firsts = pc.utf8_slice_codeunits(words, 0, 1)
    tokens.append(pc.cast(firsts, pa.large_string()))
    owner.append(parent)
    single.append(np.zeros(n, dtype=bool))
    token = pa.concat_arrays(tokens) if tokens else pa.array([], pa.large_string())
    name = np.concatenate(owner) if owner else np.zeros(0, dtype=np.int64)
    word = np.zeros(len(name), dtype=bool)
    word[:n_runs] = True
    # the first letter of every token, as a bit: a-z -> 0-25, 0-9 -> 26-35
    code = _first_bytes(token).astype(np.int64)
    bit = np.where(code >= 97, code - 97, code - 48 + 26)
    masks = np.zeros(len(names), dtype=np.int64)
    np.bitwise_or.at(masks, name, np.left_shift(np.int64(1), bit))
    return NameTokens(list(names), name, token, word,
                      np.concatenate(single) if single else np.zeros(0, dtype=bool), exact,
                      masks, exact & ~odd)


def _first_bytes(arr: pa.Array) -> np.ndarray:
    """The first byte of each (non-empty) string of a large_string array."""
    if not len(arr):
        return np.zeros(0, dtype=np.uint8)
    bufs = arr.buffers()
    offs = np.frombuffer(bufs[1], dtype=np.int64)[arr.offset:arr.offset + len(arr)]
    return np.frombuffer(bufs[2], dtype=np.uint8)[offs]


def word_counts(texts: Sequence[str]) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """How many of ``texts`` (one per record, stripped, non-empty) carry each of
    :func:`name_words` and each pair of :func:`~coi_graph.match.compare._word_pairs`: the
    same as counting them text by text, with each distinct text split once, in columns."""
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object), sort=False)
    mult = np.bincount(codes, minlength=len(uniques)).astype(np.int64)
    return count_words(name_tokens(list(uniques)), mult)


def _dedupe(keys: np.ndarray) -> np.ndarray:
    """The distinct values of an int64 array, sorted."""
    if not len(keys):
        return keys
    k = np.sort(keys)
    return k[np.concatenate(([True], k[1:] != k[:-1]))]


def _in_order(x: str, y: str) -> tuple[str, str]:
    """Two words as a pair sorted within (the key of ``NameFrequencies.pairs``)."""
    return (x, y) if x <= y else (y, x)


def count_words(nt: NameTokens, mult: np.ndarray
                ) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """:func:`word_counts` of names already split (``nt``), name ``i`` carried by
    ``mult[i]`` records (0: not counted)."""
    counts: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    rows = np.flatnonzero(nt.word & (mult[nt.name] > 0)) if len(nt.name) else nt.name
    if len(rows):
        enc = pc.dictionary_encode(nt.token.take(pa.array(rows)))
        tcode = enc.indices.to_numpy().astype(np.int64)
        vocab = enc.dictionary.to_pylist()
        nv = len(vocab)
        owner = nt.name[rows].astype(np.int64)
        key = _dedupe(owner * nv + tcode)  # each word once per name
        per = np.bincount(key % nv, weights=mult[key // nv], minlength=nv)
        counts = dict(zip(vocab, per.astype(np.int64).tolist()))
        # pairs of distinct single words of a name, sorted within the pair
        srows = nt.single[rows]
        sk = _dedupe(owner[srows] * nv + tcode[srows])
        so, sc = sk // nv, sk % nv
        # within a name (rows sorted by name): every later row with every earlier one
        start = np.searchsorted(so, so, "left")
        reps = np.arange(len(so)) - start
        right = np.repeat(np.arange(len(so)), reps)
        left = np.repeat(start, reps) + (np.arange(len(right)) - np.repeat(np.cumsum(reps) - reps, reps))
        if len(right):
            x, y = sc[left], sc[right]
            # each pair of words once (the lower code first), counted, and only then each
            # distinct pair put in Python's string order: sorting the words' strings for
            # every pair cost more than the counting
            pk = np.minimum(x, y) * nv + np.maximum(x, y)
            u, inv = np.unique(pk, return_inverse=True)
            tot = np.bincount(inv, weights=mult[so[right]])
            get = vocab.__getitem__
            pairs = dict(zip(map(_in_order, map(get, (u // nv).tolist()),
                                 map(get, (u % nv).tolist())),
                             tot.astype(np.int64).tolist()))
    for i in np.flatnonzero(~nt.exact):  # other scripts: text by text
        m = int(mult[i])
        if not m:
            continue
        for w in name_words(nt.names[i]):
            counts[w] = counts.get(w, 0) + m
        for pr in _word_pairs(nt.names[i]):
            pairs[pr] = pairs.get(pr, 0) + m
    return counts, pairs


# -- candidate probes -------------------------------------------------------------------


def _ymd(day: np.ndarray) -> np.ndarray:
    """Day ordinals -> YYYYMMDD integers (0 where missing, i.e. ordinal <= 0).

    The proleptic Gregorian calendar in integer arithmetic (H. Hinnant's ``civil_from_days``),
    what ``date.fromordinal`` and numpy's ``datetime64`` give: numpy's conversions from
    days to years and months cost some six times as much on 100,000 days (the KvK
    officers', every scan).  ``tests/test_matching_bulk.py`` checks every ordinal.

    >>> _ymd(np.array([1, 0, 730120, 3652059])).tolist()
    [10101, 0, 20000101, 99991231]
    """
    day = np.asarray(day, dtype=np.int64)
    out = np.zeros(len(day), dtype=np.int64)
    ok = day > 0
    if ok.any():
        z = day[ok] - 719163 + 719468  # days since 0000-03-01 (ordinal 719163: 1970-01-01)
        era = z // 146097  # 400-year cycles
        doe = z - era * 146097
        yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
        doy = doe - (365 * yoe + yoe // 4 - yoe // 100)  # day of the year from 1 March
        mp = (5 * doy + 2) // 153  # month from March (0-11)
        d = doy - (153 * mp + 2) // 5 + 1
        m = np.where(mp < 10, mp + 3, mp - 9)
        out[ok] = (yoe + era * 400 + (m <= 2)) * 10000 + m * 100 + d
    return out


def near_dates(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``_near_date`` on YYYYMMDD integers, column-wise: equal, day and month swapped, or
    one digit apart (one digit replaced, or two neighbouring digits swapped: the optimal
    string alignment distance of two eight-digit strings is 1).  A year before 1000 is not
    eight digits in ``strftime``: such a pair is taken as near (a superset)."""
    eq = x == y
    sw = (x // 10000 == y // 10000) & ((x // 100) % 100 == y % 100) & (x % 100 == (y // 100) % 100)
    dx = np.stack([(x // 10 ** (7 - i)) % 10 for i in range(8)])
    dy = np.stack([(y // 10 ** (7 - i)) % 10 for i in range(8)])
    diff = dx != dy
    nd = diff.sum(axis=0)
    trans = np.zeros(len(x), dtype=bool)
    for i in range(7):
        trans |= (nd == 2) & diff[i] & diff[i + 1] & (dx[i] == dy[i + 1]) & (dx[i + 1] == dy[i])
    short = (x < 10_000_000) | (y < 10_000_000)
    return eq | sw | (nd == 1) | trans | short


def _place_parts(pcnr: list[str | None]) -> tuple[list[str | None], list[str | None]]:
    """The postcode and the house number of each ``postcode|number`` (None where it is None
    or that part empty), each value split once: the parts ``records.birth_place_keys``
    makes keys of (none of an empty part)."""
    split = [v.partition("|") if v else ("", "", "") for v in pcnr]
    return [t[0] or None for t in split], [t[2] or None for t in split]


def _arrow_place_parts(addr: Sequence[str | None]) -> tuple[pa.Array, pa.Array, pa.Array] | None:
    """:func:`_place_parts` of each address key ``POSTCODE|NUMBER|ADDITION`` (a stripped
    text, or None) by Arrow's kernels, with its ``postcode|number`` (what
    :func:`_postcode_number` gives) first: three string arrays, null where the address is
    None or the part empty (``postcode|number`` is null only without an address).  None
    when Arrow cannot hold a value (a lone surrogate): the caller goes the Python way.

    Why: the birth-date-and-place block keys of every probe and reference were these
    strings made one by one in Python (split, join, partition, three lists per side);
    40,000 applicants and 24,000 references a scan.

    >>> [a.to_pylist() for a in _arrow_place_parts(["1234AB|5|a", "1234AB", None, "|7"])]
    [['1234AB|5', '1234AB', None, '|7'], ['1234AB', '1234AB', None, None], ['5', None, None, '7']]
    """
    try:
        values = pa.array(addr, type=pa.string())
    except (pa.ArrowException, UnicodeEncodeError, ValueError):
        return None
    split = pc.split_pattern(values, "|", max_splits=2)
    pcnr = pc.binary_join(pc.list_slice(split, 0, 2), "|")
    empty = pa.scalar(None, pa.string())
    parts = []
    for start in (0, 1):  # a part alone: its one element, or "" where the key has none
        part = pc.binary_join(pc.list_slice(split, start, start + 1), "|")
        parts.append(pc.if_else(pc.equal(part, ""), empty, part))
    return pcnr, parts[0], parts[1]


def _postcode_number(a: str | None) -> str | None:
    """``POSTCODE|NUMBER`` of an address key ``POSTCODE|NUMBER|ADDITION`` (None: none)."""
    return "|".join(a.split("|")[:2]) if a else None


@lru_cache(maxsize=100_000)
def _house_number(sc: str) -> str:
    """The house number of ``street number|city`` as ``compare._street_parts`` reads it."""
    street, _, _ = sc.partition("|")
    return street.rstrip().rpartition(" ")[2]


class _Codes:
    """One integer code per distinct value of several columns together (-1 for None)."""

    def __init__(self, *columns: Sequence[object]) -> None:
        allv = pd.Series([v for c in columns for v in c], dtype=object)
        codes, _ = pd.factorize(allv, use_na_sentinel=True)
        self.parts: list[np.ndarray] = []
        at = 0
        for c in columns:
            self.parts.append(codes[at:at + len(c)].astype(np.int64))
            at += len(c)


@dataclass
class _RefSide:
    """The references' keys as integer arrays (built once per reference index)."""

    vocab: pa.Array
    b: np.ndarray        # token code << 22 | day
    b2_day: np.ndarray   # per (birth date, letter pair): the day
    b2_mask: np.ndarray  # and the pair's letters as bits
    a_tok: np.ndarray    # (token code, address code) of the address keys
    a_addr: list[str]
    s_tok: np.ndarray
    s_sc: list[str]
    y_key: np.ndarray    # token code * 10000 + year
    y_ref: np.ndarray
    md_key: np.ndarray   # token code * 10000 + month * 100 + day
    md_ref: np.ndarray
    y_bit: np.ndarray    # the key's given-name letter as a bit number (-1: empty or other)
    md_bit: np.ndarray
    b_ref: np.ndarray    # the same birth-date keys once per reference (b_keys), for pairs
    b_keys: np.ndarray
    b2_ref: np.ndarray   # per letter-pair row (b2_day, b2_mask): its reference
    a_ref: np.ndarray    # per a_tok / s_tok row: its reference
    s_ref: np.ndarray
    id_rows: dict[str, tuple[list[str], np.ndarray]]  # kind -> (values, references)
    r_key: np.ndarray    # per reference: a code of its key (a probe never meets its own)
    key_code: dict[str, int]
    ids: dict[str, set[str]]
    r_day: np.ndarray    # per reference
    r_addr: list[str | None]
    r_sc: list[str | None]
    r_ids: dict[str, list[str | None]]
    #: per reference: postcode|number, and the house number of street|city (see :meth:`places`)
    _places: tuple[list[str | None], list[str | None]] | None = None
    _birth_places: tuple[np.ndarray, list[str], np.ndarray] | None = None
    #: their ``postcode|number`` split into postcode and house number (see
    #: :meth:`birth_place_keys`: two parts of one split)
    _birth_parts: tuple[list[str | None], list[str | None]] | None = None
    #: keys sorted once (see :meth:`sorted_keys`)
    _sorted: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    #: the name word + place keys as integers, per kind (see :meth:`place_keys`)
    _place_keys: dict[str, tuple[Any, int, np.ndarray, np.ndarray]] = field(
        default_factory=dict)
    #: the e-mail typo keys' values as an Arrow column (see :meth:`et_values`)
    _et_values: pa.Array | None = None
    #: the birth-date block keys as integers, per part (see :meth:`birth_place_keys`)
    _birth_keys: dict[int | None, tuple[Any, int, np.ndarray, np.ndarray]] = field(
        default_factory=dict)
    #: the same coded by Arrow, per part (see :meth:`birth_place_codes`; None: Arrow
    #: cannot hold the addresses)
    _birth_codes: dict[int | None, Any] = field(default_factory=dict)
    #: :func:`_arrow_place_parts` of the references' addresses, once tried
    _arrow_parts: tuple[pa.Array, pa.Array, pa.Array] | None = None
    _arrow_tried: bool = False

    def sorted_keys(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """The keys ``name`` (``b``, ``b2_day``, ``y_key``, ``md_key``) sorted (stable),
        with the ids :func:`candidate_probes` joins them with (the references of ``b``,
        else the keys' own positions) in that order; once per reference side.

        Why: a scan looks up four lists of probes in the same few reference sides, and
        sorting ~165,000 keys again for each join cost more than the join."""
        got = self._sorted.get(name)
        if got is None:
            keys = getattr(self, "b_keys" if name == "b" else name)
            order = np.argsort(keys, kind="stable")
            ids = self.b_ref[order] if name == "b" else order.astype(np.int64)
            got = self._sorted[name] = (keys[order], ids)
        return got

    def birth_places(self) -> tuple[np.ndarray, list[str], np.ndarray]:
        """The birth-date-and-address keys (``id_rows['ba']``: ``YYYY-MM-DD|postcode|number``)
        taken apart: per row the day (ordinal), ``postcode|number`` and the reference; once
        per reference set."""
        if self._birth_places is None:
            # a reference has the key when it has a birth date and an address: its day and
            # its ``postcode|number`` (:meth:`places`) are the key's two parts
            pcnr = self.places()[0]
            at = [i for i in np.flatnonzero(self.r_day > 0).tolist() if pcnr[i] is not None]
            refs = np.array(at, dtype=np.int64)
            self._birth_places = (self.r_day[refs], [pcnr[i] for i in at], refs)  # type: ignore[misc]
        return self._birth_places

    def birth_place_codes(self, part: int | None
                          ) -> tuple[pa.Array, int, np.ndarray, np.ndarray] | None:
        """:meth:`birth_place_keys` coded by Arrow (:func:`_arrow_place_parts`): the place
        values as an Arrow value set (a value's code is its position there), the span, the
        keys sorted and their references; None when Arrow cannot hold the addresses.  The
        same keys up to the numbering of the places (each distinct value one code, equal
        values equal codes), which the joins compare only for equality; once per
        reference set and part."""
        got = self._birth_codes.get(part, False)
        if got is False:
            got = None
            parts = self._arrow_parts
            if parts is None and not self._arrow_tried:
                self._arrow_tried = True
                parts = self._arrow_parts = _arrow_place_parts(self.r_addr)
            if parts is not None:
                vals = parts[0 if part is None else part + 1]
                refs = np.flatnonzero((self.r_day > 0)
                                      & pc.is_valid(vals).to_numpy(zero_copy_only=False))
                taken = vals.take(pa.array(refs, type=pa.int64()))
                value_set = pc.unique(taken).drop_null()
                span = len(value_set) + 1
                codes = pc.index_in(taken, value_set=value_set).to_numpy(
                    zero_copy_only=False).astype(np.int64)
                srt = _Sorted.of(self.r_day[refs] * span + codes, refs)
                got = (value_set, span, srt.keys, srt.refs)
            self._birth_codes[part] = got
        return got

    def place_keys(self, kind: str) -> tuple[_Vocab, int, np.ndarray, np.ndarray]:
        """The references' name word + place keys (``kind`` ``a``: ``postcode|number``,
        ``s``: street and city) as integers: the places coded (:class:`_Vocab`), the span a
        token code is multiplied by, the keys ``token * span + place code`` sorted and their
        references in that order; once per reference set (not per list of probes)."""
        got = self._place_keys.get(kind)
        if got is None:
            places, table, refs = ((self.a_addr, self.a_tok, self.a_ref) if kind == "a"
                                   else (self.s_sc, self.s_tok, self.s_ref))
            vocab = _Vocab(list(places))
            span = vocab.size + 1
            keys = (table[:, 0] * span + vocab.codes[table[:, 1]] if len(table)
                    else np.zeros(0, dtype=np.int64))
            srt = _Sorted.of(keys, refs)
            got = self._place_keys[kind] = (vocab, span, srt.keys, srt.refs)
        return got

    def birth_place_keys(self, part: int | None) -> tuple[_Vocab, int, np.ndarray, np.ndarray]:
        """The references' birth-date block keys of :data:`_BIRTH_PLACES` part ``part``
        (``postcode|number`` whole, the postcode, the house number) as integers: the
        place values coded (:class:`_Vocab`), the span a day is multiplied by, the keys
        ``day * span + code`` sorted and their references in that order; once per
        reference set and part (a scan matches four lists of probes against them)."""
        got = self._birth_keys.get(part)
        if got is None:
            r_day, r_pcnr, r_refs = self.birth_places()
            if part is None:
                vals = r_pcnr
            else:  # (the postcodes and the house numbers from one split of each value)
                if self._birth_parts is None:
                    self._birth_parts = _place_parts(r_pcnr)
                vals = self._birth_parts[part]
            ok = np.fromiter((v is not None for v in vals), dtype=bool, count=len(vals))
            vocab = _Vocab([v for v in vals if v is not None])
            span = vocab.size + 1
            srt = _Sorted.of(r_day[ok] * span + vocab.codes, r_refs[ok])
            got = self._birth_keys[part] = (vocab, span, srt.keys, srt.refs)
        return got

    def et_values(self) -> pa.Array:
        """The references' e-mail typo key values (``ids["et"]``) as an Arrow column, made
        once (the probes' are looked up in it on columns)."""
        if self._et_values is None:
            self._et_values = pa.array(sorted(self.ids["et"]), pa.large_string())
        return self._et_values

    def places(self) -> tuple[list[str | None], list[str | None]]:
        """Each reference's ``postcode|number`` and house number (of ``street number|city``),
        what :func:`_support_superset` compares; once per reference set, not per call."""
        if self._places is None:  # (_postcode_number, written out: 25,000 calls a set)
            self._places = (["|".join(a.split("|")[:2]) if a else None for a in self.r_addr],
                            [_house_number(sc) if sc else None for sc in self.r_sc])
        return self._places


def _letter_bit(c: str) -> int | None:
    if "a" <= c <= "z":
        return ord(c) - 97
    if "0" <= c <= "9":
        return ord(c) - 48 + 26
    return None


class _Kind(NamedTuple):
    """The keys of one kind of a reference index as columns: the keys' parts (``parts[1]``
    is the token, ...), the references of every key one after the other, and how many
    each key has."""

    parts: list[tuple[object, ...]]
    refs: list[int]
    counts: np.ndarray

    def each(self, values: np.ndarray) -> np.ndarray:
        """A value per key -> the value per reference of the key."""
        return np.repeat(values, self.counts)


def _kind(items: list[tuple[tuple[object, ...], list[int]]], width: int) -> _Kind:
    if not items:
        return _Kind([()] * width, [], np.zeros(0, dtype=np.int64))
    keys, ats = zip(*items)
    return _Kind(list(zip(*keys)), list(chain.from_iterable(ats)),
                 np.fromiter(map(len, ats), dtype=np.int64, count=len(ats)))


def _ints(values: Iterable[object], n: int) -> np.ndarray:
    return np.fromiter(values, dtype=np.int64, count=n)


def ref_side(coarse: object) -> _RefSide:
    """The coarse index's keys (``records._CoarseIndex.index``) as arrays: every key once per
    reference that has it (the full keys), for (probe, reference) pairs; the date-typo keys
    ("y", surname, letter, year) and ("md", surname, letter, month, day) with their
    given-name letter.  Built kind by kind on columns of the keys' parts, each part of a
    key read once (a scan indexes some 200,000 keys per reference set)."""
    refs = coarse.refs  # type: ignore[attr-defined]
    groups: dict[object, list[tuple[tuple[object, ...], list[int]]]] = defaultdict(list)
    for item in coarse.index.items():  # type: ignore[attr-defined]
        groups[item[0][0]].append(item)
    bi, b2i, yi, mdi, ai, si = (_kind(groups.get(k, []), w) for k, w in (
        ("b", 3), ("b2", 3), ("y", 4), ("md", 5), ("a", 3), ("s", 3)))
    vocab_list = sorted(set(map(str, chain(bi.parts[1], ai.parts[1], si.parts[1],
                                           yi.parts[1], mdi.parts[1]))))
    code = {t: i for i, t in enumerate(vocab_list)}

    def tok(k: _Kind) -> np.ndarray:
        """Per key, the code of its token."""
        return _ints(map(code.__getitem__, map(str, k.parts[1])), len(k.counts))

    a_at = {k: i for i, k in enumerate(dict.fromkeys(ai.parts[2]))}
    s_at = {k: i for i, k in enumerate(dict.fromkeys(si.parts[2]))}
    a_addr = ["|".join(map(str, k)) for k in a_at]
    s_sc = [str(k) for k in s_at]

    def bits_of(k: _Kind) -> np.ndarray:
        """The given-name letter of each date-typo key as a bit number (-1: none or other)."""
        bit_of: dict[object, int] = {}
        for g in set(k.parts[2]):
            gs = str(g)
            bit = _letter_bit(gs) if len(gs) == 1 else None
            bit_of[g] = -1 if bit is None else bit
        return k.each(_ints(map(bit_of.__getitem__, k.parts[2]), len(k.counts)))

    ordinal = dt.date.toordinal
    bk = bi.each(tok(bi) << _DAY_BITS | _ints(map(ordinal, bi.parts[2]), len(bi.counts)))  # type: ignore[arg-type]
    yk = yi.each(tok(yi) * 10000 + _ints(map(int, yi.parts[3]), len(yi.counts)))  # type: ignore[arg-type]
    mk = mdi.each(tok(mdi) * 10000 + _ints(map(int, mdi.parts[3]), len(mdi.counts)) * 100  # type: ignore[arg-type]
                  + _ints(map(int, mdi.parts[4]), len(mdi.counts)))  # type: ignore[arg-type]
    pair_bits: dict[str, int] = {}
    for pair in set(map(str, b2i.parts[1])):
        letters = [_letter_bit(c) for c in pair]
        pair_bits[pair] = ((1 << letters[0]) | (1 << letters[1])  # type: ignore[operator]
                           if len(letters) == 2 and None not in letters else -1)
    b2_mask = _ints(map(pair_bits.__getitem__, map(str, b2i.parts[1])), len(b2i.counts))
    b2_ok = b2_mask >= 0  # other letters: only an exact name meets them
    b2_keep = np.repeat(b2_ok, b2i.counts)
    b2d = b2i.each(_ints(map(ordinal, b2i.parts[2]), len(b2i.counts)))[b2_keep]  # type: ignore[arg-type]
    b2m = b2i.each(b2_mask)[b2_keep]
    b2r = np.array(b2i.refs, dtype=np.int64)[b2_keep] if len(b2_keep) else np.zeros(0, np.int64)

    def rows(k: _Kind, at: dict[object, int]) -> np.ndarray:
        """(token code, place code) per reference of each key."""
        place = _ints(map(at.__getitem__, k.parts[2]), len(k.counts))
        return np.stack([k.each(tok(k)), k.each(place)], axis=1) if len(k.counts) else \
            np.zeros((0, 2), dtype=np.int64)

    id_rows: dict[str, tuple[list[str], list[int]]] = {}
    ids: dict[str, set[str]] = {k: set() for k in _BLOCK_IDS}
    for kind in _BLOCK_IDS:
        items = groups.get(kind)
        if items:
            id_rows[kind] = ([str(k[1]) for k, at in items for _ in at],
                             [i for _, at in items for i in at])
            ids[kind] = {str(k[1]) for k, _ in items}
    keys = list(map(attrgetter("key"), refs))
    key_codes, _ = pd.factorize(pd.Series(keys, dtype=object))
    key_code = dict(zip(keys, key_codes.tolist()))

    def arr(xs: list[int]) -> np.ndarray:
        return np.array(xs, dtype=np.int64)

    return _RefSide(
        pa.array(vocab_list, pa.large_string()), bk,
        b2d, b2m, rows(ai, a_at), a_addr, rows(si, s_at), s_sc,
        yk, arr(yi.refs), mk, arr(mdi.refs), bits_of(yi), bits_of(mdi),
        arr(bi.refs), bk, b2r, arr(ai.refs), arr(si.refs),
        {k: (v, arr(r)) for k, (v, r) in id_rows.items()},
        np.asarray(key_codes, dtype=np.int64), key_code, ids,
        arr([b.toordinal() if b else 0 for b in map(attrgetter("birth"), refs)]),
        list(map(attrgetter("address"), refs)), list(map(attrgetter("street_city"), refs)),
        {k: list(map(attrgetter(k), refs)) for k in ("iban", "email", "phone")})


class RefRows(NamedTuple):
    """The references' blocking keys one row per key and reference, by kind, as
    ``records._ref_rows`` makes them from the prepared records: ``b`` (token, birth date),
    ``b2`` (letter pair, birth date), ``y`` (surname, given-name letter, year, month, day:
    the ``y`` and ``md`` keys), ``a`` (token, ``postcode|number``), ``s`` (token, street and
    city), and per identifier kind (``iban``, ``email``, ``phone``, the birth-date keys
    ``ba``, ``bp``, ``bh``, ``ay``, ``am``, and the e-mail typo keys ``et``) its values and
    references."""

    b_tok: list[str]
    b_day: list[dt.date]
    b_ref: list[int]
    b2_pair: list[str]
    b2_day: list[dt.date]
    b2_ref: list[int]
    y_sur: list[str]
    y_g: list[str]
    y_year: list[int]
    y_month: list[int]
    y_day: list[int]
    y_ref: list[int]
    a_tok: list[str]
    a_place: list[str]
    a_ref: list[int]
    s_tok: list[str]
    s_place: list[str]
    s_ref: list[int]
    ids: dict[str, tuple[list[str], list[int]]]


def _ordinals(days: list[dt.date]) -> np.ndarray:
    """``date.toordinal()`` of each date, on the column (date32 counts from 1970-01-01)."""
    if not days:
        return np.zeros(0, dtype=np.int64)
    return pa.array(days, pa.date32()).cast(pa.int32()).to_numpy().astype(np.int64) + 719163


def ref_side_of_rows(rows: RefRows, refs: Sequence[Any]) -> _RefSide:
    """:func:`ref_side` from the keys' rows (:class:`RefRows`) instead of the index: the
    same rows (in another order, which changes no answer of :func:`candidate_probes`), the
    same vocabulary; the tokens coded, the dates counted and the places coded on whole
    columns instead of key by key."""
    arr = np.array
    nb, na, ns = len(rows.b_tok), len(rows.a_tok), len(rows.s_tok)
    enc = pc.dictionary_encode(pa.array(rows.b_tok + rows.a_tok + rows.s_tok + rows.y_sur,
                                        pa.large_string()))
    # the vocabulary sorted as ref_side sorts it (UTF-8 bytes sort as their code points)
    order = pc.sort_indices(enc.dictionary).to_numpy().astype(np.int64)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    code = rank[enc.indices.to_numpy().astype(np.int64)]
    vocab = enc.dictionary.take(pa.array(order))
    tb, ta, ts, ty = code[:nb], code[nb:nb + na], code[nb + na:nb + na + ns], code[nb + na + ns:]
    bk = tb << _DAY_BITS | _ordinals(rows.b_day)
    year, month, day = (arr(x, dtype=np.int64) for x in (rows.y_year, rows.y_month,
                                                         rows.y_day))
    bit_of: dict[str, int] = {}
    for g in set(rows.y_g):
        bit = _letter_bit(g) if len(g) == 1 else None
        bit_of[g] = -1 if bit is None else bit
    y_bit = arr([bit_of[g] for g in rows.y_g], dtype=np.int64)
    y_ref = arr(rows.y_ref, dtype=np.int64)
    pair_bits: dict[str, int] = {}
    for pair in set(rows.b2_pair):
        letters = [_letter_bit(c) for c in pair]
        pair_bits[pair] = ((1 << letters[0]) | (1 << letters[1])  # type: ignore[operator]
                           if len(letters) == 2 and None not in letters else -1)
    b2_mask = arr([pair_bits[x] for x in rows.b2_pair], dtype=np.int64)
    b2_ok = b2_mask >= 0  # other letters: only an exact name meets them

    def places(tok: np.ndarray, vals: list[str]) -> tuple[np.ndarray, list[str]]:
        if not vals:
            return np.zeros((0, 2), dtype=np.int64), []
        codes, uniques = pd.factorize(pd.Series(vals, dtype=object), sort=False)
        return np.stack([tok, codes.astype(np.int64)], axis=1), list(uniques)

    a_tok, a_addr = places(ta, rows.a_place)
    s_tok, s_sc = places(ts, rows.s_place)
    id_rows = {k: (v, arr(r, dtype=np.int64)) for k, (v, r) in rows.ids.items() if v}
    ids = {k: set(rows.ids.get(k, ((), ()))[0]) for k in _BLOCK_IDS}
    # the references' fields in one pass over the records, each visited once: seven passes
    # of one field each cost some 2.5 times as much (24,000 records scattered in memory)
    keys, births, addr, sc, iban, email, phone = (
        map(list, zip(*map(_REF_FIELDS, refs))) if len(refs) else ([] for _ in range(7)))
    key_codes, _ = pd.factorize(pd.Series(keys, dtype=object))
    return _RefSide(
        vocab, bk, _ordinals(rows.b2_day)[b2_ok], b2_mask[b2_ok], a_tok, a_addr, s_tok, s_sc,
        ty * 10000 + year, y_ref, (ty * 10000 + month * 100 + day)[month > 0],
        y_ref[month > 0], y_bit, y_bit[month > 0], arr(rows.b_ref, dtype=np.int64), bk,
        arr(rows.b2_ref, dtype=np.int64)[b2_ok], arr(rows.a_ref, dtype=np.int64),
        arr(rows.s_ref, dtype=np.int64), id_rows,
        np.asarray(key_codes, dtype=np.int64), dict(zip(keys, key_codes.tolist())), ids,
        arr([b.toordinal() if b else 0 for b in births], dtype=np.int64),
        addr, sc, {"iban": iban, "email": email, "phone": phone})


#: What :func:`ref_side_of_rows` reads of each prepared reference.
_REF_FIELDS = attrgetter("key", "birth", "address", "street_city", "iban", "email", "phone")
#: A probe record's birth year (known by its year only when its birth date is missing).
_BIRTH_YEAR = attrgetter("birth_year")


def join_ref_sides(x: _RefSide, y: _RefSide, refs: Sequence[object]) -> _RefSide:
    """The :class:`_RefSide` of two reference sets one after the other (``refs``, prepared):
    ``y``'s references shifted by ``x``'s count, the token and address codes of both
    translated into the joined vocabularies.  Rows come in another order than
    :func:`ref_side` of the joined coarse index would give them, which changes no answer
    of :func:`candidate_probes` (joins and membership tests only); what a reference set
    costs to index once is not paid again for the two together."""
    off = len(x.r_day)
    vx, vy = x.vocab.to_numpy(zero_copy_only=False), y.vocab.to_numpy(zero_copy_only=False)
    vocab = np.union1d(vx, vy)  # sorted, as ref_side sorts its vocabulary
    tx, ty = np.searchsorted(vocab, vx), np.searchsorted(vocab, vy)
    mask = (1 << _DAY_BITS) - 1

    def b_codes(arr: np.ndarray, t: np.ndarray) -> np.ndarray:
        return t[arr >> _DAY_BITS] << _DAY_BITS | (arr & mask) if len(arr) else arr

    def kcodes(arr: np.ndarray, t: np.ndarray) -> np.ndarray:  # token * 10000 + part
        return t[arr // 10000] * 10000 + arr % 10000 if len(arr) else arr

    def places(px: list[str], py: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
        at = {v: i for i, v in enumerate(px)}
        joined = list(px)
        for v in py:
            if v not in at:
                at[v] = len(joined)
                joined.append(v)
        return joined, np.arange(len(px)), np.array([at[v] for v in py], dtype=np.int64)

    def tok_rows(ax: np.ndarray, ay: np.ndarray, px: np.ndarray, py: np.ndarray
                 ) -> np.ndarray:
        out = [np.stack([tx[ax[:, 0]], px[ax[:, 1]]], axis=1) if len(ax) else ax,
               np.stack([ty[ay[:, 0]], py[ay[:, 1]]], axis=1) if len(ay) else ay]
        return np.concatenate(out).reshape(-1, 2).astype(np.int64)

    a_addr, pax, pay = places(x.a_addr, y.a_addr)
    s_sc, psx, psy = places(x.s_sc, y.s_sc)
    bk = np.concatenate([b_codes(x.b, tx), b_codes(y.b, ty)])
    id_rows: dict[str, tuple[list[str], np.ndarray]] = {}
    for kind in set(x.id_rows) | set(y.id_rows):
        ex: tuple[list[str], np.ndarray] = ([], np.zeros(0, dtype=np.int64))
        vx_, rx = x.id_rows.get(kind, ex)
        vy_, ry = y.id_rows.get(kind, ex)
        id_rows[kind] = (list(vx_) + list(vy_), np.concatenate([rx, ry + off]))
    key_codes, _ = pd.factorize(pd.Series([r.key for r in refs], dtype=object))  # type: ignore[attr-defined]
    out = _RefSide(
        pa.array(vocab, pa.large_string()), bk,
        np.concatenate([x.b2_day, y.b2_day]), np.concatenate([x.b2_mask, y.b2_mask]),
        tok_rows(x.a_tok, y.a_tok, pax, pay), a_addr,
        tok_rows(x.s_tok, y.s_tok, psx, psy), s_sc,
        np.concatenate([kcodes(x.y_key, tx), kcodes(y.y_key, ty)]),
        np.concatenate([x.y_ref, y.y_ref + off]),
        np.concatenate([kcodes(x.md_key, tx), kcodes(y.md_key, ty)]),
        np.concatenate([x.md_ref, y.md_ref + off]),
        np.concatenate([x.y_bit, y.y_bit]), np.concatenate([x.md_bit, y.md_bit]),
        np.concatenate([x.b_ref, y.b_ref + off]), bk,
        np.concatenate([x.b2_ref, y.b2_ref + off]),
        np.concatenate([x.a_ref, y.a_ref + off]), np.concatenate([x.s_ref, y.s_ref + off]),
        id_rows, np.asarray(key_codes, dtype=np.int64),
        {r.key: int(c) for r, c in zip(refs, key_codes.tolist())},  # type: ignore[attr-defined]
        {k: x.ids[k] | y.ids[k] for k in _BLOCK_IDS},
        np.concatenate([x.r_day, y.r_day]), x.r_addr + y.r_addr, x.r_sc + y.r_sc,
        {k: x.r_ids[k] + y.r_ids[k] for k in ("iban", "email", "phone")})
    # what both parts have already read of their references' places, one after the other
    # (each reference's value depends on that reference alone; positions ascend)
    if x._places is not None and y._places is not None:
        out._places = (x._places[0] + y._places[0], x._places[1] + y._places[1])
    if x._birth_places is not None and y._birth_places is not None:
        (dx, px, rx), (dy, py, ry) = x._birth_places, y._birth_places
        out._birth_places = (np.concatenate([dx, dy]), px + py, np.concatenate([rx, ry + off]))
    if x._arrow_parts is not None and y._arrow_parts is not None:
        out._arrow_parts = tuple(pa.concat_arrays([a, b]) for a, b in zip(  # type: ignore[assignment]
            x._arrow_parts, y._arrow_parts))
        out._arrow_tried = True
    return out


def join_ref_rows(x: RefRows, y: RefRows, off: int) -> RefRows:
    """The rows of two reference sets one after the other: ``y``'s references shifted by
    ``off`` (``x``'s count).  Each record's rows depend on that record alone, so these are
    the rows ``records._ref_rows`` makes of the two sets joined, in the same order."""
    def shifted(refs: list[int]) -> list[int]:
        return [i + off for i in refs]

    cols: list[list[Any]] = []
    for name in RefRows._fields[:-1]:
        a, b = getattr(x, name), getattr(y, name)
        cols.append(a + (shifted(b) if name.endswith("_ref") else b))
    ids = {k: (x.ids[k][0] + y.ids[k][0], x.ids[k][1] + shifted(y.ids[k][1])) for k in x.ids}
    return RefRows(*cols, ids=ids)


def key_pairs(probe: RefRows, ref: RefRows, n_refs: int, max_id_block: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """Every (probe, reference) pair that shares a blocking key, from both sides' key rows
    (:class:`RefRows`, ``records._ref_rows`` of the prepared probes and references): what
    looking up each probe's keys in a dict of the references' keys finds, as sorted
    distinct pairs (probe, then reference).  See :class:`KeyIndex` (the references' side
    coded once, for several lists of probes)."""
    return KeyIndex(ref, max_id_block).pairs(probe, n_refs)


class _Vocab:
    """The distinct values of one part of the references' keys (a name word, a place, an
    identifier, ...), each with a code; a probe's value gets the same code, or -1 when no
    reference has it (then none of its keys with that part can meet one)."""

    def __init__(self, values: list[str]) -> None:
        codes, uniques = pd.factorize(pd.Series(values, dtype=object), sort=False)
        #: the references' values coded
        self.codes = codes.astype(np.int64)
        self.size = len(uniques)
        # a dict, not a pandas index: looking up 40,000 strings with ``dict.get`` in C is
        # several times faster than ``Index.get_indexer`` on objects (the values are
        # strings; a missing one, None, has no code either way)
        self._dict: dict[object, int] | None = dict(zip(uniques.tolist(), range(self.size)))
        #: a joined vocabulary's parts (see :meth:`joined`): its dict is made on demand
        self._parts: tuple[_Vocab, _Vocab, np.ndarray, np.ndarray] | None = None

    @property
    def _index(self) -> dict[object, int]:
        """Each value -> its code."""
        if self._dict is None:
            x, y, ymap, new = self._parts  # type: ignore[misc]
            uy = list(y._index)
            index = dict(x._index)
            index.update(zip(map(uy.__getitem__, new.tolist()), ymap[new].tolist()))
            self._dict = index
        return self._dict

    def of(self, values: list[str | None]) -> np.ndarray:
        """The codes of other values (-1: not among the references')."""
        if not values or not self.size:
            return np.full(len(values), -1, dtype=np.int64)
        if self._dict is None:  # joined: looked up in the first part, then in the second
            x, y, ymap, _ = self._parts  # type: ignore[misc]
            got = x.of(values)
            miss = np.flatnonzero(got < 0)
            if len(miss) and y.size:
                in_y = y.of(list(map(values.__getitem__, miss.tolist())))
                got[miss] = np.where(in_y >= 0, ymap[np.maximum(in_y, 0)], -1)
            return got
        return np.fromiter(map(self._dict.get, values, repeat(-1)), dtype=np.int64,
                           count=len(values))

    @classmethod
    def joined(cls, x: _Vocab, y: _Vocab) -> tuple[_Vocab, np.ndarray]:
        """``_Vocab(xs + ys)`` of the two lists ``x`` and ``y`` were made of, without
        coding the strings again, and the new code of each of ``y``'s codes.

        The same codes: ``pd.factorize`` numbers values by first occurrence, so ``x``'s
        values keep theirs and ``y``'s new ones follow in the order ``y`` first has them
        (its own code order).  Its dict is not made (copying the first part's and adding
        the second's cost more than a scan's look-ups): :meth:`of` looks a value up in
        ``x``, and in ``y`` when ``x`` has not got it, which gives the same code."""
        uy = list(y._index)  # y's values in its code order (the dict was made so)
        ymap = x.of(uy) if uy else np.zeros(0, dtype=np.int64)
        new = np.flatnonzero(ymap < 0)
        ymap[new] = np.arange(x.size, x.size + len(new))
        out = cls.__new__(cls)
        ycodes = np.where(y.codes >= 0, ymap[np.maximum(y.codes, 0)], -1) if y.size \
            else y.codes
        out.codes = np.concatenate([x.codes, ycodes])
        out.size = x.size + len(new)
        out._dict = None
        out._parts = (x, y, ymap, new)
        return out, ymap


class _Sorted(NamedTuple):
    """One kind's keys of the references as integers, sorted, with their references."""

    keys: np.ndarray
    refs: np.ndarray

    @classmethod
    def of(cls, keys: np.ndarray, refs: list[int] | np.ndarray) -> _Sorted:
        order = np.argsort(keys, kind="stable")
        return cls(keys[order], np.asarray(refs, dtype=np.int64)[order])


class _KeyParts(NamedTuple):
    """The parts of a :class:`KeyIndex`'s keys that are not coded by a :class:`_Vocab` of
    the index (days, years, month and day, references), and the place and identifier keys'
    vocabularies with their references, identifiers before the shared-mailbox cut."""

    b_day: np.ndarray
    b_ref: np.ndarray
    b2_day: np.ndarray
    b2_ref: np.ndarray
    y_year: np.ndarray
    y_md: np.ndarray
    y_ref: np.ndarray
    places: list[tuple[_Vocab, _Vocab, np.ndarray]]
    ids: dict[str, tuple[_Vocab, np.ndarray]]


class KeyIndex:
    """The references' blocking keys (their :class:`RefRows`) coded as integers once per
    reference set, to join with the keys of each list of probes (:meth:`pairs`).

    Why: a dict of the references' keys is some 160,000 key tuples for the relatives of a
    scan, built in Python only to be looked up for a few thousand probes; here each kind
    of key is coded as integers (every string part of a key by its value among the
    references', dates as day ordinals) and joined as sorted arrays: equal keys get equal
    codes and unequal keys unequal ones, so the pairs are exactly those of the dict.  An
    identifier (IBAN, e-mail, phone) held by more than ``max_id_block`` references is a
    shared mailbox, not evidence: it meets no probe (as the matcher skips such a block).
    Coded once, it serves the scan's officers and applicants against the same employees
    and relatives."""

    def __init__(self, ref: RefRows, max_id_block: int) -> None:
        # the keys' parts coded (kept: a joined reference set's index is made from its
        # parts', see :meth:`joined`), then each kind's keys sorted
        self.b_tok, self.b2_pair = _Vocab(ref.b_tok), _Vocab(ref.b2_pair)
        self.y_sur, self.y_g = _Vocab(ref.y_sur), _Vocab(ref.y_g)
        arr = np.asarray
        self._parts = _KeyParts(
            _ordinals(ref.b_day), arr(ref.b_ref, dtype=np.int64),
            _ordinals(ref.b2_day), arr(ref.b2_ref, dtype=np.int64),
            arr(ref.y_year, dtype=np.int64), _month_day(ref.y_month, ref.y_day),
            arr(ref.y_ref, dtype=np.int64),
            [(_Vocab(tok), _Vocab(place), arr(at, dtype=np.int64)) for tok, place, at in (
                (ref.a_tok, ref.a_place, ref.a_ref), (ref.s_tok, ref.s_place, ref.s_ref))],
            {kind: (_Vocab(ref.ids[kind][0]), arr(ref.ids[kind][1], dtype=np.int64))
             for kind in _BLOCK_IDS})
        self._sort(max_id_block)

    def _sort(self, max_id_block: int) -> None:
        """Each kind's keys as integers, sorted, from the coded parts."""
        k = self._parts
        self.max_id_block = max_id_block
        self.b = _Sorted.of(self.b_tok.codes << _DAY_BITS | k.b_day, k.b_ref)
        self.b2 = _Sorted.of(self.b2_pair.codes << _DAY_BITS | k.b2_day, k.b2_ref)
        name = self._surname_letter(self.y_sur.codes, self.y_g.codes)
        self.y = _Sorted.of(name * 10000 + k.y_year, k.y_ref)
        # (a year-only row, month and day 0, has no md key)
        self.md = _Sorted.of(np.where(k.y_md > 0, name * 10000 + k.y_md, -1), k.y_ref)
        self.places: list[tuple[_Vocab, _Vocab, _Sorted]] = []
        for vt, vp, at in k.places:
            self.places.append((vt, vp, _Sorted.of(vt.codes * max(vp.size, 1) + vp.codes, at)))
        self.ids: dict[str, tuple[_Vocab, _Sorted]] = {}
        for kind in _BLOCK_IDS:
            v, refs = k.ids[kind]
            codes = v.codes
            if kind in _IDENTIFIERS and len(codes):  # a shared mailbox: not evidence
                small = np.bincount(codes)[codes] <= max_id_block
                codes, refs = codes[small], refs[small]
            self.ids[kind] = (v, _Sorted.of(codes, refs))

    @classmethod
    def joined(cls, x: KeyIndex, y: KeyIndex, off: int) -> KeyIndex:
        """The index of two reference sets one after the other (``y``'s references shifted
        by ``off``, ``x``'s count): what ``KeyIndex(join_ref_rows(rx, ry, off))`` gives (the
        same codes and the same sorted keys; ``tests/test_matching_speed_paths2.py``), made
        from the two indexes' coded parts instead of coding some 300,000 strings and dates
        again.  Why: a scan matches its officers and applicants against the employees and
        relatives together, each already indexed for the relatives' own matching."""
        out = cls.__new__(cls)
        px, py = x._parts, y._parts
        out.b_tok, _ = _Vocab.joined(x.b_tok, y.b_tok)
        out.b2_pair, _ = _Vocab.joined(x.b2_pair, y.b2_pair)
        out.y_sur, _ = _Vocab.joined(x.y_sur, y.y_sur)
        out.y_g, _ = _Vocab.joined(x.y_g, y.y_g)
        cat = np.concatenate
        places = []
        for (tx, vx, ax), (ty, vy, ay) in zip(px.places, py.places):
            places.append((_Vocab.joined(tx, ty)[0], _Vocab.joined(vx, vy)[0], cat([ax, ay + off])))
        ids = {}
        for kind in _BLOCK_IDS:
            (vx, rx), (vy, ry) = px.ids[kind], py.ids[kind]
            ids[kind] = (_Vocab.joined(vx, vy)[0], cat([rx, ry + off]))
        out._parts = _KeyParts(
            cat([px.b_day, py.b_day]), cat([px.b_ref, py.b_ref + off]),
            cat([px.b2_day, py.b2_day]), cat([px.b2_ref, py.b2_ref + off]),
            cat([px.y_year, py.y_year]), cat([px.y_md, py.y_md]),
            cat([px.y_ref, py.y_ref + off]), places, ids)
        out._sort(x.max_id_block)
        return out

    def _surname_letter(self, sur: np.ndarray, g: np.ndarray) -> np.ndarray:
        """The code of (surname, given-name letter) of the date-typo keys (-1: unknown)."""
        return np.where((sur >= 0) & (g >= 0), sur * max(self.y_g.size, 1) + g, -1)

    def pairs(self, probe: RefRows, n_refs: int,
              upper: tuple[np.ndarray, np.ndarray] | None = None
              ) -> tuple[np.ndarray, np.ndarray]:
        """The (probe, reference) pairs sharing a key, sorted and distinct; ``probe`` are
        the probes' key rows, ``n_refs`` the number of references.

        ``upper`` (the probes' and the references' key ranks, equal keys equal ranks): only
        the pairs whose reference ranks above its probe, for a set matched with itself once
        per unordered pair (:func:`coi_graph.match.records.match_within`); dropped join by
        join, so the other half is never made distinct."""
        joins: list[tuple[np.ndarray, Any, _Sorted]] = []

        def dated(codes: np.ndarray, days: list[dt.date]) -> np.ndarray:
            return np.where(codes >= 0, codes << _DAY_BITS | _ordinals(days), -1)

        if probe.b_tok:
            joins.append((dated(self.b_tok.of(probe.b_tok), probe.b_day), probe.b_ref, self.b))
        if probe.b2_pair:
            joins.append((dated(self.b2_pair.of(probe.b2_pair), probe.b2_day), probe.b2_ref,
                          self.b2))
        if probe.y_sur:
            name = self._surname_letter(self.y_sur.of(probe.y_sur), self.y_g.of(probe.y_g))
            part = np.array(probe.y_year, dtype=np.int64)
            joins.append((np.where(name >= 0, name * 10000 + part, -1), probe.y_ref, self.y))
            part = _month_day(probe.y_month, probe.y_day)
            joins.append((np.where((name >= 0) & (part > 0), name * 10000 + part, -1),
                          probe.y_ref, self.md))
        for (vt, vp, ref), (tok, place, at) in zip(self.places, (
                (probe.a_tok, probe.a_place, probe.a_ref),
                (probe.s_tok, probe.s_place, probe.s_ref))):
            if tok and len(ref.keys):
                t, p = vt.of(tok), vp.of(place)
                joins.append((np.where((t >= 0) & (p >= 0), t * max(vp.size, 1) + p, -1), at,
                              ref))
        for kind in _BLOCK_IDS:
            vals, at = probe.ids[kind]
            v, ref = self.ids[kind]
            if vals and len(ref.keys):
                joins.append((v.of(vals), at, ref))
        return _pairs_of(joins, n_refs, upper)

    def pairs_within(self, n_refs: int, upper: tuple[np.ndarray, np.ndarray]
                     ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`pairs` of the key rows this index was made of (a set matched with itself,
        ``upper`` as there): those probes' keys are the index's own, already coded, so no
        value is looked up again (some 250,000 strings for a scan's relatives)."""
        k = self._parts
        name = self._surname_letter(self.y_sur.codes, self.y_g.codes)
        joins: list[tuple[np.ndarray, Any, _Sorted]] = [
            (self.b_tok.codes << _DAY_BITS | k.b_day, k.b_ref, self.b),
            (self.b2_pair.codes << _DAY_BITS | k.b2_day, k.b2_ref, self.b2),
            (np.where(name >= 0, name * 10000 + k.y_year, -1), k.y_ref, self.y),
            (np.where((name >= 0) & (k.y_md > 0), name * 10000 + k.y_md, -1), k.y_ref,
             self.md)]
        for (vt, vp, at), (_, _, ref) in zip(k.places, self.places):
            joins.append((np.where((vt.codes >= 0) & (vp.codes >= 0),
                                   vt.codes * max(vp.size, 1) + vp.codes, -1), at, ref))
        for kind in _BLOCK_IDS:
            v, at = k.ids[kind]
            joins.append((v.codes, at, self.ids[kind][1]))
        return _pairs_of(joins, n_refs, upper)


def _pairs_of(joins: list[tuple[np.ndarray, Any, _Sorted]], n_refs: int,
              upper: tuple[np.ndarray, np.ndarray] | None
              ) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (probe, reference) pairs, sorted, of joining each list of probe keys
    (-1: meets nothing) and their probes with the references' sorted keys (see
    :meth:`KeyIndex.pairs`)."""
    lefts: list[np.ndarray] = []
    rights: list[np.ndarray] = []
    for keys, ids, ref in joins:
        ok = keys >= 0  # a part no reference has: meets nothing
        if not ok.any() or not len(ref.keys):
            continue
        li, ri = _pairs_sorted(keys[ok], np.asarray(ids, dtype=np.int64)[ok], *ref)
        if upper is not None:
            keep = upper[1][ri] > upper[0][li]
            li, ri = li[keep], ri[keep]
        lefts.append(li)
        rights.append(ri)
    if not lefts:
        e = np.zeros(0, dtype=np.int64)
        return e, e
    n = max(n_refs, 1)
    both = np.unique(np.concatenate(lefts) * n + np.concatenate(rights))
    return both // n, both % n


def _month_day(month: list[int], day: list[int]) -> np.ndarray:
    return np.array(month, dtype=np.int64) * 100 + np.array(day, dtype=np.int64)


#: A left side of at least this many keys is first checked against a bitmap of the right
#: keys' low :data:`_SIEVE_BITS` bits (:func:`_sieve`).
_SIEVE_MIN = 4096
_SIEVE_BITS = 20


def _sieve(x: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """The positions of ``x`` whose low bits are those of some key: every value of ``x``
    that is a key among them, and a few others.

    Why: most probe keys meet no reference key (officers' name words with their birth
    dates), and a binary search per key in 25,000 references costs several times as much
    as two array look-ups in a table of 2**20 flags (on ``large``: 168,000 keys, of which
    one in three to one in 10,000 passes).  Two equal integers have equal low bits, so
    nothing that meets is dropped."""
    mask = (1 << _SIEVE_BITS) - 1
    table = np.zeros(1 << _SIEVE_BITS, dtype=bool)
    table[sorted_keys & mask] = True
    return np.flatnonzero(table[x & mask])


def _in_sorted(x: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """``np.isin(x, sorted_keys)`` for keys already sorted: one binary search per value
    (per value :func:`_sieve` lets through, for a long ``x``)."""
    if not len(sorted_keys):
        return np.zeros(len(x), dtype=bool)
    if len(x) >= _SIEVE_MIN:
        out = np.zeros(len(x), dtype=bool)
        sel = _sieve(x, sorted_keys)
        out[sel] = _in(x[sel], sorted_keys)
        return out
    return _in(x, sorted_keys)


def _in(x: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    at = np.searchsorted(sorted_keys, x)
    at[at == len(sorted_keys)] = 0
    return sorted_keys[at] == x


def _pairs_sorted(left_key: np.ndarray, left_id: np.ndarray, rk: np.ndarray,
                  right_id: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_pairs` with the right side already sorted by key (``rk``, ``right_id`` in
    that order)."""
    if not len(left_key) or not len(rk):
        e = np.zeros(0, dtype=np.int64)
        return e, e
    if len(left_key) >= _SIEVE_MIN:  # the keys that may meet, in their order
        sel = _sieve(left_key, rk)
        if len(sel) < len(left_key):
            left_key, left_id = left_key[sel], left_id[sel]
    lo = np.searchsorted(rk, left_key, "left")
    # most left keys meet nothing: the end of their run is looked for only where one starts
    hit = lo < len(rk)
    hit[hit] = rk[lo[hit]] == left_key[hit]
    if not hit.any():
        e = np.zeros(0, dtype=np.int64)
        return e, e
    lo = lo[hit]
    n = np.searchsorted(rk, left_key[hit], "right") - lo
    li = np.repeat(left_id[hit], n)
    starts = np.repeat(lo, n)
    offs = np.arange(len(li)) - np.repeat(np.cumsum(n) - n, n)
    return li, right_id[starts + offs]


def _pairs(left_key: np.ndarray, left_id: np.ndarray, right_key: np.ndarray,
           right_id: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An inner join of (key, id) rows: the (left id, right id) of every equal key."""
    if not len(left_key) or not len(right_key):
        e = np.zeros(0, dtype=np.int64)
        return e, e
    order = np.argsort(right_key, kind="stable")
    return _pairs_sorted(left_key, left_id, right_key[order], right_id[order])


class ProbeColumns:
    """The probes' fields as columns, each read once: ``key``, ``name`` (as text, and
    whether it is a string), the birth date (``date``) and address, street and city, IBAN,
    e-mail and phone (``text``), as the per-record code reads them.

    Why: one scan matches the relatives twice (against the employees, then against the
    relatives) and every columnar step (tokens, name counts, candidates) reads the same
    fields of the same records; read once per list of probes (see
    ``records._probe_columns``), not once per step and call.  The derived columns (name
    tokens, ``postcode|number``, ...) are made on first use.

    ``text`` and ``date`` are the per-record readers (``compare._text``, ``compare._date``);
    the commonest values are read as they read them without calling them: None as None, a
    ``str`` as its stripped form (None when blank), a ``date`` as itself."""

    #: The fields read, in this order.
    FIELDS = ("key", "name", "birth_date", "address_key", "street_city", "iban", "email",
              "phone")

    def __init__(self, probes: Sequence[object], text: Callable[[object], str | None],
                 date: Callable[[object], dt.date | None],
                 given: Mapping[str, Sequence[object] | None] | None = None) -> None:
        """``given``: some fields already as columns (each probe's value, as its record
        holds it; None: the field is None in every record), read from there instead of
        from the records (see ``records.probe_columns``)."""
        self.n = len(probes)
        self._probes = probes
        # a column per field (``map`` with ``attrgetter`` runs in C): taking 8-tuples of
        # every record and transposing them cost 3-4 times as much on 100,000 officers
        given = given or {}
        cols = [(list(map(attrgetter(f), probes)) if f not in given else
                 [None] * self.n if given[f] is None else list(given[f]))  # type: ignore[arg-type]
                for f in self.FIELDS]
        self.keys: list[str] = cols[0]
        self.raw_names: Sequence[object] = cols[1]
        # a column of one type throughout (the usual case: every name a ``str``, every
        # birth date a ``date`` or None) is taken as it is: what the comprehensions below
        # give for it, element by element, without a pass in Python
        name_types = set(map(type, cols[1]))
        #: whether every name is a ``str`` (then :attr:`plain` is all True)
        self._all_str = name_types == {str}
        self.names = (cols[1] if self._all_str else
                      [v if type(v) is str and v else str(v or "") for v in cols[1]])
        # both readers give None for None (most officers have no address or identifier),
        # a date for a date and, for a string, what ``text`` gives (the stripped string,
        # None when blank): those without a call
        _date_ = dt.date
        self.births = (cols[2] if set(map(type, cols[2])) <= {type(None), _date_} else
                       [v if v is None or type(v) is _date_ else date(v) for v in cols[2]])
        # the day ordinals on the column (date32 counts from 1970-01-01; 0 for none)
        self.day = (pc.fill_null(pa.array(self.births, pa.date32()).cast(pa.int32()), -719163)
                    .to_numpy().astype(np.int64) + 719163) if self.n else np.zeros(0, np.int64)
        # a column with no value at all (the officers' addresses and identifiers) is read
        # as it is: the identity test runs in C (not ``count(None)``, which compares with
        # ``==``: a ``pd.NA`` cannot say whether it equals None)
        empty = [not any(map(is_not, c, repeat(None))) for c in cols[3:]]
        self.addr, self.sc, *ident = ([None] * len(c) if none else
                                      [v if v is None else (v.strip() or None)
                                       if type(v) is str else text(v) for v in c]
                                      for c, none in zip(cols[3:], empty))
        #: whether no probe has an address, street, IBAN, e-mail or phone (then
        #: :attr:`other` is all False)
        self._no_other = all(empty)
        self.ids: dict[str, list[str | None]] = dict(zip(("iban", "email", "phone"), ident))
        self._tokens: tuple[NameTokens, np.ndarray] | None = None
        self._lazy: dict[str, object] = {}

    @property
    def tokens(self) -> tuple[NameTokens, np.ndarray]:
        """The names split into rough tokens once per distinct name, and each probe's name
        as a position in them."""
        if self._tokens is None:
            codes, uniques = pd.factorize(pd.Series(self.names, dtype=object), sort=False)
            self._tokens = (name_tokens(list(uniques)), codes)
        return self._tokens

    def _once(self, name: str, make: Callable[[], object]) -> Any:
        got = self._lazy.get(name)
        if got is None:
            got = self._lazy[name] = make()
        return got

    @property
    def plain(self) -> np.ndarray:
        """Per probe, whether its name is a string (not a number or a missing value)."""
        if self._all_str:
            return self._once("plain", lambda: np.ones(self.n, dtype=bool))
        return self._once("plain", lambda: np.fromiter(
            (type(v) is str for v in self.raw_names), dtype=bool, count=self.n))

    @property
    def with_address(self) -> list[int]:
        """The positions of the probes with an address."""
        return self._once("with_address", lambda: list(compress(range(self.n), self.addr)))

    def present(self, kind: str) -> list[int]:
        """The positions with a value of ``kind`` (an identifier or ``sc_alone``; each
        value is None or a non-empty text)."""
        vals = self.sc_alone if kind == "sc_alone" else self.ids[kind]
        return self._once("present:" + kind, lambda: list(compress(range(self.n), vals)))

    @property
    def arrow_place_parts(self) -> tuple[pa.Array, pa.Array, pa.Array] | None:
        """:func:`_arrow_place_parts` of every probe's address (None: Arrow cannot hold
        them), made once."""
        got = self._lazy.get("arrow_place_parts", False)
        if got is False:
            got = self._lazy["arrow_place_parts"] = _arrow_place_parts(self.addr)
        return got

    @property
    def pcnr(self) -> list[str | None]:
        """``postcode|number`` of each probe's address (None: none)."""
        def make() -> list[str | None]:
            parts = self.arrow_place_parts
            if parts is not None:
                return parts[0].to_pylist()
            out: list[str | None] = [None] * self.n
            addr = self.addr
            for i in self.with_address:  # as _postcode_number
                out[i] = "|".join(addr[i].split("|", 2)[:2])  # type: ignore[union-attr]
            return out
        return self._once("pcnr", make)

    def place_part(self, part: int | None, at: np.ndarray) -> list[str | None]:
        """``postcode|number`` of the probes at ``at`` (with an address), whole or its
        postcode or house number (:func:`_place_parts`: None where that part is empty)."""
        vals = self.pcnr if part is None else self._once("place_parts", lambda: _place_parts(
            self.pcnr))[part]
        return list(map(vals.__getitem__, at.tolist()))

    @property
    def sc_alone(self) -> list[str | None]:
        """The street and city of the probes without an address (what they block on)."""
        return self._once("sc_alone", lambda: [s if a is None else None
                                               for a, s in zip(self.addr, self.sc)])

    @property
    def years_only(self) -> np.ndarray:
        """Per probe without a birth date, its birth year when known (``birth_year``: a
        date known by its year only), else 0; 0 for a probe with a birth date."""
        def make() -> np.ndarray:
            years = list(map(_BIRTH_YEAR, self._probes))
            if not any(map(is_not, years, repeat(None))):  # the usual case: none has one
                return np.zeros(self.n, dtype=np.int64)
            return np.array([0 if y is None or d or is_missing(y) else int(y)
                             for y, d in zip(years, self.day.tolist())], dtype=np.int64)
        return self._once("years_only", make)

    @property
    def other(self) -> np.ndarray:
        """Per probe, whether it has an address, street and city, IBAN, e-mail or phone."""
        idv = self.ids
        if self._no_other:
            return self._once("other", lambda: np.zeros(self.n, dtype=bool))
        return self._once("other", lambda: np.array(
            [bool(a or s or i or e or ph) for a, s, i, e, ph in zip(
                self.addr, self.sc, idv["iban"], idv["email"], idv["phone"])], dtype=bool))


def candidate_probes(probes: Sequence[object], ref: _RefSide, support: bool,
                     text: object, date: object,
                     tokens: tuple[NameTokens, np.ndarray] | None = None,
                     refine: bool = True, columns: ProbeColumns | None = None) -> np.ndarray:
    """Per probe, whether it may share a blocking key with a reference.

    With ``refine=False`` a superset of ``_CoarseIndex.might_match(probe, support)`` (see
    the module docstring).  With ``refine=True`` (what the matcher uses) a probe whose name
    is :attr:`NameTokens.clean` and that meets references only on the date-typo keys (a
    surname with the birth year, or with day and month) must also have a reference there
    whose key carries a given-name letter among the probe's first letters: every blocking
    key of such a name's parse is among its rough keys, so the matcher would find no
    other candidate for it, and the probe gives no match either way.  Not a superset of
    ``might_match`` then, but the same matches (``tests/test_matching_bulk.py``).  Likewise
    a clean probe that is itself one of the references (relatives matched against each
    other) is no candidate for meeting only its own record, which the matcher skips.

    ``text`` and ``date`` read a field as the per-record check does (``compare._text``,
    ``compare._date``); ``columns`` are the probes' fields already read with them."""
    n = len(probes)
    out = np.zeros(n, dtype=bool)
    if not n:
        return out
    cols = columns if columns is not None else ProbeColumns(probes, text, date)
    if tokens is None:
        tokens = cols.tokens
    nt, ncode = tokens
    uniq = nt.names
    out |= ~nt.exact[ncode]  # other scripts: the matcher decides on their exact keys
    day, sc_raw, idv = cols.day, cols.sc, cols.ids
    # a clean probe that is itself a reference (relatives against relatives) never meets
    # its own record: the matcher skips that pair, so it makes no candidate
    if ref.key_code.keys().isdisjoint(cols.keys):  # officers, applicants: none is
        own = np.full(n, -1, dtype=np.int64)
    else:
        own = np.fromiter(map(ref.key_code.get, cols.keys, repeat(-1, n)), dtype=np.int64,
                          count=n)
    own[~nt.clean[ncode]] = -1
    selfish = refine and bool((own >= 0).any())

    def mark(li: np.ndarray, ri: np.ndarray) -> None:
        """The probes of (probe, reference) pairs are candidates, but for their own record."""
        out[li[own[li] != ref.r_key[ri]] if selfish else li] = True

    # one birth date at one address (``records.birth_address``), or with the postcode or
    # the house number alone (``records.birth_place_keys``): the same day and the same
    # ``postcode|number`` (or part) as a reference, compared as integer codes (what
    # comparing the keys' text ``YYYY-MM-DD|...`` gives, without writing it for every probe)
    if cols.with_address and any(ref.ids[k] for k, _ in _BIRTH_PLACES):
        at = np.array(cols.with_address, dtype=np.int64)
        at = at[day[at] > 0]
        for kind, part in _BIRTH_PLACES:
            if not ref.ids[kind] or not len(at):
                continue
            pv_span = _birth_place_probe_codes(ref, cols, part, at)
            if pv_span is not None:  # coded by Arrow (the same keys, see birth_place_codes)
                pv, span, rkey, rrefs = pv_span
            else:
                vocab, span, rkey, rrefs = ref.birth_place_keys(part)
                pv = vocab.of(cols.place_part(part, at))  # -1: no reference has it (or empty)
            pk = pv >= 0
            pkey = day[at][pk] * span + pv[pk]
            if not selfish:
                out[at[pk][_in_sorted(pkey, rkey)]] = True
            else:
                mark(*_pairs_sorted(pkey, at[pk], rkey, rrefs))
    # one address with the birth year, or with day and month (``records.near_birth_keys``):
    # the keys' text made for the probes with an address and a birth date only
    if cols.with_address and any(ref.ids[k] for k in _NEAR_BIRTHS):
        at = np.array(cols.with_address, dtype=np.int64)
        at = at[day[at] > 0]
        if len(at):
            pcnr = cols.place_part(None, at)
            born = list(map(dt.date.fromordinal, day[at].tolist()))
            for kind, vals in zip(_NEAR_BIRTHS, near_birth_texts(born, pcnr)):
                ids_k = ref.ids[kind]
                if not ids_k:
                    continue
                if not selfish:
                    out[at[np.fromiter((v in ids_k for v in vals), dtype=bool,
                                       count=len(vals))]] = True
                    continue
                rvals, rrefs = ref.id_rows[kind]
                pv, rv = _Codes(vals, rvals).parts
                has_v = np.flatnonzero(pv >= 0)
                mark(*_pairs(pv[has_v], at[has_v], rv, rrefs))
    # identifiers: the same value as a reference
    for k, vals in idv.items():
        if not ref.ids[k]:
            continue
        if not selfish:
            ids_k = ref.ids[k]
            at = cols.present(k)
            out[[i for i in at if vals[i] in ids_k]] = True
            continue
        rvals, rrefs = ref.id_rows[k]
        c = _Codes(vals, rvals)
        pv, rv = c.parts
        has_v = np.flatnonzero(pv >= 0)
        mark(*_pairs(pv[has_v], has_v, rv, rrefs))
    # an e-mail a typo apart (``email_typo_values``): the probes' keys made for the probes
    # with an e-mail only
    emails = idv.get("email")
    if ref.ids["et"] and emails is not None:
        at = cols.present("email")
        if at and not selfish:
            vals_a, owner = email_typo_columns(list(map(emails.__getitem__, at)))
            hit = pc.is_in(vals_a, value_set=ref.et_values()).to_numpy(zero_copy_only=False)
            out[np.asarray(at, dtype=np.int64)[owner[hit]]] = True
        elif at:  # (pairs, so a probe's own record is told apart)
            typo = list(map(email_typo_values, map(emails.__getitem__, at)))
            vals = list(chain.from_iterable(typo))
            where = np.repeat(np.asarray(at, dtype=np.int64),
                              np.fromiter(map(len, typo), dtype=np.int64, count=len(typo)))
            rvals, rrefs = ref.id_rows["et"]
            pv, rv = _Codes(vals, rvals).parts
            has_v = np.flatnonzero(pv >= 0)
            mark(*_pairs(pv[has_v], where[has_v], rv, rrefs))
    # the probes' tokens that some reference key has (all others cannot meet anything)
    tcode_all = pc.index_in(nt.token, value_set=ref.vocab)
    has = pc.is_valid(tcode_all).to_numpy(zero_copy_only=False)
    rows_name = nt.name[has]
    rows_tok = tcode_all.filter(pc.is_valid(tcode_all)).to_numpy().astype(np.int64)
    # expand the names' rows to the probes that carry the name
    order = np.argsort(ncode, kind="stable")
    first = np.searchsorted(ncode[order], np.arange(len(uniq)), "left")
    count = np.bincount(ncode, minlength=len(uniq))
    per_name = count[rows_name]
    row_rep = np.repeat(np.arange(len(rows_name)), per_name)
    offs = np.arange(len(row_rep)) - np.repeat(np.cumsum(per_name) - per_name, per_name)
    probe = order[np.repeat(first[rows_name], per_name) + offs]
    tok = rows_tok[row_rep]
    pday = day[probe]
    dated = pday > 0
    # same birth date and a shared name word
    if len(ref.b):
        sb, sb_ref = ref.sorted_keys("b")
        if not selfish:
            hit = _in_sorted(tok[dated] << _DAY_BITS | pday[dated], sb)
            out[probe[dated][hit]] = True
        else:
            mark(*_pairs_sorted(tok[dated] << _DAY_BITS | pday[dated], probe[dated], sb, sb_ref))
    # same birth date and a letter pair within the probe's first letters
    if len(ref.b2_day):
        pmask = nt.firsts[ncode]
        dd = np.flatnonzero(day > 0)
        li, ri = _pairs_sorted(day[dd], dd, *ref.sorted_keys("b2_day"))
        ok = (pmask[li] & ref.b2_mask[ri]) == ref.b2_mask[ri]
        mark(li[ok], ref.b2_ref[ri[ok]])
    # the address (or street and city without one) and a shared name word
    pcnr = cols.pcnr
    for kind, p_vals, p_at in (("a", pcnr, cols.with_address),
                               ("s", cols.sc_alone, cols.present("sc_alone"))):
        if not p_at:  # no probe has one: no pair (most officers)
            continue
        # the probes' places coded as the references' (-1: no reference has it)
        vocab, span, rkeys, rrefs = ref.place_keys(kind)
        if not len(rkeys):
            continue
        p_code = np.full(n, -1, dtype=np.int64)
        p_code[p_at] = vocab.of(list(map(p_vals.__getitem__, p_at)))
        pk = p_code[probe]
        keep = pk >= 0
        keys = tok[keep] * span + pk[keep]
        if not selfish:
            out[probe[keep][_in_sorted(keys, rkeys)]] = True
        else:
            mark(*_pairs_sorted(keys, probe[keep], rkeys, rrefs))
    # a surname with the birth year, or with day and month (a typo in the date); a probe
    # known by its year only has the year key
    ymd = _ymd(day)
    year, md = ymd // 10000, ymd % 10000
    yo = cols.years_only
    if yo.any():
        year = np.where(day > 0, year, yo)
    pair_l, pair_r, pair_b = [], [], []
    for name, rr, rb, part in (("y_key", ref.y_ref, ref.y_bit, year),
                               ("md_key", ref.md_ref, ref.md_bit, md)):
        if not len(getattr(ref, name)):
            continue
        has = dated if part is md or not yo.any() else (part[probe] > 0)
        li, rows = _pairs_sorted(tok[has] * 10000 + part[probe[has]], probe[has],
                                 *ref.sorted_keys(name))
        pair_l.append(li)
        pair_r.append(rr[rows])
        pair_b.append(rb[rows])
    if pair_l:
        li, ri, rb = np.concatenate(pair_l), np.concatenate(pair_r), np.concatenate(pair_b)
        if refine:
            # a clean probe's date-typo keys carry its given-name letter, which is among
            # its first letters: a reference whose key has another letter is never a
            # candidate of its (the probe may still meet it through another key kind)
            clean = nt.clean[ncode[li]]
            fits = (rb < 0) | ((nt.firsts[ncode[li]] >> np.maximum(rb, 0)) & 1).astype(bool)
            keep = ~clean | fits
            if selfish:
                keep &= own[li] != ref.r_key[ri]
            li, ri = li[keep], ri[keep]
        if not support:
            out[li] = True
        elif len(li):
            ok = near_dates(ymd[li], _ymd(ref.r_day)[ri]) & (ref.r_day[ri] > 0)
            # a side known by its year only (on a year key: the same year): birth.year_only
            ok |= (day[li] == 0) | (ref.r_day[ri] == 0)
            other = cols.other[li]
            if other.any():  # evidence besides the birth date: a superset of has_support
                sel = np.flatnonzero(other)
                ok[sel] |= _support_superset(li[sel], ri[sel], pcnr, sc_raw, idv, ref)
            out[li[ok]] = True
    return out


def _birth_place_probe_codes(ref: _RefSide, cols: ProbeColumns, part: int | None,
                             at: np.ndarray
                             ) -> tuple[np.ndarray, int, np.ndarray, np.ndarray] | None:
    """The probes at ``at``'s place part ``part`` coded as :meth:`_RefSide.birth_place_codes`
    codes the references' (-1: no reference has it, or empty), with that side's span, keys
    and references; None when either side's addresses are not for Arrow (then
    :meth:`_RefSide.birth_place_keys` and :meth:`ProbeColumns.place_part` decide, as
    before).  ``tests/test_matching_speed_paths18.py`` compares the two ways."""
    parts = cols.arrow_place_parts
    if parts is None:
        return None
    coded = ref.birth_place_codes(part)
    if coded is None:
        return None
    value_set, span, rkey, rrefs = coded
    vals = parts[0 if part is None else part + 1].take(pa.array(at, type=pa.int64()))
    pv = pc.fill_null(pc.index_in(vals, value_set=value_set), -1).to_numpy(
        zero_copy_only=False).astype(np.int64)
    return pv, span, rkey, rrefs


def _support_superset(li: np.ndarray, ri: np.ndarray, pcnr: list[str | None],
                      sc: list[str | None], idv: dict[str, list[str | None]],
                      ref: _RefSide) -> np.ndarray:
    """Per (probe, reference) pair, whether ``has_support`` could find evidence besides the
    birth date: the same postcode and number (``pcnr``: the probes' ``postcode|number``), a
    street and city on both sides with the same house number (equal, or a typo in the
    street or city), or a shared identifier."""
    ok = np.zeros(len(li), dtype=bool)
    r_pcnr, r_house = ref.places()
    # only the values of the probes and references in the pairs are coded
    up, pinv = np.unique(li, return_inverse=True)
    ur, rinv = np.unique(ri, return_inverse=True)
    upl, url = up.tolist(), ur.tolist()

    def same(pv: list[str | None], rv: list[str | None]) -> np.ndarray:
        c = _Codes(pv, [rv[j] for j in url])
        a, b = c.parts
        return (a[pinv] >= 0) & (a[pinv] == b[rinv])

    ok |= same([pcnr[i] for i in upl], r_pcnr)
    ok |= same([_house_number(sc[i]) if sc[i] else None for i in upl], r_house)
    for k, vals in idv.items():
        ok |= same([vals[i] for i in upl], ref.r_ids[k])
    return ok
