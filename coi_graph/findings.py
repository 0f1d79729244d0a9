"""Findings: what a scan reports, their stable ids, and the files they are written to.

A finding's id depends on *what* it is about (rule, decision or register record, subject,
counterparty), never on row order or line numbers, so a later scan of the same situation
gives the same id.  Whether its evidence changed is told by ``evidence_hash``, a hash of the
record keys and row contents behind every path, which triage uses to reopen a closed case.

>>> finding_id("self_interest", "D1", "", "E1", "organization:O1")
'F-a8747bdcf6c9436c'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from .export_cells import write_csv

__all__ = [
    "Step",
    "EvidencePath",
    "Finding",
    "finding_id",
    "evidence_hash",
    "CSV_COLUMNS",
    "write_findings",
    "read_findings",
    "format_eur",
]

#: The contract's columns first, in its order; then this tool's extensions.
CSV_COLUMNS = [
    "finding_id", "rule", "severity", "score", "decision_id", "record", "subject_id",
    "counterparty", "declared", "path", "path_nodes", "evidence",
    "subject_role", "subject_name", "subject_department", "counterparty_name",
    "decision_kind", "decision_date", "amount_eur", "articles", "evidence_hash",
]


@dataclass
class Step:
    """One link on an evidence path, from ``source`` to ``target``."""

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
        out = [self.nodes[0]["label"]]
        for step, node in zip(self.steps, self.nodes[1:]):
            out.append(f" -[{step.label}]- {node['label']}")
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

    def csv_row(self) -> dict[str, str]:
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
            "path": self.path.text,
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
        }

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = dict(self.csv_row())
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
        return d


def _path_json(p: EvidencePath) -> dict[str, Any]:
    return {"nodes": p.nodes, "steps": [_step_json(s) for s in p.steps]}


def _step_json(s: Step) -> dict[str, Any]:
    """``asdict(step)`` without its deep copy (the bulk of writing 10,000 findings): the
    values are only serialised."""
    return {name: asdict(v) if is_dataclass(v) and not isinstance(v, type) else v
            for name in _STEP_FIELDS for v in (getattr(s, name),)}


_STEP_FIELDS = tuple(f.name for f in fields(Step))


def _json_lines(items: list[dict[str, Any]]) -> str:
    """A JSON array with one item per line: each item by the C encoder (``indent`` would
    use the pure-Python one, 4x slower), still readable and diffable line by line."""
    return "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n"


def finding_id(rule: str, decision_id: str, record: str, subject_id: str,
               counterparty: str) -> str:
    """The stable id: a hash of what the finding is about, nothing else."""
    key = "\x1f".join([rule, decision_id, record, subject_id, counterparty])
    return "F-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def evidence_hash(records: list[tuple[str, str]]) -> str:
    """A hash of the (record key, row digest) pairs behind a finding, order-free."""
    blob = "\x1e".join(f"{k}\x1f{d}" for k, d in sorted(set(records)))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def format_eur(amount: float | None) -> str:
    """Dutch money notation: ``EUR 48.000`` or ``EUR 1.234,56``.

    >>> format_eur(48000), format_eur(1234.5)
    ('EUR 48.000', 'EUR 1.234,50')
    """
    if amount is None:
        return ""
    if float(amount).is_integer():
        s = f"{int(amount):,}".replace(",", ".")
    else:
        s = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"EUR {s}"


def write_findings(findings: list[Finding], run_dir: Path) -> tuple[Path, Path]:
    """Write ``findings.csv`` (UTF-8, comma) and ``findings.json``; atomic per file."""
    run_dir.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = run_dir / "findings.csv", run_dir / "findings.json"
    # cells from hostile input must not run as formulas in Excel (see export_cells)
    write_csv(csv_path, (f.csv_row() for f in findings), CSV_COLUMNS)
    tmp = json_path.with_suffix(".json.tmp")
    tmp.write_text(_json_lines([f.to_json() for f in findings]), encoding="utf-8")
    tmp.replace(json_path)
    return csv_path, json_path


def read_findings(run_dir: Path) -> list[dict[str, Any]]:
    """The findings of a finished run, as written (``findings.json``)."""
    return json.loads((Path(run_dir) / "findings.json").read_text(encoding="utf-8"))
