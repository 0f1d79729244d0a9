"""Detection: decisions as a table, joined against what each handler and approver can reach.

1. Every decision gives one row per subject (handler, approver; see ``policy.subject_roles``).
2. For each distinct subject, :func:`coi_graph.graph.reach.reach` lists every valid path of at most
   ``max_links`` links once.
3. Contracts join those paths on (subject, counterparty organization); allocations join them
   on (subject, anchor), where an anchor is what the applicant attaches to: a person the
   applicant was matched to (name + birth date / address), or an identifier the applicant
   shares.  The decision date must fall inside the path's validity.
4. Each joined path gets a rule (see :func:`coi_graph.rules.link_paths.classify`); per decision, subject and counterparty
   the most specific rule becomes the finding and the other paths its supporting evidence.

Rules without a decision (undeclared KvK roles, unapproved side functions, gift-rule breaches)
read the register directly.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ingest.model import Dataset

from ..graph.decisions import TABLES, Decision, DecisionTable, member
from ..findings import EvidencePath, Finding, Step, format_eur
from ..graph.build import LinkGraph, frame_rows, resolve_gift_orgs
from ..links import Link, ordinal, ordinal_to_iso, text_of
from ..policy import Policy
from ..graph.reach import PathHit, step
from ..graph.reach_table import EdgeTable, _arrow_texts, reach_all
from . import LINK_RULE_PRECEDENCE, RULES, link_paths, make_finding
from .link_paths import classify
from ..schema import node_key

__all__ = ["Detection", "detect", "Decision", "LinkCandidate", "DetectionContext"]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class LinkCandidate:
    """A path an engine proposes: from ``employee:subject_id`` along ``link_ids`` (graph edge
    keys; for an allocation the last id is the applicant's anchor link) to the counterparty."""

    decision_id: str
    subject_id: str
    link_ids: tuple[str, ...]


@dataclass
class Detection:
    findings: list[Finding]
    stats: dict[str, Any] = field(default_factory=dict)


def _codes_under(nodes: list[Any], prefix: str, idents: pd.Index) -> np.ndarray | None:
    """Per ident, the position of the node ``prefix + ident`` among ``nodes`` (sorted
    names; -1: no such node), columnar: the names with that prefix are one run of the
    sorted list (found by two binary searches), and the idents are looked up among the
    run's names less the prefix by one Arrow ``index_in``, instead of a string and a dict
    look-up per ident (50,000 organizations).  None when Arrow cannot hold the names or
    idents as text (numbers, lone surrogates): the caller looks them up one by one.

    >>> _codes_under(["a:1", "b:", "b:x", "b:y", "c"], "b:", pd.Index(["y", "q", ""])).tolist()
    [3, -1, 1]
    """
    import bisect

    if not len(idents) or not prefix:
        return None
    try:
        lo = bisect.bisect_left(nodes, prefix)
        hi = bisect.bisect_left(nodes, prefix[:-1] + chr(ord(prefix[-1]) + 1), lo)
    except TypeError:  # names that are not text
        return None
    names = _arrow_texts(nodes[lo:hi])
    wanted = _arrow_texts(idents.to_numpy(dtype=object).tolist())
    if names is None or wanted is None:
        return None
    import pyarrow.compute as pc

    if len(names) and not pc.all(pc.starts_with(names, prefix)).as_py():
        return None  # (never: every name of the run starts with the prefix)
    tails = pc.utf8_slice_codeunits(names, len(prefix))  # in code points, as len() counts
    at = pc.fill_null(pc.index_in(wanted, value_set=tails), -1)
    pos = np.asarray(at, dtype=np.int64)
    return np.where(pos >= 0, pos + lo, -1)


# -- the scan --------------------------------------------------------------------------


def detect(ds: Dataset, lg: LinkGraph, policy: Policy, progress: Progress | None = None
           ) -> Detection:
    """All findings of one dataset under one policy, sorted by finding id: every rule of
    the registry (:data:`coi_graph.rules.RULES`) selects its own; the link-path rules once
    for all of them (which of them wins must not depend on which are reported)."""
    ctx = DetectionContext(ds, lg, policy, progress)
    ctx.say(f"decisions: {len(ctx.decisions):,}")
    findings: list[Finding] = link_paths.select(ctx)
    for rule in RULES.values():
        if rule.select is not None and policy.rule(rule.code).enabled:
            findings += rule.select(ctx)
    findings = finalize_findings(findings, policy)
    ctx.stats["findings"] = len(findings)
    return Detection(findings, ctx.stats)


class DetectionContext:
    """The state of one detection run: tables, graph, policy and what is derived from them."""

    def __init__(self, ds: Dataset, lg: LinkGraph, policy: Policy,
                 progress: Progress | None = None) -> None:
        self.ds, self.lg, self.g, self.policy = ds, lg, lg.g, policy
        self.say: Progress = progress or (lambda msg: None)
        self.stats: dict[str, Any] = {}
        #: what a rule derives once per run and shares (say, the mandates by employee)
        self.memo: dict[str, Any] = {}
        #: link id -> its row in the edge table (None: no row), for the ids looked up so
        #: far (:meth:`_find_links`); whether every key of the table is a str (None: not
        #: looked at yet)
        self._link_row: dict[str, int | None] = {}
        self._link_keys: bool | None = None
        self.decisions = DecisionTable(ds, self.g, policy.subject_roles, lg.digests)
        self.anchor_index: dict[str, tuple[str, str, Link]] = lg.anchor_index
        self.stats["applicant_matches"] = sum(1 for _, _, lk in lg.anchor_index.values()
                                              if lk.kind == "same_person")
        # each employee's node once, the ids as one list (iterating an Arrow-held index
        # boxes each id)
        nodes = self.g.nodes
        emp = [nodes[node_key("employee", e)]
               for e in self.decisions.employees.to_numpy(dtype=object).tolist()]
        self.emp_lo = np.array([n["lo"] for n in emp], dtype=np.int64)
        self.emp_hi = np.array([n["hi"] for n in emp], dtype=np.int64)
        del emp
        days = self.decisions.days
        days = days[days > 0]
        gift_days = [ordinal(r.get("date"), 0) for r in self.gift_rows()]
        all_days = [d for d in [int(days.max()) if len(days) else 0, *gift_days] if d]
        if policy.as_of:
            self.as_of = policy.as_of.toordinal()
        else:
            self.as_of = max(all_days) if all_days else dt.date(2000, 1, 1).toordinal()
        self.period_start = int(days.min()) if len(days) else self.as_of - 365
        self.stats["as_of"] = ordinal_to_iso(self.as_of)
        self.stats["period_start"] = ordinal_to_iso(self.period_start)
        self.stats["decisions_outside_employment"] = self._outside_employment()
        self.stats["organizations_not_found"] = self._organizations_not_found()

    def _organizations_not_found(self) -> dict[str, list[tuple[int, str, str]]]:
        """Gift rows that name their giver in free text only (``org_name``,
        ``kvk_number``) where no organization of the vendor master fits: per table, (line,
        column, value).  Why: such a gift has no giver, so ``gift_before_decision`` cannot
        see it; without this they went unreported (see
        :func:`coi_graph.scan.note_organizations_not_found`).  A declaration that names no
        supplier is not listed: a side function at a club is usually just that."""
        return gift_givers_not_found(self.gift_rows())

    @cached_property
    def pairs(self) -> pd.DataFrame:
        """(decision, person) pairs with ids, for other engines and the benchmark."""
        return self.decisions.pairs()

    def _outside_employment(self) -> int:
        """Decision/person pairs dated outside that person's employment in HR's data: not
        checked (the contract counts employment as a link), so counted and reported."""
        d = self.decisions
        if not len(d.p_emp):
            return 0
        lo, hi = self.emp_lo[d.p_emp], self.emp_hi[d.p_emp]
        return int(((d.p_day < lo) | (d.p_day > hi)).sum())

    # link rules: selection (engine-specific) --------------------------------------------
    def networkx_link_candidates(self, say: Progress) -> list[LinkCandidate]:
        """The embedded engine: every handler's and approver's reach, found once for all of
        them as arrays (:func:`coi_graph.graph.reach_table.reach_all`), semi-joined with the
        decision pairs on (person, counterparty) through int64 keys; only the few pairs that
        meet a path become candidates."""
        k = self.policy.paths.max_links
        d, et = self.decisions, self.edge_table
        # the people with a decision (sorted, as np.unique gives them): counted, not sorted,
        # ten million pairs of a few thousand people
        subjects = np.flatnonzero(np.bincount(d.p_emp, minlength=len(d.employees)))
        say(f"reach of {len(subjects):,} handlers and approvers (<= {k} links)")
        codes = np.array([et.code.get(node_key("employee", e), -1)
                          for e in d.employees[subjects].to_numpy(dtype=object).tolist()],
                         dtype=np.int64)
        present = codes >= 0
        subjects, codes = subjects[present], codes[present]
        paths = reach_all(et, codes, self.emp_lo[subjects], self.emp_hi[subjects], k)
        # node code -> employee / organization position, for the join keys
        node_emp = np.full(len(et.nodes), -1, dtype=np.int64)
        node_emp[codes] = subjects
        org_codes = self.org_node_codes
        node_org = np.full(len(et.nodes), -1, dtype=np.int64)
        node_org[org_codes[org_codes >= 0]] = np.flatnonzero(org_codes >= 0)
        n_org = max(len(d.orgs), 1)
        out: list[LinkCandidate] = []
        # contracts: (person, organization) pairs that some path joins
        p_start, p_end = node_emp[paths.start], node_org[paths.end]
        at_org = p_end >= 0
        path_keys = p_start[at_org] * n_org + p_end[at_org]
        # only the pairs whose person starts a path and whose organization ends one can
        # meet a path (two look-ups in small tables); their keys are hashed, not all pairs'
        starts = np.zeros(len(d.employees) + 1, dtype=bool)
        starts[p_start[at_org]] = True
        ends_at = np.zeros(n_org + 1, dtype=bool)  # the last entry: no organization (-1)
        ends_at[p_end[at_org]] = True
        maybe = np.flatnonzero((d.p_table == 0) & starts[d.p_emp] & ends_at[d.p_cp])
        maybe_keys = d.p_emp[maybe].astype(np.int64) * n_org + d.p_cp[maybe]
        met = member(maybe_keys, path_keys)
        hit, hit_keys = maybe[met], maybe_keys[met]
        by_key: dict[int, list[int]] = defaultdict(list)
        for i in np.flatnonzero(at_org)[member(path_keys, hit_keys)]:
            by_key[int(p_start[i] * n_org + p_end[i])].append(int(i))
        for j, key in zip(hit.tolist(), hit_keys.tolist()):
            day = int(d.p_day[j])
            for i in by_key[key]:
                if paths.lo[i] <= day <= paths.hi[i]:
                    out.append(self._candidate(0, int(j), paths, i))
        # allocations: through what each applicant attaches to (few anchors)
        anchors_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
        row_of = self._rows_of_applicants()
        for aid, (anchor, applicant, _) in sorted(self.anchor_index.items()):
            r = row_of.get(applicant.split(":", 1)[1])
            if r is not None and anchor in et.code:
                anchors_of[r].append((et.code[anchor], aid))
        if anchors_of:
            alloc = np.flatnonzero(d.p_table == 1)
            alloc = alloc[member(d.p_row[alloc], list(anchors_of))]
            ends: dict[tuple[int, int], list[int]] = defaultdict(list)
            short = np.flatnonzero(paths.length < k)
            wanted = {c for v in anchors_of.values() for c, _ in v}
            for i in short[member(paths.end[short], list(wanted))]:
                ends[(int(paths.start[i]), int(paths.end[i]))].append(int(i))
            for j in alloc:
                day, emp = int(d.p_day[j]), int(d.p_emp[j])
                sk = et.code.get(node_key("employee", d.employees[emp]), -1)
                lo, hi = self.emp_lo[emp], self.emp_hi[emp]
                for anchor_code, aid in anchors_of[int(d.p_row[j])]:
                    if anchor_code == sk and lo <= day <= hi:
                        out.append(self._candidate(1, int(j), None, None, (aid,)))
                    for i in ends.get((sk, anchor_code), ()):
                        if paths.lo[i] <= day <= paths.hi[i]:
                            out.append(self._candidate(1, int(j), paths, i, (aid,)))
        return out

    def _rows_of_applicants(self) -> dict[str, int]:
        """decision id -> its row in the allocations (the last row listing it), for the
        applicants that attach to the graph only (the anchors'): a dict over every
        allocation took a second on ten million decisions to serve a few dozen anchors."""
        if not self.anchor_index:
            return {}
        ids = self.decisions.frames["allocations"]["decision_id"].to_numpy(dtype=object)
        wanted = {applicant.split(":", 1)[1] for _, applicant, _ in self.anchor_index.values()}
        at = np.flatnonzero(pd.Series(ids, dtype=object).isin(wanted).to_numpy())
        return dict(zip(ids[at].tolist(), at.tolist()))

    @cached_property
    def edge_table(self) -> EdgeTable:
        return self.lg.table()

    @cached_property
    def org_node_codes(self) -> np.ndarray:
        """Per organization of the decision table (``decisions.orgs``), its node's code in
        the edge table (-1: none): a look-up per organization in the table's own ``code``
        dict (indexing every node of the graph again for ``get_indexer`` cost more than the
        look-ups)."""
        prefix = node_key("organization", "")
        found = _codes_under(self.edge_table.nodes, prefix, self.decisions.orgs)
        if found is not None:
            return found
        code = self.edge_table.code
        orgs = self.decisions.orgs.to_numpy(dtype=object).tolist()
        return np.fromiter((code.get(prefix + o, -1) for o in orgs), dtype=np.int64,
                           count=len(orgs))

    @cached_property
    def link_index(self) -> dict[str, tuple[str, str, Any, Link]]:
        """link id -> the edge table's row (one end, other end, id, link)."""
        return {str(e[2]): e for e in self.edge_table.edges}

    def _find_links(self, lids: Iterable[str]) -> None:
        """Find the rows of these link ids in the edge table (the last row with each id,
        as in :attr:`link_index`; None for an id no row has), for :meth:`_link`: the rows
        of the few ids the candidates name, found by one pass of set look-ups over the
        table's keys, instead of a dict of all 130,000 keys made first (47 ms on a large
        corporation for the 35 ids its candidates name)."""
        rows = self._link_row
        want = [lid for lid in dict.fromkeys(lids) if lid not in rows]
        if not want:
            return
        rows.update(dict.fromkeys(want))
        edges = self.edge_table.edges
        if self._link_keys is None:  # once: whether every key is a str
            self._link_keys = edges.all_text()
        # compared as they are (a set look-up in C per key); keys that are not all text (a
        # graph made by hand) read as text; each key read where it lies (EdgeRows)
        at = edges.rows_with(set(want), as_text=not self._link_keys)
        for r in at:  # in row order: the last row with an id is the one kept
            rows[str(edges.key(r))] = r

    def _link(self, lid: str) -> tuple[str, str, Any, Link] | None:
        """:attr:`link_index`'s entry for one link id (None: no such link)."""
        self._find_links((lid,))
        row = self._link_row[lid]
        return None if row is None else self.edge_table.edges[row]

    def _candidate(self, table: int, j: int, paths: Any, i: int | None,
                   extra: tuple[str, ...] = ()) -> LinkCandidate:
        d = self.decisions
        t = TABLES[table]
        did = d.decision_id(t, int(d.p_row[j]))
        d.remember(did, t, int(d.p_row[j]))
        refs = () if paths is None else tuple(
            str(self.edge_table.edges[int(r)][2]) for r in paths.refs[i] if r >= 0)
        return LinkCandidate(did, str(d.employees[int(d.p_emp[j])]), refs + extra)

    # link rules: assembly (shared by every engine) -----------------------------------------
    def assemble_link_findings(self, candidates: Iterable[LinkCandidate]) -> list[Finding]:
        """Findings from candidate paths, whichever engine found them.

        Each candidate is checked again here (a simple path from the subject to the
        decision's counterparty, within ``max_links``, from the first organization inside it
        on only over KvK officer links and never from a hub (:func:`coi_graph.graph.reach.step`),
        every link
        valid on the decision date while the subject was employed), so engines cannot differ
        in what counts; then per decision, subject and counterparty the most specific rule
        wins and the other paths become its supporting evidence.
        """
        joined: dict[tuple[str, str, str], list[tuple[str, EvidencePath, list[tuple[str, str]], bool]]] = defaultdict(list)
        seen: set[LinkCandidate] = set()
        candidates = list(candidates)
        # every candidate's decision is read (and its row digested) below: hash those rows
        # in one pass first instead of a block of rows per decision
        self.decisions.prefetch(dict.fromkeys(c.decision_id for c in candidates))
        # and the rows of the links they name, in one pass over the edge table's keys
        self._find_links(lid for c in candidates for lid in c.link_ids)
        for c in candidates:
            if c in seen:
                continue
            seen.add(c)
            checked = self._check(c)
            if checked is None:
                continue
            d, hit, anchor = checked
            links = hit.links + ((anchor[1],) if anchor else ())
            rule = classify(links, "applicant" if anchor else "organization")
            path = self._path(hit, d, extra=anchor)
            records = self._hitframe_rows(hit) + (list(anchor[1].records) if anchor else [])
            joined[(c.decision_id, c.subject_id, d.counterparty)].append(
                (rule, path, records, _fuzzy(links)))
        out = []
        for (did, eid, cp), cands in sorted(joined.items()):
            cands.sort(key=lambda c: (LINK_RULE_PRECEDENCE.index(c[0]), len(c[1].steps),
                                      not c[1].declared, c[1].text))
            rule, best, _, fuzzy = cands[0]
            # supporting paths: each distinct one once, in the same order
            others: list[EvidencePath] = []
            texts = {best.text}
            for _, path, _, _ in cands[1:]:
                if path.text not in texts:
                    texts.add(path.text)
                    others.append(path)
            records = [r for _, _, recs, _ in cands for r in recs]
            decision = self.decisions[did]
            extra, details = link_paths.turn_parts(decision)
            via = via_of(best)
            explanation = None
            if via:  # a path through a holding or a KvK officer: say through whom
                text = f", via {', '.join(via)}" + ("" if via[-1].endswith(".") else ".")
                spec = RULES[rule]
                explanation = (spec.description_en.rstrip(".") + text,
                               spec.description_nl.rstrip(".") + text)
                details = {**details, "via": via}
            out.append(make_finding(
                self, rule, subject=eid, counterparty=cp, path=best, other_paths=others,
                records=records, decisions=[decision], roles=self.decisions.roles_of(did, eid),
                fuzzy=fuzzy, extra=extra, explanation=explanation, details=details))
        return out

    def _check(self, c: LinkCandidate) -> tuple[Decision, PathHit, tuple[str, Link] | None] | None:
        d = self.decisions.get(c.decision_id)
        if d is None or c.subject_id not in d.roles.values():
            return None
        g = self.g
        sk = node_key("employee", c.subject_id)
        if sk not in g:
            return None
        ids = list(c.link_ids)
        anchor: tuple[str, Link] | None = None
        if d.table == "allocations":
            if not ids or ids[-1] not in self.anchor_index:
                return None
            a_node, applicant, a_link = self.anchor_index[ids.pop()]
            if applicant != d.counterparty:
                return None
            anchor = (applicant, a_link)
        if len(ids) + (1 if anchor else 0) > self.policy.paths.max_links or (not ids and not anchor):
            return None
        lo, hi = g.nodes[sk]["lo"], g.nodes[sk]["hi"]
        nodes, edges, links = [sk], [], []
        passed = False  # the path passed an organization: from there on only officer links
        for lid in ids:
            edge = self._link(lid)
            if edge is None:
                return None
            a, b, _, link = edge
            here = nodes[-1]
            if here not in (a, b):
                return None
            if len(nodes) > 1:
                ok, passed = step(g.nodes[here], link, passed)
                if not ok:
                    return None
            nxt = b if here == a else a
            if nxt in nodes:
                return None
            nodes.append(nxt)
            edges.append((here, nxt, lid))
            links.append(link)
            lo, hi = max(lo, link.lo), min(hi, link.hi)
        if anchor is not None:
            if nodes[-1] != a_node:
                return None
            lo, hi = max(lo, anchor[1].lo), min(hi, anchor[1].hi)
        elif nodes[-1] != d.counterparty:
            return None
        if not (lo <= d.day <= hi):
            return None
        return d, PathHit(sk, nodes[-1], tuple(nodes), tuple(edges), tuple(links), lo, hi), anchor

    # paths ----------------------------------------------------------------------------
    def _node(self, key: str) -> dict[str, str]:
        if key.startswith("applicant:"):
            did = key.split(":", 1)[1]
            return {"key": key, "kind": "applicant", "label": self.decisions[did].counterparty_name}
        if key.startswith("decision:"):
            return {"key": key, "kind": "decision", "label": key.split(":", 1)[1]}
        n = self.g.nodes[key]
        return {"key": key, "kind": n["kind"], "label": n.get("label", key)}

    def _step(self, a: str, b: str, link: Link, key: Any = None) -> Step:
        # one Step per graph link and direction, shared by every finding it is behind: a
        # dense run writes (and holds) each once (findings.json cites it by index)
        if isinstance(key, str):
            memo = self.__dict__.setdefault("_step_memo", {})
            hit = memo.get((a, b, key))
            if hit is None:
                hit = memo[(a, b, key)] = self._new_step(a, b, link, key)
            return hit
        return self._new_step(a, b, link, key)

    def _new_step(self, a: str, b: str, link: Link, key: Any = None) -> Step:
        return Step(link_id=key if isinstance(key, str) else None,
            source=a, target=b, kind=link.kind, label=link.label,
            valid_from=ordinal_to_iso(link.lo), valid_until=ordinal_to_iso(link.hi),
            declared=link.declared, evidence=list(link.evidence),
            match=None if link.match is None else link.match.as_dict(),
            label_code=link.code, label_params=dict(link.params),
        )

    def _decision_step(self, d: Decision, source: str) -> Step:
        date = ordinal_to_iso(d.day) or ""
        money = f", {format_eur(d.amount)}" if d.amount is not None and d.table == "contracts" else ""
        return Step(source=source, target=f"decision:{d.decision_id}", kind="decision",
                    label=f"{d.kind} {date}{money}", valid_from=date, valid_until=date,
                    declared=True, evidence=[self.ds.cite(d.table, d.line)], label_code="decision",
                    label_params={"decision_kind": d.kind, "date": date,
                                  "amount_eur": d.amount if money else None})

    def _path(self, h: PathHit, d: Decision, extra: tuple[str, Link] | None = None
              ) -> EvidencePath:
        nodes = [self._node(n) for n in h.nodes]
        steps = [self._step(a, b, lk, key) for (a, b, key), lk in zip(h.edges, h.links)]
        if extra is not None:
            cp = d.counterparty
            nodes.append(self._node(cp))
            steps.append(self._step(h.nodes[-1], cp, extra[1]))
        nodes.append(self._node(f"decision:{d.decision_id}"))
        steps.append(self._decision_step(d, nodes[-2]["key"]))
        return EvidencePath(nodes, steps)

    def _hitframe_rows(self, h: PathHit) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for lk in h.links:
            out.extend(lk.records)
        return out

    # shared by the rules --------------------------------------------------------------
    def subject_of(self, eid: str) -> tuple[str, str]:
        n = self.g.nodes.get(node_key("employee", eid), {})
        return n.get("label", eid), n.get("department") or ""

    def gift_rows(self) -> list[dict[str, Any]]:
        """Gift rows with the giver resolved to an org_id where possible (``_org``)."""
        if not hasattr(self, "_gifts"):
            self._gifts = resolved_gift_rows(self.ds, self.policy)
        return self._gifts

    def _gift_step(self, r: dict[str, Any], source: str, target: str) -> Step:
        day = ordinal_to_iso(ordinal(r.get("date"), 0)) or ""
        val = r.get("value_eur")
        money = "" if val is None or (isinstance(val, float) and math.isnan(val)) else f", {format_eur(float(val))}"
        how = r.get("_org_match")
        kind = text_of(r.get('kind')) or 'gift'
        return Step(source=source, target=target, kind="gift",
                    label=f"{kind} {day}{money}", valid_from=day,
                    valid_until=day, declared=True, evidence=[self.ds.cite("gifts", r["_line"])],
                    match=None if how is None else {"reason": how.reason, "detail": how.detail,
                                                    "score": round(how.score, 3),
                                                    "fuzzy": how.fuzzy},
                    label_code="gift", label_params={"gift_kind": kind, "date": day,
                                                     "value_eur": float(val) if money else None})

    def org_or_named(self, oid: str | None, name: str | None, placeholder: str
                      ) -> tuple[dict[str, str], str]:
        """The organization's node and counterparty key; or, for one named only on a register
        row and not in the vendor master, a node with that name and no counterparty."""
        ok = node_key("organization", oid) if oid else ""
        if ok and ok in self.g:
            return self._node(ok), ok
        return {"key": placeholder, "kind": "organization", "label": name or "?"}, ""


def via_of(path: EvidencePath) -> list[str]:
    """Whom a path runs through in the KvK register on its way to the counterparty: every
    node from the first organization inside it on (a holding, a shared director), by name,
    in path order."""
    nodes = [n for n in path.nodes if not n["key"].startswith("decision:")][1:-1]
    first = next((i for i, n in enumerate(nodes) if n["kind"] == "organization"), len(nodes))
    return [n["label"] for n in nodes[first:]]


def _fuzzy(links: Iterable[Link]) -> bool:
    return any(lk.match is not None and lk.match.fuzzy for lk in links)


def finalize_findings(findings: Iterable[Finding], policy: Policy) -> list[Finding]:
    """The last step of every engine (embedded or Neo4j): drop findings of disabled rules,
    keep one finding per id (one person declared twice by one employee gives the same
    finding twice) and sort by id, so both engines' outputs compare line by line."""
    unique: dict[str, Finding] = {}
    for f in findings:
        if policy.rule(f.rule).enabled:
            unique.setdefault(f.finding_id, f)
    return sorted(unique.values(), key=lambda f: f.finding_id)


__all__ += ["finalize_findings", "resolved_gift_rows", "gift_givers_not_found"]


def resolved_gift_rows(ds: Dataset, policy: Policy) -> list[dict[str, Any]]:
    """The gift rows with their giver resolved to an org_id where one fits (``_org``, and
    ``_org_match`` saying how when it was matched by name): the detection's view of the
    gifts, also what ``coi validate`` checks without building the graph."""
    resolved = resolve_gift_orgs(ds, policy)
    rows = []
    for r in frame_rows(ds.frame("gifts")):
        gid = text_of(r["gift_id"])
        oid = text_of(r.get("org_id"))
        how = None
        if not oid and gid and f"gifts:{gid}" in resolved:
            oid, how = resolved[f"gifts:{gid}"]
        rows.append(dict(r, _org=oid, _org_match=how))
    return rows


def gift_givers_not_found(rows: list[dict[str, Any]]) -> dict[str, list[tuple[int, str, str]]]:
    """Of resolved gift rows (:func:`resolved_gift_rows`), those naming their giver in free
    text only (``org_name``, ``kvk_number``) that no organization fits: ``{"gifts": [(line,
    column, value), ...]}`` (see ``DetectionContext._organizations_not_found``)."""
    out: dict[str, list[tuple[int, str, str]]] = {}
    for r in rows:
        if not text_of(r.get("gift_id")) or text_of(r.get("org_id")) or r.get("_org"):
            continue
        name, kvk = text_of(r.get("org_name")), text_of(r.get("kvk_number"))
        if name or kvk:
            column = "org_name" if name else "kvk_number"
            out.setdefault("gifts", []).append((int(r["_line"]), column, name or kvk))
    return out
