"""Detection: decisions as a table, joined against what each handler and approver can reach.

1. Every decision gives one row per subject (handler, approver; see ``policy.subject_roles``).
2. For each distinct subject, :func:`coi_graph.reach.reach` lists every valid path of at most
   ``max_links`` links once.
3. Contracts join those paths on (subject, counterparty organization); allocations join them
   on (subject, anchor), where an anchor is what the applicant attaches to: a person the
   applicant was matched to (name + birth date / address), or an identifier the applicant
   shares.  The decision date must fall inside the path's validity.
4. Each joined path gets a rule (see :func:`classify`); per decision, subject and counterparty
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

from .decisions import TABLES, Decision, DecisionTable, member
from .findings import EvidencePath, Finding, Step, evidence_hash, finding_id, format_eur
from .graph import (
    LinkGraph,
    declaration_label,
    frame_rows,
    resolve_gift_orgs,
)
from .links import NEG, POS, Link, flag_of, number_of, ordinal, ordinal_to_iso, text_of
from .policy import Policy
from .reach import PathHit, step
from .reach_table import EdgeTable, reach_all
from .schema import LINK_RULE_PRECEDENCE, RULES, node_key

__all__ = ["Detection", "detect", "classify", "Decision", "LinkCandidate", "DetectionContext"]

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


# -- rules on paths --------------------------------------------------------------------


def classify(links: Iterable[Link], counterparty_kind: str) -> str:
    """The rule a valid path from a subject to a counterparty falls under.

    >>> classify([Link("declaration", "aandeelhouder")], "organization")
    'self_interest'
    >>> classify([Link("family", "child"), Link("officer", "bestuurder")], "organization")
    'relative_interest'
    >>> classify([Link("identifier", "IBAN"), Link("identifier", "IBAN")], "organization")
    'shared_identifier'
    >>> classify([Link("family", "child"), Link("same_person", "same name + birth date")], "applicant")
    'allocation_to_relative'
    """
    kinds = [lk.kind for lk in links]
    if "identifier" in kinds:
        return "shared_identifier"
    family = "family" in kinds
    if counterparty_kind == "applicant":
        return "allocation_to_relative" if family else "allocation_to_self"
    return "relative_interest" if family else "self_interest"


# -- the scan --------------------------------------------------------------------------


def detect(ds: Dataset, lg: LinkGraph, policy: Policy, progress: Progress | None = None
           ) -> Detection:
    """All findings of one dataset under one policy, sorted by finding id."""
    say = progress or (lambda msg: None)
    ctx = DetectionContext(ds, lg, policy)
    say(f"decisions: {len(ctx.decisions):,}")
    findings: list[Finding] = []
    candidates = ctx.networkx_link_candidates(say)
    say(f"candidate paths: {len(candidates):,}")
    findings += ctx.assemble_link_findings(candidates)
    findings += ctx.gift_before_decision()
    findings += ctx.undeclared_interest()
    findings += ctx.unapproved_side_function()
    findings += ctx.gift_rule_breach()
    findings = finalize_findings(findings, policy)
    ctx.stats["findings"] = len(findings)
    return Detection(findings, ctx.stats)


class DetectionContext:
    """The state of one detection run: tables, graph, policy and what is derived from them."""

    def __init__(self, ds: Dataset, lg: LinkGraph, policy: Policy) -> None:
        self.ds, self.lg, self.g, self.policy = ds, lg, lg.g, policy
        self.stats: dict[str, Any] = {}
        self.decisions = DecisionTable(ds, self.g, policy.subject_roles, lg.digests)
        self.anchor_index: dict[str, tuple[str, str, Link]] = lg.anchor_index
        self.stats["applicant_matches"] = sum(1 for _, _, lk in lg.anchor_index.values()
                                              if lk.kind == "same_person")
        emp = self.decisions.employees
        self.emp_lo = np.array([self.g.nodes[node_key("employee", e)]["lo"] for e in emp],
                               dtype=np.int64)
        self.emp_hi = np.array([self.g.nodes[node_key("employee", e)]["hi"] for e in emp],
                               dtype=np.int64)
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
        them as arrays (:func:`coi_graph.reach_table.reach_all`), semi-joined with the
        decision pairs on (person, counterparty) through int64 keys; only the few pairs that
        meet a path become candidates."""
        k = self.policy.paths.max_links
        d, et = self.decisions, self.edge_table
        subjects = np.unique(d.p_emp)
        say(f"reach of {len(subjects):,} handlers and approvers (<= {k} links)")
        codes = np.array([et.code.get(node_key("employee", e), -1)
                          for e in d.employees[subjects]], dtype=np.int64)
        present = codes >= 0
        subjects, codes = subjects[present], codes[present]
        paths = reach_all(et, codes, self.emp_lo[subjects], self.emp_hi[subjects], k)
        # node code -> employee / organization position, for the join keys
        node_emp = np.full(len(et.nodes), -1, dtype=np.int64)
        node_emp[codes] = subjects
        org_codes = np.array([et.code.get(node_key("organization", o), -1) for o in d.orgs],
                             dtype=np.int64)
        node_org = np.full(len(et.nodes), -1, dtype=np.int64)
        node_org[org_codes[org_codes >= 0]] = np.flatnonzero(org_codes >= 0)
        n_org = max(len(d.orgs), 1)
        out: list[LinkCandidate] = []
        # contracts: (person, organization) pairs that some path joins
        p_start, p_end = node_emp[paths.start], node_org[paths.end]
        at_org = p_end >= 0
        path_keys = p_start[at_org] * n_org + p_end[at_org]
        is_contract = (d.p_table == 0) & (d.p_cp >= 0)
        pair_keys = np.where(is_contract, d.p_emp.astype(np.int64) * n_org + d.p_cp, -1)
        hit = np.flatnonzero(is_contract & member(pair_keys, path_keys))
        by_key: dict[int, list[int]] = defaultdict(list)
        for i in np.flatnonzero(at_org)[member(path_keys, pair_keys[hit])]:
            by_key[int(p_start[i] * n_org + p_end[i])].append(int(i))
        for j in hit:
            day = int(d.p_day[j])
            for i in by_key[int(pair_keys[j])]:
                if paths.lo[i] <= day <= paths.hi[i]:
                    out.append(self._candidate(0, int(j), paths, i))
        # allocations: through what each applicant attaches to (few anchors)
        anchors_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
        rows = d.frames["allocations"]["decision_id"].to_numpy(dtype=object)
        row_of = {did: r for r, did in enumerate(rows)} if self.anchor_index else {}
        for aid, (anchor, applicant, _) in sorted(self.anchor_index.items()):
            r = row_of.get(applicant.split(":", 1)[1])
            if r is not None and anchor in et.code:
                anchors_of[r].append((et.code[anchor], aid))
        if anchors_of:
            alloc = np.flatnonzero((d.p_table == 1) & member(d.p_row, list(anchors_of)))
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

    @cached_property
    def edge_table(self) -> EdgeTable:
        return self.lg.edge_table if self.lg.edge_table is not None else EdgeTable.from_graph(self.g)

    @cached_property
    def link_index(self) -> dict[str, tuple[str, str, Link]]:
        """link id -> (one end, other end, link)."""
        return {str(key): (a, b, link) for a, b, key, link in self.edge_table.edges}

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
        on only over KvK officer links and never from a hub (:func:`coi_graph.reach.step`),
        every link
        valid on the decision date while the subject was employed), so engines cannot differ
        in what counts; then per decision, subject and counterparty the most specific rule
        wins and the other paths become its supporting evidence.
        """
        joined: dict[tuple[str, str, str], list[tuple[str, EvidencePath, list[tuple[str, str]], bool]]] = defaultdict(list)
        seen: set[LinkCandidate] = set()
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
        for (did, eid, _cp), cands in sorted(joined.items()):
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
            f = self._decision_finding(rule, self.decisions[did], eid,
                                       self.decisions.roles_of(did, eid), best, others,
                                       records, fuzzy)
            via = via_of(best)
            if via:  # a path through a holding or a KvK officer: say through whom
                f.details["via"] = via
                text = f", via {', '.join(via)}" + ("" if via[-1].endswith(".") else ".")
                f.explanation = f.explanation.rstrip(".") + text
                f.explanation_nl = f.explanation_nl.rstrip(".") + text
            out.append(f)
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
            if lid not in self.link_index:
                return None
            a, b, link = self.link_index[lid]
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
        return Step(link_id=key if isinstance(key, str) else None,
            source=a, target=b, kind=link.kind, label=link.label,
            valid_from=ordinal_to_iso(link.lo), valid_until=ordinal_to_iso(link.hi),
            declared=link.declared, evidence=list(link.evidence),
            match=None if link.match is None else link.match.as_dict(),
        )

    def _decision_step(self, d: Decision, source: str) -> Step:
        date = ordinal_to_iso(d.day) or ""
        money = f", {format_eur(d.amount)}" if d.amount is not None and d.table == "contracts" else ""
        return Step(source=source, target=f"decision:{d.decision_id}", kind="decision",
                    label=f"{d.kind} {date}{money}", valid_from=date, valid_until=date,
                    declared=True, evidence=[f"{d.table}:{d.line}"])

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

    # finding construction -------------------------------------------------------------
    def _subject(self, eid: str) -> tuple[str, str]:
        n = self.g.nodes.get(node_key("employee", eid), {})
        return n.get("label", eid), n.get("department") or ""

    def _score(self, rule: str, path: EvidencePath, fuzzy: bool, amount: float | None = None,
               extra: list[tuple[str, str, int]] | None = None
               ) -> tuple[int, str, list[dict[str, Any]]]:
        """The score, its severity and how it was made up (each part in English and Dutch)."""
        sc = self.policy.scoring
        parts: list[tuple[str, str, int]] = [
            (f"base score of {rule}", f"basisscore: {RULES[rule].title_nl}",
             self.policy.rule(rule).base_score)]
        link_steps = [s for s in path.steps if s.kind not in ("decision", "gift")]
        if any(not s.declared for s in link_steps):
            parts.append(("a link was not declared in the register",
                          "een verbinding staat niet in het register", sc.undeclared_bonus))
        if len(link_steps) > 1:
            n = len(link_steps)
            parts.append((f"{n} links between subject and counterparty",
                          f"{n} verbindingen tussen medewerker en wederpartij",
                          sc.per_extra_link * (n - 1)))
        if fuzzy:
            parts.append(("a record was matched on initials or a spelling variant",
                          "een persoon is herkend op initialen of een spellingsvariant",
                          sc.fuzzy_match_penalty))
        if any(s.match and s.match.get("band") == "possible" for s in path.steps):
            parts.append(("possible same person: a record only possibly matched (see why)",
                          "mogelijk dezelfde persoon: een persoon is alleen mogelijk herkend "
                          "(zie waarom)", self.policy.matching.possible_match_penalty))
        if amount is not None and amount >= sc.large_amount_eur:
            parts.append((f"amount of at least {format_eur(sc.large_amount_eur)}",
                          f"bedrag van ten minste {format_eur(sc.large_amount_eur)}",
                          sc.large_amount_bonus))
        parts += extra or []
        score = max(0, min(100, sum(p for _, _, p in parts)))
        return score, sc.severity(score), [{"reason": en, "reason_nl": nl, "points": p}
                                           for en, nl, p in parts if p]

    def _decision_finding(self, rule: str, d: Decision, eid: str, roles: str,
                          best: EvidencePath, others: list[EvidencePath],
                          records: list[tuple[str, str]], fuzzy: bool) -> Finding:
        score, sev, parts = self._score(rule, best, fuzzy, d.amount if d.table == "contracts" else None)
        name, dept = self._subject(eid)
        records = records + [(f"{d.table}:{d.decision_id}", d.digest)]
        cp = d.counterparty
        return Finding(
            finding_id=finding_id(rule, d.decision_id, "", eid, cp),
            rule=rule, severity=sev, score=score, decision_id=d.decision_id, record="",
            subject_id=eid, counterparty=cp, path=best, subject_role=roles,
            subject_name=name, subject_department=dept, counterparty_name=d.counterparty_name,
            decision_kind=d.kind, decision_date=ordinal_to_iso(d.day) or "",
            amount_eur=d.amount, articles=list(self.policy.rule(rule).articles),
            evidence_hash=evidence_hash(records), score_parts=parts, other_paths=others,
            explanation=RULES[rule].description,
            explanation_nl=RULES[rule].description_nl, details={"decision_roles": dict(d.roles)},
        )

    # gift before decision -------------------------------------------------------------
    def gift_rows(self) -> list[dict[str, Any]]:
        """Gift rows with the giver resolved to an org_id where possible (``_org``)."""
        if not hasattr(self, "_gifts"):
            resolved = resolve_gift_orgs(self.ds, self.policy)
            rows = []
            for r in frame_rows(self.ds.frame("gifts")):
                gid = text_of(r["gift_id"])
                oid = text_of(r.get("org_id"))
                how = None
                if not oid and gid and f"gifts:{gid}" in resolved:
                    oid, how = resolved[f"gifts:{gid}"]
                rows.append(dict(r, _org=oid, _org_match=how))
            self._gifts = rows
        return self._gifts

    def _gift_step(self, r: dict[str, Any], source: str, target: str) -> Step:
        day = ordinal_to_iso(ordinal(r.get("date"), 0)) or ""
        val = r.get("value_eur")
        money = "" if val is None or (isinstance(val, float) and math.isnan(val)) else f", {format_eur(float(val))}"
        how = r.get("_org_match")
        return Step(source=source, target=target, kind="gift",
                    label=f"{text_of(r.get('kind')) or 'gift'} {day}{money}", valid_from=day,
                    valid_until=day, declared=True, evidence=[f"gifts:{int(r['_line'])}"],
                    match=None if how is None else {"reason": how.reason, "detail": how.detail,
                                                    "score": round(how.score, 3),
                                                    "fuzzy": how.fuzzy})

    def gift_before_decision(self, only: set[tuple[str, str]] | None = None) -> list[Finding]:
        """``only``: the (decision_id, employee_id) pairs another engine selected."""
        window = self.policy.gifts.window_days
        by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in self.gift_rows():
            eid, oid = text_of(r.get("employee_id")), r["_org"]
            if eid and oid:
                by_pair[(eid, node_key("organization", oid))].append(r)
        if not by_pair:
            return []
        out = []
        dt_ = self.decisions
        emp_pos = {e: i for i, e in enumerate(dt_.employees)}
        org_pos = {f"organization:{o}": i for i, o in enumerate(dt_.orgs)}
        n_org = max(len(dt_.orgs), 1)
        wanted = {emp_pos[e] * n_org + org_pos[o] for e, o in by_pair
                  if e in emp_pos and o in org_pos}
        keys = np.where((dt_.p_table == 0) & (dt_.p_cp >= 0),
                        dt_.p_emp.astype(np.int64) * n_org + dt_.p_cp, -1)
        selected = []
        for j in np.flatnonzero(member(keys, list(wanted))):
            row = int(dt_.p_row[j])
            did = dt_.decision_id("contracts", row)
            dt_.remember(did, "contracts", row)
            selected.append((did, str(dt_.employees[int(dt_.p_emp[j])])))
        for did, eid in sorted(selected):
            if only is not None and (did, eid) not in only:
                continue
            d = self.decisions[did]
            roles = self.decisions.roles_of(did, eid)
            gifts = by_pair.get((eid, d.counterparty))
            if not gifts:
                continue
            hits = [r for r in gifts if 0 <= d.day - ordinal(r.get("date"), 0) <= window]
            if not hits:
                continue
            hits.sort(key=lambda r: (ordinal(r.get("date"), 0), text_of(r["gift_id"]) or ""))
            sk, ok = node_key("employee", eid), d.counterparty
            paths = []
            for r in reversed(hits):  # the gift closest to the decision first
                nodes = [self._node(sk), self._node(ok), self._node(f"decision:{did}")]
                steps = [self._gift_step(r, sk, ok), self._decision_step(d, ok)]
                paths.append(EvidencePath(nodes, steps))
            records = [(f"gifts:{text_of(r['gift_id'])}", self.lg.digests("gifts", r)) for r in hits]
            records.append((f"{d.table}:{did}", d.digest))
            total = sum(float(r["value_eur"]) for r in hits
                        if r.get("value_eur") is not None and not pd.isna(r.get("value_eur")))
            score, sev, parts = self._score(
                "gift_before_decision", paths[0], False, d.amount,
                extra=[("gift value above the policy limit",
                        "waarde van de geschenken boven de grens", 10)]
                if total > self.policy.gifts.value_limit_eur else None)
            name, dept = self._subject(eid)
            out.append(Finding(
                finding_id=finding_id("gift_before_decision", did, "", eid, ok),
                rule="gift_before_decision", severity=sev, score=score, decision_id=did,
                record="", subject_id=eid, counterparty=ok, path=paths[0], subject_role=roles,
                subject_name=name, subject_department=dept,
                counterparty_name=d.counterparty_name, decision_kind=d.kind,
                decision_date=ordinal_to_iso(d.day) or "", amount_eur=d.amount,
                articles=list(self.policy.rule("gift_before_decision").articles),
                evidence_hash=evidence_hash(records), score_parts=parts, other_paths=paths[1:],
                explanation=RULES["gift_before_decision"].description,
                explanation_nl=RULES["gift_before_decision"].description_nl,
                details={"gifts_in_window": len(hits), "gift_value_eur": total,
                         "window_days": window, "decision_roles": dict(d.roles)}))
        return out

    # register rules -------------------------------------------------------------------
    def undeclared_interest(self, only: set[str] | None = None) -> list[Finding]:
        """KvK officer roles of employees and family members without an approved declaration
        that covers them (same person, same organization, overlapping validity).
        ``only``: the officer link ids another engine selected."""
        g = self.g
        approved: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for r in frame_rows(self.ds.frame("declarations")):
            if (text_of(r.get("status")) or "pending") != "approved":
                continue
            oid = text_of(r.get("org_id"))
            did = text_of(r.get("declaration_id"))
            if not oid and did and f"declarations:{did}" in self.lg.org_matches:
                oid = self.lg.org_matches[f"declarations:{did}"][0]
            if not oid:
                continue
            rel = text_of(r.get("relative_id"))
            holder = node_key("relative", rel) if rel else node_key("employee", text_of(r.get("employee_id")) or "")
            approved[(holder, node_key("organization", oid))].append(
                (ordinal(r.get("valid_from"), NEG), ordinal(r.get("valid_until"), POS)))
        # the same person may be on several records (an employee who is also a relative)
        aliases: dict[str, set[str]] = defaultdict(set)
        for a, b, _key, link in self.edge_table.edges:
            if link.kind == "same_person":
                aliases[a].add(b)
                aliases[b].add(a)
        out = []
        for a, b, key, link in self.edge_table.edges:  # sorted by (a, b, key)
            if link.kind != "officer" or (only is not None and key not in only):
                continue
            person, org = (a, b) if g.nodes[b]["kind"] == "organization" else (b, a)
            covered = False
            for who in {person} | aliases[person]:
                for lo, hi in approved.get((who, org), ()):
                    if lo <= link.hi and link.lo <= hi:
                        covered = True
            if covered:
                continue
            for eid, path_prefix, lo, hi in self._owners(person):
                if max(lo, link.lo) > min(hi, link.hi):
                    continue  # relation and role never held at the same time
                nodes = [self._node(n) for n in path_prefix[0]] + [self._node(org)]
                steps = path_prefix[1] + [self._step(person, org, link, key)]
                path = EvidencePath(nodes, steps)
                line = link.evidence[0].split(":")[1]
                record_key = link.records[0][0]
                records = list(link.records) + [r for s in path_prefix[2] for r in s]
                score, sev, parts = self._score("undeclared_interest", path,
                                                bool(link.match and link.match.fuzzy))
                name, dept = self._subject(eid)
                out.append(Finding(
                    finding_id=finding_id("undeclared_interest", "", record_key, eid, org),
                    rule="undeclared_interest", severity=sev, score=score, decision_id="",
                    record=f"officers:{line}", subject_id=eid, counterparty=org, path=path,
                    subject_name=name, subject_department=dept,
                    counterparty_name=g.nodes[org]["label"],
                    articles=list(self.policy.rule("undeclared_interest").articles),
                    evidence_hash=evidence_hash(records), score_parts=parts,
                    explanation=RULES["undeclared_interest"].description,
                    explanation_nl=RULES["undeclared_interest"].description_nl))
        return out

    def _owners(self, person: str) -> list[tuple[str, tuple[list[str], list[Step], list[Any]], int, int]]:
        """The employees whose position a person's interest touches: the employee themself,
        or the employees who declared this person as family (per policy)."""
        g = self.g
        kind = g.nodes[person]["kind"]
        out: list[tuple[str, tuple[list[str], list[Step], list[Any]], int, int]] = []
        if kind == "employee":
            out.append((g.nodes[person]["ident"], ([person], [], []), NEG, POS))
        for nbr in sorted(g.adj[person]):
            for key, data in sorted(g.adj[person][nbr].items(), key=lambda kv: str(kv[0])):
                lk: Link = data["link"]
                if g.nodes[nbr]["kind"] != "employee":
                    continue
                if lk.kind == "family" or (lk.kind == "same_person" and kind != "employee"):
                    out.append((g.nodes[nbr]["ident"],
                                ([nbr, person], [self._step(nbr, person, lk, key)], [lk.records]),
                                lk.lo, lk.hi))
        seen, uniq = set(), []
        for o in out:
            if o[0] not in seen:
                seen.add(o[0])
                uniq.append(o)
        return uniq

    def unapproved_side_function(self, only: set[str] | None = None) -> list[Finding]:
        """Side functions and own businesses active in the period without permission.
        ``only``: the declaration ids another engine selected."""
        kinds = set(self.policy.declarations.permission_kinds)
        inactive = set(self.policy.declarations.inactive_statuses)
        out = []
        for r in frame_rows(self.ds.frame("declarations")):
            did, eid = text_of(r["declaration_id"]), text_of(r.get("employee_id"))
            status = text_of(r.get("status")) or "pending"
            if not did or not eid or text_of(r.get("relative_id")):
                continue
            if only is not None and did not in only:
                continue
            if (text_of(r.get("kind")) or "") not in kinds or status == "approved" or status in inactive:
                continue
            lo, hi = ordinal(r.get("valid_from"), NEG), ordinal(r.get("valid_until"), POS)
            if lo > self.as_of or hi < self.period_start:
                continue  # not active during the period scanned
            oid = text_of(r.get("org_id"))
            om = self.lg.org_matches.get(f"declarations:{did}")
            if not oid and om:
                oid = om[0]
            sk = node_key("employee", eid)
            target, cp = self._org_or_named(
                oid, text_of(r.get("org_name")) or text_of(r.get("kvk_number")),
                f"declared_organization:{did}")
            kind = text_of(r.get("kind")) or ""
            step = Step(sk, target["key"], "declaration",
                        declaration_label(kind, text_of(r.get("position")), status),
                        ordinal_to_iso(lo), ordinal_to_iso(hi), True,
                        [f"declarations:{int(r['_line'])}"])
            path = EvidencePath([self._node(sk), target], [step])
            extra = [("permission was refused but the activity continues",
                      "toestemming geweigerd, maar de activiteit loopt door", 20)
                     ] if status == "rejected" else None
            out.append(self._register_finding(
                "unapproved_side_function", "declarations", did, r, eid, cp, target["label"],
                path, extra, details={"status": status}))
        return out

    def _org_or_named(self, oid: str | None, name: str | None, placeholder: str
                      ) -> tuple[dict[str, str], str]:
        """The organization's node and counterparty key; or, for one named only on a register
        row and not in the vendor master, a node with that name and no counterparty."""
        ok = node_key("organization", oid) if oid else ""
        if ok and ok in self.g:
            return self._node(ok), ok
        return {"key": placeholder, "kind": "organization", "label": name or "?"}, ""

    def _register_finding(self, rule: str, table: str, ident: str, row: dict[str, Any],
                          eid: str, cp: str, cp_name: str, path: EvidencePath,
                          extra: list[tuple[str, str, int]] | None,
                          explanation: tuple[str, str] | None = None,
                          details: dict[str, Any] | None = None) -> Finding:
        """A finding about one register row (a declaration, a gift): no decision involved."""
        score, sev, parts = self._score(rule, path, False, extra=extra)
        name, dept = self._subject(eid)
        en, nl = explanation or (RULES[rule].description, RULES[rule].description_nl)
        record = f"{table}:{ident}"
        return Finding(
            finding_id=finding_id(rule, "", record, eid, cp), rule=rule, severity=sev,
            score=score, decision_id="", record=record, subject_id=eid, counterparty=cp,
            path=path, subject_name=name, subject_department=dept, counterparty_name=cp_name,
            articles=list(self.policy.rule(rule).articles),
            evidence_hash=evidence_hash([(record, self.lg.digests(table, row))]),
            score_parts=parts, explanation=en, explanation_nl=nl, details=details or {})

    def gift_rule_breach(self, only: set[str] | None = None) -> list[Finding]:
        """Money accepted, gifts above the limit not handed in, invitations not reported.
        ``only``: the gift ids another engine selected."""
        gp = self.policy.gifts
        out = []
        for r in self.gift_rows():
            gid, eid = text_of(r["gift_id"]), text_of(r.get("employee_id"))
            if not gid or not eid or (only is not None and gid not in only):
                continue
            kind = text_of(r.get("kind")) or "gift"
            value = number_of(r.get("value_eur"))
            handed_in, reported = flag_of(r.get("handed_in")), flag_of(r.get("reported"))
            reasons: list[tuple[str, str, int]] = []
            limit = format_eur(gp.value_limit_eur)
            if kind == "money" and handed_in is not True:
                reasons.append(("money was accepted", "geld aangenomen", 30))
            if (kind != "money" and value is not None and value > gp.value_limit_eur
                    and handed_in is not True and kind not in gp.invitation_kinds):
                reasons.append((f"gift above {limit} not handed in",
                                f"geschenk boven {limit} niet ingeleverd", 10))
            if kind in gp.invitation_kinds and reported is False:
                reasons.append(("invitation not reported to the manager",
                                "uitnodiging niet gemeld bij de leidinggevende", 0))
            if not reasons:
                continue
            sk = node_key("employee", eid)
            giver, cp = self._org_or_named(r["_org"], text_of(r.get("org_name")), f"giver:{gid}")
            path = EvidencePath([giver, self._node(sk)], [self._gift_step(r, giver["key"], sk)])
            out.append(self._register_finding(
                "gift_rule_breach", "gifts", gid, r, eid, cp, giver["label"], path, reasons,
                explanation=("; ".join(en for en, _, _ in reasons),
                             "; ".join(nl for _, nl, _ in reasons)),
                details={"value_eur": value}))
        return out


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


__all__ += ["finalize_findings"]
