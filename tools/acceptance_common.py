"""What the acceptance rounds' generators (``tools/acceptance_exports*.py``) share: a valid
IBAN, writing ``expected.json``, and the command line.  Each round writes its exports its
own way (that is the point of a round); only these are the same."""

from __future__ import annotations

import argparse
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
