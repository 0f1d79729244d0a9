"""Person-match review on a finding's page in ``coi serve``.

Why: a finding that rests on "this applicant is our employee" or "this KvK officer is an
employee's partner" is only as good as that match.  The page lists each pair of records the
finding's path takes to be one person, with every feature for and against (as the scan
weighed them), the band (match or *possible* match) and the judgement in force, and lets the
reviewer confirm or reject the pair, or undo their judgement.  Judgements are the same
append-only, audit-chained rows ``coi match confirm/reject/undo`` writes
(:mod:`coi_graph.outputs.match_judgements`); the next scan follows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..match.explain import band_text, feature_text, judgement_text
from .match_judgements import current_judgements

if TYPE_CHECKING:
    from ..findings import Finding
    from .workspace import Workspace

__all__ = ["match_pairs", "match_panel"]


def match_pairs(finding: Finding) -> list[dict[str, Any]]:
    """The scored record pairs on a finding's main path, in path order, each once.

    A pair is a step whose ``match`` carries a ``pair_id`` (rows matched by the scored
    comparison; exact key matches such as one employee id carry none and need no review).
    """
    labels = {n.get("key"): n.get("label", "") for n in finding.path.nodes}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for step in finding.path.steps:
        m = step.match or {}
        pid = m.get("pair_id")
        if not pid or pid in seen:
            continue
        seen.add(pid)
        a, b = step.source, step.target
        out.append({"pair_id": str(pid), "records": (a, b),
                    "labels": (labels.get(a, a), labels.get(b, b)),
                    "kind": step.kind, "evidence": list(step.evidence or []),
                    "band": str(m.get("band", "match")), "features": m.get("features") or [],
                    "judgement_at_scan": m.get("judgement")})
    return out


def _pair_labels(pair: dict[str, Any], lang: str) -> tuple[str, str]:
    """The two records of a pair as a reviewer should read them.

    A KvK officer matched to an employee or relative sits on the step from that person to
    the organization, whose other end is the organization: shown as it is, the pair would
    read "Maria de Vries-Bos ~ Bouwbedrijf Bos B.V. (same person)".  The officer's side is
    the officer row of that organization, named so with its source row.
    """
    a, b = pair["labels"]
    if pair.get("kind") != "officer":
        return a, b
    from .serve_text import text

    words = text(lang)["match_officer_of"]
    # the step also cites the person's own row (employees:/relatives:): not the officer's
    rows = ", ".join(r for r in pair.get("evidence") or [] if r.startswith("officers:"))
    if str(pair["records"][1]).startswith("organization:"):
        return a, words.format(org=b, rows=rows)
    return words.format(org=a, rows=rows), b


def match_panel(ws: Workspace, finding: Finding, lang: str) -> dict[str, Any] | None:
    """What the page's match section shows (None: the finding rests on no scored match)."""
    pairs = match_pairs(finding)
    if not pairs:
        return None
    current = current_judgements(ws.conn)
    rows = []
    for p in pairs:
        j = current.get(p["pair_id"])
        in_force = None if j is None else {"decision": j.decision, "by": j.by, "at": j.at,
                                           "why": j.why}
        rows.append({**p, "labels": _pair_labels(p, lang),
                     "band_text": band_text(p["band"], lang),
                     "features_text": [feature_text(f, lang) for f in p["features"]],
                     "judgement": in_force,
                     "judgement_text": judgement_text(in_force, lang),
                     "at_scan_text": judgement_text(p["judgement_at_scan"], lang)})
    return {"pairs": rows}
