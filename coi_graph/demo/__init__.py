"""A synthetic woningcorporatie with planted conflicts of interest and innocent look-alikes.

``generate(out_dir, size, seed)`` writes the data contract's tables to ``OUT/data`` the way
real exports look (Windows-1252 with ``;``, UTF-8 with BOM, Excel sheets with date cells,
Dutch dates and amounts, KvK numbers that lost their leading zero, spaced IBANs) and lists in
``OUT/planted.json`` every conflict that a scan must find (``cases``) and every look-alike
that it must not flag (``decoys``); those whose rule or input this version of the analyzer
lacks (:func:`coi_graph.demo.oracle.analyzer_lacks`) wait under ``awaiting``.

All other rows are conflict-free by construction:

- every address, IBAN, phone number and e-mail address belongs to one household or
  organization only (one pool per identifier kind hands out each value once);
- birth dates are split into three classes by day number modulo 3: staff and their relatives
  (0), KvK officers (1) and housing applicants (2), so a random officer or applicant can never
  match an employee or relative on name + birth date; within staff and relatives no two people
  share a birth date and a surname;
- random declarations and gifts only concern organizations the person never handles,
  approves or requests a decision with; the organizations of planted cases and decoys get no
  random declarations, gifts or decisions (except P12's, which trades with colleagues who
  have no link to it), and every case and decoy has its own people and organizations
  (except X11 and X19, which stand beside their case with the same person on purpose);
- no two KvK officers at different organizations are one person (name and birth date), and
  no two organizations share an identifier, except the planted networks: P19's pair and the
  business centre of X12 (above the hub cut-off);
- only the staff of the split-order cases have a mandate below what they order (random
  handlers have none in ``mandates.csv``: their random orders would be split orders), and
  nobody but P21 and X18 approves their own decision.

The same planted set (same rules, dates and amounts) is in every size; only the people and
organizations it is placed at differ, and the stories in ``planted.json`` name them.  The same
size and seed give byte-identical files.

The generator is one class, :class:`Demo`, assembled from one part per concern, each in its
own module and run in this order by :func:`generate`:

=====================  ====================================================================
``sizes``              the sizes, the period, the sector figures; :class:`DemoResult`
``vocab``, ``names``   names, streets and cities; ``formats``: values and file writers
``arrays``, ``base``   numpy helpers, identifier pools, the state and the name factories
``people``             staff and their declared relatives
``organizations``      the vendor master and its KvK officers
``cast``               who and what the planted cases and look-alikes are placed at
``decisions``          the random contracts, orders, invoices and allocations
``register``           the random declarations and gifts
``planted``            the planted conflicts and the row builders they use
``lookalikes``         the innocent look-alikes beside them
``networks``           holdings, linked suppliers, split orders, self approval, allocations
                       out of turn: planted cases beside their look-alikes
``writing``            every table in the export formats of the data contract
``oracle``             the answer key, ``planted.json``
=====================  ====================================================================

>>> import tempfile
>>> res = generate(tempfile.mkdtemp(), "small", seed=7)
>>> sorted(res.counts)[:3]
['allocations', 'contracts', 'declarations']
>>> {c["rule"] for c in res.cases} >= {"self_interest", "gift_rule_breach"}
True
"""


from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from coi_graph.demo.cast import Cast
from coi_graph.demo.decisions import Decisions
from coi_graph.demo.formats import date_of
from coi_graph.demo.lookalikes import Lookalikes
from coi_graph.demo.networks import Networks
from coi_graph.demo.oracle import Oracle, analyzer_lacks
from coi_graph.demo.organizations import Organizations
from coi_graph.demo.people import People
from coi_graph.demo.planted import Planted
from coi_graph.demo.register import Register
from coi_graph.demo.sizes import PERIOD_END, SIZES, DemoResult, DemoSize
from coi_graph.demo.writing import Writing

__all__ = ["SIZES", "Demo", "DemoResult", "DemoSize", "generate"]


class Demo(People, Organizations, Cast, Decisions, Register, Planted, Lookalikes, Networks,
           Writing, Oracle):
    """The whole generator: every part's steps on one shared state (see the module doc)."""


def generate(out_dir: str | Path, size: str = "small", seed: int = 7,
             progress: Callable[[str], None] | None = None) -> DemoResult:
    """Write a demo corporation to ``out_dir/data`` and its answer key to
    ``out_dir/planted.json``.

    ``size`` is one of :data:`SIZES` (``small``, ``medium``, ``large``).  The same size and
    seed give byte-identical files.  ``progress`` receives one line per step.

    >>> import tempfile
    >>> generate(tempfile.mkdtemp(), "small").counts["employees"]
    42
    """
    if size not in SIZES:
        raise ValueError(f"unknown demo size {size!r}; choose one of {', '.join(SIZES)}")
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    t0 = time.perf_counter()
    out = Path(out_dir)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    for old in data.iterdir():  # a smaller size must not leave a stale xlsx/csv twin
        if old.suffix in (".csv", ".xlsx") and old.stem in (
                "employees", "relatives", "organizations", "officers", "declarations",
                "contracts", "allocations", "gifts", "mandates"):
            old.unlink()
    d = Demo(SIZES[size], seed, progress)
    d.make_employees()
    d.make_relatives()
    d.make_organizations()
    d.make_officers()
    d.unique_officers()
    d.pick_cast()
    d.make_contracts()
    d.make_allocations()
    d.allocation_turns()
    busy = d.involved_pairs()
    d.make_declarations(busy)
    d.make_gifts(busy)
    d.plant()
    d.plant_networks()
    d.finish_ids()
    counts = d.write(data)
    cases, decoys = d.manifest_rows()
    # Entries whose rule or input this version of the analyzer lacks wait in "awaiting"
    # (with what is lacking), so that "cases" and "decoys" hold what a scan must get right now.
    awaiting: dict[str, list[dict]] = {"cases": [], "decoys": []}
    for kind, rows in (("cases", cases), ("decoys", decoys)):
        for row in list(rows):
            lacks = analyzer_lacks(row["needs"])
            if lacks:
                rows.remove(row)
                awaiting[kind].append({**row, "lacks": lacks})
    manifest = {
        "generator": "coi_graph.demo",
        "size": size,
        "seed": seed,
        "homes": SIZES[size].homes,
        "period": {"from": date_of(d.start).isoformat(), "to": PERIOD_END.isoformat()},
        "policy": "default",
        "counts": counts,
        "files": sorted(p.name for p in data.iterdir()),
        "cases": cases,
        "decoys": decoys,
        "awaiting": awaiting,
    }
    path = out / "planted.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    d.say(f"done in {time.perf_counter() - t0:.1f}s")
    return DemoResult(data_dir=data, manifest_path=path, counts=counts, cases=cases,
                      decoys=decoys, awaiting=awaiting)
