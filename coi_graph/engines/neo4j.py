"""Neo4j: the same graph and the same scan on a shared graph database.

Compliance teams want to look at the graph themselves (Neo4j Browser, Bloom) and share it
between analysts; auditors want the rules as readable queries.  So this module

* writes the graph of one scan into Neo4j (:func:`load`): exactly the nodes and links of the
  embedded engine's :class:`~coi_graph.graph.build.LinkGraph` (same ``link_id`` on every
  relationship that mirrors a link), plus the decisions, applicants, gifts and declarations
  around them;
* runs every rule as a Cypher query from ``queries/<rule>.cypher`` (:func:`scan_neo4j`).

The Cypher only *selects* (decision, subject and link ids along a path; gift, declaration or
officer-link ids); :class:`~coi_graph.rules.detect.DetectionContext` checks each selection again
and builds the findings, so both engines give the same finding ids, scores and paths.

Everything written to the database goes through parameters (``UNWIND $rows AS row MERGE
...``); labels and relationship types come from the fixed model below, never from data.
Loading is idempotent: the loader reads the ids and content digests the database holds,
creates what is new, rewrites what changed and removes what is no longer in the input, so
loading the same folder twice writes nothing (and no MERGE locks a busy organization).

Connection settings come from ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE`` (the CLI adds ``--uri/--user/--database`` and a password prompt).  Driver
errors become one line with an exit status: 2 for a wrong password or an unusable setting,
1 when the server cannot be reached or fails.  The password is never printed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import __version__
from ..rules.detect import DetectionContext, finalize_findings
from ..errors import CoiError, InputError
from ..findings import Finding, write_findings
from ..graph.build import LinkGraph
from ..graph.build import frame_rows as _records
from ..match.records import Judgement
from ..links import Link, flag_of, number_of, ordinal, ordinal_to_iso, text_of
from ..normalise.names import parse_name
from ..policy import Policy
from ..rules import LINK_RULE_PRECEDENCE, RULES, link_paths
from ..schema import node_key
from ..graph.networks import network_index, supplier_networks

__all__ = [
    "LINK_TYPES",
    "MODEL_VERSION",
    "NODE_LABELS",
    "NODE_SPECS",
    "REL_SPECS",
    "ROLE_TYPES",
    "GraphRows",
    "LoadSummary",
    "Neo4jAuthError",
    "Neo4jError",
    "Neo4jSettings",
    "Neo4jUnavailable",
    "NodeRow",
    "NodeSpec",
    "Prop",
    "RelRow",
    "RelSpec",
    "RuleQuery",
    "Selection",
    "assemble",
    "available_parameters",
    "connect",
    "create_nodes_statement",
    "create_rels_statement",
    "database_counts",
    "dataset_fingerprint",
    "ensure_schema",
    "graph_rows",
    "is_loaded",
    "lint_schema",
    "load",
    "load_graph",
    "loaded_fingerprint",
    "parse_query",
    "query_parameters",
    "query_text",
    "read_query",
    "rule_queries",
    "scan_neo4j",
    "schema_statements",
    "select",
    "translate_errors",
    "update_nodes_statement",
    "upsert_node_statement",
    "upsert_rel_statement",
]

Progress = Callable[[str], None]

# The driver logs failed routing and retried transactions as warnings; without a handler
# Python would print them to stderr next to our own one-line message.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

#: Bump when labels, types or properties change: a database loaded by an older model is
#: reloaded rather than trusted.
MODEL_VERSION = "3"  # 3: KvK officers as Officer nodes, organizations as officers, hubs

# -- the model -------------------------------------------------------------------------

#: Node kind (``coi_graph.schema``) -> Neo4j label.  Declarations and the dataset marker are
#: nodes here too: rules read the register through them.
NODE_LABELS: dict[str, str] = {
    "employee": "Employee",
    "relative": "Relative",
    "organization": "Organization",
    "officer": "Officer",
    "address": "Address",
    "iban": "Iban",
    "phone": "Phone",
    "email": "Email",
    "decision": "Decision",
    "applicant": "Applicant",
    "gift": "Gift",
    "declaration": "Declaration",
    "dataset": "CoiDataset",
}

#: Edge kind of the LinkGraph -> relationship type.  These are the only types a conflict
#: path may run over.
LINK_TYPES: dict[str, str] = {
    "family": "FAMILY",
    "declaration": "DECLARED",
    "officer": "OFFICER_OF",
    "same_person": "SAME_PERSON",
    "identifier": "HAS_IDENTIFIER",
}
ANCHOR_TYPE = "APPLICANT_ANCHOR"

#: Decision row column -> relationship type from the decision to the employee.
ROLE_TYPES: dict[str, str] = {
    "handled_by": "HANDLED_BY",
    "approved_by": "APPROVED_BY",
    "second_approved_by": "SECOND_APPROVED_BY",
    "requested_by": "REQUESTED_BY",
}

#: Which end of a link is its start: lower rank first (an employee declares an interest *in*
#: an organization, a person *has* an identifier); ties by node key.
_END_RANK = {"employee": 0, "relative": 1, "officer": 1, "organization": 2, "address": 3,
             "iban": 3, "phone": 3, "email": 3}


@dataclass(frozen=True)
class Prop:
    """A property and its type, named as neo4j-admin's CSV headers name them."""

    name: str
    type: str = "string"  # string, long, double, boolean, string[]


@dataclass(frozen=True)
class NodeSpec:
    label: str
    props: tuple[Prop, ...]
    doc: str = ""


@dataclass(frozen=True)
class RelSpec:
    type: str
    key: str  # the property that identifies one relationship of this type
    props: tuple[Prop, ...]
    ends: tuple[tuple[str, str], ...]
    doc: str = ""


def _props(spec: str) -> tuple[Prop, ...]:
    """``"id lo:long declared:boolean"`` -> props (a compact way to write the tables)."""
    out = []
    for word in spec.split():
        name, _, typ = word.partition(":")
        out.append(Prop(name, typ or "string"))
    return tuple(out)


_PERSON = "id key name line:long load_digest"
_IDENT = "id key name load_digest"
NODE_SPECS: dict[str, NodeSpec] = {s.label: s for s in [
    NodeSpec("Employee", _props(_PERSON + " role department lo:long hi:long employed_from "
                                "employed_until record row_digest"),
             "someone who acts for the corporation (HR)"),
    NodeSpec("Relative", _props(_PERSON + " relation employee_id record"),
             "a declared family or household member"),
    NodeSpec("Organization", _props("id key name kvk org_type extract_only:boolean hub:long "
                                    "network load_digest"),
             "a business relation (vendor master), or a holding known only from the KvK "
             "extract (extract_only); hub: more officer links than the hub cut-off, so no "
             "conflict path passes through it; network: the id of its supplier network"),
    NodeSpec("Officer", _props("id key name birth_date hub:long load_digest"),
             "a KvK officer who is no employee or relative: one node per name + birth date "
             "(per organization without a birth date)"),
    NodeSpec("Address", _props(_IDENT), "postcode + house number (+ addition) held by 2+ records"),
    NodeSpec("Iban", _props(_IDENT), "an IBAN held by 2+ records"),
    NodeSpec("Phone", _props(_IDENT), "a phone number held by 2+ records"),
    NodeSpec("Email", _props(_IDENT), "an e-mail address held by 2+ records"),
    NodeSpec("Decision", _props("id key name kind table day:long date amount:double line:long "
                                "load_digest"),
             "a contract, purchase order, invoice, tender award or housing decision"),
    NodeSpec("Applicant", _props("id key name decision_id load_digest"),
             "the applicant of one housing decision (id = the decision id)"),
    NodeSpec("Gift", _props("id key name kind day:long date value_eur:double handed_in:boolean "
                            "reported:boolean employee_id org_id org_name description line:long "
                            "load_digest"),
             "a row of the gift register"),
    NodeSpec("Declaration", _props("id key name kind status position share_pct:double "
                                   "paid:boolean lo:long hi:long valid_from valid_until "
                                   "employee_id relative_id org_id org_name kvk_number holder "
                                   "decided_by decided_on line:long load_digest"),
             "a row of the integrity register"),
    NodeSpec("CoiDataset", _props("id fingerprint model_version tool_version policy_fingerprint "
                                  "inputs load_digest"),
             "which input and policy the graph was loaded from (one node, id 'current')"),
]}

