"""``split_orders.select`` with and without its supplier-network pass, alternated in one
process on one dataset (CPU time, ``time.process_time``): what grouping orders over a
supplier network costs.

    python bench/bench_split_orders_network.py bench/.cache/large/data 6

Figures to read, never asserted by tests.
"""
import sys, time, statistics
sys.path.insert(0, '.')
from coi_graph.policy import Policy
from coi_graph.scan import load
from coi_graph.rules.detect import DetectionContext
from coi_graph.rules import split_orders as so
pol = Policy.from_dict({})
ds, lg = load(sys.argv[1], pol)
ctx = DetectionContext(ds, lg, pol)
from coi_graph.rules.linked_suppliers import networks
networks(ctx)  # computed once per run anyway (linked_suppliers)
orig = so._network_decisions
a, b = [], []
for i in range(int(sys.argv[2])):
    for which in ((0, 1) if i % 2 == 0 else (1, 0)):
        so._network_decisions = orig if which == 0 else (lambda ctx, checked: {})
        t = time.process_time(); n = len(so.select(ctx)); dt = time.process_time() - t
        (a if which == 0 else b).append(dt)
print(f"with network pass: median {statistics.median(a):.3f}s min {min(a):.3f}s; without: median {statistics.median(b):.3f}s min {min(b):.3f}s; findings {n}")
