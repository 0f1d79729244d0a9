"""An address exported in one column (``Adres``: ``Kerkstraat 12a``, or ``Kerkstraat 12a,
1234 AB Utrecht``) read as the contract's street, house number and, when the file has no
columns of their own, postcode and city.

The contract keeps street, house number, addition and postcode apart because a shared
address is ``postcode + number + addition``; many HR and supplier exports write the
street and number in one cell, and some the whole address.  Without splitting it, every
address of such a file would be left out of matching and of the shared-address rule
without a word.  The number is the last number in the street part, with what follows
it as its addition (``12a``, ``12-3``, ``12 bis``), so a street with a number in its name
(``Plein 1940-1945 12``, ``1e Jan Steenstraat 5``) keeps it::

    "Kerkstraat 12a, 1234 AB Utrecht" -> street "Kerkstraat", number "12a",
                                         postcode "1234 AB", city "Utrecht"

The column itself stays an extra column; ``run.json`` cites it as the header of what was
taken from it.  A value without a number gives a street only (the number is then
missing, as in a file without house numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ingest.header_cache import resolve_headers
from ingest.header_mapping import squeeze, without_applicant_word
from ingest.name_parts import texts_of
from ingest.read_files import RawTable

__all__ = ["ADDRESS_HEADERS", "AddressColumn", "address_column", "split_address", "split_one"]

#: Headers of a column holding street and number together (compared squeezed)
ADDRESS_HEADERS: tuple[str, ...] = (
    "adres", "woonadres", "huisadres", "straat en huisnummer", "straat huisnummer",
    "straatnaam en huisnummer", "straat + huisnummer", "straat en nummer", "bezoekadres",
    "vestigingsadres", "correspondentieadres", "address", "street address", "home address",
    "address line 1", "address 1", "adresregel 1", "adresregel1", "street and number")
_ADDRESS_KEYS = frozenset(squeeze(h) for h in ADDRESS_HEADERS)

_POSTCODE = re.compile(r"(?<![0-9A-Za-z])([1-9][0-9]{3})\s?([A-Za-z]{2})(?![A-Za-z])")
_NUMBER_AT_END = re.compile(
    r"^(?P<street>.*?[^\s,])[\s,]+(?P<number>[1-9][0-9]{0,4}(?:\s*[-/]?\s*[A-Za-z0-9]{1,4})?)"
    r"\s*$")


def split_one(text: str) -> tuple[str, str, str, str]:
    """(street, house number with its addition, postcode, city) of one written address.

    >>> split_one("Kerkstraat 12a, 1234 AB Utrecht")
    ('Kerkstraat', '12a', '1234 AB', 'Utrecht')
    >>> split_one("Plein 1940-1945 12-3"), split_one("1e Jan Steenstraat 5 bis")
    (('Plein 1940-1945', '12-3', '', ''), ('1e Jan Steenstraat', '5 bis', '', ''))
    >>> split_one("Hoofdweg 1, Amsterdam")
    ('Hoofdweg', '1', '', 'Amsterdam')
    >>> split_one("Dorpsweg"), split_one("")
    (('Dorpsweg', '', '', ''), ('', '', '', ''))
    """
    text = " ".join(text.split())
    postcode = city = ""
    found = list(_POSTCODE.finditer(text))
    if found:
        m = found[-1]
        postcode = f"{m[1]} {m[2].upper()}"
        city = text[m.end():].strip(" ,")
        text = text[:m.start()].strip(" ,")
    elif "," in text:  # 'Hoofdweg 1, Amsterdam': the city after the last comma
        head, _, tail = text.rpartition(",")
        if tail.strip() and not any(ch.isdigit() for ch in tail) and any(
                ch.isdigit() for ch in head):
            text, city = head.strip(), tail.strip()
    m = _NUMBER_AT_END.match(text)
    if m is None:
        return text, "", postcode, city
    return m["street"], m["number"], postcode, city


@dataclass(frozen=True)
class AddressColumn:
    """The column of a file that holds its addresses whole (see :func:`address_column`)."""

    at: int                     # its position in the header
    header: str
    prefix: str                 # "" or "applicant_"
    also: tuple[str, ...]       # postcode / city columns the file does not have
    street_only: bool = False   # the file has a house-number column of its own


def address_column(raw: RawTable, spec, table_map=None) -> AddressColumn | None:
    """The column holding street and number together, when the file has no street column
    of its own; ``None`` otherwise.  Beside a house-number column of the file's own (FEBRL's
    and many English-language exports' ``street_number`` + ``address_1``) only the street
    is taken from it: without that the street was left out as an extra column and with it
    every street + number + city match."""
    prefix = "applicant_" if spec.has("applicant_street") else ""
    if not spec.has(f"{prefix}street") or not raw.header:
        return None
    cells = [str(c).strip() for c in raw.header]
    resolved, _notes = resolve_headers(spec, cells, table_map)
    if f"{prefix}street" in resolved:
        return None
    found = [at for at, (cell, column) in enumerate(zip(cells, resolved))
             if column is None and _is_address_header(cell, bool(prefix))]
    if not found:
        return None
    # an allocation list with 'Adres' and 'Huidig adres': the one that says it is the
    # applicant's (the other is often the home allocated)
    said = [at for at in found if without_applicant_word(squeeze(cells[at])) != squeeze(cells[at])]
    at = (said or found)[0]
    also = tuple(f"{prefix}{c}" for c in ("postcode", "city") if f"{prefix}{c}" not in resolved)
    return AddressColumn(at, cells[at], prefix, also,
                         street_only=f"{prefix}house_number" in resolved)


def _is_address_header(cell: str, applicant: bool) -> bool:
    key = squeeze(cell)
    return (without_applicant_word(key) if applicant else key) in _ADDRESS_KEYS


def split_address(raw: RawTable, spec, table_map=None) -> tuple[list[str], str] | None:
    """Split ``raw``'s whole-address column into the contract's columns, in place.

    Returns the columns made and the header they came from, or ``None`` when the file
    has no such column (or has street and number columns of its own).
    """
    plan = address_column(raw, spec, table_map)
    if plan is None:
        return None
    column = raw.columns[plan.at]
    texts = texts_of(column)
    parts = [split_one(t) for t in texts.tolist()]
    made = {f"{plan.prefix}street": 0, f"{plan.prefix}house_number": 1,
            f"{plan.prefix}postcode": 2, f"{plan.prefix}city": 3}
    names: list[str] = []
    for name, i in made.items():
        if i == 1 and plan.street_only:
            continue  # the file's own house-number column is read
        if i >= 2 and name not in plan.also:
            continue
        values = pd.Series([p[i] for p in parts], index=texts.index, dtype=object)
        if i >= 2 and not (values != "").any():
            continue
        raw.header.append(name)
        raw.columns.append(values)
        names.append(name)
    return names, plan.header