_LINK_PROPS = _props("link_id kind label lo:long hi:long valid_from valid_until declared:boolean "
                     "evidence:string[] records:string[] status match_reason match_detail "
                     "match_score:double match_fuzzy:boolean load_digest")
_PEOPLE = ("Employee", "Relative")
_IDENTS = ("Address", "Iban", "Phone", "Email")
REL_SPECS: dict[str, RelSpec] = {s.type: s for s in [
    RelSpec("FAMILY", "link_id", _LINK_PROPS, (("Employee", "Relative"),),
            "a declared relative whose relation counts as family under the policy"),
    RelSpec("DECLARED", "link_id", _LINK_PROPS,
            tuple((p, "Organization") for p in _PEOPLE),
            "an interest, side function, position, ... in the integrity register"),
    RelSpec("OFFICER_OF", "link_id", _LINK_PROPS,
            tuple((p, "Organization") for p in (*_PEOPLE, "Officer", "Organization")),
            "a KvK officer / UBO record: of an employee or relative (matched), of a KvK "
            "officer person, or of an organization (a holding) as officer of another"),
    RelSpec("SAME_PERSON", "link_id", _LINK_PROPS,
            (("Employee", "Employee"), ("Employee", "Relative"), ("Relative", "Relative")),
            "two records taken to be one person (name + birth date / address)"),
    RelSpec("HAS_IDENTIFIER", "link_id", _LINK_PROPS,
            tuple((h, i) for h in (*_PEOPLE, "Organization") for i in _IDENTS),
            "a shared address, IBAN, phone or e-mail"),
    RelSpec(ANCHOR_TYPE, "link_id", _LINK_PROPS,
            tuple((h, "Applicant") for h in (*_PEOPLE, *_IDENTS)),
            "what an applicant attaches to: a matched person or a shared identifier"),
    *[RelSpec(t, "rid", _props("rid role load_digest"), (("Decision", "Employee"),),
              f"the employee in column {role} of the decision")
      for role, t in ROLE_TYPES.items()],
    RelSpec("COUNTERPARTY", "rid", _props("rid load_digest"),
            (("Decision", "Organization"), ("Decision", "Applicant")),
            "the organization of a contract, the applicant of a housing decision"),
    RelSpec("RECEIVED", "rid", _props("rid load_digest"), (("Employee", "Gift"),),
            "the recipient of a gift"),
    RelSpec("GIVEN_BY", "rid", _props("rid match_reason match_detail match_score:double "
                                      "match_fuzzy:boolean load_digest"),
            (("Gift", "Organization"),), "the giver, when it is in the vendor master"),
    RelSpec("SUBMITTED", "rid", _props("rid load_digest"), (("Employee", "Declaration"),),
            "the employee who declared"),
    RelSpec("CONCERNS", "rid", _props("rid load_digest"), (("Declaration", "Relative"),),
            "the relative a declaration is about"),
    RelSpec("ABOUT", "rid", _props("rid match_reason match_detail match_score:double "
                                   "match_fuzzy:boolean load_digest"),
            (("Declaration", "Organization"),), "the organization a declaration names"),
]}


# -- rows: the graph as batches of plain values -------------------------------------------


@dataclass
class NodeRow:
    label: str
    id: str
    props: dict[str, Any]


@dataclass
class RelRow:
    type: str
    start_label: str
    start_id: str
    end_label: str
    end_id: str
    id: str
    props: dict[str, Any]

    def __post_init__(self) -> None:
        """The content digest covers the ends too: a relationship whose ends changed (a
        contract moved to another supplier) has another digest, so the loader can compare
        key and digest alone and replace it."""
        if "load_digest" in self.props:
            own = {k: v for k, v in self.props.items() if k != "load_digest"}
            self.props["load_digest"] = _digest({**own, "_ends": [
                self.start_label, self.start_id, self.end_label, self.end_id]})


