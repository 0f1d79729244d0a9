"""Recognise a column of citizen service numbers (BSN), by its name or by its values.

The analyzer must not process BSNs (AVG/GDPR: a BSN may only be used where a law allows
it), so such a column is refused and its values are discarded before anything else looks
at them.  A column counts as BSN when

- its name is one of the usual names (``bsn``, ``burgerservicenummer``, ``sofinummer``,
  ``bsn_nummer``, ...; case, spaces, dots and underscores ignored), or holds ``bsn`` as a
  word (``bsn_partner``); or
- at least three values are present and every one is nine digits passing the eleven test.

>>> is_bsn_column_name("BSN-nummer"), is_bsn_column_name("Sofi_Nummer"), is_bsn_column_name("absnr")
(True, True, False)
>>> import pandas as pd
>>> holds_bsn_values(pd.Series(["111222333", "123456782", "", "999999990"]))
True
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["BSN_MASK", "BSN_MIN_VALUES", "holds_bsn_values", "is_bsn_column_name",
           "is_national_id_column_name", "mask_bsn", "text_with_bsn"]

_BSN_NAMES = {
    "bsn",
    "burgerservicenummer",
    "sofinummer",
    "sofinr",
    "bsnnummer",
    "bsnnr",
    "burgerservicenr",
    "citizenservicenumber",
    "socialsecuritynumber",
}
_SQUEEZE = re.compile(r"[\s_.\-]+")
_WORDS = re.compile(r"[^a-z0-9]+")

#: fewer values than this never make a column BSN by content (three random nine-digit
#: numbers all pass the eleven test once in 1331 tries)
BSN_MIN_VALUES = 3
_SAMPLE = 64


def is_bsn_column_name(name: str) -> bool:
    """Whether a column's name says it holds BSNs."""
    lowered = name.strip().lower()
    if _SQUEEZE.sub("", lowered) in _BSN_NAMES:
        return True
    words = [w for w in _WORDS.split(lowered) if w]
    return "bsn" in words or "burgerservicenummer" in words or "sofinummer" in words


#: Headers of another country's national identification number (compared squeezed): a
#: social security or tax file number such as FEBRL's ``soc_sec_id``, the Belgian
#: rijksregisternummer.  Like the BSN they identify a citizen and the analyzer has no use for
#: them (it matches people by name, birth date and address), so such a column is left out
#: whole with a warning, its values never read nor kept as an extra column.  Not refused as
#: a BSN column is: it is no BSN (a column of BSNs is refused by its values whatever its
#: header), and the rest of the file is usable.  ``social security number`` itself is the
#: English name of the sofinummer, the BSN's predecessor: refused above.
_NATIONAL_ID_NAMES = {
    "socsecid", "socsecnr", "socsecno", "socsecnum", "socsecnumber", "socialsecurityid",
    "socialsecurityno", "socialsecuritynr", "ssn", "ssnr", "nationalid", "nationalidnumber",
    "nationalidentificationnumber", "nationalidentitynumber", "nationalinsurancenumber",
    "nationalinsuranceno", "nino", "taxfilenumber", "tfn", "personalidentitynumber",
    "personalidnumber", "personnummer", "rijksregisternummer", "rijksregisternr", "insz",
    "insznummer", "sozialversicherungsnummer", "steueridentifikationsnummer",
}


def is_national_id_column_name(name: str) -> bool:
    """Whether a column's name says it holds another national identification number than
    the BSN (see ``_NATIONAL_ID_NAMES``).

    >>> is_national_id_column_name("soc_sec_id"), is_national_id_column_name("SSN")
    (True, True)
    >>> is_national_id_column_name("BSN"), is_national_id_column_name("postcode")
    (False, False)
    """
    return _SQUEEZE.sub("", name.strip().lower()) in _NATIONAL_ID_NAMES


def _digits(values: pd.Series) -> pd.Series:
    """The digits of each value: ``BSN 123456782`` and ``1234.56.782`` -> ``123456782``;
    eight digits get back the leading zero Excel drops from a number (``12345672`` ->
    ``012345672``)."""
    digits = values.str.replace(r"(?i)^\s*(?:bsn|burgerservicenummer)\s*[:.]?\s*", "",
                                regex=True).str.replace(r"[\s.\-]", "", regex=True)
    return digits.str.pad(9, fillchar="0").where(digits.str.len() == 8, digits)


#: the BSN's eleven test: the digits times these weights sum to a multiple of 11
_ELEVEN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def _passes_eleven_test(digits: pd.Series) -> np.ndarray:
    """Vectorised eleven test on strings already known to be nine ASCII digits."""
    codes = np.frombuffer("".join(digits.tolist()).encode("ascii"), dtype=np.uint8)
    matrix = (codes.reshape(-1, 9) - 48).astype(np.int64)
    weights = np.array(_ELEVEN_WEIGHTS, dtype=np.int64)
    return ((matrix @ weights) % 11 == 0) & (matrix.sum(axis=1) > 0)


_DIGIT = re.compile(r"[0-9]")


