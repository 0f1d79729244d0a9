"""Time person and organization matching inside ``build_graph`` and dump every match, so a
speed-up can be checked to change no result (same matches, same order, same scores, same
pair ids).

Why: matching is rewritten for speed (issue 14 after issue 10); the only acceptable outcome
is a byte-identical dump.  Run once on the unchanged code to record a baseline, then after
each change with ``--compare``::

    PYTHONPATH=$PWD python3 bench/bench_match_equivalence.py DATA --out /tmp/base.json
    PYTHONPATH=$PWD python3 bench/bench_match_equivalence.py DATA --out /tmp/new.json \\
        --compare /tmp/base.json

It prints the wall and CPU time (``time.process_time``) of ``build_graph`` and of every
``match_people`` / ``match_organizations`` call it makes, plus the load average (the machine
is shared: CPU time is the steadier figure).
Exit status 1 when the dump differs from the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def _match_dict(m: Any) -> dict[str, Any]:
    j = m.judgement
    return {"probe": m.probe, "reference": m.reference, "score": m.score, "reason": m.reason,
            "detail": m.detail, "fuzzy": m.fuzzy, "band": m.band, "pair_id": m.pair_id,
            "features": [f.as_dict() for f in m.features],
            "judgement": None if j is None else [j.decision, j.by, j.at, j.why]}


def run(data: Path) -> dict[str, Any]:
    import ingest
    from coi_graph.graph import build as graph
    from coi_graph.policy import Policy

    calls: list[dict[str, Any]] = []
    real_people, real_orgs = graph.match_people, graph.match_organizations

    def people(probes: Any, refs: Any, *a: Any, **k: Any) -> Any:
        probes, refs = list(probes), list(refs)
        t, c = time.perf_counter(), time.process_time()
        out = real_people(probes, refs, *a, **k)
        calls.append({"fn": "match_people", "probes": len(probes), "refs": len(refs),
                      "seconds": round(time.perf_counter() - t, 3),
                      "cpu": round(time.process_time() - c, 3),
                      "matches": [_match_dict(m) for m in out]})
        return out

    def orgs(probes: Any, refs: Any, *a: Any, **k: Any) -> Any:
        probes, refs = list(probes), list(refs)
        t, c = time.perf_counter(), time.process_time()
        out = real_orgs(probes, refs, *a, **k)
        calls.append({"fn": "match_organizations", "probes": len(probes), "refs": len(refs),
                      "seconds": round(time.perf_counter() - t, 3),
                      "cpu": round(time.process_time() - c, 3),
                      "matches": [[m.probe, m.org_id, m.score, m.reason, m.detail] for m in out]})
        return out

    real_within = graph.match_within

    def within(recs: Any, *a: Any, **k: Any) -> Any:
        """The relatives against themselves, once per pair (before 2026-11-30 a
        ``match_people`` call both ways: a baseline from then differs in ``calls``)."""
        recs = list(recs)
        t, c = time.perf_counter(), time.process_time()
        out = real_within(recs, *a, **k)
        calls.append({"fn": "match_within", "probes": len(recs), "refs": len(recs),
                      "seconds": round(time.perf_counter() - t, 3),
                      "cpu": round(time.process_time() - c, 3),
                      "matches": [_match_dict(m) for m in out]})
        return out

    graph.match_people, graph.match_organizations, graph.match_within = people, orgs, within
    ds = ingest.read_dataset(data)
    policy = Policy.default()
    load_before = os.getloadavg()
    t, c = time.perf_counter(), time.process_time()
    lg = graph.build_graph(ds, policy)
    total, cpu = time.perf_counter() - t, time.process_time() - c
    return {
        "build_graph_seconds": round(total, 2),
        "build_graph_cpu": round(cpu, 2),
        "load_before": load_before,
        "calls": calls,
        "lg_matches": lg.matches,
        "org_matches": {k: [v[0], repr(v[1])] for k, v in sorted(lg.org_matches.items())},
        "anchors": sorted(lg.anchor_index),
        "counts": lg.counts,
        "load": os.getloadavg(),
    }


def run_pairs(seed: int = 10, per_kind: int = 100) -> dict[str, Any]:
    """Every record of ``bench_matching``'s Dutch pairs (variants and hard negatives) matched
    against all of them at once, with shared identifiers on some, reviewer judgements on
    others and ``use_address`` on and off: many more bands, features and blocking paths
    than the demo reaches."""
    import dataclasses

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_matching import _coi_rec, dutch_pairs

    from coi_graph.match.compare import pair_id, record_fingerprint
    from coi_graph.match.records import Judgement, match_people
    from coi_graph.policy import MatchingPolicy

    recs = []
    for i, p in enumerate(dutch_pairs(seed, per_kind)):
        a, b = _coi_rec(f"l:{i:05d}", p.left), _coi_rec(f"r:{i:05d}", p.right)
        if i % 7 == 0:
            a = dataclasses.replace(a, iban=f"NL{i % 50:02d}BANK0123456789")
            b = dataclasses.replace(b, iban=f"NL{i % 50:02d}BANK0123456789")
        if i % 11 == 0:
            a = dataclasses.replace(a, email=f"x{i}@example.org", birth_date=None)
            b = dataclasses.replace(b, email=f"x{i}@example.org ")
        if i % 13 == 0:
            b = dataclasses.replace(b, phone="0612345678", address_key=None)
        recs += [a, b]
    judgements = {}
    for i in range(0, len(recs) - 1, 40):
        a, b = recs[i], recs[i + 1 if i % 80 else i + 3]
        pid = pair_id(record_fingerprint(a), record_fingerprint(b))
        judgements[pid] = Judgement("confirm" if i % 80 else "reject", "bench", "2026-01-01",
                                    "bench", (a.key, b.key))
    out: dict[str, Any] = {}
    t = time.perf_counter()
    for use_address in (True, False):
        pol = MatchingPolicy(use_address=use_address)
        for name, kw in (("plain", {}), ("judged", {"judgements": judgements,
                                                    "with_rejected": True})):
            got = match_people(recs, recs, pol, **kw)
            out[f"address={use_address}/{name}"] = [_match_dict(m) for m in got]
    out["seconds"] = round(time.perf_counter() - t, 2)
    return out


def _results(d: dict[str, Any]) -> dict[str, Any]:
    """What must not change: everything but the timings and the load."""
    return {"calls": [{k: v for k, v in c.items() if k not in ("seconds", "cpu")}
                      for c in d["calls"]],
            "lg_matches": d["lg_matches"], "org_matches": d["org_matches"],
            "anchors": d["anchors"], "counts": d["counts"],
            "pairs": {k: v for k, v in d.get("pairs", {}).items() if k != "seconds"}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="a data folder (e.g. made by coi demo)")
    ap.add_argument("--out", type=Path, required=True, help="write the dump here")
    ap.add_argument("--compare", type=Path, help="a baseline dump to compare with")
    a = ap.parse_args(argv)
    d = run(a.data)
    d["pairs"] = run_pairs()
    a.out.write_text(json.dumps(d, indent=0, sort_keys=True, default=str))
    def total(fn: str, what: str) -> float:
        return sum(c[what] for c in d["calls"] if c["fn"] == fn)

    print(f"wall: build_graph {d['build_graph_seconds']:.2f} s; match_people "
          f"{total('match_people', 'seconds'):.2f} s; match_organizations "
          f"{total('match_organizations', 'seconds'):.2f} s")
    print(f"CPU:  build_graph {d['build_graph_cpu']:.2f} s; match_people "
          f"{total('match_people', 'cpu'):.2f} s; match_organizations "
          f"{total('match_organizations', 'cpu'):.2f} s; load average "
          f"{tuple(round(x, 2) for x in d['load_before'])} before, "
          f"{tuple(round(x, 2) for x in d['load'])} after")
    print(f"  labelled pairs: {sum(len(v) for k, v in d['pairs'].items() if k != 'seconds')}"
          f" matches in {d['pairs']['seconds']:.2f} s")
    for c in d["calls"]:
        print(f"  {c['fn']}: {c['probes']} probes x {c['refs']} refs -> {len(c['matches'])}"
              f" in {c['seconds']:.2f} s (CPU {c['cpu']:.2f} s)")
    if a.compare:
        base = json.loads(a.compare.read_text())
        mine = json.loads(json.dumps(d, sort_keys=True, default=str))
        if "pairs" not in base:  # a baseline recorded without them
            mine.pop("pairs")
        x, y = _results(base), _results(mine)
        if x != y:
            for k in x:
                if x[k] != y[k]:
                    print(f"DIFFERS: {k}")
            return 1
        print(f"identical to {a.compare} "
              f"(baseline build_graph {base['build_graph_seconds']:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
