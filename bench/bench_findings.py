"""Writing, reading and recording a dense run: findings.json version 1 against version 2.

A dense run is many findings behind few links: a handful of handlers with a declared interest
in a supplier, and relatives who are KvK officers of another (person matches with their
features), each handling and approving hundreds of that supplier's contracts.  Every contract
is then two findings (handler, approver) whose paths share the same declaration, family and
officer steps.  The corporation is generated as export files and scanned by the real
``coi_graph.scan.scan``; the figures are then taken on its findings:

- ``findings.json`` size: version 1 (a bare array, every path in full, as coi-graph wrote it
  before schema versions) against version 2 (nodes and steps cited once);
- writing (``write_findings``: findings.csv + findings.json) and the version 1 writer;
- reading back (``load_findings``) from either version;
- recording the run in a fresh workspace (``record_scan``: evidence rows from the dataset,
  the transaction, the seal), and ``record_run`` alone.

Figures are printed, never asserted.  Usage::

    python bench/bench_findings.py                 # ~10,000 findings
    python bench/bench_findings.py --contracts 2500
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def write_table(path: Path, rows: list[dict[str, Any]]) -> None:
    cols = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)


def dense_corporation(root: Path, contracts: int, people: int = 20) -> Path:
    """``people`` linked handlers, each with a declared interest in supplier ``O{i}`` and a
    partner who is a KvK officer of supplier ``P{i}``; ``contracts`` contracts with those
    suppliers, handled by one linked person and approved by the next."""
    root.mkdir(parents=True, exist_ok=True)
    emp, rel, orgs, decl, off, con = [], [], [], [], [], []
    for i in range(people):
        emp.append({"employee_id": f"E{i}", "name": f"Jan{i} de Vries{i}", "role": "employee",
                    "department": f"Afdeling {i % 4}", "birth_date": f"1970-01-{1 + i % 28:02d}",
                    "postcode": f"{1000 + i}AB", "house_number": str(i + 1),
                    "employed_from": "2000-01-01"})
        rel.append({"relative_id": f"R{i}", "employee_id": f"E{i}", "relation": "partner",
                    "name": f"Petra{i} Jansen{i}", "birth_date": f"1972-03-{1 + i % 28:02d}",
                    "postcode": f"{1000 + i}AB", "house_number": str(i + 1)})
        for prefix in ("O", "P"):
            orgs.append({"org_id": f"{prefix}{i}", "name": f"Bouwbedrijf {prefix}{i} B.V.",
                         "kvk_number": f"{(10_000_000 if prefix == 'O' else 20_000_000) + i}"})
        decl.append({"declaration_id": f"DC{i}", "employee_id": f"E{i}", "org_id": f"O{i}",
                     "kind": "financial_interest", "position": "aandeelhouder",
                     "valid_from": "2020-01-01", "status": "approved"})
        off.append({"org_id": f"P{i}", "name": f"Petra{i} Jansen{i}", "role": "bestuurder",
                    "birth_date": f"1972-03-{1 + i % 28:02d}", "valid_from": "2015-01-01"})
    for n in range(contracts):
        i = n % people
        org = f"O{i}" if n % 2 else f"P{i}"
        con.append({"decision_id": f"D{n}", "kind": "contract", "org_id": org,
                    "amount_eur": str(1000 + n), "decision_date": f"2024-{1 + n % 12:02d}-01",
                    "handled_by": f"E{i}", "approved_by": f"E{(i + 1) % people}"})
    for name, rows in (("employees", emp), ("relatives", rel), ("organizations", orgs),
                       ("declarations", decl), ("officers", off), ("contracts", con)):
        write_table(root / f"{name}.csv", rows)
    return root


def v1_text(findings: list[Any]) -> str:
    """findings.json as coi-graph wrote it before schema versions (version 1)."""
    return "[\n" + ",\n".join(json.dumps(f.to_json(), ensure_ascii=False)
                              for f in findings) + "\n]\n"


def timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--contracts", type=int, default=5000,
                    help="contracts in the dense corporation (two findings each)")
    a = ap.parse_args(argv)
    from coi_graph.findings import load_findings, write_findings
    from coi_graph.scan import scan
    from coi_graph.outputs.workspace import (
        evidence_rows,
        open_workspace,
        record_scan,
        recorded_fields,
    )

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = dense_corporation(root / "data", a.contracts)
        secs, res = timed(lambda: scan(data, root / "run"))
        n = len(res.findings)
        print(f"dense run: {n:,} findings from {a.contracts:,} contracts (scan {secs:.1f} s)")
        v2_path = root / "v2"
        w2, _ = timed(lambda: write_findings(res.findings, v2_path))
        w1, text1 = timed(lambda: v1_text(res.findings))
        (root / "v1").mkdir()
        (root / "v1" / "findings.json").write_text(text1, encoding="utf-8")
        size1 = (root / "v1" / "findings.json").stat().st_size
        size2 = (v2_path / "findings.json").stat().st_size
        r1, back1 = timed(lambda: load_findings(root / "v1"))
        r2, back2 = timed(lambda: load_findings(v2_path))
        assert back2 == res.findings and [f.finding_id for f in back1] == \
            [f.finding_id for f in res.findings]
        doc = json.loads((v2_path / "findings.json").read_text(encoding="utf-8"))
        steps = sum(len(f.path.steps) + sum(len(p.steps) for p in f.other_paths)
                    for f in res.findings)
        print(f"findings.json version 1: {size1 / 1e6:8.2f} MB; version 2: {size2 / 1e6:8.2f} MB "
              f"({size2 / size1:.0%}); {steps:,} steps on the paths, "
              f"{len(doc['evidence']['steps']):,} written once")
        print(f"writing: version 2 (findings.csv + findings.json) {w2:.2f} s; version 1 JSON "
              f"alone {w1:.2f} s")
        print(f"reading back (load_findings): version 1 {r1:.2f} s; version 2 {r2:.2f} s")
        ws = root / "ws.sqlite"
        rec, _ = timed(lambda: record_scan(res, root / "run", ws))
        fields = [recorded_fields(f) for f in res.findings]
        rows = evidence_rows(res.dataset, fields)
        with open_workspace(root / "ws2.sqlite") as w:
            run = dict(res.run or {})
            only, _ = timed(lambda: w.record_run(run, res.findings, root / "run", rows=rows))
        print(f"recording in a fresh workspace: record_scan {rec:.2f} s (evidence rows, "
              f"declaration figures, transaction, seal); record_run alone {only:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
