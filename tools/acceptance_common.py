"""What the acceptance rounds' generators (``tools/acceptance_exports*.py``) share: a valid
IBAN, what a round plants (``Expected``) and writing it to ``expected.json``, and the
command line.  Each round writes its exports its
own way (that is the point of a round); only these are the same."""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any


def iban(rng: random.Random, bank: str = "INGB") -> str:
    """A valid Dutch IBAN (mod-97), so a damaged one is the only bad one.

    >>> iban(random.Random(1), "RABO")[:2], len(iban(random.Random(1), "RABO"))
    ('NL', 18)
    """
    account = "".join(rng.choice("0123456789") for _ in range(10))
    digits = "".join(str(int(c, 36)) for c in bank + account + "NL00")
    return f"NL{98 - int(digits) % 97:02d}{bank}{account}"


def nl_amount(x: float) -> str:
    """``1.234,56``, as Dutch Excel writes an amount.

    >>> nl_amount(1234.5), nl_amount(-75)
    ('1.234,50', '-75,00')
    """
    return f"{x:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def write_table(path: Path, header: list[str], rows: list[list[Any]], *, delimiter: str = ";",
                encoding: str = "cp1252", before: tuple[str, ...] | list[str] = (),
                after: tuple[str, ...] | list[str] = ()) -> None:
    """A delimited text export with Windows line ends (Dutch Excel's ``;`` and Windows-1252
    unless told otherwise); ``before``/``after``: lines above the header (a title, Excel's
    ``sep=;``) and below the rows (a footer).  ``None`` is an empty cell."""
    buf = io.StringIO()
    for line in before:
        buf.write(line + "\r\n")
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    for line in after:
        buf.write(line + "\r\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))


class Expected(dict):  # type: ignore[type-arg]
    """What a round plants, as ``expected.json`` keeps it: the findings the scan must give
    (:meth:`plant`), the near misses it must not (:meth:`not_plant`), the values the round
    damaged on purpose (:meth:`damaged`: file, line, column) and the rows per file; a round
    adds keys of its own (``Expected(used={})``)."""

    def __init__(self, **more: Any) -> None:
        super().__init__(findings=[], not_findings=[], damaged=[], rows={}, **more)

    def plant(self, rule: str, person: str, decision: str | None = None, note: str = ""
              ) -> None:
        self["findings"].append({"rule": rule, "person": person, "decision": decision,
                                 "note": note})

    def not_plant(self, rule: str, person: str, decision: str | None = None, note: str = ""
                  ) -> None:
        self["not_findings"].append({"rule": rule, "person": person, "decision": decision,
                                     "note": note})

    def damaged(self, file: str, line: int, column: str, value: str) -> None:
        self["damaged"].append({"file": file, "line": line, "column": column,
                                "value": value})


def save_expected(out: Path, exp: dict[str, Any]) -> dict[str, Any]:
    """Write what a round planted (``expected.json`` beside ``data/``) and return it."""
    (out / "expected.json").write_text(json.dumps(exp, indent=1, ensure_ascii=False,
                                                  default=str), encoding="utf-8")
    return exp


def main(doc: str, write_exports: Callable[[Path, int], dict[str, Any]], seed: int) -> None:
    """``python tools/acceptance_exportsN.py OUT [--seed N]``: write a round's exports."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=seed)
    a = ap.parse_args()
    exp = write_exports(a.out, a.seed)
    print(f"{a.out / 'data'}: {sum(exp['rows'].values())} rows in {len(exp['rows'])} files, "
          f"{len(exp['findings'])} planted findings, {len(exp['not_findings'])} near-misses")
