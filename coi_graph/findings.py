"""Findings: what a scan reports, their stable ids, and the files they are written to.

A finding's id depends on *what* it is about (rule, decision or register record, subject,
counterparty), never on row order or line numbers, so a later scan of the same situation
gives the same id.  Whether its evidence changed is told by ``evidence_hash``, a hash of the
record keys and row contents behind every path, which triage uses to reopen a closed case.

Findings travel typed: :func:`load_findings` reads a run's ``findings.json`` back into
:class:`Finding` objects (``Finding.from_json(f.to_json()) == f``), whatever version wrote it:

- version 1 (before schema versions): a bare JSON array, one finding per line, each with its
  whole evidence paths (the :meth:`Finding.to_json` form);
- version 2: ``{"schema_version": 2, "findings": [...], "evidence": {"nodes": [...],
  "steps": [...]}}``: every node and every step (link) is written once under ``evidence``,
  and a finding's paths cite them by their index.  On a dense run the same links and person
  matches sit behind many findings, so this is a fraction of version 1's size.

>>> finding_id("self_interest", "D1", "", "E1", "organization:O1")
'F-a8747bdcf6c9436c'
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .export_cells import write_csv
from .labels import format_eur, path_text

__all__ = [
    "Step",
    "EvidencePath",
    "Finding",
    "finding_id",
    "evidence_hash",
    "CSV_COLUMNS",
    "write_findings",
    "read_findings",
    "load_findings",
    "step_key",
    "as_finding",
    "findings_from_document",
    "findings_document",
    "SCHEMA_VERSION",
    "format_eur",
]

#: The version of ``findings.json`` this code writes (1: a bare array, still read).
SCHEMA_VERSION = 2

#: The contract's columns first, in its order; then this tool's extensions.
CSV_COLUMNS = [
    "finding_id", "rule", "severity", "score", "decision_id", "record", "subject_id",
    "counterparty", "declared", "path", "path_nodes", "evidence",
    "subject_role", "subject_name", "subject_department", "counterparty_name",
    "decision_kind", "decision_date", "amount_eur", "articles", "evidence_hash",
    "decision_ids",
]


@dataclass
class Step:
    """One link on an evidence path, from ``source`` to ``target``.

    ``label`` is the link's stored label (codes such as ``child`` or ``purchase_order
    2024-03-01, EUR 900``, Dutch words where the graph writes them); what the link *is*
    travels as ``label_code`` plus ``label_params`` (see
    :func:`coi_graph.labels.step_label_text`), so ``findings.csv``, pages and reports render
    it in the reader's language without parsing text.  Steps written before codes existed have
    ``label_code == ""`` and are rendered from ``label``.
    """

    source: str
    target: str
    kind: str
    label: str
    valid_from: str | None = None
    valid_until: str | None = None
    declared: bool = False
    evidence: list[str] = field(default_factory=list)
    match: dict[str, Any] | None = None
    link_id: str | None = None
    label_code: str = ""
    label_params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return _step_json(self)

    @classmethod
    def from_json(cls, d: Any, where: str = "step") -> Step:
        """A step as :meth:`to_json` wrote it (version 1 steps lack the label code)."""
        d = _obj(d, where)
        match = d.get("match")
        if match is not None and not isinstance(match, dict):
            raise ValueError(f"{where}: 'match' must be an object or null")
        return cls(source=_s(d, "source", where, required=True),
                   target=_s(d, "target", where, required=True),
                   kind=_s(d, "kind", where, required=True), label=_s(d, "label", where),
                   valid_from=_opt_s(d, "valid_from", where),
                   valid_until=_opt_s(d, "valid_until", where),
                   declared=_b(d, "declared", where), evidence=_ls(d, "evidence", where),
                   match=match, link_id=_opt_s(d, "link_id", where),
                   label_code=_s(d, "label_code", where),
                   label_params=_dict(d, "label_params", where))


@dataclass
class EvidencePath:
    """A chain of nodes and the links between them, readable and traceable."""

    nodes: list[dict[str, str]]
    steps: list[Step]

    @property
    def declared(self) -> bool:
        return all(s.declared for s in self.steps)

    @property
    def text(self) -> str:
        """The path with each link's stored label (codes such as ``child`` or
        ``purchase_order 2024-03-01``): stable across versions and languages, so the
        workspace compares it between runs.  Readers get :func:`coi_graph.labels.path_text`."""
        if not self.nodes:
            return ""
        out = [self.nodes[0].get("label", self.nodes[0]["key"])]
        for step, node in zip(self.steps, self.nodes[1:]):
            out.append(f" -[{step.label}]- {node.get('label', node['key'])}")
        return "".join(out)

    @property
    def node_keys(self) -> list[str]:
        return [n["key"] for n in self.nodes]

    @property
    def evidence(self) -> list[str]:
        seen: dict[str, None] = {}
        for s in self.steps:
            for e in s.evidence:
                seen.setdefault(e, None)
        return list(seen)

    def to_json(self) -> dict[str, Any]:
        return _path_json(self)

    @classmethod
    def from_json(cls, d: Any, where: str = "path") -> EvidencePath:
        d = _obj(d, where)
        nodes = d.get("nodes") or []
        steps = d.get("steps") or []
        if not isinstance(nodes, list) or not isinstance(steps, list):
            raise ValueError(f"{where}: 'nodes' and 'steps' must be lists")
        for i, n in enumerate(nodes):
            if not isinstance(n, dict) or not isinstance(n.get("key"), str):
                raise ValueError(f"{where}: node {i + 1} must be an object with a 'key'")
        return cls([dict(n) for n in nodes],
                   [Step.from_json(s, f"{where}: step {i + 1}") for i, s in enumerate(steps)])


@dataclass
class Finding:
    finding_id: str
    rule: str
    severity: str
    score: int
    decision_id: str
    record: str
    subject_id: str
    counterparty: str
    path: EvidencePath
    subject_role: str = ""
    subject_name: str = ""
    subject_department: str = ""
    counterparty_name: str = ""
    decision_kind: str = ""
    decision_date: str = ""
    amount_eur: float | None = None
    articles: list[str] = field(default_factory=list)
    evidence_hash: str = ""
    score_parts: list[dict[str, Any]] = field(default_factory=list)
    other_paths: list[EvidencePath] = field(default_factory=list)
    explanation: str = ""
    explanation_nl: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    #: every decision the finding cites (``decision_id`` is the latest; ``split_orders`` and
    #: ``linked_suppliers`` cite several); filled from ``decision_id`` when not given
    decision_ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.decision_ids and self.decision_id:
            self.decision_ids = [self.decision_id]

    @property
    def declared(self) -> bool:
        return self.path.declared

    @property
    def evidence(self) -> list[str]:
        seen: dict[str, None] = {}
        for p in [self.path, *self.other_paths]:
            for e in p.evidence:
                seen.setdefault(e, None)
        return list(seen)

    def csv_row(self, lang: str = "nl") -> dict[str, str]:
        """The finding as a ``findings.csv`` row; ``path`` reads in ``lang`` (the links'
        codes rendered by :func:`coi_graph.labels.path_text`: ``-[kind]-``, not
        ``-[child]-``), every other cell is a code or a value from the data."""
        return {
            "finding_id": self.finding_id,
            "rule": self.rule,
            "severity": self.severity,
            "score": str(self.score),
            "decision_id": self.decision_id,
            "record": self.record,
            "subject_id": self.subject_id,
            "counterparty": self.counterparty,
            "declared": "true" if self.declared else "false",
            "path": path_text(self.path, lang),
            "path_nodes": ";".join(self.path.node_keys),
            "evidence": ";".join(self.evidence),
            "subject_role": self.subject_role,
            "subject_name": self.subject_name,
            "subject_department": self.subject_department,
            "counterparty_name": self.counterparty_name,
            "decision_kind": self.decision_kind,
            "decision_date": self.decision_date,
            "amount_eur": "" if self.amount_eur is None else f"{self.amount_eur:.2f}",
            "articles": "; ".join(self.articles),
            "evidence_hash": self.evidence_hash,
            "decision_ids": ";".join(self.decision_ids),
        }

    def to_json(self) -> dict[str, Any]:
        """The finding as version 1 of ``findings.json`` holds it (every path in full)."""
        d: dict[str, Any] = dict(self.csv_row())
        d["path"] = self.path.text  # the stored labels, as version 1 wrote them
        d["score"] = self.score
        d["declared"] = self.declared
        d["amount_eur"] = self.amount_eur
        d["path_nodes"] = self.path.node_keys
        d["evidence"] = self.evidence
        d["articles"] = list(self.articles)
        d["score_parts"] = self.score_parts
        d["explanation"] = self.explanation
        d["explanation_nl"] = self.explanation_nl
        d["path_detail"] = _path_json(self.path)
        d["other_paths"] = [_path_json(p) | {"text": p.text} for p in self.other_paths]
        d["details"] = self.details
        d["decision_ids"] = list(self.decision_ids)
        return d

    @classmethod
    def from_json(cls, d: Any, where: str = "finding") -> Finding:
        """A finding from its :meth:`to_json` form (``findings.json`` version 1, or a
        version 2 finding once its paths are resolved).

        Raises ``ValueError`` naming the field when a value has the wrong type; fields this
        version does not know are ignored, fields a file of an older version lacks get
        their defaults (a finding without ``path_detail`` keeps its path's nodes).
        """
        d = _obj(d, where)
        where = f"{where} {_s(d, 'finding_id', where)}".rstrip()
        if "path_detail" in d and d["path_detail"] is not None:
            path = EvidencePath.from_json(d["path_detail"], f"{where}: path_detail")
        else:
            path = EvidencePath([{"key": k, "kind": k.partition(":")[0], "label": k}
                                 for k in _ls(d, "path_nodes", where)], [])
        others = d.get("other_paths") or []
        if not isinstance(others, list):
            raise ValueError(f"{where}: 'other_paths' must be a list")
        return cls._from_fields(d, where, path, [
            EvidencePath.from_json(p, f"{where}: other path {i + 1}")
            for i, p in enumerate(others)])

    @classmethod
    def _from_fields(cls, d: dict[str, Any], where: str, path: EvidencePath,
                     other_paths: list[EvidencePath]) -> Finding:
        """The finding's own fields from ``d``, its paths already built."""
        amount = d.get("amount_eur")
        if amount is not None and (isinstance(amount, bool)
                                   or not isinstance(amount, (int, float))):
            try:  # a findings.csv-like text, or no number at all: shown without an amount
                amount = float(amount)
            except (TypeError, ValueError):
                amount = None
        # a score that is no number (a hand-edited file) sorts as 0, as the pages always did
        score = d.get("score", 0)
        try:
            score = int(score) if not isinstance(score, bool) else 0
        except (TypeError, ValueError):
            score = 0
        parts = d.get("score_parts") or []
        if not isinstance(parts, list) or not all(isinstance(p, dict) for p in parts):
            raise ValueError(f"{where}: 'score_parts' must be a list of objects")
        articles = d.get("articles") or []
        return cls(
            finding_id=_s(d, "finding_id", where), rule=_s(d, "rule", where),
            severity=_s(d, "severity", where), score=score,
            decision_id=_s(d, "decision_id", where), record=_s(d, "record", where),
            subject_id=_s(d, "subject_id", where), counterparty=_s(d, "counterparty", where),
            path=path, subject_role=_s(d, "subject_role", where),
            subject_name=_s(d, "subject_name", where),
            subject_department=_s(d, "subject_department", where),
            counterparty_name=_s(d, "counterparty_name", where),
            decision_kind=_s(d, "decision_kind", where),
            decision_date=_s(d, "decision_date", where), amount_eur=amount,
            articles=([a for a in articles.split("; ") if a] if isinstance(articles, str)
                      else _ls(d, "articles", where)),
            evidence_hash=_s(d, "evidence_hash", where), score_parts=list(parts),
            other_paths=other_paths, explanation=_s(d, "explanation", where),
            explanation_nl=_s(d, "explanation_nl", where),
            details=_dict(d, "details", where), decision_ids=_ls(d, "decision_ids", where))


# -- checked reading of JSON values (findings.json is input to explore, diff, serve) --------


def _obj(d: Any, where: str) -> dict[str, Any]:
    if not isinstance(d, dict):
        raise ValueError(f"{where}: expected an object, got {type(d).__name__}")
    return d


def _s(d: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    v = d.get(key)
    if v is None:
        if required:
            raise ValueError(f"{where}: '{key}' is missing")
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    raise ValueError(f"{where}: '{key}' must be text, got {type(v).__name__}")


def _opt_s(d: dict[str, Any], key: str, where: str) -> str | None:
    return None if d.get(key) is None else _s(d, key, where)


def _b(d: dict[str, Any], key: str, where: str) -> bool:
    v = d.get(key, False)
    if isinstance(v, str):
        return v.strip().lower() in ("true", "1", "yes", "ja")
    return bool(v)


def _ls(d: dict[str, Any], key: str, where: str) -> list[str]:
    v = d.get(key)
    if v is None or v == "":
        return []
    if isinstance(v, str):  # a findings.csv-like cell: ';'-separated
        return [x for x in v.split(";") if x]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ValueError(f"{where}: '{key}' must be a list of texts")
    return list(v)


def _dict(d: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    v = d.get(key)
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise ValueError(f"{where}: '{key}' must be an object")
    return dict(v)


def _path_json(p: EvidencePath) -> dict[str, Any]:
    return {"nodes": p.nodes, "steps": [_step_json(s) for s in p.steps]}


def _step_json(s: Step) -> dict[str, Any]:
    """A step as JSON, field by field: no ``asdict`` deep copy (the bulk of writing 10,000
    findings); the values are only serialised."""
    return {"source": s.source, "target": s.target, "kind": s.kind, "label": s.label,
            "valid_from": s.valid_from, "valid_until": s.valid_until, "declared": s.declared,
            "evidence": s.evidence, "link_id": s.link_id,
            "match": asdict(s.match) if is_dataclass(s.match) and not isinstance(s.match, type)
            else s.match,
            "label_code": s.label_code, "label_params": s.label_params}




def as_finding(f: Finding | dict[str, Any]) -> Finding:
    """A finding, given as one or as its :meth:`Finding.to_json` dict (callers that still
    hold JSON)."""
    return f if isinstance(f, Finding) else Finding.from_json(f)


def step_key(step: Step | dict[str, Any]) -> str:
    """The id of a step within one run's ``graph.json``: its link id; a step that is no
    link of the graph (a decision, a gift) by its kind, ends, label code and evidence rows.
    A step written before label codes keeps the id it had then (kind, ends, label), so an
    older run's findings still find their ``graph.json`` edges."""
    if isinstance(step, dict):
        lid, kind, source, target = (step.get("link_id"), step.get("kind"), step.get("source"),
                                     step.get("target"))
        code, label, evidence = step.get("label_code"), step.get("label"), step.get("evidence")
    else:
        lid, kind, source, target = step.link_id, step.kind, step.source, step.target
        code, label, evidence = step.label_code, step.label, step.evidence
    if lid:
        return str(lid)
    if code:
        return f"{kind}:{source}:{target}:{code}:{';'.join(map(str, evidence or []))}"
    return f"{kind}:{source}:{target}:{label}"


def finding_id(rule: str, decision_id: str, record: str, subject_id: str,
               counterparty: str) -> str:
    """The stable id: a hash of what the finding is about, nothing else."""
    key = "\x1f".join([rule, decision_id, record, subject_id, counterparty])
    return "F-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def evidence_hash(records: list[tuple[str, str]]) -> str:
    """A hash of the (record key, row digest) pairs behind a finding, order-free."""
    blob = "\x1e".join(f"{k}\x1f{d}" for k, d in sorted(set(records)))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def findings_document(findings: list[Finding]) -> str:
    """``findings.json`` version 2 as text: each node and each step written once under
    ``evidence`` (by content: the same link behind 500 findings is one line), the findings
    citing them by index; one finding, node or step per line (readable, diffable).

    Derived fields (``path`` text, ``path_nodes``, ``evidence``, ``declared``) are left out:
    :func:`load_findings` computes them from the paths.
    """
    dumps = json.dumps
    node_ix: dict[str, int] = {}
    step_ix: dict[str, int] = {}
    node_by_id: dict[int, int] = {}
    node_seen: dict[tuple[tuple[str, Any], ...], int] = {}
    step_by_id: dict[int, int] = {}
    kept: list[Any] = []  # keeps the objects alive, so their id() cannot be reused meanwhile

    def cite(p: EvidencePath) -> dict[str, list[int]]:
        ns: list[int] = []
        for n in p.nodes:
            i = node_by_id.get(id(n))
            if i is None:
                try:  # a node is a few texts: its items are a cheaper key than its JSON
                    i = node_seen.get(tuple(n.items()))
                    if i is None:
                        text = dumps(n, ensure_ascii=False)
                        i = node_seen[tuple(n.items())] = node_ix.setdefault(text, len(node_ix))
                except TypeError:  # an unhashable value
                    i = node_ix.setdefault(dumps(n, ensure_ascii=False), len(node_ix))
                node_by_id[id(n)] = i
                kept.append(n)
            ns.append(i)
        ss: list[int] = []
        for st in p.steps:
            i = step_by_id.get(id(st))
            if i is None:
                text = dumps(_step_json(st), ensure_ascii=False)
                i = step_ix.setdefault(text, len(step_ix))
                step_by_id[id(st)] = i
                kept.append(st)
            ss.append(i)
        return {"nodes": ns, "steps": ss}

    lines = []
    for f in findings:
        d = {name: getattr(f, name) for name in _FINDING_FIELDS}
        d["path"] = cite(f.path)
        d["other_paths"] = [cite(p) for p in f.other_paths]
        lines.append(dumps(d, ensure_ascii=False))
    return ("{\"schema_version\": %d,\n\"findings\": [\n" % SCHEMA_VERSION
            + ",\n".join(lines)
            + "\n],\n\"evidence\": {\n\"nodes\": [\n" + ",\n".join(node_ix)
            + "\n],\n\"steps\": [\n" + ",\n".join(step_ix) + "\n]\n}}\n")


#: A finding's own fields in findings.json version 2 (its paths are cited apart).
_FINDING_FIELDS = tuple(f.name for f in fields(Finding) if f.name not in ("path", "other_paths"))


def findings_from_document(doc: Any, where: str = "findings.json") -> list[Finding]:
    """Findings from a parsed ``findings.json`` of any version this code knows.

    Raises :class:`InputError` saying which finding and field is wrong, or that the file
    comes from a newer coi-graph.
    """
    try:
        if isinstance(doc, list):  # version 1
            return [Finding.from_json(d, f"{where}: finding {i + 1}") for i, d in enumerate(doc)]
        if not isinstance(doc, dict) or "schema_version" not in doc:
            raise ValueError(f"{where}: expected a list of findings or an object with "
                             "'schema_version'")
        version = doc["schema_version"]
        if version != SCHEMA_VERSION:
            raise ValueError(f"{where}: schema_version {version!r} is not one this version "
                             f"of coi-graph reads (1 or {SCHEMA_VERSION}); a newer coi-graph "
                             "wrote it: upgrade, or scan again with this version")
        ev = _obj(doc.get("evidence") or {}, f"{where}: evidence")
        raw_nodes, raw_steps = ev.get("nodes") or [], ev.get("steps") or []
        if not isinstance(raw_nodes, list) or not isinstance(raw_steps, list):
            raise ValueError(f"{where}: evidence: 'nodes' and 'steps' must be lists")
        EvidencePath.from_json({"nodes": raw_nodes}, f"{where}: evidence")  # checks the nodes
        steps = [Step.from_json(s, f"{where}: evidence: step {i}")
                 for i, s in enumerate(raw_steps)]
        items = doc.get("findings")
        if not isinstance(items, list):
            raise ValueError(f"{where}: 'findings' must be a list")

        def path(ref: Any, at: str) -> EvidencePath:
            ref = _obj(ref, at)
            try:
                # the nodes are copied per finding: a reader may annotate them
                return EvidencePath([dict(raw_nodes[i]) for i in ref.get("nodes") or []],
                                    [steps[i] for i in ref.get("steps") or []])
            except (IndexError, TypeError):
                raise ValueError(f"{at}: cites a node or step that is not under "
                                 "'evidence'") from None

        out = []
        for i, d in enumerate(items):
            at = f"{where}: finding {i + 1}"
            d = _obj(d, at)
            others = d.get("other_paths") or []
            if not isinstance(others, list):
                raise ValueError(f"{at}: 'other_paths' must be a list")
            at = f"{at} {_s(d, 'finding_id', at, required=True)}"
            out.append(Finding._from_fields(d, at, path(d.get("path"), f"{at}: path"),
                                            [path(p, f"{at}: other path") for p in others]))
        return out
    except ValueError as e:
        raise InputError(f"{e}; run `coi scan` again to write it anew.") from None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def json_loads(text: str) -> Any:
    """``json.loads`` of a run folder's file that also refuses an escaped lone surrogate
    (``"\\ud800"``, half of a character pair): JSON lets it through as a string no UTF-8
    file or page can hold, so `coi explore` and `coi serve` failed with a traceback while
    writing the page.  A ValueError naming the line and column, as for other bad JSON."""
    doc = json.loads(text)
    if _SURROGATE_ESCAPE.search(text) is None:  # the usual case: nothing to look for
        return doc
    stack = [doc]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, str) and not v.isascii():
            lone = next((ch for ch in v if 0xD800 <= ord(ch) <= 0xDFFF), None)
            if lone is not None:
                m = re.search(re.escape(f"\\u{ord(lone):04x}"), text, re.IGNORECASE)
                at = m.start() if m else 0
                line = text.count("\n", 0, at) + 1
                col = at - (text.rfind("\n", 0, at) + 1) + 1
                raise ValueError(f"line {line} column {col}: \\u{ord(lone):04x} is half of "
                                 "a character pair (a lone surrogate), not a character")
    return doc


def load_findings(path: str | Path) -> list[Finding]:
    """The findings of a run folder (or of one ``findings.json`` file), typed.

    Reads every version of ``findings.json`` (see the module docstring); a missing or
    unreadable file, or a malformed finding, is an :class:`InputError` naming the file.
    """
    p = Path(path)
    if p.is_dir():
        p = p / "findings.json"
    if not p.is_file():
        raise InputError(f"{p}: not found; run `coi scan DATA --out RUN_DIR` first.")
    try:
        doc = json_loads(p.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(f"{p}: not readable as JSON ({e}); run `coi scan` again.") from None
    return findings_from_document(doc, str(p))


def write_findings(findings: list[Finding], run_dir: Path, lang: str = "nl"
                   ) -> tuple[Path, Path]:
    """Write ``findings.csv`` (UTF-8, comma; its ``path`` in ``lang``) and ``findings.json``
    (version 2, codes only); atomic per file."""
    from .private_files import private_dir, private_file

    private_dir(run_dir)  # personal data: the owner's only (see private_files)
    csv_path, json_path = run_dir / "findings.csv", run_dir / "findings.json"
    # cells from hostile input must not run as formulas in Excel (see export_cells)
    write_csv(csv_path, (f.csv_row(lang) for f in findings), CSV_COLUMNS, private=True)
    tmp = json_path.with_suffix(".json.tmp")
    tmp.write_text(findings_document(findings), encoding="utf-8")
    private_file(tmp)
    tmp.replace(json_path)
    return csv_path, json_path


def read_findings(run_dir: Path) -> list[dict[str, Any]]:
    """The findings of a finished run as plain dicts (the version 1 form, every path in
    full), whatever version wrote the file: for pandas and notebooks.  Code should use
    :func:`load_findings`."""
    return [f.to_json() for f in load_findings(run_dir)]
