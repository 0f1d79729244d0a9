"""Tables from the "Excel exports" that are markup, not workbooks: a web page (HTML) or an
Excel 2003 XML spreadsheet saved under an ``.xls`` name.

Many reporting screens (and older HR and housing systems) offer "Export naar Excel" and
write one of these: Excel opens both without complaint, so the user believes it is a
workbook. Each ``<table>`` (or ``<Worksheet>``) is read as a sheet would be: rows of cell
texts, with the cells a ``colspan``/``rowspan`` (``ss:MergeAcross``/``ss:MergeDown``) covers
given as merged ranges, so that :func:`ingest.read_files._sheet_table` finds the header
below title rows and repeats merged values exactly as for a workbook.

Only the standard library parses: the web page by regular expressions over its tags
(nothing is fetched or run, and the work is linear in the input: a 100,000-row page takes
about 4 s); the XML by expat, which refuses entity expansion bombs (expat >= 2.4) and does
not load external entities.

>>> tables = html_tables(b"<table><tr><th>id</th><th>naam</th></tr>"
...                      b"<tr><td>E1</td><td>Jan &amp; Piet</td></tr></table>")
>>> [(t.name, t.rows, t.merged) for t in tables]
[('1', [['id', 'naam'], ['E1', 'Jan & Piet']], [])]
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from html import unescape

__all__ = ["MarkupTable", "html_tables", "spreadsheet_xml_tables", "decode_markup",
           "is_spreadsheet_xml", "markup_tables"]

#: a merged range as calamine gives it: ((first row, first column), (last row, last column))
Range = tuple[tuple[int, int], tuple[int, int]]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_SPACES = re.compile(r"\s+")
#: a cell spanning more than this many rows or columns is damaged or hostile, not a report
_MAX_SPAN = 1000
#: beyond these a "table" is not an export but a damaged or hostile file (spans would let a
#: few bytes claim millions of cells)
_MAX_ROWS, _MAX_COLUMNS, _MAX_CELLS = 5_000_000, 2_000, 50_000_000


@dataclass
class MarkupTable:
    """One table of a markup export, shaped as a workbook sheet: ``rows`` of cells
    (``None`` for an empty cell), ``merged`` ranges, and its name (the table's caption, the
    heading above it or the worksheet's name, else its number from 1)."""

    name: str
    #: a cell is its text, or a float or datetime where the file gives the value apart from
    #: the text shown (as a workbook's cells are read)
    rows: list[list[object]] = field(default_factory=list)
    merged: list[Range] = field(default_factory=list)
    cells: int = 0  # grid cells made so far, bounded by _MAX_CELLS

    # calamine's sheet interface, for the sheet choice shared with workbooks
    def to_python(self, skip_empty_area: bool = False) -> list[list[object]]:
        return self.rows

    @property
    def merged_cell_ranges(self) -> list[Range]:
        return self.merged


def decode_markup(raw: bytes) -> str:
    """The text of a markup file: by its byte-order mark, else the charset its ``<meta>``
    or XML declaration names, else UTF-8 when it decodes as such, else Windows-1252 (what
    a Dutch Windows system writes without saying so).

    >>> decode_markup('<meta charset="windows-1252"><td>Café</td>'.encode("cp1252"))[-13:]
    '<td>Café</td>'
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    head = raw[:4096]
    named = _CHARSET.search(head) or _XML_ENCODING.search(head)
    if named:
        try:
            return raw.decode(named.group(1).decode("ascii"), "replace")
        except LookupError:
            pass  # an encoding Python does not know: guessed below
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def _span(value: str | None, merge: bool = False) -> int:
    """Rows or columns a cell covers: an HTML ``rowspan``/``colspan`` (1 when absent or
    unreadable) or, with ``merge``, Excel XML's ``MergeDown``/``MergeAcross`` (the cells
    *beside* the first, so one more)."""
    try:
        n = int((value or "").strip() or (0 if merge else 1)) + (1 if merge else 0)
    except ValueError:
        return 1
    return min(max(n, 1), _MAX_SPAN)


class _TableCollector:
    """Collects every ``<table>``; a table inside a cell is a table of its own, and its
    text is not part of the outer cell.  A table is named by its ``<caption>``, else by the
    heading (``<h1>``-``<h6>``) above it, as a report with a table per department writes
    them, else by its number.  Fed by :func:`_html_events`."""

    def __init__(self) -> None:
        self.tables: list[MarkupTable] = []
        self._stack: list[dict] = []  # open tables: grid state
        self._heading: list[str] | None = None  # the text of an open heading
        self._last_heading = ""  # the last heading since the last table

    # --- structure ---------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            name = str(len(self.tables) + 1)
            if not self._stack and self._last_heading:
                name, self._last_heading = self._last_heading, ""
            table = MarkupTable(name)
            self.tables.append(table)
            self._stack.append({"table": table, "row": -1, "cell": None, "taken": {},
                                "caption": None, "in_caption": False})
        elif not self._stack:
            if tag in _HEADINGS:
                self._heading = []
            return
        elif tag == "caption":
            self._stack[-1]["caption"] = []
            self._stack[-1]["in_caption"] = True
        elif tag == "tr":
            self._end_cell()
            self._stack[-1]["row"] += 1
            state = self._stack[-1]
            while len(state["table"].rows) <= state["row"]:
                state["table"].rows.append([])
        elif tag in ("td", "th"):
            self._end_cell()
            state = self._stack[-1]
            if state["row"] < 0:  # a cell before any <tr>
                self.handle_starttag("tr", [])
            if attrs:
                named = dict(attrs)
                state["cell"] = ([], _span(named.get("rowspan")), _span(named.get("colspan")),
                                 _number(named.get("x:num")))
            else:
                state["cell"] = ([], 1, 1, None)
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            if tag in _HEADINGS and self._heading is not None:
                self._last_heading = _SPACES.sub(" ", "".join(self._heading)).strip()
                self._heading = None
            return
        state = self._stack[-1]
        if tag == "table":
            self._end_cell()
            self._stack.pop()
            caption = "".join(state["caption"] or []).strip()
            if caption:
                state["table"].name = _SPACES.sub(" ", caption)
        elif tag in ("td", "th", "tr"):
            self._end_cell()
        elif tag == "caption":
            state["in_caption"] = False

    def handle_data(self, data: str) -> None:
        if not self._stack:
            if self._heading is not None:
                self._heading.append(data)
            return
        state = self._stack[-1]
        if state["cell"] is not None:
            state["cell"][0].append(data)
        elif state["in_caption"]:
            state["caption"].append(data)

    def close(self) -> None:
        while self._stack:
            self.handle_endtag("table")

    # --- the grid ----------------------------------------------------------------------
    def _end_cell(self) -> None:
        state = self._stack[-1]
        cell = state["cell"]
        if cell is None:
            return
        state["cell"] = None
        parts, down, across, number = cell
        text = _SPACES.sub(" ", "".join(parts)).strip() or None
        _place(state["table"], state["taken"], state["row"],
               number if number is not None and text is not None else text, down, across)


def _number(value: str | None) -> float | None:
    """A cell's value as a number, when the file gives it apart from the text shown (Excel's
    web pages: ``x:num="12.345"`` on a cell showing ``12,35``; Excel XML's ``Number``
    cells): a float, as a workbook's number cell is read, so that an amount is the number
    and never a guess between ``12.345`` (decimal point) and ``12.345`` (thousands)."""
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _place(table: MarkupTable, taken: dict[int, set[int]], r: int, text: object,
           down: int, across: int, at: int = 0) -> int:
    """Put a cell in the first free column of row ``r`` from ``at`` on (the cells of a
    ``rowspan`` above and the row's own earlier cells are taken); a spanning cell fills its
    range with ``None`` beside its value and is recorded as merged."""
    busy = taken.get(r)
    if busy is None:
        busy = taken[r] = set()
    c = at
    while c in busy:
        c += 1
    if down == 1 and across == 1:  # the common cell: no span
        cells = table.rows[r]
        if len(cells) <= c:
            cells.extend([None] * (c + 1 - len(cells)))
        cells[c] = text
        busy.add(c)
        return c
    table.cells += down * across
    if (len(table.rows) + down > _MAX_ROWS or c + across > _MAX_COLUMNS
            or table.cells > _MAX_CELLS):
        raise ValueError("the table is too large for a markup export")
    for rr in range(r, r + down):
        while len(table.rows) <= rr:
            table.rows.append([])
        cells = table.rows[rr]
        if len(cells) < c + across:
            cells.extend([None] * (c + across - len(cells)))
        cells[c] = text if rr == r else None
        taken.setdefault(rr, set()).update(range(c, c + across))
    table.merged.append(((r, c), (r + down - 1, c + across - 1)))
    return c


#: what holds no cell text: comments, scripts, style sheets (Excel's pages carry CSS with
#: ``td`` selectors), conditional comments
_NOT_TEXT = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)|<!\[.*?\]>",
                       re.I | re.S)
_PIECES = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9:]*)")
_ATTR = re.compile(r"""(?<![\w:-])(rowspan|colspan|x:num)\s*=\s*["']?\s*([^\s"'>]*)""", re.I)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_WANTED = frozenset({"table", "tr", "td", "th", "caption", "br", *_HEADINGS})


def _html_events(text: str, into: _TableCollector) -> None:
    """Tags and text of a page, as far as tables need them. Split on tags by one regular
    expression instead of ``html.parser``, which handles every tag in Python and took
    28 s for a 100,000-row export (25 MB)."""
    text = _NOT_TEXT.sub(" ", text)
    start, end, data = into.handle_starttag, into.handle_endtag, into.handle_data
    known: dict[str, tuple[str, str] | None] = {}  # a tag as written -> (name, "/" or "")
    for k, piece in enumerate(_PIECES.split(text)):
        if not k % 2:  # text between tags
            if piece:
                data(unescape(piece) if "&" in piece else piece)
            continue
        if piece not in known:
            m = _TAG_NAME.match(piece)
            known[piece] = ((m.group(2).lower(), m.group(1))
                            if m and m.group(2).lower() in _WANTED else None)
            if len(known) > 10_000:
                known.clear()  # tags with varying attributes: do not keep them all
        tag = known.get(piece) or (None, "")
        if tag[0] is None:
            continue
        if tag[1]:
            end(tag[0])
        elif tag[0] in ("td", "th"):
            low = piece.lower()
            start(tag[0], [(a.lower(), v) for a, v in _ATTR.findall(piece)]
                  if "span" in low or "x:num" in low else [])
        else:
            start(tag[0], [])


def html_tables(raw: bytes) -> list[MarkupTable]:
    """Every table of a web page, in document order (see the module's example)."""
    parser = _TableCollector()
    _html_events(decode_markup(raw), parser)
    parser.close()
    seen: dict[str, int] = {}
    for table in parser.tables:
        _pad(table)
        seen[table.name] = seen.get(table.name, 0) + 1
        if seen[table.name] > 1:  # names choose a sheet: each one once
            table.name = f"{table.name} ({seen[table.name]})"
    return parser.tables


def _pad(table: MarkupTable) -> None:
    width = max((len(r) for r in table.rows), default=0)
    for row in table.rows:
        row.extend([None] * (width - len(row)))


_SS = "urn:schemas-microsoft-com:office:spreadsheet"


def is_spreadsheet_xml(head: bytes) -> bool:
    """Whether a file starts as Excel 2003's XML spreadsheet (``<Workbook xmlns=...
    office:spreadsheet``), as opposed to other XML."""
    return _SS.encode() in head[:4096] or b"progid=\"Excel.Sheet\"" in head[:4096]


def spreadsheet_xml_tables(raw: bytes) -> list[MarkupTable]:
    """Every worksheet of an Excel 2003 XML spreadsheet: ``ss:Index`` jumps to a row or
    column, ``ss:MergeAcross``/``ss:MergeDown`` merge cells.

    >>> xml = (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
    ...        b' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
    ...        b'<Worksheet ss:Name="Blad1"><Table><Row><Cell><Data ss:Type="String">id</Data></Cell>'
    ...        b'<Cell ss:Index="3"><Data ss:Type="Number">7</Data></Cell></Row></Table></Worksheet></Workbook>')
    >>> [(t.name, t.rows) for t in spreadsheet_xml_tables(xml)]
    [('Blad1', [['id', None, 7.0]])]
    """
    import xml.etree.ElementTree as ET

    ss = "{" + _SS + "}"
    tables: list[MarkupTable] = []
    table: MarkupTable | None = None
    taken: dict[int, set[int]] = {}
    ends: dict[int, int] = {}
    r = -1
    parser = ET.XMLPullParser(events=("start", "end"))
    parser.feed(raw)
    parser.close()
    for event, el in parser.read_events():
        tag = el.tag
        if event == "start" and tag == ss + "Worksheet":
            table = MarkupTable(el.get(ss + "Name") or str(len(tables) + 1))
            tables.append(table)
            taken, ends, r = {}, {}, -1
        elif table is None:
            continue
        elif event == "start" and tag == ss + "Row":
            r = int(el.get(ss + "Index") or r + 2) - 1  # ss:Index counts from 1
            if not 0 <= r < _MAX_ROWS:
                raise ValueError("a row number out of range")
            while len(table.rows) <= r:
                table.rows.append([])
        elif event == "end" and tag == ss + "Cell" and r >= 0:
            data = el.find(ss + "Data")
            text = "".join(data.itertext()).strip() if data is not None else ""
            kind = data.get(ss + "Type") if data is not None else None
            value: object = text or None
            if kind == "Number" and _number(text) is not None:
                value = _number(text)
            elif kind == "DateTime" and text:
                try:  # a date cell as a workbook's is read: a datetime
                    value = dt.datetime.fromisoformat(text[:19])
                except ValueError:
                    pass
            across = _span(el.get(ss + "MergeAcross"), True)
            at = _span(el.get(ss + "Index")) - 1 if el.get(ss + "Index") else ends.get(r, 0)
            c = _place(table, taken, r, value, _span(el.get(ss + "MergeDown"), True),
                       across, at=min(at, _MAX_COLUMNS))
            ends[r] = c + across  # a cell without ss:Index follows the one before it
            el.clear()
    for t in tables:
        _pad(t)
    return tables


def markup_tables(raw: bytes) -> tuple[list[MarkupTable], bool]:
    """The tables of a markup export and whether it is an Excel XML spreadsheet (else a web
    page).  Raises ``ValueError`` (too large), ``LookupError`` (an unknown encoding) or
    ``xml.etree.ElementTree.ParseError`` (damaged XML)."""
    xml = is_spreadsheet_xml(raw)
    return (spreadsheet_xml_tables(raw) if xml else html_tables(raw)), xml