def _digest(props: dict[str, Any]) -> str:
    blob = json.dumps(props, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _finish(props: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values (Neo4j stores no nulls; an empty list has no element type) and
    stamp the content digest that makes a reload skip unchanged rows."""
    out = {k: v for k, v in props.items() if v is not None and v != []}
    out["load_digest"] = _digest(out)
    return out


_num, _flag = number_of, flag_of


def _link_props(link_id: str, link: Link) -> dict[str, Any]:
    m = link.match
    return _finish({
        "link_id": link_id, "kind": link.kind, "label": link.label, "lo": link.lo,
        "hi": link.hi, "valid_from": ordinal_to_iso(link.lo),
        "valid_until": ordinal_to_iso(link.hi), "declared": link.declared,
        "evidence": list(link.evidence), "records": [k for k, _ in link.records],
        "status": link.status,
        "match_reason": m.reason if m else None, "match_detail": m.detail if m else None,
        "match_score": round(float(m.score), 6) if m else None,
        "match_fuzzy": m.fuzzy if m else None,
    })


def _match_props(rid: str, m: Any) -> dict[str, Any]:
    return _finish({"rid": rid, "match_reason": m.reason if m else None,
                    "match_detail": m.detail if m else None,
                    "match_score": round(float(m.score), 6) if m else None,
                    "match_fuzzy": m.fuzzy if m else None})


class GraphRows:
    """The nodes and relationships of one scan, as the loader and the bulk export write them.

    Made from the same :class:`LinkGraph` and :class:`DetectionContext` the embedded engine
    uses, so both engines see one graph.  Rows are generated lazily: for a million decisions
    the loader never holds them all at once.
    """

    def __init__(self, ctx: DetectionContext,
                 judgements: Mapping[str, Judgement] | None = None) -> None:
        """``judgements``: the reviewers' match judgements the graph was built with (they
        add, remove and re-score person links, so they are part of the fingerprint)."""
        self.ctx = ctx
        self.lg: LinkGraph = ctx.lg
        self.g = ctx.lg.g
        self.fingerprint = dataset_fingerprint(ctx.ds, ctx.policy, judgements)
        # supplier networks are written onto their members (rule linked_suppliers)
        self.networks = supplier_networks(self.lg)
        self.network_of = network_index(self.networks)

    # nodes ------------------------------------------------------------------------------
    def nodes(self) -> Iterator[NodeRow]:
        yield from self._graph_nodes()
        yield from self._decision_nodes()
        yield from self._gift_nodes()
        yield from self._declaration_nodes()
        ds = self.ctx.ds
        inputs = {name: t.sha256 for name, t in sorted(ds.tables.items())}
        yield NodeRow("CoiDataset", "current", _finish({
            "id": "current", "fingerprint": self.fingerprint, "model_version": MODEL_VERSION,
            "tool_version": __version__, "policy_fingerprint": self.ctx.policy.fingerprint(),
            "inputs": json.dumps(inputs, sort_keys=True)}))

    def _graph_nodes(self) -> Iterator[NodeRow]:
        for key in sorted(self.g.nodes):
            data = self.g.nodes[key]
            kind = data["kind"]
            props: dict[str, Any] = {"id": data["ident"], "key": key, "name": data.get("label")}
            if kind == "employee":
                props.update(role=data.get("role"), department=data.get("department"),
                             lo=data.get("lo"), hi=data.get("hi"),
                             employed_from=ordinal_to_iso(data.get("lo")),
                             employed_until=ordinal_to_iso(data.get("hi")),
                             record=data.get("record"), row_digest=data.get("digest"),
                             line=data.get("line"))
            elif kind == "relative":
                props.update(relation=data.get("relation"), employee_id=data.get("employee_id"),
                             record=data.get("record"),
                             line=data.get("line"))
            elif kind == "organization":
                props.update(kvk=data.get("kvk"), org_type=data.get("org_type"),
                             extract_only=data.get("extract_only"), hub=data.get("hub"),
                             network=self.network_of.get(key))
            elif kind == "officer":
                props.update(birth_date=data.get("birth_date"), hub=data.get("hub"))
            yield NodeRow(NODE_LABELS[kind], data["ident"], _finish(props))

    def decisions(self) -> Iterator[dict[str, Any]]:
        """Every decision of the columnar table, with the columns the graph shows.

        Read column by column from the frames (a million decisions are never turned into
        :class:`~coi_graph.graph.decisions.Decision` objects); roles are all three role columns,
        not only the policy's subject roles, so the database shows who requested a contract
        too and the queries choose with ``$subject_roles``."""
        ctx = self.ctx
        df = ctx.decisions.df
        for source in ctx.decisions.sources:  # the decision tables, described as data
            table, amount_col, default_kind = source.table, source.amount_column, source.default_kind
            f = ctx.ds.frame(table)
            sub = df[df["table"] == table]
            if not len(sub) or not len(f):
                continue
            pos = sub["pos"].to_numpy()

            def col(name: str, f: Any = f, pos: Any = pos) -> list[Any]:
                if name not in f.columns:
                    return [None] * len(pos)
                return f[name].iloc[pos].tolist()

            kinds, lines = col("kind"), col("_line")
            amounts = col(amount_col) if amount_col else [None] * len(pos)
            names = col(source.name_column) if source.name_column else [None] * len(pos)
            roles = {role: col(role) for role in ROLE_TYPES}
            for i, (did, day, cp) in enumerate(zip(sub["decision_id"], sub["day"],
                                                   sub["counterparty"])):
                yield {
                    "id": str(did), "table": table, "day": int(day), "counterparty": cp,
                    "kind": text_of(kinds[i]) or default_kind, "amount": _num(amounts[i]),
                    "line": int(lines[i]) if lines[i] is not None else None,
                    "applicant_name": text_of(names[i]),
                    "roles": {r: text_of(v[i]) for r, v in roles.items() if text_of(v[i])},
                }

    def _decision_nodes(self) -> Iterator[NodeRow]:
        for d in self.decisions():
            did = d["id"]
            yield NodeRow("Decision", did, _finish({
                "id": did, "key": node_key("decision", did), "name": did, "kind": d["kind"],
                "table": d["table"], "day": d["day"], "date": ordinal_to_iso(d["day"]) if d["day"] else None,
                "amount": d["amount"], "line": d["line"]}))
            if d["table"] == "allocations":
                name = parse_name(d["applicant_name"] or did).shown or did
                yield NodeRow("Applicant", did, _finish({
                    "id": did, "key": node_key("applicant", did), "name": name,
                    "decision_id": did}))

    def _gift_nodes(self) -> Iterator[NodeRow]:
        for r in self.ctx.gift_rows():
            gid = text_of(r.get("gift_id"))
            if not gid:
                continue
            day = ordinal(r.get("date"), 0)
            kind = text_of(r.get("kind")) or "gift"
            yield NodeRow("Gift", gid, _finish({
                "id": gid, "key": node_key("gift", gid),
                "name": f"{kind} {ordinal_to_iso(day) or ''}".strip(), "kind": kind,
                "day": day, "date": ordinal_to_iso(day), "value_eur": _num(r.get("value_eur")),
                "handed_in": _flag(r.get("handed_in")), "reported": _flag(r.get("reported")),
                "employee_id": text_of(r.get("employee_id")), "org_id": r.get("_org"),
                "org_name": text_of(r.get("org_name")),
                "description": text_of(r.get("description")), "line": int(r["_line"])}))

    def _declaration_rows(self) -> Iterator[tuple[str, dict[str, Any], str | None, Any]]:
        """(declaration id, row, resolved org id, how it was matched by name or None)."""
        for r in _records(self.ctx.ds.frame("declarations")):
            did = text_of(r.get("declaration_id"))
            if not did:
                continue
            oid = text_of(r.get("org_id"))
            how = None
            om = self.lg.org_matches.get(f"declarations:{did}")
            if not oid and om:
                oid, how = om
            yield did, r, oid, how

    def _declaration_nodes(self) -> Iterator[NodeRow]:
        for did, r, oid, _ in self._declaration_rows():
            rel = text_of(r.get("relative_id"))
            eid = text_of(r.get("employee_id"))
            lo, hi = ordinal(r.get("valid_from"), -(10**9)), ordinal(r.get("valid_until"), 10**9)
            kind = text_of(r.get("kind"))
            status = text_of(r.get("status")) or "pending"
            decided_on = ordinal(r.get("decided_on"), 0)
            yield NodeRow("Declaration", did, _finish({
                "id": did, "key": node_key("declaration", did),
                "name": f"{text_of(r.get('position')) or kind or 'declaration'} ({status})",
                "kind": kind, "status": status, "position": text_of(r.get("position")),
                "share_pct": _num(r.get("share_pct")), "paid": _flag(r.get("paid")),
                "lo": lo, "hi": hi, "valid_from": ordinal_to_iso(lo),
                "valid_until": ordinal_to_iso(hi), "employee_id": eid, "relative_id": rel,
                "org_id": oid, "org_name": text_of(r.get("org_name")),
                "kvk_number": text_of(r.get("kvk_number")),
                "holder": node_key("relative", rel) if rel else node_key("employee", eid or ""),
                "decided_by": text_of(r.get("decided_by")),
                "decided_on": ordinal_to_iso(decided_on) if decided_on else None,
                "line": int(r["_line"])}))

    # relationships ------------------------------------------------------------------------
    def rels(self) -> Iterator[RelRow]:
        for source in self.rel_sources():
            yield from source()

    def rel_sources(self) -> list[Callable[[], Iterator[RelRow]]]:
        """The relationships in groups that can each be generated again (the loader makes
        two passes over each); every type comes from exactly one group."""
        return [self.link_rels, self.anchor_rels, self._decision_rels, self._gift_rels,
                self._declaration_rels]

    def _end(self, key: str) -> tuple[str, str]:
        data = self.g.nodes[key]
        return NODE_LABELS[data["kind"]], data["ident"]

    def link_rels(self) -> Iterator[RelRow]:
        """One relationship per LinkGraph edge, keyed by the edge key (``link_id``)."""
        g = self.g
        for a, b, key, data in sorted(g.edges(keys=True, data=True), key=lambda e: str(e[2])):
            link: Link = data["link"]
            ra, rb = _END_RANK[g.nodes[a]["kind"]], _END_RANK[g.nodes[b]["kind"]]
            if data.get("officer") in (a, b):  # an organization as officer: from the holder
                a, b = (a, b) if data["officer"] == a else (b, a)
            elif (rb, b) < (ra, a):
                a, b = b, a
            (sl, si), (el, ei) = self._end(a), self._end(b)
            yield RelRow(LINK_TYPES[link.kind], sl, si, el, ei, str(key),
                         _link_props(str(key), link))

    def anchor_rels(self) -> Iterator[RelRow]:
        """What each applicant attaches to, keyed by the anchor id of ``ctx.anchor_index``."""
        for aid in sorted(self.ctx.anchor_index):
            anchor, applicant, link = self.ctx.anchor_index[aid]
            sl, si = self._end(anchor)
            yield RelRow(ANCHOR_TYPE, sl, si, "Applicant", applicant.split(":", 1)[1], aid,
                         _link_props(aid, link))

    def _decision_rels(self) -> Iterator[RelRow]:
        g = self.g
        for d in self.decisions():
            did = d["id"]
            for role, eid in d["roles"].items():
                if node_key("employee", eid) in g:
                    rid = f"{did}|{role}|{eid}"
                    yield RelRow(ROLE_TYPES[role], "Decision", did, "Employee", eid, rid,
                                 _finish({"rid": rid, "role": role}))
            if d["table"] == "allocations":
                yield RelRow("COUNTERPARTY", "Decision", did, "Applicant", did, did,
                             _finish({"rid": did}))
            elif d["counterparty"] in g:
                oid = g.nodes[d["counterparty"]]["ident"]
                yield RelRow("COUNTERPARTY", "Decision", did, "Organization", oid, did,
                             _finish({"rid": did}))

    def _gift_rels(self) -> Iterator[RelRow]:
        g = self.g
        for r in self.ctx.gift_rows():
            gid, eid, oid = text_of(r.get("gift_id")), text_of(r.get("employee_id")), r.get("_org")
            if not gid:
                continue
            if eid and node_key("employee", eid) in g:
                yield RelRow("RECEIVED", "Employee", eid, "Gift", gid, gid, _finish({"rid": gid}))
            if oid and node_key("organization", oid) in g:
                yield RelRow("GIVEN_BY", "Gift", gid, "Organization", oid, gid,
                             _match_props(gid, r.get("_org_match")))

    def _declaration_rels(self) -> Iterator[RelRow]:
        g = self.g
        for did, r, oid, how in self._declaration_rows():
            eid, rel = text_of(r.get("employee_id")), text_of(r.get("relative_id"))
            if eid and node_key("employee", eid) in g:
                yield RelRow("SUBMITTED", "Employee", eid, "Declaration", did, did,
                             _finish({"rid": did}))
            if rel and node_key("relative", rel) in g:
                yield RelRow("CONCERNS", "Declaration", did, "Relative", rel, did,
                             _finish({"rid": did}))
            if oid and node_key("organization", oid) in g:
                yield RelRow("ABOUT", "Declaration", did, "Organization", oid, did,
                             _match_props(did, how))

    # counts -------------------------------------------------------------------------------
    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Expected nodes per label and relationships per type."""
        nodes = Counter(n.label for n in self.nodes())
        rels = Counter(r.type for r in self.rels())
        return dict(sorted(nodes.items())), dict(sorted(rels.items()))


def graph_rows(ctx: DetectionContext,
               judgements: Mapping[str, Judgement] | None = None) -> GraphRows:
    return GraphRows(ctx, judgements)


def dataset_fingerprint(ds: Any, policy: Policy,
                        judgements: Mapping[str, Judgement] | None = None) -> str:
    """What the loaded graph depends on: the input files, the rows used, the policy (which
    relatives are family, which identifiers are hubs, matching thresholds), the model, and
    the match judgements in force (a rejected pair is no link, a confirmed one scores as a
    match): without them a scan after ``coi match reject`` took the database as loaded and
    ran on the old links.  No judgements: the fingerprint an earlier version gave."""
    what: dict[str, Any] = {
        "model": MODEL_VERSION, "tool": __version__, "policy": policy.fingerprint(),
        "inputs": {name: [t.sha256, len(t.frame)] for name, t in sorted(ds.tables.items())},
    }
    if judgements:
        what["judgements"] = {pid: [j.decision, *(j.keys or ())]
                              for pid, j in sorted(judgements.items())}
    blob = json.dumps(what, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


# -- connection ------------------------------------------------------------------------


class Neo4jError(CoiError):
    """The Neo4j server could not be used (exit status 1)."""


class Neo4jUnavailable(Neo4jError):
    """Nothing answers at the URI, or the connection broke (exit status 1)."""


class Neo4jAuthError(InputError):
    """Wrong user or password, or an unusable setting (exit status 2)."""


_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the database is.  ``password`` is kept out of ``repr`` so it cannot end up in a
    log line or a traceback."""

    uri: str
    user: str
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None,
                 database: str | None = None, password: str | None = None,
                 environ: dict[str, str] | None = None) -> Neo4jSettings:
        env = os.environ if environ is None else environ
        return cls(
            uri=uri or env.get("NEO4J_URI") or "neo4j://localhost:7687",
            user=user or env.get("NEO4J_USER") or env.get("NEO4J_USERNAME") or "neo4j",
            password=password if password is not None else env.get("NEO4J_PASSWORD"),
            database=database or env.get("NEO4J_DATABASE") or None,
        )

    @property
    def safe_uri(self) -> str:
        """The URI without any user:password@ part, also when it cannot be parsed (an
        unclosed ``[``, a port out of range): then everything up to the last ``@`` of its
        address goes, by text.  The values of its query (the routing context of a
        ``neo4j://`` address) are shown as ``***``, their names kept: the JDBC form
        ``?user=neo4j&password=...`` is taken by the driver as routing context, and the
        password went whole into "cannot reach Neo4j at ..."."""
        try:
            parts = urlsplit(self.uri)
            if parts.username or parts.password:
                host = parts.hostname or ""
                if parts.port:
                    host += f":{parts.port}"
                parts = parts._replace(netloc=host)
            if parts.query or parts.fragment:
                parts = parts._replace(query=_masked_query(parts.query), fragment="")
            return parts.geturl() if parts.geturl() != self.uri else self.uri
        except ValueError:
            scheme, sep, rest = self.uri.partition("://")
            if not sep:
                scheme, rest = "", self.uri
            rest, question, query = rest.partition("?")
            address, slash, path = rest.partition("/")
            return (f"{scheme}{sep}{address.rpartition('@')[2]}{slash}{path}"
                    f"{question}{_masked_query(query.partition('#')[0])}")

    def where(self) -> str:
        return self.safe_uri + (f" (database '{self.database}')" if self.database else "")

    def __repr__(self) -> str:
        return (f"Neo4jSettings(uri={self.safe_uri!r}, user={self.user!r}, "
                f"database={self.database!r})")


def _masked_query(query: str) -> str:
    """``a=1&password=x`` -> ``a=***&password=***``: a query's names, never its values.

    >>> _masked_query("region=eu&password=s3cret"), _masked_query("")
    ('region=***&password=***', '')
    """
    return "&".join(f"{part.partition('=')[0]}=***" if "=" in part else part
                    for part in query.split("&")) if query else ""


def _one_line(msg: str, settings: Neo4jSettings) -> str:
    text = " ".join(str(msg).split())
    if settings.password:
        text = text.replace(settings.password, "***")
    return text


#: What the driver says when it cannot connect or log in (a word in its English text) ->
#: the reason in the analyzer's own words, which the CLI's catalogue gives in Dutch too: the
#: driver's text ("Couldn't connect to ... (reason [Errno 111] Connection refused)") would
#: put English in a Dutch line.  First hit wins; what none of them names is shown as the
#: driver wrote it (:func:`driver_reason`).
DRIVER_REASONS: tuple[tuple[str, str], ...] = (
    ("looks like http", "a web server answers at that port, not Neo4j's Bolt protocol (Bolt "
                        "listens on 7687 unless configured otherwise, 7474 is Neo4j Browser)"),
    ("connection refused", "nothing accepts connections at that host and port"),
    ("dns resolve", "the host name is not known"),
    ("name or service not known", "the host name is not known"),
    ("ssl", "the encrypted connection failed: use bolt:// or neo4j:// for a server without "
            "TLS, bolt+s:// or neo4j+s:// for one with TLS"),
    ("certificate", "the encrypted connection failed: use bolt:// or neo4j:// for a server "
                    "without TLS, bolt+s:// or neo4j+s:// for one with TLS"),
    ("bolt handshake", "the server there does not answer as Neo4j does"),
    ("timed out", "no answer in time (a firewall, or the wrong host)"),
    ("network is unreachable", "the network of that host cannot be reached"),
    ("connection reset", "the server closed the connection"),
    ("routing information", "no server there gave its routing table: check that it runs at "
                            "that address (a single server also answers bolt://)"),
    ("unauthorized", "the server did not accept them"),
    ("too many times", "too many failed logins in a row"),
)


def driver_reason(text: str) -> str:
    """The driver's error ``text`` as one of :data:`DRIVER_REASONS`, or quoted as it is.

    >>> driver_reason("Couldn't connect to h:1 (reason [Errno 111] Connection refused)")
    'nothing accepts connections at that host and port'
    >>> driver_reason("something new")
    "the driver says: 'something new'"
    """
    low = text.lower()
    for word, reason in DRIVER_REASONS:
        if word in low:
            return reason
    return "the driver says: '" + text.replace("; ", ", ") + "'"  # one clause


@contextmanager
def translate_errors(settings: Neo4jSettings) -> Iterator[None]:
    """Driver exceptions -> one line for the user and the exit status they deserve."""
    from neo4j import exceptions as nx  # the driver is a dependency; imported lazily

    try:
        yield
    except nx.AuthError as e:
        raise Neo4jAuthError(
            f"Neo4j at {settings.safe_uri} refused user '{settings.user}': wrong user name or "
            f"password ({driver_reason(_one_line(getattr(e, 'message', '') or e, settings) or 'unauthorized')}); "
            "set NEO4J_USER and NEO4J_PASSWORD.") from None
    except nx.ConfigurationError as e:
        raise Neo4jAuthError(f"Neo4j settings cannot be used: {_one_line(str(e), settings)}") from None
    except (nx.ServiceUnavailable, nx.SessionExpired) as e:
        raise Neo4jUnavailable(
            f"cannot reach Neo4j at {settings.safe_uri}: {driver_reason(_one_line(str(e), settings))}. "
            "Is the server running and NEO4J_URI right?") from None
    except nx.ClientError as e:
        code = getattr(e, "code", "") or ""
        msg = _one_line(getattr(e, "message", None) or str(e), settings)
        if "DatabaseNotFound" in code:
            raise Neo4jAuthError(f"Neo4j at {settings.safe_uri} has no database "
                                 f"'{settings.database}': {msg}") from None
        if "Security" in code:
            hint = ("; the server locks a user for a few seconds after repeated failed "
                    "logins: check NEO4J_PASSWORD, then try again"
                    if "AuthenticationRateLimit" in code or "too many times" in msg else "")
            raise Neo4jAuthError(f"Neo4j at {settings.safe_uri} refused user "
                                 f"'{settings.user}': {driver_reason(msg)}{hint}") from None
        raise Neo4jError(f"Neo4j refused a query ({code}): {msg}") from None
    except nx.Neo4jError as e:
        raise Neo4jError(f"Neo4j failed ({getattr(e, 'code', '')}): "
                         f"{_one_line(getattr(e, 'message', None) or str(e), settings)}") from None
    except nx.DriverError as e:
        raise Neo4jError(f"Neo4j driver error: {_one_line(str(e), settings)}") from None
    except OSError as e:
        raise Neo4jUnavailable(f"cannot reach Neo4j at {settings.safe_uri}: "
                               f"{driver_reason(_one_line(str(e), settings))}. Is the server "
                               "running and NEO4J_URI right?") from None


def connect(settings: Neo4jSettings) -> Any:
    """A verified driver (authentication included), or a one-line :class:`CoiError`."""
    import neo4j

    try:
        parts = urlsplit(settings.uri)
        parts.port  # noqa: B018 - raises on a port that is no number or out of range
    except ValueError:  # Python's reason is English: the message says it in the catalogue
        raise Neo4jAuthError(f"NEO4J_URI '{settings.safe_uri}' has a host or port that cannot be "
                             "read; write it "
                             "as neo4j://host:7687 or bolt://host:7687 (+s for TLS).") from None
    if parts.username or parts.password:
        raise Neo4jAuthError(f"NEO4J_URI '{settings.safe_uri}' must not hold a user or "
                             "password: set NEO4J_USER and NEO4J_PASSWORD instead.")
    scheme = parts.scheme
    if scheme not in _SCHEMES:
        raise Neo4jAuthError(f"NEO4J_URI '{settings.safe_uri}' is not a Neo4j address; write it "
                             "as neo4j://host:7687 or bolt://host:7687 (+s for TLS).")
    if settings.password is None:
        raise Neo4jAuthError("no Neo4j password: set NEO4J_PASSWORD (the CLI also asks for it "
                             "when run in a terminal).")
    with translate_errors(settings):
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=(settings.user, settings.password),
            user_agent=f"coi-graph/{__version__}", connection_timeout=15.0,
            max_transaction_retry_time=30.0)
        try:
            driver.verify_connectivity()
            if hasattr(driver, "verify_authentication"):
                driver.verify_authentication()
        except BaseException:
            driver.close()
            raise
    return driver


def _run(driver: Any, settings: Neo4jSettings, query: str, params: dict[str, Any] | None = None,
         *, write: bool = False) -> tuple[list[Any], Any]:
    import neo4j

    with translate_errors(settings):
        res = driver.execute_query(
            query, params or {}, database_=settings.database,
            routing_=neo4j.RoutingControl.WRITE if write else neo4j.RoutingControl.READ)
    return res.records, res.summary


# -- loading ---------------------------------------------------------------------------

BATCH_SIZE = 5000
_COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created",
             "relationships_deleted", "properties_set", "labels_added", "labels_removed",
             "constraints_added", "indexes_added")


@dataclass
class LoadSummary:
    """What a load wrote, summed from the driver's result summaries."""

    counters: dict[str, int] = field(default_factory=lambda: {k: 0 for k in _COUNTERS})
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: bool = False  # the database already held this dataset

    def add(self, summary: Any) -> None:
        c = summary.counters
        for k in _COUNTERS:
            self.counters[k] += int(getattr(c, k, 0) or 0)

    @property
    def changed(self) -> bool:
        return any(self.counters[k] for k in ("nodes_created", "nodes_deleted",
                                              "relationships_created", "relationships_deleted",
                                              "properties_set", "labels_added",
                                              "labels_removed"))

    def to_dict(self) -> dict[str, Any]:
        return {"counters": dict(self.counters), "rows": dict(sorted(self.rows.items())),
                "seconds": round(self.seconds, 3), "skipped": self.skipped,
                "changed": self.changed}

    def text(self) -> str:
        c = self.counters
        if self.skipped:
            return "the database already holds this dataset: nothing written"
        return (f"{c['nodes_created']:,} nodes created, {c['nodes_deleted']:,} deleted; "
                f"{c['relationships_created']:,} relationships created, "
                f"{c['relationships_deleted']:,} deleted; {c['properties_set']:,} properties set; "
                f"{c['constraints_added']} constraints and {c['indexes_added']} indexes added"
                + ("" if self.changed else " (nothing changed)"))


def schema_statements() -> list[str]:
    """Uniqueness constraints on every label's ``id``, indexes on relationship keys and on
    what the rules filter on.  All ``IF NOT EXISTS``: safe to run on every load."""
    out = [f"CREATE CONSTRAINT coi_{label.lower()}_id IF NOT EXISTS "
           f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" for label in NODE_SPECS]
    out += [f"CREATE INDEX coi_{t.lower()}_{s.key} IF NOT EXISTS "
            f"FOR ()-[r:{t}]-() ON (r.{s.key})" for t, s in REL_SPECS.items()]
    out += ["CREATE INDEX coi_decision_table IF NOT EXISTS FOR (n:Decision) ON (n.table)",
            "CREATE INDEX coi_declaration_status IF NOT EXISTS FOR (n:Declaration) ON (n.status)"]
    return out


def upsert_node_statement(label: str) -> str:
    """MERGE one batch of nodes of one label (used for the dataset marker); properties are
    replaced only when the row's content digest changed."""
    if label not in NODE_SPECS:
        raise ValueError(f"unknown label {label!r}")
    return (f"UNWIND $rows AS row\n"
            f"MERGE (n:{label} {{id: row.id}})\n"
            f"WITH n, row WHERE n.load_digest IS NULL OR n.load_digest <> row.props.load_digest\n"
            f"SET n = row.props")


def create_nodes_statement(label: str) -> str:
    """CREATE one batch of nodes the database does not hold yet (the loader knows which:
    it read the ids first), so no MERGE and no lock on a whole label."""
    if label not in NODE_SPECS:
        raise ValueError(f"unknown label {label!r}")
    return f"UNWIND $rows AS row\nCREATE (n:{label})\nSET n = row.props"


def update_nodes_statement(label: str) -> str:
    """Replace the properties of nodes whose content digest changed (found by the unique id
    constraint's index)."""
    if label not in NODE_SPECS:
        raise ValueError(f"unknown label {label!r}")
    return f"UNWIND $rows AS row\nMATCH (n:{label} {{id: row.id}})\nSET n = row.props"


def create_rels_statement(rtype: str, start: str, end: str) -> str:
    """CREATE one batch of relationships between nodes found by id.

    Why not MERGE: MERGE of a relationship locks both ends and plans an Eager step, and an
    organization with 10,000 contracts is an end of 10,000 COUNTERPARTY relationships: on the
    `medium` demo that made loading take many minutes.  The loader reads what the database
    holds first and creates only what is new."""
    spec = REL_SPECS[rtype]
    if (start, end) not in spec.ends:
        raise ValueError(f"{rtype} does not run from {start} to {end}")
    return (f"UNWIND $rows AS row\n"
            f"MATCH (a:{start} {{id: row.start}})\n"
            f"MATCH (b:{end} {{id: row.end}})\n"
            f"CREATE (a)-[r:{rtype}]->(b)\n"
            f"SET r = row.props")


def upsert_rel_statement(rtype: str, start: str, end: str) -> str:
    """Kept for callers of the earlier loader: same as :func:`create_rels_statement`."""
    return create_rels_statement(rtype, start, end)


def ensure_schema(driver: Any, settings: Neo4jSettings, summary: LoadSummary | None = None
                  ) -> None:
    """Create what :func:`schema_statements` lists (if missing) and wait until the indexes
    are online: a lookup by id without its index would scan a whole label per row."""
    for stmt in schema_statements():
        res = _run(driver, settings, stmt, write=True)[1]
        if summary is not None:
            summary.add(res)
    _run(driver, settings, "CALL db.awaitIndexes(300)", write=True)


def _ids_statement_nodes(label: str) -> str:
    """What the database holds of a label: ids and content digests, as two lists in one
    record (the driver decodes one record of lists some ten times faster than 100,000
    records)."""
    return (f"MATCH (n:{label}) RETURN collect(coalesce(n.id, '')) AS ids, "
            f"collect(coalesce(n.load_digest, '')) AS digests")


def _ids_statement_rels(rtype: str) -> str:
    """What the database holds of a type: key and content digest (which covers the ends)."""
    key = REL_SPECS[rtype].key
    return (f"MATCH ()-[r:{rtype}]->() RETURN collect(coalesce(r.{key}, '')) AS ids, "
            f"collect(coalesce(r.load_digest, '')) AS digests")


def _remove_unknown_rel_types(driver: Any, settings: Neo4jSettings, summary: LoadSummary,
                              say: Progress, batch_size: int) -> None:
    """Remove the relationships an older coi-graph wrote under a type this one no longer
    knows (a type renamed or dropped): the database must hold exactly the input.  Only
    relationships that are coi-graph's are touched: between two nodes of coi-graph's
    labels and carrying its ``load_digest``; in a shared database another application's
    relationships, of whatever type, stay."""
    types = _run(driver, settings, "CALL db.relationshipTypes() YIELD relationshipType "
                 "WITH relationshipType AS t WHERE NOT t IN $known RETURN collect(t) AS types",
                 {"known": sorted(REL_SPECS)})[0][0]["types"]
    for rtype in sorted(types):
        removed = 0
        while True:  # in batches: one transaction per batch, as the other deletes
            rec = _run(driver, settings, _delete_unknown_rels_statement(rtype),
                       {"ours": sorted(NODE_SPECS), "n": batch_size}, write=True)
            summary.add(rec[1])
            done = rec[0][0]["n"]
            removed += done
            if done < batch_size:
                break
        if removed:
            say(f"  {rtype}: {removed:,} no longer in the input, removed")


def _delete_unknown_rels_statement(rtype: str) -> str:
    """One batch of coi-graph's relationships of type ``rtype`` (a name read from the
    database, so quoted as Cypher quotes names: backticks, a backtick doubled)."""
    quoted = "`" + rtype.replace("`", "``") + "`"
    return (f"MATCH (a)-[r:{quoted}]->(b) WHERE r.load_digest IS NOT NULL "
            "AND any(l IN labels(a) WHERE l IN $ours) AND any(l IN labels(b) WHERE l IN $ours) "
            "WITH r LIMIT $n DELETE r RETURN count(*) AS n")


def _delete_nodes_statement(label: str) -> str:
    return f"UNWIND $ids AS id\nMATCH (n:{label} {{id: id}})\nDETACH DELETE n"


def _delete_rels_statement(rtype: str) -> str:
    return (f"UNWIND $ids AS id\nMATCH ()-[r:{rtype} {{{REL_SPECS[rtype].key}: id}}]->()\n"
            f"DELETE r")


def _count_nodes_statement(label: str) -> str:
    return f"MATCH (n:{label}) RETURN count(n) AS n"


def _count_rels_statement(rtype: str) -> str:
    return f"MATCH ()-[r:{rtype}]->() RETURN count(r) AS n"


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_DUPLICATE = ""  # a key held twice in the database: never equal to a digest, so rewritten


def load_graph(driver: Any, settings: Neo4jSettings, rows: GraphRows, *,
               batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> LoadSummary:
    """Make the database hold exactly ``rows``.

    Schema first; then the loader reads the ids and content digests the database holds and
    writes only the difference: new nodes and relationships are created, nodes whose
    digest changed are updated, relationships whose digest or ends changed are replaced,
    and what the input no longer holds is removed.  Reloading the same input therefore
    writes nothing.  The dataset marker comes last, so an interrupted load is never mistaken
    for a complete one."""
    say = progress or (lambda m: None)
    t0 = time.perf_counter()
    summary = LoadSummary()
    ensure_schema(driver, settings, summary)

    def flush(stmt: str, batch: list[dict[str, Any]], what: str | None) -> None:
        summary.add(_run(driver, settings, stmt, {"rows": batch}, write=True)[1])
        if what:
            summary.rows[what] = summary.rows.get(what, 0) + len(batch)

    def delete(stmt: str, ids: Iterable[str]) -> None:
        for batch in _batches(sorted(ids), batch_size):
            summary.add(_run(driver, settings, stmt, {"ids": batch}, write=True)[1])

    # nodes, one label at a time (batches stay homogeneous); the dataset marker waits
    have_nodes: dict[str, dict[str, str | None]] = {}
    for label in NODE_SPECS:
        if label != "CoiDataset":
            rec = _run(driver, settings, _ids_statement_nodes(label))[0][0]
            have_nodes[label] = dict(zip(rec["ids"], rec["digests"]))
    node_ids: dict[str, set[str]] = defaultdict(set)
    buckets: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    marker: NodeRow | None = None
    for n in rows.nodes():
        if n.label == "CoiDataset":
            marker = n
            continue
        if n.id in node_ids[n.label]:
            continue  # the same node twice in the rows: written once
        node_ids[n.label].add(n.id)
        summary.rows[n.label] = summary.rows.get(n.label, 0) + 1
        have = have_nodes[n.label]
        if n.id in have and have[n.id] == n.props.get("load_digest"):
            continue
        k = ("create" if n.id not in have else "update", n.label)
        b = buckets[k]
        b.append({"id": n.id, "props": n.props})
        if len(b) >= batch_size:
            flush((create_nodes_statement if k[0] == "create" else update_nodes_statement)(
                n.label), b, None)
            buckets[k] = []
            say(f"  {n.label}: {summary.rows[n.label]:,} rows")
    for (how, label), b in sorted(buckets.items()):
        if b:
            flush((create_nodes_statement if how == "create" else update_nodes_statement)(label),
                  b, None)
    for label in sorted(node_ids):
        say(f"  {label}: {summary.rows.get(label, 0):,} nodes")

    # relationships, one source at a time (links, anchors, decisions, gifts, declarations):
    # a first pass compares keys, ends and digests with what the database holds, the changed
    # ones are deleted, and a second pass creates what is new or changed
    have_rels: dict[str, dict[str, str | None]] = {}
    for rtype in REL_SPECS:
        have_r: dict[str, str | None] = {}
        rec = _run(driver, settings, _ids_statement_rels(rtype))[0][0]
        for rid, digest in zip(rec["ids"], rec["digests"]):
            have_r[rid] = _DUPLICATE if rid in have_r else digest
        have_rels[rtype] = have_r
    rel_ids: dict[str, set[str]] = defaultdict(set)
    for source in rows.rel_sources():
        create: dict[str, set[str]] = defaultdict(set)
        changed: dict[str, set[str]] = defaultdict(set)
        for rel in source():
            if rel.id in rel_ids[rel.type]:
                continue  # the same relationship twice in the rows: written once
            rel_ids[rel.type].add(rel.id)
            summary.rows[rel.type] = summary.rows.get(rel.type, 0) + 1
            old = have_rels[rel.type].get(rel.id, None)
            new = rel.props.get("load_digest")
            if rel.id not in have_rels[rel.type]:
                create[rel.type].add(rel.id)
            elif old != new:
                changed[rel.type].add(rel.id)
                create[rel.type].add(rel.id)
        for rtype, ids in sorted(changed.items()):
            delete(_delete_rels_statement(rtype), ids)
        if not any(create.values()):
            continue
        rbuckets: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for rel in source():
            if rel.id not in create[rel.type]:
                continue
            create[rel.type].discard(rel.id)
            k = (rel.type, rel.start_label, rel.end_label)
            b = rbuckets[k]
            b.append({"start": rel.start_id, "end": rel.end_id, "props": rel.props})
            if len(b) >= batch_size:
                flush(create_rels_statement(*k), b, None)
                rbuckets[k] = []
                say(f"  {rel.type}: {summary.counters['relationships_created']:,} created")
        for k, b in sorted(rbuckets.items()):
            if b:
                flush(create_rels_statement(*k), b, None)
    for rtype in sorted(rel_ids):
        say(f"  {rtype}: {summary.rows.get(rtype, 0):,} relationships")
    for rtype, have in have_rels.items():
        stale = set(have) - rel_ids.get(rtype, set())
        delete(_delete_rels_statement(rtype), stale)
        if stale:
            say(f"  {rtype}: {len(stale):,} no longer in the input, removed")

    _remove_unknown_rel_types(driver, settings, summary, say, batch_size)

    # nodes the input no longer holds (their relationships went above or go with them)
    for label, have in have_nodes.items():
        stale_nodes = set(have) - node_ids.get(label, set())
        delete(_delete_nodes_statement(label), stale_nodes)
        if stale_nodes:
            say(f"  {label}: {len(stale_nodes):,} no longer in the input, removed")
    if marker is not None:
        flush(upsert_node_statement("CoiDataset"), [{"id": marker.id, "props": marker.props}],
              "CoiDataset")
    summary.seconds = time.perf_counter() - t0
    return summary


def loaded_fingerprint(driver: Any, settings: Neo4jSettings) -> str | None:
    recs, _ = _run(driver, settings,
                   "MATCH (m:CoiDataset {id: 'current'}) RETURN m.fingerprint AS fingerprint")
    return recs[0]["fingerprint"] if recs else None


def database_counts(driver: Any, settings: Neo4jSettings) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type of the model, as the database holds them."""
    nodes = {label: _run(driver, settings, _count_nodes_statement(label))[0][0]["n"]
             for label in NODE_SPECS}
    rels = {t: _run(driver, settings, _count_rels_statement(t))[0][0]["n"] for t in REL_SPECS}
    return ({k: v for k, v in sorted(nodes.items()) if v},
            {k: v for k, v in sorted(rels.items()) if v})


def is_loaded(driver: Any, settings: Neo4jSettings, rows: GraphRows) -> bool:
    """Whether the database already holds exactly this dataset (same fingerprint, same
    counts per label and type): then a scan need not load again."""
    if loaded_fingerprint(driver, settings) != rows.fingerprint:
        return False
    return database_counts(driver, settings) == rows.counts()


def load(data_dir: str | Path, policy: Policy | None = None, *,
         settings: Neo4jSettings | None = None, skip_bad_rows: bool = False,
         batch_size: int = BATCH_SIZE, progress: Progress | None = None,
         judgements: Mapping[str, Judgement] | None = None,
         ) -> tuple[LoadSummary, GraphRows]:
    """Read ``data_dir``, build the graph as the embedded engine does (with the reviewers'
    match ``judgements``, as ``coi scan`` follows them), and write it to Neo4j."""
    from ..scan import data_folder
    from ..scan import load as load_dataset

    data_folder(data_dir)  # a mistyped folder is said before any connection is tried
    policy = policy or Policy.default()
    settings = settings or Neo4jSettings.from_env()
    say = progress or (lambda m: None)
    say(f"connecting to {settings.where()}")
    driver = connect(settings)  # first: a wrong password should not wait for the reading
    try:
        ds, lg = load_dataset(data_dir, policy, skip_bad_rows=skip_bad_rows, progress=progress,
                              judgements=judgements)
        rows = GraphRows(DetectionContext(ds, lg, policy), judgements)
        say("writing the graph")
        summary = load_graph(driver, settings, rows, batch_size=batch_size, progress=progress)
    finally:
        driver.close()
    say(summary.text())
    return summary, rows


# -- the rules in Cypher ----------------------------------------------------------------

_PARAMS_LINE = re.compile(r"^//\s*params:(.*)$", re.MULTILINE)
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class RuleQuery:
    """One ``.cypher`` file: its text and the parameters its header declares."""

    name: str
    text: str
    params: tuple[str, ...]

    @property
    def body(self) -> str:
        """The query without ``//`` comment lines (what the parameter check looks at)."""
        return "\n".join(l for l in self.text.splitlines() if not l.lstrip().startswith("//"))

    @property
    def used_params(self) -> tuple[str, ...]:
        return tuple(sorted(set(_PARAM_USE.findall(self.body))))


def parse_query(name: str, text: str) -> RuleQuery:
    m = _PARAMS_LINE.search(text)
    params = tuple(p.strip().lstrip("$") for p in m.group(1).split(",") if p.strip()) if m else ()
    params = tuple(p for p in params if p and p != "(none)")
    return RuleQuery(name, text, params)


def read_query(name: str) -> RuleQuery:
    """``queries/<name>.cypher`` as shipped with the package."""
    text = resources.files("queries").joinpath(f"{name}.cypher").read_text(encoding="utf-8")
    return parse_query(name, text)


def rule_queries() -> dict[str, RuleQuery]:
    """One query per rule code, in the registry's order (:data:`coi_graph.rules.RULES`)."""
    return {code: read_query(rule.cypher.removesuffix(".cypher")) for code, rule in RULES.items()}


#: The longest walk a rule file may write, ``*0..5`` or ``*1..5``: the policy's highest
#: ``max_links`` (6) minus the link that reaches the counterparty.
LONGEST_WALK = 6 - 1
_WALK = re.compile(r"\*(\d+)\.\." + str(LONGEST_WALK) + r"\]")


def query_text(query: RuleQuery, policy: Policy) -> str:
    """The query as it runs under ``policy``: every variable-length walk bounded by the
    policy's ``paths.max_links`` (minus the last link) instead of the longest the policy
    allows.

    Why text: Cypher takes no parameter in a path length (``*1..$max_links`` does not parse),
    and walking 5 links to throw most paths away afterwards is what makes a dense graph slow.
    Only the upper bound, a number the policy validates (1 to 6), is written into the text;
    every value still goes in as a parameter, and ``length(p) < $max_links`` stays as the
    check for a walk whose lower bound is already too long."""
    upper = int(policy.paths.max_links) - 1
    lines = []
    for line in query.text.splitlines():
        if not line.lstrip().startswith("//"):
            line = _WALK.sub(lambda m: f"*{m.group(1)}..{max(int(m.group(1)), upper)}]", line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def available_parameters(ctx: DetectionContext) -> dict[str, Any]:
    """Every value a rule query may ask for, from the policy and the scanned period."""
    p = ctx.policy
    return {
        "subject_roles": list(p.subject_roles),
        "max_links": int(p.paths.max_links),
        "family_relations": list(p.family.relations),
        "window_days": int(p.gifts.window_days),
        "value_limit_eur": float(p.gifts.value_limit_eur),
        "invitation_kinds": list(p.gifts.invitation_kinds),
        "permission_kinds": list(p.declarations.permission_kinds),
        "inactive_statuses": list(p.declarations.inactive_statuses),
        "as_of": int(ctx.as_of),
        "period_start": int(ctx.period_start),
    } | {  # each rule's own settings, as $<rule>_<setting>
        f"{code}_{k}": list(v) if isinstance(v, (list, tuple)) else v
        for code in RULES for k, v in p.rule(code).settings.items()
    }


def query_parameters(query: RuleQuery, ctx: DetectionContext) -> dict[str, Any]:
    """Exactly the parameters ``query`` declares in its ``// params:`` header."""
    avail = available_parameters(ctx)
    missing = [p for p in query.params if p not in avail]
    if missing:
        raise CoiError(f"queries/{query.name}.cypher asks for unknown parameter(s) "
                       f"{', '.join('$' + m for m in missing)}.")
    return {p: avail[p] for p in query.params}


@dataclass
class Selection:
    """What the Cypher queries selected: each rule's rows, as its query returned them."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {code: len(rows) for code, rows in self.rows.items()}


def select(driver: Any, settings: Neo4jSettings, ctx: DetectionContext,
           progress: Progress | None = None) -> Selection:
    """Run every rule query.  The link-path rules run even when disabled: which rule *wins*
    for a decision (see ``LINK_RULE_PRECEDENCE``) must not depend on which rules are
    reported."""
    say = progress or (lambda m: None)
    sel = Selection()
    for code, q in rule_queries().items():
        if code not in LINK_RULE_PRECEDENCE and not ctx.policy.rule(code).enabled:
            continue
        t = time.perf_counter()
        recs, _ = _run(driver, settings, query_text(q, ctx.policy),
                       query_parameters(q, ctx))
        sel.seconds[code] = round(time.perf_counter() - t, 3)
        sel.rows[code] = [dict(r) for r in recs]
        say(f"  {code}: {len(recs):,} rows in {sel.seconds[code]:.1f}s")
    return sel


def assemble(ctx: DetectionContext, sel: Selection) -> list[Finding]:
    """The findings of a selection, built by the same code as the embedded engine's: the
    link-path rules' candidate paths assembled together, every other rule's rows through
    its ``from_rows``."""
    candidates = [c for code in LINK_RULE_PRECEDENCE
                  for c in link_paths.candidates_from_rows(sel.rows.get(code, []))]
    findings = ctx.assemble_link_findings(candidates)
    for code, rule in RULES.items():
        if rule.from_rows is not None and code in sel.rows:
            findings += rule.from_rows(ctx, sel.rows[code])
    return finalize_findings(findings, ctx.policy)


class _Steps:
    """Wall time per step, in the shape ``scan.run_metadata`` reads (``.steps``)."""

    def __init__(self, progress: Progress | None) -> None:
        self.say = progress or (lambda m: None)
        self.steps: dict[str, dict[str, float]] = {}

    def run(self, name: str, fn: Callable[[], Any]) -> Any:
        self.say(f"{name} ...")
        t = time.perf_counter()
        out = fn()
        self.steps[name] = {"seconds": round(time.perf_counter() - t, 3)}
        self.say(f"{name} done in {self.steps[name]['seconds']:.1f}s")
        return out


def scan_neo4j(data_dir: str | Path, run_dir: str | Path | None, policy: Policy | None = None,
               *, skip_bad_rows: bool = False, progress: Progress | None = None,
               settings: Neo4jSettings | None = None, reload: bool = False,
               lang: str = "nl", strict: bool = False, mapping: str | Path | None = None,
               sheet: str | None = None,
               judgements: Mapping[str, Judgement] | None = None) -> Any:
    """``coi scan --engine neo4j``: the same findings, selected by Cypher on a Neo4j server.

    Reads and builds as :func:`coi_graph.scan.scan` does, with the same ``strict``,
    ``mapping``, ``sheet`` and reviewers' match ``judgements`` (without them a rejected
    pair was still a link here, and a confirmed one still scored as a possible match).

    The database is loaded first unless it already holds this dataset (same input checksums,
    policy and counts; ``reload=True`` loads anyway).  Writes ``findings.csv``,
    ``findings.json``, ``graph.json`` and ``run.json`` (``"engine": "neo4j"``) like
    :func:`coi_graph.scan.scan`, and returns a :class:`~coi_graph.scan.ScanResult`.
    """
    import ingest

    from ..outputs.context import write_context_graph
    from ..graph.build import build_graph
    from ..scan import (
        ScanResult,
        data_folder,
        refuse_on_problems,
        report_organizations_not_found,
        run_metadata,
        write_json,
    )

    policy = policy or Policy.default()
    settings = settings or Neo4jSettings.from_env()
    say = progress or (lambda m: None)
    folder = data_folder(data_dir)
    steps = _Steps(progress)
    # connect first: a wrong password should not wait for a million rows to be read
    say(f"connecting to {settings.where()}")
    driver = connect(settings)
    try:
        ds = steps.run("ingest", lambda: ingest.read_dataset(
            folder, progress=progress, mapping=mapping, sheet=sheet))
        refuse_on_problems(ds, skip_bad_rows, strict)
        lg = steps.run("matching and graph",
                       lambda: build_graph(ds, policy, progress, judgements))
        ctx = steps.run("decisions and applicants", lambda: DetectionContext(ds, lg, policy))
        # before loading: --strict stops on these as the embedded scan does
        report_organizations_not_found(ds, ctx.stats, strict)
        rows = GraphRows(ctx, judgements)
        fresh = not reload and steps.run("checking the loaded graph",
                                         lambda: is_loaded(driver, settings, rows))
        if fresh:
            summary = LoadSummary(skipped=True)
            ensure_schema(driver, settings, summary)  # e.g. after a bulk import
            say("the database already holds this dataset")
        else:
            summary = steps.run("loading into neo4j", lambda: load_graph(
                driver, settings, rows, progress=progress))
            say(summary.text())
        sel = steps.run("cypher rules", lambda: select(driver, settings, ctx, progress))
        server = _server_info(driver, settings)
    finally:
        driver.close()
    findings = steps.run("assembly", lambda: assemble(ctx, sel))
    ctx.stats["findings"] = len(findings)
    result = ScanResult(Path(run_dir) if run_dir else None, findings, ds, lg, policy)
    if run_dir is not None:
        out = Path(run_dir)
        steps.run("writing", lambda: (write_findings(findings, out, lang),
                                      write_context_graph(findings, lg, out)))
    run = run_metadata(result, ctx.stats, steps, folder)  # type: ignore[arg-type]
    run["engine"] = "neo4j"
    run["lang"] = lang
    run["neo4j"] = {
        "uri": settings.safe_uri, "database": settings.database, "server": server,
        "fingerprint": rows.fingerprint, "load": summary.to_dict(),
        "rows_per_query": sel.counts, "seconds_per_query": sel.seconds,
    }
    result.run = run
    if run_dir is not None:
        write_json(Path(run_dir) / "run.json", run)
    return result


def _server_info(driver: Any, settings: Neo4jSettings) -> dict[str, Any]:
    try:
        info = driver.get_server_info()
        return {"agent": info.agent, "protocol": ".".join(map(str, info.protocol_version))}
    except Exception:  # noqa: BLE001 - informational only; the scan has already finished
        return {}


# -- for the Cypher lint ------------------------------------------------------------------


def lint_schema(load_rows: bool = False) -> dict[str, Any]:
    """Labels, relationship types and property keys of the model, for the Cypher lint: a
    query that names a label or property the loader never writes is a mistake.
    ``load_rows`` adds the keys of the loader's ``$rows`` maps (for linting the load)."""
    keys: set[str] = {"start", "end", "props"} if load_rows else set()
    for s in NODE_SPECS.values():
        keys |= {p.name for p in s.props}
    for r in REL_SPECS.values():
        keys |= {p.name for p in r.props}
    return {"labels": sorted(NODE_SPECS), "relationshipTypes": sorted(REL_SPECS),
            "propertyKeys": sorted(keys)}

