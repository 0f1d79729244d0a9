"""Compare two scans: which findings are new, resolved, changed or unchanged, and *why*.

A difference between two runs has two possible sources: the DATA (the exports changed) or
the POLICY / rules (other settings, or another version of the tool).  An auditor must know
which, because "three new conflicts" means something else when the integrity code was
widened than when a manager took a side job.

How each new, resolved or changed finding is attributed (``cause``):

1. Only the data differs (same policy settings that can affect findings, same tool version):
   ``data``.  Only the policy or version differs (identical input checksums): ``policy``.
2. Both differ, both data folders are still there unchanged (checksums as in run.json) and
   both runs were made by this version of the tool: *cross-scan*.  The data of B is scanned
   with the policy of A and the data of A with the policy of B; a difference that the new data
   alone reproduces is ``data``, one that the new policy alone reproduces is ``policy``, and
   one that needs both (or that either produces) is ``data and policy``.  This is exact.
3. Both differ and no cross-scan is possible: per finding.  A specific policy change that
   explains it (its rule switched on/off, a relation on its path that is or is no longer
   family, a path longer than the other run's ``paths.max_links``, a subject role added or
   removed) gives ``policy`` when none of the tables its evidence cites changed, else
   ``data and policy``.  When no setting that can affect the finding's rule changed and the
   version is the same, ``data``.  Otherwise ``data and policy``: we cannot tell.

Settings that cannot change which findings exist (``reports.*``) are ignored; ``scoring.*`` and
base scores only change scores, which is reported for unchanged findings as re-scored.

>>> flatten({"a": {"b": 1, "c": [1, 2]}})
{'a.b': 1, 'a.c': [1, 2]}
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import InputError
from ..findings import Finding, load_findings

__all__ = ["DiffEntry", "RunDiff", "diff_runs", "flatten", "CHANGES", "CAUSES"]

CHANGES = ("new", "resolved", "changed", "unchanged")
CAUSES = ("data", "policy", "data and policy")

#: Settings that change scores and severities only.
_SCORE_ONLY = ("scoring.",)
_IGNORED = ("reports.",)


@dataclass
class DiffEntry:
    """One finding's change between run A and run B."""

    finding_id: str
    change: str
    rule: str
    subject_id: str
    subject_name: str
    counterparty: str
    counterparty_name: str
    decision_id: str
    record: str
    severity_a: str | None
    severity_b: str | None
    score_a: int | None
    score_b: int | None
    evidence_hash_a: str | None
    evidence_hash_b: str | None
    cause: str = ""
    reason: str = ""

    @property
    def rescored(self) -> bool:
        return (self.change == "unchanged"
                and (self.severity_a != self.severity_b or self.score_a != self.score_b))