def _sample_rules_out(rows: pd.Series) -> bool:
    """Whether ``rows`` (the first of a column) already show that the column holds no BSNs
    the way the first test of :func:`holds_bsn_values` does: a missing value, or a present
    one with fewer than eight digits (``E0012``, a name, a date).  Told in Python, mostly
    from the first value: the same test in pandas' string methods cost about a
    millisecond a column in calls alone, for some 100 columns per ingest."""
    for value in rows.tolist():
        if not isinstance(value, str):
            return True
        if value and len(_DIGIT.findall(value)) < 8:
            return True
    return False


def holds_bsn_values(text: pd.Series) -> bool:
    """Whether every non-empty value (at least three) is a nine-digit eleven-test number.

    ``text`` holds the cells as stripped strings.  The first rows are tried first, so an
    ordinary column costs almost nothing.
    """
    if _sample_rules_out(text.iloc[: _SAMPLE * 4]):
        return False
    for rows in (text.iloc[: _SAMPLE * 4], text):
        part = rows[rows != ""]
        if len(part) < BSN_MIN_VALUES:
            return False
        if not (part.str.count(r"[0-9]") >= 8).all():
            return False  # a value with fewer than eight digits: no BSN column (cheap test)
        digits = _digits(part)
        if not digits.str.fullmatch(r"[0-9]{9}").all():
            return False
        if not _passes_eleven_test(digits).all():
            return False
    return True


#: what a nine-digit number that could be a BSN is replaced by in a text value
BSN_MASK = "*********"
#: a digit as a BSN is typed: ASCII, or full width (U+FF10-FF19, an East Asian keyboard's,
#: which every page, report and spreadsheet shows as the same number)
BSN_DIGIT = "[0-9\uff10-\uff19]"
#: what people and their programs put between a BSN's digit groups: a space, dot or hyphen,
#: or the spaces Word, Excel and web pages put in a number's place: no-break (U+00A0),
#: figure (U+2007), thin (U+2009) and narrow no-break (U+202F).  A BSN pasted from a letter
#: as ``111<U+00A0>222<U+00A0>333`` reached findings.json and the pages whole.
BSN_SEPARATOR = "[ .\\-\u00a0\u2007\u2009\u202f]"
#: at least nine digits in a row, apart or with one separator between them: a cheap first
#: test (RE2, in Arrow) before :data:`_BSN_IN_TEXT` looks closer
_NINE_DIGITS = BSN_DIGIT + f"{BSN_SEPARATOR}?{BSN_DIGIT}" * 8
#: a BSN inside a text, as people write it: ``111222333``, ``111.222.333``, ``111 222 333``,
#: ``1112.22.333`` (the passport form); not a part of a longer number (an IBAN's account
#: number, a phone number, an amount ``123.456.789,00``)
_BSN_IN_TEXT = re.compile(
    f"(?<!{BSN_DIGIT})(?<!{BSN_DIGIT}[.,])"
    f"(?:{BSN_DIGIT}{{9}}|{BSN_DIGIT}{{3}}({BSN_SEPARATOR}){BSN_DIGIT}{{3}}\\1{BSN_DIGIT}{{3}}"
    f"|{BSN_DIGIT}{{4}}({BSN_SEPARATOR}){BSN_DIGIT}{{2}}\\2{BSN_DIGIT}{{3}})"
    f"(?!{BSN_DIGIT})(?![.,]{BSN_DIGIT})")
#: what is not a digit of :data:`BSN_DIGIT` (the separators taken out before the eleven test)
_NOT_DIGIT = re.compile("[^0-9\uff10-\uff19]")


def _eleven_test(digits: str) -> bool:
    """:func:`_passes_eleven_test` of one string of nine digits (a number found in a text)."""
    total = sum(int(d) * w for d, w in zip(digits, _ELEVEN_WEIGHTS))
    return total % 11 == 0 and digits != "000000000"


def mask_bsn(text: str) -> str:
    """``text`` with every nine-digit number that passes the eleven test replaced by
    :data:`BSN_MASK`: a BSN typed into a remark, a department or a name must not reach a
    page, a report or a log, however it is written.

    >>> mask_bsn("Inkoop (bsn 111.222.333)"), mask_bsn("tel 020 123 4567, order 123456789")
    ('Inkoop (bsn *********)', 'tel 020 123 4567, order 123456789')
    >>> mask_bsn("bsn 111\u00a0222\u00a0333"), mask_bsn("bsn \uff11\uff11\uff11222333")
    ('bsn *********', 'bsn *********')
    """
    def one(m: re.Match[str]) -> str:
        digits = _NOT_DIGIT.sub("", m[0])
        return BSN_MASK if _eleven_test(digits) else m[0]

    return _BSN_IN_TEXT.sub(one, text)


def text_with_bsn(values: pd.Series) -> np.ndarray:
    """Positions of the values of a text column that hold a possible BSN somewhere inside.

    ``values`` holds strings or missing values.  Nine digits in a row are looked for in
    Arrow first (a column of a million descriptions in some tens of milliseconds), the
    few values that have them in Python."""
    present = values.notna().to_numpy()
    if not present.any():
        return np.zeros(0, dtype=np.int64)
    text = values.fillna("").astype("str")
    near = np.flatnonzero(text.str.contains(_NINE_DIGITS, regex=True).to_numpy(dtype=bool)
                          & present)
    if not len(near):
        return near
    return near[[mask_bsn(v) != v for v in text.iloc[near].tolist()]]
