"""Reviewers' judgements on pairs of records, kept append-only in the workspace.

Why: the matcher scores evidence; a reviewer who knows better confirms a pair ("this applicant
is our employee") or rejects it ("a namesake"), with who, when and why.  The next scan
follows the judgement and the finding says so.  A judgement belongs to a *pair id*
(:func:`coi_graph.match.compare.pair_id`), made from fingerprints of what the comparison read
from both records: while both records are the same, a rejected pair never returns; when one
changes, the pair is judged anew.

The table ``match_judgements`` is created by the workspace's migrations (schema 5), refuses
updates and deletes like the case events, and is sealed in the workspace's audit chain, so
``coi verify`` reports a judgement that was changed, removed or inserted behind the tool's back.  An ``undo`` is a new row that withdraws the
pair's latest judgement.  Each row carries ``row_hash``, the SHA-256 of its canonical JSON
(:func:`canonical_row`), so a chain over the workspace can include it deterministically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..match.records import Judgement

if TYPE_CHECKING:
    from .workspace import Workspace

__all__ = ["record_judgement", "current_judgements", "load_judgements",
           "judgement_rows", "canonical_row", "DECISIONS"]

DECISIONS = ("confirm", "reject", "undo")

_FIELDS = ("seq", "pair_id", "record_a", "record_b", "decision", "judged_by", "judged_at", "why")


def canonical_row(row: dict[str, Any]) -> str:
    """The row as canonical JSON (sorted keys, ASCII, no spaces): what ``row_hash`` hashes."""
    return json.dumps({k: row[k] for k in _FIELDS}, sort_keys=True, ensure_ascii=True,
                      separators=(",", ":"))


def _open(path: str | Path, create: bool, key: Any = "env") -> Workspace:
    from .workspace import FROM_ENV, open_workspace

    # its migrations create the table; ``key`` "env": the audit key of $COI_AUDIT_KEY_FILE
    return open_workspace(path, create=create, key=FROM_ENV if key == "env" else key)


def record_judgement(path: str | Path, pair_id: str, records: tuple[str, str], decision: str,
                     by: str, why: str, at: str | None = None, *, key: Any = "env"
                     ) -> dict[str, Any]:
    """Append one judgement; returns the stored row.  ``undo`` needs a current judgement.
    ``key``: the audit key to seal it with (bytes, or None for none; default ``"env"``:
    ``$COI_AUDIT_KEY_FILE``'s), as ``coi serve`` passes the one it read on start."""
    if decision not in DECISIONS:
        raise InputError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}.")
    if not by.strip():
        raise InputError("say who judges (--by NAME).")
    if not why.strip():
        raise InputError("say why (--why TEXT): a judgement without a reason cannot be reviewed.")
    from .workspace import Workspace

    Workspace._refuse_bad_text(by=by, why=why)
    ws = _open(path, create=True, key=key)
    try:
        with ws.transaction() as conn:  # sealed in the audit chain before COMMIT
            return _append(conn, pair_id, records, decision, by, why, at)
    finally:
        ws.close()


def _append(conn: sqlite3.Connection, pair_id: str, records: tuple[str, str], decision: str,
            by: str, why: str, at: str | None) -> dict[str, Any]:
    if decision == "undo" and pair_id not in current_judgements(conn):
        raise InputError(f"{pair_id}: no judgement to undo (see `coi match list`).")
    seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM match_judgements").fetchone()[0]
    a, b = sorted(records)
    row = {"seq": int(seq), "pair_id": pair_id, "record_a": a, "record_b": b,
           "decision": decision, "judged_by": by.strip(), "why": why.strip(),
           "judged_at": at or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    row["row_hash"] = hashlib.sha256(canonical_row(row).encode()).hexdigest()
    conn.execute(
        "INSERT INTO match_judgements (seq, pair_id, record_a, record_b, decision, judged_by,"
        " judged_at, why, row_hash) VALUES (:seq, :pair_id, :record_a, :record_b, :decision,"
        " :judged_by, :judged_at, :why, :row_hash)", row)
    return row


def judgement_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    cur = conn.execute("SELECT seq, pair_id, record_a, record_b, decision, judged_by, judged_at,"
                       " why, row_hash FROM match_judgements ORDER BY seq")
    return [dict(zip(_FIELDS + ("row_hash",), r)) for r in cur.fetchall()]


def current_judgements(conn: sqlite3.Connection) -> dict[str, Judgement]:
    """Pair id -> the judgement in force (an ``undo`` withdraws the latest one; the one
    before it, if any, is in force again)."""
    stacks: dict[str, list[Judgement]] = {}
    for r in judgement_rows(conn):
        st = stacks.setdefault(r["pair_id"], [])
        if r["decision"] == "undo":
            if st:
                st.pop()
        else:
            st.append(Judgement(r["decision"], r["judged_by"], r["judged_at"], r["why"],
                                (r["record_a"], r["record_b"])))
    return {pid: st[-1] for pid, st in sorted(stacks.items()) if st}


def load_judgements(path: str | Path | None) -> dict[str, Judgement]:
    """The judgements in force in the workspace at ``path`` (none when it does not exist)."""
    from .workspace import default_workspace_path

    p = Path(path) if path is not None else default_workspace_path()
    if not p.exists():
        return {}
    ws = _open(p, create=False)
    try:
        return current_judgements(ws.conn)
    finally:
        ws.close()