@dataclass
class RunDiff:
    """The comparison of two run folders."""

    run_a: str
    run_b: str
    as_of_a: str | None
    as_of_b: str | None
    version_a: str
    version_b: str
    tables_changed: list[str]
    settings_changed: list[str]
    method: str
    entries: list[DiffEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def data_changed(self) -> bool:
        return bool(self.tables_changed)

    @property
    def policy_changed(self) -> bool:
        """Settings that can affect findings, or the tool version (its rules), differ."""
        return bool(self.finding_settings_changed) or self.version_a != self.version_b

    @property
    def finding_settings_changed(self) -> list[str]:
        return [s for s in self.settings_changed if not s.startswith(_SCORE_ONLY + _IGNORED)]

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(e.change for e in self.entries)
        out = {k: c.get(k, 0) for k in CHANGES}
        out["rescored"] = sum(1 for e in self.entries if e.rescored)
        return out

    @property
    def counts_by_cause(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for e in self.entries:
            if e.change != "unchanged":
                out.setdefault(e.change, {}).setdefault(e.cause, 0)
                out[e.change][e.cause] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "run_a": self.run_a, "run_b": self.run_b,
            "as_of_a": self.as_of_a, "as_of_b": self.as_of_b,
            "version_a": self.version_a, "version_b": self.version_b,
            "data_changed": self.data_changed, "tables_changed": self.tables_changed,
            "policy_changed": self.policy_changed, "settings_changed": self.settings_changed,
            "method": self.method, "counts": self.counts, "counts_by_cause": self.counts_by_cause,
            "notes": self.notes,
            "findings": [asdict(e) | {"rescored": e.rescored} for e in self.entries],
        }


def flatten(d: Any, prefix: str = "") -> dict[str, Any]:
    """A nested settings dict as ``{"a.b": value}`` (lists are values)."""
    if not isinstance(d, dict):
        return {prefix.rstrip("."): d}
    out: dict[str, Any] = {}
    for k, v in d.items():
        out.update(flatten(v, f"{prefix}{k}.") if isinstance(v, dict) else {f"{prefix}{k}": v})
    return out


def _load_run(run_dir: Path) -> tuple[dict[str, Any], dict[str, Finding]]:
    rj, fj = run_dir / "run.json", run_dir / "findings.json"
    if not rj.is_file() or not fj.is_file():
        raise InputError(f"{run_dir}: not a run folder; give a folder written by `coi scan` "
                         "(it holds run.json and findings.json).")
    run = json.loads(rj.read_text(encoding="utf-8"))
    findings = {f.finding_id: f for f in load_findings(fj)}  # any findings.json version
    found = _find_data_folder(run, run_dir)
    if found is not None:
        run = {**run, "data_dir": str(found)}
    return run, findings


def _input_files(info: Any) -> list[tuple[str, str]]:
    """A table's files in run.json as (file, SHA-256) pairs.  A table read from several
    files (``orders_2023.csv`` and ``orders_2024.xlsx``) has its checksums per file only:
    the table's own ``file`` is "a + b" and its ``sha256`` empty, so comparing those said
    "identical input files" after a change in one of them."""
    if not isinstance(info, dict):
        return []
    files = [f for f in info.get("files") or [] if isinstance(f, dict)]
    if files:
        return [(str(f.get("file", "")), str(f.get("sha256", ""))) for f in files]
    return [(str(info.get("file", "")), str(info.get("sha256", "")))]


def _changed_file(folder: Path, run: dict[str, Any]) -> Path | None:
    """The first input file of ``run`` (an export, or the mapping file that said how to read
    them) that is gone from ``folder`` or differs from the checksum the run recorded
    (None: every file as it was)."""
    for info in [*(run.get("inputs") or {}).values(), run.get("mapping")]:
        for file, sha in _input_files(info) if info is not None else []:
            p = folder / file
            if not p.is_file() or hashlib.sha256(p.read_bytes()).hexdigest() != sha:
                return p
    return None


def _inputs_match(folder: Path, run: dict[str, Any]) -> bool:
    inputs = [i for i in (run.get("inputs") or {}).values() if isinstance(i, dict)]
    return bool(inputs) and _changed_file(folder, run) is None


def _find_data_folder(run: dict[str, Any], run_dir: Path) -> Path | None:
    """The run's data folder, wherever `coi diff` is run from.

    A scan now records it resolved; older runs have it as it was typed (``exports/2024``),
    relative to a folder nobody wrote down.  Candidates are tried as given, from the current
    folder, and from the run folder and its parents; the first whose files still have the
    run's checksums wins, else the first that exists (the checksum test comes later and says
    what changed).  ``None`` when there is nothing to try.
    """
    raw = str(run.get("data_dir") or "")
    if not raw:
        return None
    given = Path(raw)
    if given.is_absolute():
        return given
    rd = run_dir.resolve()
    candidates = [Path.cwd() / given, *[base / given for base in [rd, *rd.parents]]]
    existing = [c.resolve() for c in candidates if c.is_dir()]
    for c in existing:
        if _inputs_match(c, run):
            return c
    return existing[0] if existing else None


def _tables_changed(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    ia, ib = a.get("inputs") or {}, b.get("inputs") or {}
    changed = sorted(t for t in set(ia) | set(ib)
                     if sorted(_input_files(ia.get(t))) != sorted(_input_files(ib.get(t))))
    ma, mb = (_input_files(r.get("mapping")) for r in (a, b))
    if [sha for _, sha in ma] != [sha for _, sha in mb]:  # the columns were read otherwise
        changed.append(str((mb or ma)[0][0]))
    return changed


def _settings_changed(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    fa, fb = flatten(a.get("policy") or {}), flatten(b.get("policy") or {})
    return sorted(k for k in set(fa) | set(fb) if _norm(fa.get(k)) != _norm(fb.get(k)))


def _norm(v: Any) -> Any:
    return sorted(map(str, v)) if isinstance(v, (list, tuple)) else v


def _entry(fid: str, change: str, fa: Finding | None, fb: Finding | None
           ) -> DiffEntry:
    f = fb or fa
    assert f is not None
    return DiffEntry(
        finding_id=fid, change=change, rule=f.rule,
        subject_id=f.subject_id, subject_name=f.subject_name,
        counterparty=f.counterparty, counterparty_name=f.counterparty_name,
        decision_id=f.decision_id, record=f.record,
        severity_a=fa.severity if fa else None,
        severity_b=fb.severity if fb else None,
        score_a=fa.score if fa else None, score_b=fb.score if fb else None,
        evidence_hash_a=fa.evidence_hash if fa else None,
        evidence_hash_b=fb.evidence_hash if fb else None)


def diff_runs(run_a: str | Path, run_b: str | Path, *, cross_scan: bool | None = None,
              progress: Callable[[str], None] | None = None) -> RunDiff:
    """Compare run folder A (earlier) with run folder B (later).

    ``cross_scan``: ``None`` (default) cross-scans when it is needed and possible (both data
    and policy differ; see the module docstring), ``False`` never (per-finding reasoning from
    checksums and settings only), ``True`` insists and fails with a message when impossible.
    """
    a_dir, b_dir = Path(run_a), Path(run_b)
    ra, fa = _load_run(a_dir)
    rb, fb = _load_run(b_dir)
    tables = _tables_changed(ra, rb)
    settings = _settings_changed(ra, rb)
    d = RunDiff(str(a_dir), str(b_dir), ra.get("as_of"), rb.get("as_of"),
                str(ra.get("version", "")), str(rb.get("version", "")), tables, settings,
                method="checksums")
    for fid in sorted(set(fa) | set(fb)):
        a, b = fa.get(fid), fb.get(fid)
        if a is None:
            change = "new"
        elif b is None:
            change = "resolved"
        elif a.evidence_hash != b.evidence_hash:
            change = "changed"
        else:
            change = "unchanged"
        d.entries.append(_entry(fid, change, a, b))
    if set(settings) - set(d.finding_settings_changed):
        d.notes.append("settings that only affect scores or reports differ: "
                       + ", ".join(s for s in settings if s not in d.finding_settings_changed))
    _attribute(d, ra, rb, fa, fb, cross_scan, progress)
    return d


def _attribute(d: RunDiff, ra: dict[str, Any], rb: dict[str, Any],
               fa: dict[str, Finding], fb: dict[str, Finding],
               cross_scan: bool | None, progress: Callable[[str], None] | None) -> None:
    todo = [e for e in d.entries if e.change != "unchanged"]
    for e in d.entries:
        if e.rescored:
            # Same evidence hash: the rows behind it are the same, so only settings or the
            # tool's rules can have moved the score.
            scoring = [s for s in d.settings_changed if s.startswith("scoring.")
                       or s.endswith(".base_score")]
            # a rule's own setting moves a score part too (gifts.value_limit_eur: "gift
            # value above the policy limit"); with the same input files only the policy can
            # have done it (it said "data" beside "data: identical input files")
            others = [s for s in d.finding_settings_changed if s not in scoring]
            names = scoring or others
            if scoring or d.version_a != d.version_b:
                e.cause = "policy"
            elif others:
                e.cause = "data and policy" if d.data_changed else "policy"
            else:
                e.cause = "data"
            e.reason = f"score {e.score_a} -> {e.score_b}" + (
                f" ({', '.join(names)} changed)" if names else "")
    if not todo:
        return
    if not d.data_changed and not d.policy_changed:
        d.notes.append("same input checksums, settings and tool version, yet findings differ; "
                       "check the notes in run.json (e.g. as_of)")
        for e in todo:
            e.cause, e.reason = "data and policy", "no difference in inputs or settings found"
        return
    if not d.policy_changed:
        for e in todo:
            e.cause = "data"
            e.reason = _data_reason(e, fa, fb, ra, rb)
        return
    if not d.data_changed:
        for e in todo:
            e.cause = "policy"
            e.reason = _policy_reason(e, fa, fb, ra, rb) or _settings_text(d)
        return
    why_not = _cross_scan_obstacle(d, ra, rb)
    if cross_scan is True and why_not:
        raise InputError(f"cannot cross-scan: {why_not}.")
    if cross_scan is not False and not why_not:
        _attribute_by_cross_scan(d, ra, rb, fa, fb, todo, progress)
        return
    if why_not and cross_scan is None:
        d.notes.append(f"data and policy both differ; no cross-scan ({why_not}), so causes "
                       "are inferred per finding")
    for e in todo:
        e.cause, e.reason = _infer(d, e, fa, fb, ra, rb)


# -- per-finding reasoning -------------------------------------------------------------------


def _cited_tables(*findings: Finding | None) -> set[str]:
    out = set()
    for f in findings:
        for ev in f.evidence if f is not None else []:
            out.add(str(ev).split(":", 1)[0])
    return out


def _data_reason(e: DiffEntry, fa: dict[str, Finding], fb: dict[str, Finding],
                 ra: dict[str, Any], rb: dict[str, Any]) -> str:
    cited = _cited_tables(fa.get(e.finding_id), fb.get(e.finding_id))
    changed = [t for t in sorted(cited) if t in _tables_changed(ra, rb)]
    if changed:
        return "changed input: " + ", ".join(changed)
    return "changed input: " + ", ".join(_tables_changed(ra, rb))


def _family_steps(f: Finding | None) -> set[str]:
    if not f:
        return set()
    out = set()
    for p in [f.path, *f.other_paths]:
        for s in p.steps:
            if s.kind == "family":  # the relation code (older runs: the label was the code)
                out.add(str(s.label_params.get("relation") or s.label))
    return out


def _links(f: Finding | None) -> int:
    steps = f.path.steps if f is not None else []
    return sum(1 for s in steps if s.kind not in ("decision", "gift"))


def _policy_reason(e: DiffEntry, fa: dict[str, Finding], fb: dict[str, Finding],
                   ra: dict[str, Any], rb: dict[str, Any]) -> str:
    """A specific setting that explains a new or resolved finding, or ''."""
    pa, pb = ra.get("policy") or {}, rb.get("policy") or {}
    f = fb.get(e.finding_id) or fa.get(e.finding_id)
    ena = ((pa.get("rules") or {}).get(e.rule) or {}).get("enabled", True)
    enb = ((pb.get("rules") or {}).get(e.rule) or {}).get("enabled", True)
    if e.change == "new" and not ena and enb:
        return f"rule {e.rule} switched on"
    if e.change == "resolved" and ena and not enb:
        return f"rule {e.rule} switched off"
    fam_a = set((pa.get("family") or {}).get("relations") or [])
    fam_b = set((pb.get("family") or {}).get("relations") or [])
    rel = _family_steps(f)
    if e.change == "new" and rel & (fam_b - fam_a):
        return "family.relations now includes " + ", ".join(sorted(rel & (fam_b - fam_a)))
    if e.change == "resolved" and rel and rel <= (fam_a - fam_b):
        return "family.relations no longer includes " + ", ".join(sorted(rel))
    ma = (pa.get("paths") or {}).get("max_links")
    mb = (pb.get("paths") or {}).get("max_links")
    n = _links(f)
    if e.change == "new" and ma is not None and n > ma:
        return f"paths.max_links {ma} -> {mb} (this path has {n} links)"
    if e.change == "resolved" and mb is not None and n > mb:
        return f"paths.max_links {ma} -> {mb} (this path has {n} links)"
    roles_a, roles_b = set(pa.get("subject_roles") or []), set(pb.get("subject_roles") or [])
    role = set((f.subject_role if f is not None else "").replace(",", " ").split())
    if e.change == "new" and role and not role & roles_a and role & roles_b:
        return "subject_roles now includes " + ", ".join(sorted(role & roles_b))
    if e.change == "resolved" and role and role & roles_a and not role & roles_b:
        return "subject_roles no longer includes " + ", ".join(sorted(role & roles_a))
    return ""


def _settings_text(d: RunDiff) -> str:
    parts = []
    if d.finding_settings_changed:
        parts.append("settings changed: " + ", ".join(d.finding_settings_changed[:6])
                     + (" ..." if len(d.finding_settings_changed) > 6 else ""))
    if d.version_a != d.version_b:
        parts.append(f"tool version {d.version_a} -> {d.version_b}")
    return "; ".join(parts)


def _rule_sections(code: str) -> tuple[str, ...]:
    """Policy settings that can change whether a finding of this rule exists (the rule's
    module says which); an unknown rule (a newer run): none known."""
    from ..rules import RULES

    r = RULES.get(code)
    return r.policy_sections if r else ("",)


def _infer(d: RunDiff, e: DiffEntry, fa: dict[str, Finding], fb: dict[str, Finding],
           ra: dict[str, Any], rb: dict[str, Any]) -> tuple[str, str]:
    a, b = fa.get(e.finding_id), fb.get(e.finding_id)
    cited_changed = sorted(_cited_tables(a, b) & set(d.tables_changed))
    specific = _policy_reason(e, fa, fb, ra, rb) if e.change != "changed" else ""
    if e.change == "changed" and not cited_changed:
        return "policy", "the rows it cites are unchanged; " + _settings_text(d)
    if specific:
        if not cited_changed:
            return "policy", specific + "; the rows it cites are unchanged"
        return "data and policy", specific + "; also changed: " + ", ".join(cited_changed)
    relevant = [s for s in d.finding_settings_changed
                if s.startswith((*_rule_sections(e.rule), f"rules.{e.rule}."))]
    if not relevant and d.version_a == d.version_b:
        return "data", (_data_reason(e, fa, fb, ra, rb)
                        + "; no setting that affects this rule changed")
    return "data and policy", ("changed input: " + ", ".join(cited_changed or d.tables_changed)
                               + "; " + _settings_text(d))


# -- cross-scan ------------------------------------------------------------------------------


def _cross_scan_obstacle(d: RunDiff, ra: dict[str, Any], rb: dict[str, Any]) -> str:
    """Why a cross-scan cannot be done ('' when it can)."""
    if d.version_a != __version__ or d.version_b != __version__:
        return (f"the runs were made by coi-graph {d.version_a} and {d.version_b}, this is "
                f"{__version__}")
    for name, run in (("A", ra), ("B", rb)):
        folder = Path(str(run.get("data_dir") or ""))
        if not run.get("data_dir") or not folder.is_dir():
            return f"the data folder of run {name} ({folder}) is not there any more"
        changed = _changed_file(folder, run)
        if changed is not None:
            return f"{changed} changed since run {name}"
    return ""


def _attribute_by_cross_scan(d: RunDiff, ra: dict[str, Any], rb: dict[str, Any],
                             fa: dict[str, Finding], fb: dict[str, Finding],
                             todo: list[DiffEntry],
                             progress: Callable[[str], None] | None) -> None:
    from ..policy import Policy
    from ..scan import scan

    say = progress or (lambda _m: None)
    pol_a = Policy.from_dict(ra["policy"], source="run A")
    pol_b = Policy.from_dict(rb["policy"], source="run B")
    say("cross-scan: data of B with the policy of A")
    x = {f.finding_id: f.evidence_hash for f in
         scan(rb["data_dir"], None, pol_a, skip_bad_rows=True).findings}
    say("cross-scan: data of A with the policy of B")
    y = {f.finding_id: f.evidence_hash for f in
         scan(ra["data_dir"], None, pol_b, skip_bad_rows=True).findings}
    d.method = "cross-scan"
    for e in todo:
        fid = e.finding_id
        if e.change == "new":
            by_data, by_policy = fid in x, fid in y
            what = "appears"
        elif e.change == "resolved":
            by_data, by_policy = fid not in x, fid not in y
            what = "goes"
        else:
            by_data = x.get(fid) == e.evidence_hash_b
            by_policy = y.get(fid) == e.evidence_hash_b
            what = "changes"
        if by_data and not by_policy:
            e.cause = "data"
            e.reason = (f"{what} with the new data under the old policy "
                        f"({_data_reason(e, fa, fb, ra, rb)})")
        elif by_policy and not by_data:
            e.cause = "policy"
            e.reason = (f"{what} with the old data under the new policy ("
                        + (_policy_reason(e, fa, fb, ra, rb) or _settings_text(d)) + ")")
        elif by_data and by_policy:
            e.cause = "data and policy"
            e.reason = f"{what} with either the new data or the new policy alone"
        else:
            e.cause = "data and policy"
            e.reason = f"{what} only with the new data and the new policy together"
