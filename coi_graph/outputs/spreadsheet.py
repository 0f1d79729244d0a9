"""The case list as an Excel workbook, for Compliance to filter, sort and annotate.

``findings.csv`` and ``coi cases --csv`` follow the data contract (UTF-8, comma): tools
read them well, but Dutch Excel opens a comma file as one column and shows its accents
garbled.  A workbook has neither problem, keeps numbers and dates as such, and its header
row is in the reader's language.

Every text cell is written as text: a value that starts with ``=`` (a supplier's name
``=HYPERLINK(...)`` in a hostile export) stays a string, never a formula (CWE-1236).

>>> import tempfile, openpyxl
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "cases.xlsx"
>>> write_cases(path, [{"finding_id": "F-1", "subject_name": "=1+1", "score": 80}],
...             ["finding_id", "subject_name", "score"], {"finding_id": "bevinding",
...             "subject_name": "naam", "score": "score"})
1
>>> ws = openpyxl.load_workbook(path).active
>>> [c.value for c in ws[1]], ws["B2"].data_type, ws["C2"].value
(['bevinding', 'naam', 'score'], 's', 80)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coi_graph.export_cells import showable

__all__ = ["write_cases"]

#: widest column, in characters (longer texts wrap in the cell when opened)
_MAX_WIDTH = 60


def _cell_value(value: Any) -> Any:
    """Numbers and dates as themselves, lists joined, everything else as text that a
    workbook can hold and shows as it is (a control character from the exports, which
    openpyxl refuses, or a direction control, as U+FFFD: :func:`showable`)."""
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        return value
    if isinstance(value, (list, tuple)):
        return showable(", ".join(map(str, value)))
    return showable(str(value))


def write_cases(path: Path, rows: Sequence[dict[str, Any]], columns: list[str],
                headings: dict[str, str], sheet: str = "cases") -> int:
    """Write ``rows`` (``columns`` of each, under ``headings``) to an .xlsx workbook at
    ``path``: a frozen header row with a filter, column widths to fit.  Returns the number
    of rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet[:31])
    ws.freeze_panes = "A2"
    widths = [len(headings.get(c, c)) for c in columns]
    values = [[_cell_value(r.get(c)) for c in columns] for r in rows]
    for row in values:
        for i, v in enumerate(row):
            if v is not None:
                widths[i] = max(widths[i], min(len(str(v)), _MAX_WIDTH))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w + 2
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(values) + 1}"
    bold = Font(bold=True)
    header = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=headings.get(c, c))
        cell.font = bold
        cell.data_type = "s"
        header.append(cell)
    ws.append(header)
    for row in values:
        cells = []
        for v in row:
            cell = WriteOnlyCell(ws, value=v)
            if isinstance(v, str):
                cell.data_type = "s"  # '=...' stays text, never a formula
            cells.append(cell)
        ws.append(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return len(values)
