"""The workspace: one SQLite file that remembers every scan, every case decision and every
accepted situation, so periodic scans become a case history instead of a pile of CSV files.

Why SQLite: one file an audit team can copy, back up and hand over; transactions make every
change all-or-nothing (a crash, ``kill -9`` or Ctrl-C in the middle of recording leaves the
previous state); WAL mode and a busy timeout let two people triage at the same time.

What it holds (schema version :data:`SCHEMA_VERSION`, migrated in place by :func:`open_workspace`):

``runs``
    one row per recorded scan: input checksums, the policy and its fingerprint, the tool
    version, the reference date (``as_of``), counts and the run folder.
``run_findings``
    every finding of every run, with what is needed to say later *what changed*: the path,
    the evidence rows (``table:line``) and, per evidence row, its key and values (person
    fields only as a short hash, so the workspace does not become a second copy of the HR
    file).
``run_declaration_stats``
    aggregate declaration-discipline figures per run (whole organization and per
    department), so a board report never needs the source files again.
``case_events``
    the case history, append-only: a status change is a new event, never an update
    (SQLite triggers refuse UPDATE and DELETE).  The current status of a case is its latest
    event; no event means ``open``.
``acceptances`` / ``acceptance_revocations``
    situations the organization has accepted (e.g. a known side function with
    safeguards), scoped to an employee, an organization, a rule or any combination, until
    a date.  Also append-only: revoking adds a revocation row.
``audit_chain``
    the tamper-evident seal of the tables above (schema 4): one entry per recorded run, case
    event, acceptance and revocation, in recording order, each holding
    ``sha256(previous hash + the row's content)``.  :meth:`Workspace.verify` (``coi verify``,
    and ``coi serve`` on start) recomputes the chain and names every row that was rewritten,
    removed, inserted or reordered behind the tool's back, including with ``INSERT OR
    REPLACE`` or after dropping the append-only triggers.  Another append-only table joins
    the chain with one :func:`chain_table` line.
``account_events``
    every ``coi user add`` and ``coi user remove`` (schema 7; append-only, in the chain), with
    the password hash it set: a ``users`` row that these events do not account for (put in,
    renamed or given another hash with the sqlite3 tool) cannot sign in to ``coi serve``
    and is named by :meth:`Workspace.verify`.
``audit_keys`` / ``audit_macs``
    the keyed chain (schema 6): with an audit key (``$COI_AUDIT_KEY_FILE``, made by ``coi
    key new``; never stored here, only its id) every entry also gets an HMAC, so someone who
    edits a row and recomputes every hash is caught by ``coi verify`` with the key.  Each
    key's registration holds its MAC over the head at that moment (covering all entries
    sealed before the key existed) and the previous key's endorsement.  Rollback (an older
    copy, or the last rows cut off with their entries) leaves a valid chain; each run's
    run.json records the chain it found (``workspace_chain``) so that ``coi verify --run``
    notices.  See "the keyed chain" below and README.md.
``users``
    accounts for ``coi serve`` on a network address (argon2 password hashes).

Decisions that the docstrings of the functions below explain in more detail:

* A case closed as ``explained`` or ``dismissed`` stays closed in later scans while the
  finding's ``evidence_hash`` is the one it was closed with; when the evidence changes,
  :func:`record_scan` appends an automatic ``open`` event (by ``coi-graph``) whose note says
  what changed.  ``confirmed`` is a final finding of fact and is not reopened; the case list
  still flags that its evidence changed.
* An acceptance counts for a run when the run's reference date (``as_of``, the date the data
  describes) is on or before ``valid_until`` and the acceptance has not been revoked.  Using
  the data's date rather than the clock makes a report of the same run always say the same,
  and an acceptance lapses at the first scan of data past its end date.  A matching finding is
  shown with status ``accepted`` (never hidden); its case history is kept, and when the
  acceptance lapses or is revoked the finding shows its own case status again.

>>> ws = open_workspace(":memory:")
>>> ws.schema_version == SCHEMA_VERSION
True
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import hmac
import json
import math
import os
import re
import secrets
import sqlite3
import stat
import statistics
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..collector import collector_paused
from ..errors import InputError, WorkspaceError
from ..findings import Finding, findings_from_document, json_loads

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ingest.model import Dataset

    from ..policy import Policy
    from ..scan import ScanResult

__all__ = [
    "CLOSED_STATUSES",
    "DECIDED_STATUSES",
    "MAX_TEXT",
    "SCHEMA_VERSION",
    "STATUSES",
    "SYSTEM_USER",
    "Acceptance",
    "Workspace",
    "declaration_stats",
    "default_workspace_path",
    "evidence_rows",
    "open_workspace",
    "read_without_key",
    "record_run_folder",
    "trail_read_without_key",
    "record_scan",
    "text_problem",
]

#: The statuses a person can give a case.  ``accepted`` is not one of them: it is shown when
#: an acceptance covers the finding (see :meth:`Workspace.accept`).
STATUSES: tuple[str, ...] = ("open", "in_review", "explained", "confirmed", "dismissed")
#: Closed with "nothing wrong here": these stay closed while the evidence is unchanged, and
#: are reopened automatically when it changes.
CLOSED_STATUSES: tuple[str, ...] = ("explained", "dismissed")
#: Statuses that end triage (for the board's "days to a decision").
DECIDED_STATUSES: tuple[str, ...] = ("explained", "confirmed", "dismissed")
#: The ``by`` of events the tool appends itself.
SYSTEM_USER = "coi-graph"

ENV_VAR = "COI_WORKSPACE"
DEFAULT_FILE = "coi-workspace.sqlite"

# -- schema --------------------------------------------------------------------------------

#: Ordered migrations: (version reached, what it does, statements).  Never edit a released
#: migration; add a new one.  Each runs inside the one transaction that also sets
#: ``PRAGMA user_version``, so a workspace is at one version or the next, never in between.
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "runs, their findings and the append-only case history", [
        """CREATE TABLE runs (
            run_id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_dir TEXT NOT NULL,
            run_json_sha256 TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            as_of TEXT,
            policy_fingerprint TEXT NOT NULL,
            policy_json TEXT NOT NULL,
            inputs_json TEXT NOT NULL,
            counts_json TEXT NOT NULL,
            n_findings INTEGER NOT NULL
        )""",
        """CREATE TABLE run_findings (
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            finding_id TEXT NOT NULL,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            score INTEGER NOT NULL,
            evidence_hash TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            subject_department TEXT NOT NULL DEFAULT '',
            decision_id TEXT NOT NULL DEFAULT '',
            counterparty TEXT NOT NULL DEFAULT '',
            declared INTEGER NOT NULL,
            PRIMARY KEY (run_id, finding_id)
        )""",
        """CREATE TABLE case_events (
            event_id INTEGER PRIMARY KEY AUTOINCREMENT,
            finding_id TEXT NOT NULL,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            status TEXT NOT NULL
                CHECK (status IN ('open', 'in_review', 'explained', 'confirmed', 'dismissed')),
            note TEXT NOT NULL DEFAULT '',
            evidence_hash TEXT
        )""",
        "CREATE INDEX case_events_finding ON case_events(finding_id, event_id)",
        """CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
           BEGIN SELECT RAISE(ABORT, 'case events are append-only: add a new event instead'); END""",
        """CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
           BEGIN SELECT RAISE(ABORT, 'case events are append-only: add a new event instead'); END""",
    ]),
    (2, "what changed: finding details and evidence rows; declaration figures per run", [
        "ALTER TABLE runs ADD COLUMN data_dir TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE runs ADD COLUMN period_start TEXT",
        "ALTER TABLE runs ADD COLUMN finished_at TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE run_findings ADD COLUMN record TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE run_findings ADD COLUMN subject_name TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE run_findings ADD COLUMN subject_role TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE run_findings ADD COLUMN counterparty_name TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE run_findings ADD COLUMN decision_date TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE run_findings ADD COLUMN path TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE run_findings ADD COLUMN path_nodes TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE run_findings ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE run_findings ADD COLUMN evidence_rows TEXT NOT NULL DEFAULT '{}'",
        "ALTER TABLE case_events ADD COLUMN run_id INTEGER",
        """CREATE TABLE run_declaration_stats (
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            department TEXT,
            staff INTEGER NOT NULL,
            staff_with_declaration INTEGER NOT NULL,
            pending_requests INTEGER NOT NULL,
            side_functions_active INTEGER NOT NULL,
            side_functions_unapproved INTEGER NOT NULL
        )""",
        ("CREATE UNIQUE INDEX run_declaration_stats_key "
         "ON run_declaration_stats(run_id, IFNULL(department, char(0)))"),
    ]),
    (3, "accepted situations (append-only, revocation as its own row)", [
        """CREATE TABLE acceptances (
            acceptance_id INTEGER PRIMARY KEY AUTOINCREMENT,
            employee_id TEXT,
            org_id TEXT,
            rule TEXT,
            justification TEXT NOT NULL CHECK (length(trim(justification)) > 0),
            owner TEXT NOT NULL CHECK (length(trim(owner)) > 0),
            valid_until TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            CHECK (employee_id IS NOT NULL OR org_id IS NOT NULL OR rule IS NOT NULL)
        )""",
        """CREATE TABLE acceptance_revocations (
            acceptance_id INTEGER PRIMARY KEY REFERENCES acceptances(acceptance_id),
            revoked_at TEXT NOT NULL,
            revoked_by TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TRIGGER acceptances_no_update BEFORE UPDATE ON acceptances
           BEGIN SELECT RAISE(ABORT, 'acceptances are append-only: revoke and add a new one'); END""",
        """CREATE TRIGGER acceptances_no_delete BEFORE DELETE ON acceptances
           BEGIN SELECT RAISE(ABORT, 'acceptances are append-only: revoke and add a new one'); END""",
        """CREATE TRIGGER acceptance_revocations_no_update BEFORE UPDATE ON acceptance_revocations
           BEGIN SELECT RAISE(ABORT, 'revocations are append-only'); END""",
        """CREATE TRIGGER acceptance_revocations_no_delete BEFORE DELETE ON acceptance_revocations
           BEGIN SELECT RAISE(ABORT, 'revocations are append-only'); END""",
        "CREATE INDEX run_findings_finding ON run_findings(finding_id, run_id)",
        "CREATE INDEX runs_sha ON runs(run_json_sha256)",
    ]),
    (4, "tamper-evident audit chain; the run history append-only; accounts for coi serve", [
        """CREATE TABLE audit_chain (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tbl TEXT NOT NULL,
            row_key INTEGER NOT NULL,
            hash TEXT NOT NULL,
            sealed_at TEXT NOT NULL,
            UNIQUE (tbl, row_key)
        )""",
        *[f"""CREATE TRIGGER {t}_no_{op} BEFORE {op.upper()} ON {t}
           BEGIN SELECT RAISE(ABORT, '{what} is append-only'); END"""
          for t, what in (("audit_chain", "the audit chain"), ("runs", "the run history"),
                          ("run_findings", "the run history"),
                          ("run_declaration_stats", "the run history"))
          for op in ("update", "delete")],
        """CREATE TABLE users (
            name TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        )""",
        "SEAL_EXISTING_ROWS",
    ]),
    (5, "reviewers' match judgements (append-only, in the audit chain)", [
        """CREATE TABLE IF NOT EXISTS match_judgements (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            pair_id TEXT NOT NULL,
            record_a TEXT NOT NULL,
            record_b TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('confirm', 'reject', 'undo')),
            judged_by TEXT NOT NULL,
            judged_at TEXT NOT NULL,
            why TEXT NOT NULL,
            row_hash TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS match_judgements_pair ON match_judgements(pair_id, seq)",
        *[f"""CREATE TRIGGER IF NOT EXISTS match_judgements_no_{op} BEFORE {op.upper()}
           ON match_judgements BEGIN SELECT RAISE(ABORT, 'match judgements are append-only');
           END""" for op in ("update", "delete")],
        "SEAL_EXISTING_ROWS",
    ]),
    (6, "keyed audit chain: the keys' registrations and an HMAC per entry (append-only)", [
        """CREATE TABLE audit_keys (
            key_seq INTEGER PRIMARY KEY AUTOINCREMENT,
            key_id TEXT NOT NULL UNIQUE,
            from_seq INTEGER NOT NULL,
            registered_at TEXT NOT NULL,
            registered_by TEXT NOT NULL,
            head_mac TEXT NOT NULL,
            endorsement TEXT
        )""",
        """CREATE TABLE audit_macs (
            seq INTEGER PRIMARY KEY,
            key_id TEXT NOT NULL,
            mac TEXT NOT NULL
        )""",
        *[f"""CREATE TRIGGER {t}_no_{op} BEFORE {op.upper()} ON {t}
           BEGIN SELECT RAISE(ABORT, '{what} is append-only'); END"""
          for t, what in (("audit_keys", "the register of audit keys"),
                          ("audit_macs", "the audit chain"))
          for op in ("update", "delete")],
    ]),
    (7, "account changes (append-only, in the audit chain): the users table checked by them", [
        """CREATE TABLE account_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            event TEXT NOT NULL CHECK (event IN ('added', 'removed')),
            password_hash TEXT NOT NULL,
            at TEXT NOT NULL,
            by TEXT NOT NULL
        )""",
        *[f"""CREATE TRIGGER account_events_no_{op} BEFORE {op.upper()} ON account_events
           BEGIN SELECT RAISE(ABORT, 'account changes are append-only'); END"""
          for op in ("update", "delete")],
        # the accounts made before this version, as they are now: sealed below
        """INSERT INTO account_events (name, event, password_hash, at, by)
           SELECT name, 'added', password_hash, created_at, created_by FROM users
           ORDER BY created_at, name""",
        "SEAL_EXISTING_ROWS",
    ]),
]

SCHEMA_VERSION: int = MIGRATIONS[-1][0]

#: Columns of an evidence row kept in clear in ``run_findings.evidence_rows`` (codes, dates,
#: amounts, ids); every other column (names, addresses, IBAN, free text) only as a hash, which
#: is enough to say "iban changed" without keeping a copy of it.
CLEAR_COLUMNS = frozenset({
    "employee_id", "relative_id", "org_id", "declaration_id", "decision_id", "gift_id",
    "role", "department", "relation", "kind", "position", "share_pct", "paid", "status",
    "valid_from", "valid_until", "employed_from", "employed_until", "decided_by", "decided_on",
    "amount_eur", "decision_date", "handled_by", "approved_by", "second_approved_by",
    "requested_by", "org_type",
    "kvk_number", "discount_eur", "date", "value_eur", "handed_in", "reported", "unit_id",
})

#: The column that identifies a row of each table, so a row keeps its identity when lines move.
ROW_KEYS = {
    "employees": "employee_id", "relatives": "relative_id", "organizations": "org_id",
    "declarations": "declaration_id", "contracts": "decision_id", "allocations": "decision_id",
    "gifts": "gift_id",
}


# -- the audit chain -----------------------------------------------------------------------


@dataclass(frozen=True)
class ChainedTable:
    """An append-only table sealed by the audit chain.

    ``columns`` are the columns whose values are hashed (a fixed list, so that a column a
    later schema adds does not change the hash of rows recorded before it); ``extra``
    returns more content that belongs to a row (a run's findings), hashed with it.
    """

    table: str
    what: str
    columns: tuple[str, ...]
    extra: Callable[[sqlite3.Connection, int], Any] | None = None


#: The chained tables, in the order rows of one transaction are sealed.
CHAINED_TABLES: dict[str, ChainedTable] = {}


def chain_table(table: str, what: str, columns: Iterable[str],
                extra: Callable[[sqlite3.Connection, int], Any] | None = None) -> None:
    """Put an append-only table under the audit chain (one line per table).

    Rows are identified by their ``rowid`` (an ``INTEGER PRIMARY KEY`` is one), sealed in
    the transaction that inserts them, and checked by :meth:`Workspace.verify`.  A table
    added by a new migration seals its existing rows with the ``SEAL_EXISTING_ROWS`` step.
    """
    CHAINED_TABLES[table] = ChainedTable(table, what, tuple(columns), extra)


RUN_FINDING_COLUMNS = (
    "run_id", "finding_id", "rule", "severity", "score", "evidence_hash", "subject_id",
    "subject_department", "decision_id", "counterparty", "declared", "record", "subject_name",
    "subject_role", "counterparty_name", "decision_date", "path", "path_nodes", "evidence",
    "evidence_rows")


#: ``json.dumps(row, ensure_ascii=False, default=str)`` without building an encoder per call.
_ROW_JSON = json.JSONEncoder(ensure_ascii=False, default=str)
#: ``json.dumps(value, sort_keys=True, default=str)``, likewise.
_SORTED_JSON = json.JSONEncoder(sort_keys=True, default=str)


#: nine digits, apart or with a separator between them: what a BSN in a note needs at least
#: (the first test of ``ingest.detect_bsn.text_with_bsn``, whose BSN_DIGIT and
#: BSN_SEPARATOR these are: that module brings the data stack, see ``_refuse_bsn``)
_NINE_DIGITS = re.compile("[0-9\uff10-\uff19](?:[ .\\-\u00a0\u2007\u2009\u202f]?"
                          "[0-9\uff10-\uff19]){8}")
#: The most characters a typed note, reason, justification or name may hold: a reason an
#: auditor reads is a paragraph; 100,000 characters would be kept for ever in the audit
#: chain and shown in every case list (a careless paste or a hostile insider's flood).
MAX_TEXT = 4000
#: Characters a typed text must not hold: C0/C1 control characters other than tab and line
#: feed (an escape sequence or a carriage return in a note rewrites what `coi cases` shows
#: on a terminal; a bell rings) and bidirectional controls (they reverse how a note reads).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f"
                      "\u202a-\u202e\u2066-\u2069]")


def _findings_digest(rows: Iterable[Sequence[Any]]) -> tuple[int, str]:
    """How many rows of ``run_findings`` (in the order of RUN_FINDING_COLUMNS, sorted by
    finding_id) and the sha256 of one line of JSON per row.  Hashed in one call: the same
    bytes as dumping and hashing row by row (seals of runs recorded before must not change)
    in a fraction of the time."""
    encode = _ROW_JSON.encode
    lines = [encode(list(r)) + "\n" for r in rows]
    return len(lines), hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def _run_content(conn: sqlite3.Connection, run_id: int,
                 findings: tuple[int, str] | None = None) -> list[Any]:
    """A run's findings and declaration figures, sealed with the run's own row: the run
    history cannot be edited a finding at a time either.  ``findings``: their
    :func:`_findings_digest` when the caller has just inserted them (no need to read them
    back)."""
    if findings is None:
        findings = _findings_digest(conn.execute(
            f"SELECT {', '.join(RUN_FINDING_COLUMNS)} FROM run_findings WHERE run_id = ? "
            "ORDER BY finding_id", (run_id,)))
    stats = conn.execute("SELECT department, staff, staff_with_declaration, pending_requests, "
                         "side_functions_active, side_functions_unapproved FROM "
                         "run_declaration_stats WHERE run_id = ? ORDER BY "
                         "IFNULL(department, char(0))", (run_id,)).fetchall()
    return [findings[0], findings[1], [list(r) for r in stats]]


chain_table("runs", "run", (
    "run_id", "run_dir", "run_json_sha256", "recorded_at", "recorded_by", "tool_version",
    "as_of", "policy_fingerprint", "policy_json", "inputs_json", "counts_json", "n_findings",
    "data_dir", "period_start", "finished_at"), extra=_run_content)
chain_table("case_events", "case event", (
    "event_id", "finding_id", "at", "by", "status", "note", "evidence_hash", "run_id"))
chain_table("acceptances", "acceptance", (
    "acceptance_id", "employee_id", "org_id", "rule", "justification", "owner", "valid_until",
    "created_at", "created_by"))
chain_table("acceptance_revocations", "revocation of acceptance", (
    "acceptance_id", "revoked_at", "revoked_by", "note"))
chain_table("match_judgements", "match judgement", (
    "seq", "pair_id", "record_a", "record_b", "decision", "judged_by", "judged_at", "why",
    "row_hash"))

#: An account is a users row (the password hash that `coi serve` checks) with, behind it,
#: the chained event that made it: a row put into users, renamed or given another hash with
#: SQLite itself (to sign in to `coi serve` under a colleague's name, and have the server
#: seal decisions with the audit key under it) has no such event (see account_problems).
chain_table("account_events", "account change", (
    "seq", "name", "event", "password_hash", "at", "by"))


def chain_hash(prev: str, spec: ChainedTable, conn: sqlite3.Connection, row_key: int,
               extra: Any = None) -> str | None:
    """The chain hash of one row given the hash before it (None: the row is gone).
    ``extra``: the row's extra content when the caller already has it."""
    row = conn.execute(f"SELECT {', '.join(spec.columns)} FROM {spec.table} WHERE rowid = ?",
                       (row_key,)).fetchone()
    if row is None:
        return None
    content = [spec.table, row_key, list(row)]
    if spec.extra is not None:
        content.append(spec.extra(conn, row_key) if extra is None else extra)
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256((prev + "\n" + text).encode("utf-8")).hexdigest()


# -- the keyed chain -----------------------------------------------------------------------
#
# Why an HMAC beside the sha256 chain rather than instead of it: the unkeyed chain stays
# checkable by anyone (no key needed to see a row edited with the sqlite3 tool), and entries
# sealed before a key existed keep their hashes.  The key adds what the plain chain cannot
# give: someone who edits a row and recomputes every following hash cannot recompute the
# MACs.  Each entry sealed with a key gets ``HMAC(key, seq, hash)`` in ``audit_macs``; since
# an entry's hash covers every entry before it, the MAC a key puts on the head when it is
# registered (``audit_keys.head_mac``) also covers everything sealed before the key existed.
# A new key is registered with the previous key's MAC over it (``endorsement``): rotation
# needs the current key.  The key itself is never stored, printed or logged: only
# :func:`key_id`, a public name derived from it.

#: The environment variable naming the audit key file (made by ``coi key new``).
KEY_ENV = "COI_AUDIT_KEY_FILE"
_KEY_HEADER = "coi-graph audit key v1"
#: open_workspace's default for ``key``: the file named by ``$COI_AUDIT_KEY_FILE``, if any.
FROM_ENV: Any = object()


def key_id(key: bytes) -> str:
    """The public name of a key (an HMAC of a fixed text with it): stored in the workspace
    and printed, so a key is recognised without ever being written down.

    >>> key_id(bytes(32))
    'c13d68a934ee6999'
    """
    return hmac.new(key, b"coi-graph audit key id", hashlib.sha256).hexdigest()[:16]


def entry_mac(key: bytes, *parts: Any) -> str:
    """HMAC-SHA256 of the parts, one per line (``entry``, seq, hash for an audit entry)."""
    return hmac.new(key, "\n".join(str(p) for p in parts).encode("utf-8"),
                    hashlib.sha256).hexdigest()


def new_key_file(path: str | Path) -> bytes:
    """Write a new random 256-bit audit key to ``path`` (readable by its owner only; an
    existing file is never overwritten) and return it."""
    p = Path(path)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InputError(f"{p}: the file exists; an audit key file is never overwritten "
                         "(choose another name).") from None
    except OSError as e:
        raise InputError(f"{p}: cannot write the audit key file ({e.strerror}).") from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(f"{_KEY_HEADER}\n{key.hex()}\n")
    return key


def read_key_file(path: str | Path) -> bytes:
    """The key in an audit key file (as :func:`new_key_file` writes it)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:  # a key file is 91 bytes: never read a device or a big file
            mode = os.fstat(fh.fileno()).st_mode
            text = fh.read(4096).decode("ascii")
    except (OSError, UnicodeDecodeError) as e:
        why = getattr(e, "strerror", None) or "not a text file"
        raise InputError(f"{p}: cannot read the audit key file ({why}); check "
                         f"{KEY_ENV} or --key-file.") from None
    lines = text.split()
    if len(lines) != 5 or " ".join(lines[:4]) != _KEY_HEADER \
            or not re.fullmatch(r"[0-9a-f]{64}", lines[4]):
        raise InputError(f"{p}: not an audit key file (make one with `coi key new FILE`).")
    if os.name == "posix" and stat.S_ISREG(mode) and mode & 0o077:
        # as ssh refuses a private key others can read: whoever can read the key can rewrite
        # the trail and seal it again, so the key no longer tells a forgery apart (asked
        # after the format: a file that is no key at all says that first)
        raise InputError(f"{p}: the audit key file can be read or changed by others (mode "
                         f"{stat.S_IMODE(mode):o}); whoever can read it can rewrite the audit "
                         f"trail undetected. Make it readable by its owner only (chmod 600 "
                         f"{p}), and make a new key (`coi key new`) if others may have read "
                         "it.")
    return bytes.fromhex(lines[4])


def key_from_env() -> bytes | None:
    """The key of the file ``$COI_AUDIT_KEY_FILE`` names (None when it is not set)."""
    name = os.environ.get(KEY_ENV, "").strip()
    return read_key_file(name) if name else None


def read_without_key(ws: Workspace) -> str | None:
    """The id of the key a workspace's audit trail is sealed with, when ``ws`` reads it
    without that key (None: the trail is not keyed, or a key is at hand).  Reading commands
    (``coi cases``, ``coi explore``, ``coi report``) open the workspace without asking for
    the key, so that anyone may read; they then check only the unkeyed chain, which someone
    who recomputes every hash gets past: said once per command (``trail_unkeyed``), never
    refused.  A key that is given but wrong is a problem of :meth:`Workspace.verify`."""
    keys = ws.audit_keys()
    if not keys or ws.key is not None:
        return None
    return str(keys[-1]["key_id"])


def trail_read_without_key(path: str | Path) -> str | None:
    """:func:`read_without_key` of the workspace file at ``path`` (None when there is none)."""
    if not Path(path).is_file():
        return None
    with open_workspace(path, create=False) as ws:
        return read_without_key(ws)


def _spans(seqs: Sequence[int]) -> list[str]:
    """Runs of consecutive numbers as ``a-b`` (or ``a``).

    >>> _spans([1, 2, 3, 7, 9, 10])
    ['1-3', '7', '9-10']
    """
    out: list[list[int]] = []
    for s in seqs:
        if out and s == out[-1][1] + 1:
            out[-1][1] = s
        else:
            out.append([s, s])
    return [f"{a}" if a == b else f"{a}-{b}" for a, b in out]


#: An append-only trigger as coi-graph creates it (whitespace folded): a trigger of the same
#: name that only fires ``WHEN 0``, or only on ``UPDATE OF`` one column, is not one.
_GUARD = re.compile(r"CREATE TRIGGER (?P<name>\w+) BEFORE (?P<op>UPDATE|DELETE) ON "
                    r"(?P<table>\w+) BEGIN SELECT RAISE\(ABORT, '[^']*'\); END")


@dataclass
class Verification:
    """What :meth:`Workspace.verify` found: ``problems`` empty means the trail is intact.
    ``key_id``: the key the MACs were checked with (None: none given); ``keys``: the ids of
    the keys the workspace is sealed with; ``notes``: what was not checked, and why."""

    entries: int
    head: str
    problems: list[str]
    hashes: list[str] = field(default_factory=list)
    key_id: str | None = None
    keys: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def default_workspace_path() -> Path:
    """``$COI_WORKSPACE``, else ``coi-workspace.sqlite`` in the current directory.

    A workspace belongs to one organization's series of scans; keeping it beside the run
    folders (or pointing ``COI_WORKSPACE`` at a shared drive) keeps the history in one place.
    """
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env) if env else Path.cwd() / DEFAULT_FILE


def text_problem(text: str | None) -> str:
    """Why a typed text cannot be recorded (too long, a control character), in English
    after the option's name, or "" when it can.  ``coi serve`` asks first to say it in the
    page's language.

    >>> text_problem("fine\\tnote\\nsecond line"), text_problem("x" * MAX_TEXT)
    ('', '')
    >>> text_problem("ok\\x1b[2K")
    'holds a control character (U+001B), which would change how a terminal or a page shows the text; leave it out and try again'
    """
    if not text:
        return ""
    if len(text) > MAX_TEXT:
        return (f"is {len(text)} characters long, more than the {MAX_TEXT} a text may hold; "
                "shorten it and try again")
    m = _CONTROL.search(text)
    if m:
        return (f"holds a control character (U+{ord(m.group()):04X}), which would change how "
                "a terminal or a page shows the text; leave it out and try again")
    return ""


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return os.environ.get("USER", "") or "unknown"


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Acceptance:
    """A situation the organization accepted, with its scope and end date."""

    acceptance_id: int
    employee_id: str | None
    org_id: str | None
    rule: str | None
    justification: str
    owner: str
    valid_until: str
    created_at: str
    created_by: str
    revoked_at: str | None = None
    revoked_by: str | None = None
    revoke_note: str = ""

    def matches(self, finding: dict[str, Any]) -> bool:
        """Whether the finding falls inside the scope (every given part must match)."""
        if self.employee_id is not None and finding.get("subject_id") != self.employee_id:
            return False
        if self.org_id is not None and finding.get("counterparty") != f"organization:{self.org_id}":
            return False
        return self.rule is None or finding.get("rule") == self.rule

    def in_force(self, on: dt.date | None) -> bool:
        """In force on ``on`` (a run's as_of date): not revoked and not past ``valid_until``."""
        if self.revoked_at is not None:
            return False
        until = _day(self.valid_until)
        return on is None or until is None or on <= until

    @property
    def scope(self) -> str:
        parts = []
        if self.employee_id is not None:
            parts.append(f"employee {self.employee_id}")
        if self.org_id is not None:
            parts.append(f"organization {self.org_id}")
        if self.rule is not None:
            parts.append(f"rule {self.rule}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "acceptance_id": self.acceptance_id, "employee_id": self.employee_id,
            "org_id": self.org_id, "rule": self.rule, "scope": self.scope,
            "justification": self.justification, "owner": self.owner,
            "valid_until": self.valid_until, "created_at": self.created_at,
            "created_by": self.created_by, "revoked_at": self.revoked_at,
            "revoked_by": self.revoked_by, "revoke_note": self.revoke_note,
        }


def check_can_record(path: str | Path | None = None) -> None:
    """Refuse up front (WorkspaceError) when the workspace at ``path`` is keyed and the key
    at hand is missing or another: ``coi scan`` asks before a scan of minutes whose
    recording would be refused at the end.  For a workspace not made yet only the key file
    ``$COI_AUDIT_KEY_FILE`` names is read: an unreadable one would otherwise leave an empty
    workspace and an unrecorded run behind."""
    p = default_workspace_path() if path is None else Path(path)
    if str(p) == ":memory:" or not p.is_file():
        key_from_env()
        return
    with open_workspace(p, create=False) as ws:
        if ws.audit_keys():
            ws.writing_key()


def _create_private(p: Path) -> None:
    """Create a new workspace file readable by its owner only (0600; SQLite gives its -wal
    and -shm files the same mode): it holds notes about named employees and relatives and
    the accounts' password hashes, which the usual umask 022 would let every local user of
    a shared server read.  An existing file keeps the mode its owner gave it."""
    import os

    try:
        os.close(os.open(p, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError:  # read-only or odd file system: sqlite3 says what is wrong
        pass


def open_workspace(path: str | Path | None = None, *, create: bool = True,
                   key: bytes | None = FROM_ENV) -> Workspace:
    """Open (and when needed create or migrate) the workspace at ``path``.

    ``create=False`` is for commands that only make sense on an existing workspace (triage,
    cases): a mistyped path then gives an error instead of a new, empty workspace.
    ``key``: the audit key that seals what this workspace object records (default: the
    file ``$COI_AUDIT_KEY_FILE`` names, read only when something is recorded or verified,
    so reading commands never need it).
    """
    p = default_workspace_path() if path is None else path
    memory = str(p) == ":memory:"
    if not memory:
        p = Path(p)
        if not p.exists() and not create:
            raise InputError(
                f"{p}: no workspace there. Run `coi scan` first (it records every scan in the "
                f"workspace), or pass --workspace / set {ENV_VAR} to the workspace file.")
        if p.exists() and p.is_dir():
            raise InputError(f"{p} is a folder; --workspace takes the workspace file "
                             f"(e.g. {p / DEFAULT_FILE}).")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise WorkspaceError(f"{p}: cannot create the workspace's folder ({e.strerror}); "
                                 "pass another file with --workspace.") from None
        _create_private(p)
    try:
        conn = sqlite3.connect(str(p), timeout=60, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 60000")
        if not memory:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        ws = Workspace(Path(str(p)), conn, key)
        ws.migrate()
    except sqlite3.DatabaseError as e:
        raise WorkspaceError(
            f"{p}: cannot open the workspace ({e}). If it is not a coi-graph workspace, pass "
            f"another file with --workspace; if it is damaged, restore the last backup.") from None
    return ws


class Workspace:
    """An open workspace.  Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, key: bytes | None = FROM_ENV
                 ) -> None:
        self.path = path
        self.conn = conn
        self._key = key
        #: run_id -> digest of the findings this transaction inserted (see record_run)
        self._inserted: dict[int, tuple[int, str]] = {}

    # -- plumbing -------------------------------------------------------------------------
    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken up front (``BEGIN IMMEDIATE``) so that two writers
        queue behind each other instead of failing halfway; rolled back on any exception,
        Ctrl-C included.

        Rows this transaction adds to a chained table are sealed in the audit chain before
        COMMIT.  Only those: a row someone inserted behind the tool's back stays unsealed, so
        :meth:`verify` keeps reporting it.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise WorkspaceError(f"{self.path}: the workspace is busy ({e}); another coi "
                                 "command is writing to it. Try again in a moment.") from None
        try:
            before = self._unsealed() if self._chained() else None
            yield self.conn
            if before is not None:
                sealed = self._seal({t: [k for k in keys if k not in before.get(t, set())]
                                     for t, keys in self._unsealed_lists().items()})
                if sealed:
                    self._mac_entries(sealed)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._inserted.clear()

    # -- the audit chain ------------------------------------------------------------------
    def _chained(self) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                 "name = 'audit_chain'").fetchone() is not None

    def _unsealed_lists(self) -> dict[str, list[int]]:
        """Per chained table, the rowids without an audit entry, oldest first."""
        out: dict[str, list[int]] = {}
        for t in CHAINED_TABLES:
            if self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                 "name = ?", (t,)).fetchone() is None:
                continue
            out[t] = [r[0] for r in self.conn.execute(
                f"SELECT t.rowid FROM {t} t LEFT JOIN audit_chain a ON a.tbl = ? AND "
                "a.row_key = t.rowid WHERE a.seq IS NULL ORDER BY t.rowid", (t,))]
        return out

    def _unsealed(self) -> dict[str, set[int]]:
        return {t: set(keys) for t, keys in self._unsealed_lists().items()}

    def _seal(self, rows: dict[str, list[int]]) -> list[tuple[int, str]]:
        """Append audit entries for ``rows`` (table -> rowids), chained to the last entry;
        return the new entries' (seq, hash)."""
        c = self.conn
        last = c.execute("SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1").fetchone()
        prev = last[0] if last else ""
        out: list[tuple[int, str]] = []
        at = _now()
        for t, spec in CHAINED_TABLES.items():
            for key in rows.get(t, []):
                known = self._inserted.get(key) if t == "runs" else None
                h = chain_hash(prev, spec, c, key,
                               None if known is None else _run_content(c, key, known))
                if h is None:
                    continue
                cur = c.execute("INSERT INTO audit_chain (tbl, row_key, hash, sealed_at) "
                                "VALUES (?,?,?,?)", (t, key, h, at))
                out.append((int(cur.lastrowid), h))
                prev = h
        return out

    # -- the keyed chain ------------------------------------------------------------------
    @property
    def key(self) -> bytes | None:
        """The audit key this object seals with (read from ``$COI_AUDIT_KEY_FILE`` on first
        use unless one was given)."""
        if self._key is FROM_ENV:
            self._key = key_from_env()
        return self._key

    def _has(self, table: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                 "name = ?", (table,)).fetchone() is not None

    def audit_keys(self) -> list[dict[str, Any]]:
        """The keys the chain is sealed with, oldest first (ids, never keys)."""
        if not self._has("audit_keys"):
            return []
        return [dict(r) for r in self.conn.execute("SELECT * FROM audit_keys ORDER BY key_seq")]

    def writing_key(self) -> bytes | None:
        """The key to seal with, refusing to record into a keyed chain without its current
        key (an entry without a MAC would read as forged) or with another key."""
        keys = self.audit_keys()
        key = self.key
        if not keys:
            return key
        current = keys[-1]["key_id"]
        if key is None:
            raise WorkspaceError(
                f"{self.path}: the audit chain of this workspace is keyed (key id {current}); "
                f"set {KEY_ENV} to its key file to record anything (reading needs no key).")
        if key_id(key) != current:
            older = key_id(key) in {k["key_id"] for k in keys}
            raise WorkspaceError(
                f"{self.path}: the audit key given (key id {key_id(key)}) is "
                + ("an earlier key of this workspace; it was replaced by key id "
                   if older else "not this workspace's; its audit chain is sealed with key id ")
                + f"{current}. Set {KEY_ENV} to that key's file.")
        return key

    def _register(self, key: bytes, endorse_with: bytes | None, before: int | None = None
                  ) -> str:
        """Register ``key`` in the open transaction: entries after the head (the last entry,
        or the last before seq ``before``) carry its MAC; its MAC over the head covers every
        entry up to it (and ``endorse_with``, the previous key, vouches for it)."""
        c = self.conn
        last = c.execute("SELECT seq, hash FROM audit_chain WHERE seq < ? ORDER BY seq DESC "
                         "LIMIT 1", (before if before is not None else 2 ** 62,)).fetchone()
        seq, head = (int(last[0]), last[1]) if last else (0, "")
        kid = key_id(key)
        c.execute("INSERT INTO audit_keys (key_id, from_seq, registered_at, registered_by, "
                  "head_mac, endorsement) VALUES (?,?,?,?,?,?)",
                  (kid, seq, _now(), _user(), entry_mac(key, "key", kid, seq, head),
                   None if endorse_with is None
                   else entry_mac(endorse_with, "endorse", kid, seq, head)))
        return kid

    def _mac_entries(self, sealed: list[tuple[int, str]]) -> None:
        """MAC the entries this transaction sealed (never others: an entry slipped in behind
        the tool's back must stay without one), registering the key on its first use."""
        key = self.writing_key()
        if key is None or not self._has("audit_macs"):
            return
        kid = key_id(key)
        if not self.audit_keys():
            self._register(key, None, before=sealed[0][0])
        self.conn.executemany("INSERT INTO audit_macs (seq, key_id, mac) VALUES (?,?,?)",
                              [(seq, kid, entry_mac(key, "entry", seq, h)) for seq, h in sealed])

    def register_key(self, key: bytes) -> str:
        """Seal this workspace with ``key`` from now on (``coi key new --workspace``): the
        first key, or a new one replacing the current key, which this object must hold
        (``open_workspace(key=...)``) to vouch for it.  Returns the new key's id."""
        with self.transaction():
            keys = self.audit_keys()
            endorse = self.writing_key() if keys else None
            if key_id(key) in {k["key_id"] for k in keys}:
                raise InputError(f"key id {key_id(key)} is already registered in {self.path}.")
            kid = self._register(key, endorse)
        self._key = key
        return kid

    def chain_state(self) -> dict[str, Any]:
        """How many entries the chain has and its head hash, as written into each run's
        run.json: a later copy of the workspace that lacks them was rolled back."""
        if not self._chained():
            return {"entries": 0, "head": ""}
        r = self.conn.execute("SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1"
                              ).fetchone()
        return {"entries": int(r[0]) if r else 0, "head": r[1] if r else ""}

    def verify(self, key: bytes | None = FROM_ENV) -> Verification:
        """Recompute the audit chain and name every row that does not fit it.

        Found: a row changed after it was recorded (hash mismatch: an UPDATE after dropping a
        trigger, an ``INSERT OR REPLACE``, rows swapped to reorder them), a row removed (its
        entry points at nothing, or the table's AUTOINCREMENT counter is past its last row),
        a row inserted outside coi-graph (no entry), an entry of the chain itself removed or
        changed, an append-only trigger dropped or replaced by a weaker one of the same name,
        a trigger coi-graph did not make, and a table replaced by a view.

        ``key`` (default: ``$COI_AUDIT_KEY_FILE``'s, if set): with the workspace's audit key
        the MACs are checked too, which catches someone who edited a row and recomputed
        every hash after it.  Without a key that is not possible, and on a keyed workspace
        ``notes`` says so.  No check inside the file sees rows removed from the end together
        with their entries (a rollback): compare with a head noted elsewhere (``--expect``,
        a later run's run.json with ``--run``).
        """
        c = self.conn
        problems: list[str] = []
        if not self._chained():
            return Verification(0, "", [("the workspace has no audit chain (schema older than "
                                         "4); open it with this version to migrate it")])
        if key is FROM_ENV:
            key = self.key
        kinds = {r[0]: r[1] for r in c.execute("SELECT name, type FROM sqlite_master")}
        broken = {t for t in [*CHAINED_TABLES, "audit_chain", "audit_keys", "audit_macs"]
                  if t in kinds and kinds[t] != "table"}
        for t in sorted(broken):
            problems.append(f"{t} is a {kinds[t]}, not the table coi-graph made: the table was "
                            "renamed or dropped and something else put in its place")
        if "audit_chain" in broken:
            return Verification(0, "", problems)
        prev, n, expected_seq = "", 0, 1
        hashes: list[str] = []
        by_seq: dict[int, str] = {}
        for e in c.execute("SELECT seq, tbl, row_key, hash FROM audit_chain ORDER BY seq"
                           ).fetchall():
            n += 1
            if e["seq"] != expected_seq:
                problems.append(f"audit chain: entries {expected_seq}-{e['seq'] - 1} were "
                                "removed from the chain")
            expected_seq = e["seq"] + 1
            spec = CHAINED_TABLES.get(e["tbl"])
            if spec is None:
                problems.append(f"audit chain entry {e['seq']}: unknown table '{e['tbl']}'")
            elif spec.table not in broken:
                h = chain_hash(prev, spec, c, e["row_key"])
                if h is None:
                    problems.append(f"{spec.what} {e['row_key']} was removed (audit entry "
                                    f"{e['seq']})")
                elif h != e["hash"]:
                    problems.append(f"{spec.what} {e['row_key']} was changed, replaced or "
                                    f"moved after it was recorded (audit entry {e['seq']} "
                                    "does not match)")
            prev = e["hash"]
            hashes.append(prev)
            by_seq[int(e["seq"])] = prev
        for t, keys in self._unsealed_lists().items():
            for k in keys:
                problems.append(f"{CHAINED_TABLES[t].what} {k} was inserted outside coi-graph "
                                "(it is not in the audit chain)")
        problems += self._orphan_problems(broken)
        seqs = {r[0]: r[1] for r in c.execute("SELECT name, seq FROM sqlite_sequence")}
        for t in [*CHAINED_TABLES, "audit_chain"]:
            if t not in seqs or t in broken:
                continue
            top = c.execute(f"SELECT MAX(rowid) FROM {t}").fetchone()[0] or 0
            if seqs[t] > top:
                what = CHAINED_TABLES[t].what if t in CHAINED_TABLES else "audit chain entry"
                span = f"{top + 1}" + (f"-{seqs[t]}" if seqs[t] > top + 1 else "")
                problems.append(f"{what} {span} was removed (the table once held it)")
        problems += self._trigger_problems()
        if "account_events" not in broken:
            problems += self.account_problems()
        kid, keys, notes = (None, [], []) if broken & {"audit_keys", "audit_macs"} \
            else self._verify_keyed(by_seq, problems, key)
        return Verification(n, prev, problems, hashes, kid, keys, notes)

    def _orphan_problems(self, broken: set[str]) -> list[str]:
        """Findings or declaration figures of a run that is not in the run history.  A run's
        seal covers the rows of that run only, so rows put in under a run id no run has
        (``run_id`` 0, before every run) escaped every check, yet they count: the board's
        "new since the previous scan" looks in every earlier run's findings, and a finding's
        page in ``coi serve`` looks up the run of its newest row."""
        if "runs" in broken:
            return []
        out = []
        for table, what in (("run_findings", "findings"),
                            ("run_declaration_stats", "declaration figures")):
            if not self._has(table):
                continue
            for run_id, n in self.conn.execute(
                    f"SELECT t.run_id, COUNT(*) FROM {table} t LEFT JOIN runs r ON "
                    "r.run_id = t.run_id WHERE r.run_id IS NULL GROUP BY t.run_id "
                    "ORDER BY t.run_id"):
                out.append(f"{n} row(s) of {what} of run {run_id}, which is not in the run "
                           "history, were inserted outside coi-graph")
        return out

    def run_problems(self, run_dir: str | Path) -> list[str]:
        """What a run folder's run.json says the workspace held, checked against it: the run
        recorded, and the chain it found (``workspace_chain``) still the start of this one.
        A workspace restored from an older copy, or cut back, fails this for every run made
        after the point it was rolled back to."""
        rd = Path(run_dir)
        rj = rd / "run.json"
        try:
            run = json.loads(rj.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            raise InputError(f"{rd}: not a run folder (needs the run.json `coi scan` "
                             "writes).") from None
        out: list[str] = []
        if self.find_run(rd) is None:
            out.append(f"run folder {rd}: its run is not recorded in this workspace (the "
                       "workspace was rolled back to before it, or it was recorded in another "
                       "workspace)")
        stamp = run.get("workspace_chain") if isinstance(run, dict) else None
        if not isinstance(stamp, dict):
            return out
        n, head = int(stamp.get("entries") or 0), str(stamp.get("head") or "")
        if n == 0:
            return out
        r = self.conn.execute("SELECT hash FROM audit_chain WHERE seq = ?", (n,)).fetchone() \
            if self._chained() else None
        if r is None:
            out.append(f"run folder {rd}: when it was recorded the audit chain had {n} entries; "
                       "this workspace has fewer: it was rolled back or cut back since")
        elif r[0] != head:
            out.append(f"run folder {rd}: audit entry {n} is not the one the chain had when "
                       "this run was recorded: the trail was rewritten since")
        return out

    def sealed_accounts(self) -> dict[str, str]:
        """Account name -> password hash, as the chained account events left them (the
        latest event per name: added with this hash, or removed)."""
        if not self._has("account_events"):
            return {}
        out: dict[str, str] = {}
        for name, event, pw in self.conn.execute(
                "SELECT name, event, password_hash FROM account_events ORDER BY seq"):
            if event == "added":
                out[name] = pw
            else:
                out.pop(name, None)
        return out

    def account_problems(self) -> list[str]:
        """Users rows that the chained account events do not account for: added, renamed,
        given another password hash or removed with SQLite instead of `coi user`."""
        sealed = self.sealed_accounts() if self._has("account_events") else None
        if sealed is None or not self._has("users"):
            return []
        rows = dict(self.conn.execute("SELECT name, password_hash FROM users").fetchall())
        out = [f"account '{n}' was added or its password changed outside coi-graph (not "
               "in the audit chain)" for n in sorted(rows) if sealed.get(n) != rows[n]]
        out += [f"account '{n}' was removed outside coi-graph" for n in sorted(sealed)
                if n not in rows]
        return out

    def _trigger_problems(self) -> list[str]:
        """Every append-only trigger present and as coi-graph made it; no trigger of anyone
        else (one that fires on an INSERT could change what a decision records before the
        tool seals it)."""
        problems: list[str] = []
        found = {r[0]: (r[1], " ".join((r[2] or "").split())) for r in self.conn.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")}
        wanted = {f"{t}_no_{op}": (t, op)
                  for t in [*CHAINED_TABLES, "audit_chain", "run_findings",
                            "run_declaration_stats", "audit_keys", "audit_macs"]
                  for op in ("update", "delete")}
        for name, (table, op) in wanted.items():
            if name not in found:
                problems.append(f"the append-only trigger {name} was dropped")
                continue
            m = _GUARD.fullmatch(found[name][1])
            if m is None or m["name"] != name or m["table"] != table \
                    or m["op"].lower() != op:
                problems.append(f"the append-only trigger {name} was replaced by one that "
                                "does not refuse every change")
        for name in sorted(set(found) - set(wanted)):
            problems.append(f"a trigger coi-graph did not make was added: {name} (on "
                            f"{found[name][0]})")
        return problems

    def _verify_keyed(self, by_seq: dict[int, str], problems: list[str], key: bytes | None
                      ) -> tuple[str | None, list[str], list[str]]:
        """Check the MACs with ``key`` (see the keyed chain above); append to ``problems``,
        return the key's id, the registered key ids and notes on what was not checked."""
        keys = self.audit_keys()
        ids = [k["key_id"] for k in keys]
        notes: list[str] = []
        if key is None:
            if keys:
                notes.append(f"the audit chain is keyed (key id {ids[-1]}) but no key was given: "
                             "only the unkeyed chain was checked, which someone who recomputes "
                             f"every hash gets past; set {KEY_ENV} or pass --key-file")
            return None, ids, notes
        kid = key_id(key)
        if kid not in ids:
            problems.append(
                f"the audit chain carries no seal of the given key (key id {kid}): "
                + (f"it is sealed with key id {', '.join(ids)}" if ids else
                   "it was never keyed, or its keys and MACs were removed")
                + "; a chain recomputed without the key looks like this")
            return kid, ids, notes
        i = ids.index(kid)
        mine = keys[i]
        after = keys[i + 1] if i + 1 < len(keys) else None
        start = int(mine["from_seq"])
        head = by_seq.get(start, "" if start == 0 else None)
        if head is None or not hmac.compare_digest(
                mine["head_mac"], entry_mac(key, "key", kid, start, head)):
            problems.append(f"the audit chain up to entry {start} is not what it was when the "
                            f"key (key id {kid}) was registered: it was rewritten")
        end = max(by_seq, default=0)
        if after is not None:
            end = int(after["from_seq"])
            shead = by_seq.get(end)
            if shead is None or not after["endorsement"] or not hmac.compare_digest(
                    after["endorsement"], entry_mac(key, "endorse", after["key_id"], end, shead)):
                problems.append(f"key id {after['key_id']} was registered from audit entry {end} "
                                f"on without the endorsement of key id {kid}")
            else:
                notes.append(f"audit entries after {end} are sealed with a later key (key id "
                             f"{after['key_id']}, endorsed by this key); check them with that key")
        macs = {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "SELECT seq, key_id, mac FROM audit_macs WHERE seq > ? AND seq <= ? ORDER BY seq",
            (start, end))}
        missing, wrong = [], []
        for seq in (q for q in sorted(by_seq) if start < q <= end):
            m = macs.get(seq)
            if m is None or m[0] != kid:
                missing.append(seq)
            elif not hmac.compare_digest(m[1], entry_mac(key, "entry", seq, by_seq[seq])):
                wrong.append(seq)
        for span in _spans(missing):
            problems.append(f"audit entries {span} carry no MAC of key id {kid}: sealed without "
                            "the key, or the MACs were removed")
        for span in _spans(wrong):
            problems.append(f"audit entries {span} do not match their MAC: rewritten without "
                            "the key")
        return kid, ids, notes

    def migrate(self) -> None:
        """Bring the schema to :data:`SCHEMA_VERSION` in one transaction (or refuse a
        workspace written by a newer coi-graph, whose tables this version does not know)."""
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise WorkspaceError(
                f"{self.path}: this workspace was written by a newer coi-graph (schema "
                f"{version}, this version knows up to {SCHEMA_VERSION}). Upgrade coi-graph.")
        if version == SCHEMA_VERSION:
            return
        with self.transaction() as c:
            version = int(c.execute("PRAGMA user_version").fetchone()[0])  # another process?
            for target, _what, statements in MIGRATIONS:
                if target <= version:
                    continue
                for sql in statements:
                    if sql == "SEAL_EXISTING_ROWS":
                        n = len(self._seal(self._unsealed_lists()))
                        if n:  # said once, when an existing workspace gets its chain
                            print(f"{self.path}: audit chain computed once for the {n} "
                                  "existing runs, case events and acceptances (schema "
                                  f"{target}); `coi verify` checks it from now on.",
                                  file=sys.stderr)
                        continue
                    c.execute(sql)
                c.execute(f"PRAGMA user_version = {int(target)}")

    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA integrity_check`` and the run bookkeeping say is wrong (empty: fine)."""
        out = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        for r in self.conn.execute(
                "SELECT r.run_id, r.n_findings, COUNT(f.finding_id) AS n FROM runs r "
                "LEFT JOIN run_findings f ON f.run_id = r.run_id GROUP BY r.run_id "
                "HAVING n != r.n_findings"):
            out.append(f"run {r[0]}: {r[2]} findings recorded, {r[1]} expected")
        return out

    # -- runs -----------------------------------------------------------------------------
    def runs(self) -> list[dict[str, Any]]:
        """Every recorded run, oldest first (in recording order)."""
        return [_run_dict(r) for r in self.conn.execute("SELECT * FROM runs ORDER BY run_id")]

    def run(self, run_id: int) -> dict[str, Any]:
        r = self.conn.execute("SELECT * FROM runs WHERE run_id = ?", (run_id,)).fetchone()
        if r is None:
            raise InputError(f"run {run_id} is not in the workspace {self.path}.")
        return _run_dict(r)

    def latest_run(self) -> dict[str, Any] | None:
        r = self.conn.execute("SELECT * FROM runs ORDER BY run_id DESC LIMIT 1").fetchone()
        return _run_dict(r) if r else None

    def find_run(self, run_dir: str | Path) -> dict[str, Any] | None:
        """The recorded run of a run folder: matched on the checksum of its run.json (so a
        moved folder is still found), else on the folder path."""
        rd = Path(run_dir)
        rj = rd / "run.json"
        if rj.is_file():
            sha = hashlib.sha256(rj.read_bytes()).hexdigest()
            r = self.conn.execute("SELECT * FROM runs WHERE run_json_sha256 = ? "
                                  "ORDER BY run_id DESC LIMIT 1", (sha,)).fetchone()
            if r:
                return _run_dict(r)
        r = self.conn.execute("SELECT * FROM runs WHERE run_dir = ? ORDER BY run_id DESC LIMIT 1",
                              (str(rd.resolve()),)).fetchone()
        return _run_dict(r) if r else None

    def run_findings(self, run_id: int, *, evidence_rows: bool = True) -> list[dict[str, Any]]:
        """A run's findings; ``evidence_rows=False`` leaves out the per-row values (the
        largest column, which only "what changed" needs): the case list at 10,000 findings
        then reads in a fraction of the time."""
        cols = "*" if evidence_rows else ", ".join(c for c in RUN_FINDING_COLUMNS
                                                   if c != "evidence_rows")
        return [_finding_dict(r) for r in self.conn.execute(
            f"SELECT {cols} FROM run_findings WHERE run_id = ? ORDER BY finding_id", (run_id,))]

    def declaration_stats(self, run_id: int) -> dict[str, Any] | None:
        """The run's declaration figures: ``{"all": {...}, "departments": {name: {...}}}``."""
        rows = self.conn.execute("SELECT * FROM run_declaration_stats WHERE run_id = ?",
                                 (run_id,)).fetchall()
        if not rows:
            return None
        out: dict[str, Any] = {"all": None, "departments": {}}
        for r in rows:
            d = {k: r[k] for k in ("staff", "staff_with_declaration", "pending_requests",
                                   "side_functions_active", "side_functions_unapproved")}
            if r["department"] is None:
                out["all"] = d
            else:
                out["departments"][r["department"]] = d
        return out

    def record_run(self, run: dict[str, Any], findings: Sequence[Finding | RecordedFinding],
                   run_dir: Path,
                   *, stats: dict[str, Any] | None = None,
                   rows: dict[str, dict[str, Any]] | None = None,
                   run_json_sha256: str | None = None,
                   progress: Callable[[str], None] | None = None) -> dict[str, Any]:
        """Record one finished run and its findings in one transaction, and reopen closed cases
        whose evidence changed.  See :func:`record_scan` for the usual entry point.

        ``run`` is the run.json dict; ``findings`` the run's findings (or the fields the
        workspace keeps of each, :func:`recorded_fields`); ``stats`` from
        :func:`declaration_stats`; ``rows`` from :func:`evidence_rows`.  Recording the same
        run.json twice is a no-op that returns the first recording's summary.
        """
        say = progress or (lambda _m: None)
        with collector_paused():
            summary = self._record_run(run, findings, run_dir, stats, rows, run_json_sha256)
        if not summary["already_recorded"]:
            say(f"workspace {self.path}: run {summary['run_id']} recorded; {summary['new']} new, "
                f"{summary['reopened']} reopened (evidence changed), {summary['still_closed']} "
                f"still closed, {summary['accepted']} accepted, {summary['resolved']} no longer "
                "found")
        return summary

    def _record_run(self, run: dict[str, Any], findings: Sequence[Finding | RecordedFinding],
                    run_dir: Path, stats: dict[str, Any] | None,
                    rows: dict[str, dict[str, Any]] | None,
                    run_json_sha256: str | None) -> dict[str, Any]:
        """:meth:`record_run` without its progress line."""
        findings = [recorded_fields(f) for f in findings]
        sha = run_json_sha256 or hashlib.sha256(
            json.dumps(run, sort_keys=True, default=str).encode()).hexdigest()
        rows = rows or {}
        with self.transaction() as c:
            prev = c.execute("SELECT run_id FROM runs WHERE run_json_sha256 = ?", (sha,)).fetchone()
            if prev is not None:
                return self._summary(int(prev[0]), already=True)
            cur = c.execute(
                "INSERT INTO runs (run_dir, run_json_sha256, recorded_at, recorded_by, "
                "tool_version, as_of, policy_fingerprint, policy_json, inputs_json, counts_json, "
                "n_findings, data_dir, period_start, finished_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (str(Path(run_dir).resolve()), sha, _now(), _user(),
                 str(run.get("version") or __version__), run.get("as_of"),
                 str(run.get("policy_fingerprint") or ""),
                 json.dumps(run.get("policy") or {}, sort_keys=True, default=str),
                 json.dumps(run.get("inputs") or {}, sort_keys=True, default=str),
                 json.dumps(run.get("counts") or {}, sort_keys=True, default=str),
                 len(findings), _abs(run.get("data_dir")), run.get("period_start"),
                 str(run.get("finished_at") or "")))
            run_id = int(cur.lastrowid)
            sorted_dumps = _SORTED_JSON.encode
            # every value exactly a str or an int, as SQLite gives it back: the run's seal is
            # computed from these tuples instead of reading 10,000 rows back (verify reads them)
            values = [(run_id, *finding_row(f), sorted_dumps(rows.get(f["finding_id"], {})))
                      for f in findings]
            c.executemany(
                "INSERT INTO run_findings (run_id, finding_id, rule, severity, score, "
                "evidence_hash, subject_id, subject_department, decision_id, counterparty, "
                "declared, record, subject_name, subject_role, counterparty_name, decision_date, "
                "path, path_nodes, evidence, evidence_rows) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", values)
            values.sort(key=lambda v: v[1])  # SQLite's BINARY order of str = code point order
            self._inserted[run_id] = _findings_digest(values)
            del values
            if stats:
                c.executemany(
                    "INSERT INTO run_declaration_stats (run_id, department, staff, "
                    "staff_with_declaration, pending_requests, side_functions_active, "
                    "side_functions_unapproved) VALUES (?,?,?,?,?,?,?)",
                    [(run_id, dept, s["staff"], s["staff_with_declaration"],
                      s["pending_requests"], s["side_functions_active"],
                      s["side_functions_unapproved"])
                     for dept, s in [(None, stats["all"]), *stats["departments"].items()]])
            reopened = self._reopen_changed(run_id)
            return self._summary(run_id, reopened=reopened)

    def _reopen_changed(self, run_id: int) -> int:
        """Append an automatic ``open`` event for every case closed as explained/dismissed
        whose evidence in this run differs from the evidence it was closed on."""
        c = self.conn
        last = self._last_events([r["finding_id"] for r in c.execute(
            "SELECT finding_id FROM run_findings WHERE run_id = ?", (run_id,))])
        n = 0
        for fid, ev in last.items():
            if ev["status"] not in CLOSED_STATUSES or not ev["evidence_hash"]:
                continue
            new = c.execute("SELECT * FROM run_findings WHERE run_id = ? AND finding_id = ?",
                            (run_id, fid)).fetchone()
            if new["evidence_hash"] == ev["evidence_hash"]:
                continue
            old = c.execute(
                "SELECT * FROM run_findings WHERE finding_id = ? AND evidence_hash = ? "
                "AND run_id < ? ORDER BY run_id DESC LIMIT 1",
                (fid, ev["evidence_hash"], run_id)).fetchone()
            what = describe_change(_finding_dict(old) if old else None, _finding_dict(new))
            note = (f"evidence changed since {ev['status']} on {ev['at'][:10]}: {what}")
            c.execute("INSERT INTO case_events (finding_id, at, by, status, note, evidence_hash, "
                      "run_id) VALUES (?,?,?,?,?,?,?)",
                      (fid, _now(), SYSTEM_USER, "open", note, new["evidence_hash"], run_id))
            n += 1
        return n

    def _summary(self, run_id: int, *, already: bool = False,
                 reopened: int | None = None) -> dict[str, Any]:
        """The counts a recording reports.  Only the columns they need are read (not whole
        case states), so recording stays proportional to the run's findings."""
        c = self.conn
        run = self.run(run_id)
        found = [{"finding_id": r[0], "rule": r[1], "subject_id": r[2], "counterparty": r[3]}
                 for r in c.execute("SELECT finding_id, rule, subject_id, counterparty FROM "
                                    "run_findings WHERE run_id = ?", (run_id,)).fetchall()]
        new = c.execute(
            "SELECT COUNT(*) FROM run_findings f WHERE f.run_id = ? AND NOT EXISTS (SELECT 1 "
            "FROM run_findings g WHERE g.finding_id = f.finding_id AND g.run_id < ?)",
            (run_id, run_id)).fetchone()[0]
        prev = c.execute("SELECT MAX(run_id) FROM runs WHERE run_id < ?", (run_id,)).fetchone()[0]
        resolved = c.execute(
            "SELECT COUNT(*) FROM run_findings p WHERE p.run_id = ? AND NOT EXISTS (SELECT 1 "
            "FROM run_findings f WHERE f.finding_id = p.finding_id AND f.run_id = ?)",
            (prev, run_id)).fetchone()[0] if prev else 0
        last = self._last_events([f["finding_id"] for f in found])
        on = _day(run.get("as_of"))
        in_force = [a for a in self.acceptances() if a.in_force(on)]
        still_closed = accepted = 0
        for f in found:
            ev = last.get(f["finding_id"])
            if ev is not None and ev["status"] in CLOSED_STATUSES:
                still_closed += 1
            if in_force and any(a.matches(f) for a in in_force):
                accepted += 1
        if reopened is None:
            reopened = c.execute("SELECT COUNT(*) FROM case_events WHERE run_id = ? AND by = ? "
                                 "AND status = 'open'", (run_id, SYSTEM_USER)).fetchone()[0]
        return {
            "run_id": run_id,
            "workspace": str(self.path),
            "already_recorded": already,
            "as_of": run["as_of"],
            "findings": len(found),
            "new": int(new),
            "reopened": int(reopened),
            "still_closed": still_closed,
            "accepted": accepted,
            "resolved": int(resolved),
        }

    # -- cases ----------------------------------------------------------------------------
    def _last_events(self, finding_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        sql = ("SELECT e.* FROM case_events e JOIN (SELECT finding_id, MAX(event_id) AS m "
               "FROM case_events GROUP BY finding_id) l ON e.event_id = l.m")
        out = {r["finding_id"]: dict(r) for r in self.conn.execute(sql)}
        if finding_ids is not None:
            want = set(finding_ids)
            out = {k: v for k, v in out.items() if k in want}
        return out

    def events(self, finding_id: str | None = None) -> list[dict[str, Any]]:
        """The case history (of one finding, or all), oldest first."""
        if finding_id is None:
            rows = self.conn.execute("SELECT * FROM case_events ORDER BY event_id")
        else:
            rows = self.conn.execute("SELECT * FROM case_events WHERE finding_id = ? "
                                     "ORDER BY event_id", (finding_id,))
        return [dict(r) for r in rows]

    @staticmethod
    def _refuse_bad_text(**texts: str | None) -> None:
        """Refuse a typed text that is too long or holds a control character (see MAX_TEXT
        and _CONTROL): it cannot be changed once recorded, so it is refused before, with the
        option named so the user knows which text to retype; then the BSN test."""
        for option, text in texts.items():
            problem = text_problem(text)
            if problem:
                raise InputError(f"--{option} {problem}")
        Workspace._refuse_bsn(**texts)

    @staticmethod
    def _refuse_bsn(**texts: str | None) -> None:
        """Refuse a note, name or justification typed with a possible BSN in it: a case
        event cannot be changed afterwards (the audit chain), so a BSN kept there would stay
        in every case list, export and report; the option is named so the user knows which
        text to retype.  Only a text with nine digits is handed to ingest's test (whose
        import brings the data stack: ``coi triage`` stays light, see test_startup)."""
        for option, text in texts.items():
            if not text or not _NINE_DIGITS.search(text):
                continue
            from ingest.detect_bsn import mask_bsn

            if mask_bsn(text) != text:
                raise InputError(f"--{option} holds a nine-digit number that passes the eleven "
                                 "test (a possible BSN); coi-graph must not keep a BSN: leave "
                                 "the number out and try again")

    def triage(self, finding_ids: str | Iterable[str], status: str, by: str, note: str = ""
               ) -> list[dict[str, Any]]:
        """Append a case event for each finding (all or none), and return them.

        A closing decision (explained, confirmed, dismissed) needs a note: the reason is what
        an auditor reads a year later.  The event keeps the finding's evidence hash of its
        latest run, which is what a later scan compares with to reopen the case.
        """
        ids = [finding_ids] if isinstance(finding_ids, str) else list(finding_ids)
        if not ids:
            raise InputError("give at least one finding id (see `coi cases`).")
        if status not in STATUSES:
            raise InputError(f"status '{status}' is not one of {', '.join(STATUSES)}.")
        by = (by or "").strip()
        if not by:
            raise InputError("say who decides: --by NAME.")
        note = (note or "").strip()
        if status in DECIDED_STATUSES and not note:
            raise InputError(f"status '{status}' closes the case: give the reason with --note.")
        self._refuse_bad_text(by=by, note=note)
        out = []
        with self.transaction() as c:
            for fid in ids:
                r = c.execute("SELECT run_id, evidence_hash FROM run_findings WHERE finding_id = ? "
                              "ORDER BY run_id DESC LIMIT 1", (fid,)).fetchone()
                if r is None:
                    raise InputError(
                        f"finding '{fid}' is not in any recorded run of {self.path}. Check the id "
                        "with `coi cases`, or pass the workspace the scan was recorded in.")
                at = _now()
                cur = c.execute(
                    "INSERT INTO case_events (finding_id, at, by, status, note, evidence_hash, "
                    "run_id) VALUES (?,?,?,?,?,?,?)",
                    (fid, at, by, status, note, r["evidence_hash"], r["run_id"]))
                out.append({"event_id": cur.lastrowid, "finding_id": fid, "at": at, "by": by,
                            "status": status, "note": note, "evidence_hash": r["evidence_hash"],
                            "run_id": r["run_id"]})
        return out

    def case_states(self, run_id: int | None = None, finding_ids: Iterable[str] | None = None
                    ) -> dict[str, dict[str, Any]]:
        """The state of every finding of a run (default: the latest run), or of the given
        ``finding_ids`` only: the finding's data in that run, its case status, whether an
        acceptance covers it, and why it was reopened.

        ``status`` is what to show: ``accepted`` when an acceptance is in force for the run's
        as_of date, else ``case_status`` (the latest event, or ``open`` without events).
        """
        if run_id is None:
            latest = self.latest_run()
            if latest is None:
                return {}
            run_id = latest["run_id"]
        run = self.run(run_id)
        if finding_ids is None:
            findings = self.run_findings(run_id, evidence_rows=False)
        else:
            ids = sorted(set(finding_ids))
            cols = ", ".join(c for c in RUN_FINDING_COLUMNS if c != "evidence_rows")
            findings = []
            for i in range(0, len(ids), 500):  # SQLite's limit on bound parameters
                part = ids[i:i + 500]
                findings += [_finding_dict(r) for r in self.conn.execute(
                    f"SELECT {cols} FROM run_findings WHERE run_id = ? AND finding_id IN "
                    f"({','.join('?' * len(part))}) ORDER BY finding_id", (run_id, *part))]
        return self._states(findings, {f["finding_id"]: run for f in findings})

    def cases(self, *, statuses: Iterable[str] | None = None, rules: Iterable[str] | None = None,
              include_gone: bool = False) -> list[dict[str, Any]]:
        """Current case states: the findings of the latest run, plus (``include_gone``) every
        finding seen in an earlier run that is no longer found, with its last run's data."""
        latest = self.latest_run()
        if latest is None:
            return []
        c = self.conn
        findings = self.run_findings(latest["run_id"], evidence_rows=False)
        runs = {r["run_id"]: r for r in self.runs()}
        run_of = {f["finding_id"]: latest for f in findings}
        if include_gone:
            for r in c.execute(
                    "SELECT f.* FROM run_findings f JOIN (SELECT finding_id, MAX(run_id) AS m "
                    "FROM run_findings GROUP BY finding_id) l "
                    "ON f.finding_id = l.finding_id AND f.run_id = l.m WHERE f.run_id != ?",
                    (latest["run_id"],)):
                fd = _finding_dict(r)
                findings.append(fd)
                run_of[fd["finding_id"]] = runs[fd["run_id"]]
        states = self._states(findings, run_of, latest_run_id=latest["run_id"])
        want_status = set(statuses or [])
        want_rule = set(rules or [])
        out = [s for s in states.values()
               if (not want_status or s["status"] in want_status)
               and (not want_rule or s["rule"] in want_rule)]
        sev = {"high": 0, "medium": 1, "low": 2}
        out.sort(key=lambda s: (not s["in_latest_run"], sev.get(s["severity"], 3), -s["score"],
                                s["finding_id"]))
        return out

    def _states(self, findings: list[dict[str, Any]], run_of: dict[str, dict[str, Any]],
                latest_run_id: int | None = None) -> dict[str, dict[str, Any]]:
        c = self.conn
        ids = [f["finding_id"] for f in findings]
        last = self._last_events(ids)
        first_seen = {r[0]: (r[1], r[2]) for r in c.execute(
            "SELECT f.finding_id, MIN(f.run_id), MIN(r.recorded_at) FROM run_findings f "
            "JOIN runs r ON r.run_id = f.run_id GROUP BY f.finding_id")}
        counts = {r[0]: r[1] for r in c.execute(
            "SELECT finding_id, COUNT(*) FROM case_events GROUP BY finding_id")}
        acceptances = self.acceptances()
        out: dict[str, dict[str, Any]] = {}
        for f in findings:
            fid = f["finding_id"]
            run = run_of[fid]
            ev = last.get(fid)
            case_status = ev["status"] if ev else "open"
            on = _day(run.get("as_of"))
            acc = next((a for a in acceptances if a.matches(f) and a.in_force(on)), None)
            reopened = (ev["note"] if ev and ev["by"] == SYSTEM_USER and ev["status"] == "open"
                        and ev["note"].startswith("evidence changed") else "")
            changed_since = bool(ev and ev["evidence_hash"] and
                                 ev["evidence_hash"] != f["evidence_hash"])
            fs = first_seen.get(fid, (f["run_id"], run.get("recorded_at")))
            out[fid] = {
                **{k: v for k, v in f.items() if k != "evidence_rows"},
                "status": "accepted" if acc else case_status,
                "case_status": case_status,
                "acceptance_id": acc.acceptance_id if acc else None,
                "accepted_until": acc.valid_until if acc else None,
                "acceptance_justification": acc.justification if acc else None,
                "last_event_at": ev["at"] if ev else None,
                "last_event_by": ev["by"] if ev else None,
                "last_note": ev["note"] if ev else "",
                "events": counts.get(fid, 0),
                "reopened_because": reopened,
                "evidence_changed_since_decision": changed_since,
                "first_seen_run": fs[0],
                "first_seen_at": fs[1],
                "last_seen_run": f["run_id"],
                "as_of": run.get("as_of"),
                "in_latest_run": latest_run_id is None or f["run_id"] == latest_run_id,
            }
        return out

    def triage_days(self, finding_ids: Iterable[str] | None = None) -> list[float]:
        """Days from first seen (the recording of the first run that had the finding) to the
        first closing decision, per decided finding."""
        c = self.conn
        first = {r[0]: r[1] for r in c.execute(
            "SELECT f.finding_id, MIN(r.recorded_at) FROM run_findings f JOIN runs r "
            "ON r.run_id = f.run_id GROUP BY f.finding_id")}
        decided = {r[0]: r[1] for r in c.execute(
            "SELECT finding_id, MIN(at) FROM case_events WHERE status IN "
            f"({','.join('?' * len(DECIDED_STATUSES))}) GROUP BY finding_id", DECIDED_STATUSES)}
        want = set(finding_ids) if finding_ids is not None else None
        out = []
        for fid, at in decided.items():
            if (want is not None and fid not in want) or fid not in first:
                continue
            t0, t1 = dt.datetime.fromisoformat(first[fid]), dt.datetime.fromisoformat(at)
            out.append(max(0.0, (t1 - t0).total_seconds() / 86400))
        return out

    # -- acceptances ----------------------------------------------------------------------
    def accept(self, *, employee_id: str | None = None, org_id: str | None = None,
               rule: str | None = None, justification: str, owner: str, valid_until: str | dt.date,
               by: str | None = None, today: dt.date | None = None) -> Acceptance:
        """Record an accepted situation.  At least one of employee, organization and rule;
        a justification and an owner (who answers for it); an end date that is not in the past
        (an acceptance without an end is a standing exemption, which an auditor will not
        accept).

        "The past" is judged against the data, not the clock: the reference date (as_of) of
        the latest recorded scan (``today`` when given, the clock when no scan is recorded),
        because an acceptance counts for a run by that run's as_of.  So 2024 data can be
        accepted until 2025-12-31 in 2026, when the data is reviewed.
        """
        from ..rules import RULES

        employee_id, org_id, rule = (_blank(employee_id), _blank(org_id), _blank(rule))
        if employee_id is None and org_id is None and rule is None:
            raise InputError("an acceptance needs a scope: give --employee, --org and/or --rule.")
        if rule is not None and rule not in RULES:
            raise InputError(f"rule '{rule}' is unknown; use one of {', '.join(RULES)}.")
        if not (justification or "").strip():
            raise InputError("give the reason the situation is accepted with --justification.")
        if not (owner or "").strip():
            raise InputError("say who owns the acceptance with --owner NAME.")
        self._refuse_bad_text(justification=justification, owner=owner, by=by)
        until = valid_until if isinstance(valid_until, dt.date) else _day(str(valid_until or ""))
        if until is None:
            raise InputError(f"--until: '{valid_until}' is not a date; write it as 2025-12-31.")
        ref, basis = today, "today"
        if ref is None:
            latest = self.latest_run()
            ref = _day(latest["as_of"]) if latest else None
            basis = "the data date (as_of) of the latest scan"
        if ref is None:
            ref, basis = dt.date.today(), "today"
        if until < ref:
            raise InputError(f"--until {until.isoformat()} is in the past: before "
                             f"{ref.isoformat()}, {basis}. An acceptance must still be in "
                             "force for the data it is about.")
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO acceptances (employee_id, org_id, rule, justification, owner, "
                "valid_until, created_at, created_by) VALUES (?,?,?,?,?,?,?,?)",
                (employee_id, org_id, rule, justification.strip(), owner.strip(),
                 until.isoformat(), _now(), (by or _user()).strip()))
            aid = int(cur.lastrowid)
        return self.acceptance(aid)

    def revoke(self, acceptance_id: int, by: str, note: str = "") -> Acceptance:
        """Revoke an acceptance from now on (recorded as a revocation row)."""
        if not (by or "").strip():
            raise InputError("say who revokes the acceptance with --by NAME.")
        self._refuse_bad_text(by=by, note=note)
        with self.transaction() as c:
            if c.execute("SELECT 1 FROM acceptances WHERE acceptance_id = ?",
                         (acceptance_id,)).fetchone() is None:
                raise InputError(f"acceptance {acceptance_id} does not exist; see `coi accept --list`.")
            if c.execute("SELECT 1 FROM acceptance_revocations WHERE acceptance_id = ?",
                         (acceptance_id,)).fetchone() is not None:
                raise InputError(f"acceptance {acceptance_id} was already revoked.")
            c.execute("INSERT INTO acceptance_revocations (acceptance_id, revoked_at, revoked_by, "
                      "note) VALUES (?,?,?,?)", (acceptance_id, _now(), by.strip(), note or ""))
        return self.acceptance(acceptance_id)

    def acceptances(self) -> list[Acceptance]:
        rows = self.conn.execute(
            "SELECT a.*, r.revoked_at, r.revoked_by, r.note AS revoke_note FROM acceptances a "
            "LEFT JOIN acceptance_revocations r ON r.acceptance_id = a.acceptance_id "
            "ORDER BY a.acceptance_id")
        return [Acceptance(r["acceptance_id"], r["employee_id"], r["org_id"], r["rule"],
                           r["justification"], r["owner"], r["valid_until"], r["created_at"],
                           r["created_by"], r["revoked_at"], r["revoked_by"],
                           r["revoke_note"] or "") for r in rows]

    def acceptance(self, acceptance_id: int) -> Acceptance:
        for a in self.acceptances():
            if a.acceptance_id == acceptance_id:
                return a
        raise InputError(f"acceptance {acceptance_id} does not exist; see `coi accept --list`.")


# -- recording a scan ----------------------------------------------------------------------


def record_scan(result: ScanResult, run_dir: Path, workspace: Path | None = None,
                progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Record a finished scan in the workspace (default :func:`default_workspace_path`).

    Records the run (input checksums, policy and fingerprint, tool version, counts, run
    folder), the declaration figures computed from the dataset (so reports never need the
    source files again) and every finding, in one transaction; then reopens closed cases whose
    evidence changed.  Returns a summary: ``run_id``, ``findings``, ``new``, ``reopened``,
    ``still_closed``, ``accepted``, ``resolved`` (in the previous run, not in this one),
    ``already_recorded``.
    """
    with collector_paused():  # the scan's millions of objects are alive beside it
        return _record_scan(result, Path(run_dir), workspace, progress)


def _record_scan(result: ScanResult, run_dir: Path, workspace: Path | None,
                 progress: Callable[[str], None] | None) -> dict[str, Any]:
    run = dict(result.run or {})
    rj = run_dir / "run.json"
    if not run and rj.is_file():
        run = json.loads(rj.read_text(encoding="utf-8"))
    findings = [recorded_fields(f) for f in result.findings]
    ds = getattr(result, "dataset", None)
    as_of = _day(run.get("as_of")) or (result.policy.as_of if result.policy else None)
    stats = declaration_stats(ds, as_of, result.policy) if ds is not None and ds.tables else None
    rows = evidence_rows(ds, findings) if ds is not None and ds.tables else {}
    with open_workspace(workspace) as ws:
        if result.run and rj.is_file() and "workspace_chain" not in result.run:
            # the chain as this run found it, kept outside the workspace: a copy of the
            # workspace restored from before this scan, or cut back, lacks this head
            # (`coi verify --run`).  Before the run's own entry: that seals run.json's hash.
            from ..scan import write_json

            result.run["workspace_chain"] = run["workspace_chain"] = ws.chain_state()
            write_json(rj, result.run)
        sha = hashlib.sha256(rj.read_bytes()).hexdigest() if rj.is_file() else None
        return ws.record_run(run, findings, run_dir, stats=stats, rows=rows,
                             run_json_sha256=sha, progress=progress)


#: The fields of a finding the workspace keeps (``run_findings``), as :func:`recorded_fields`
#: gives them; values as ``findings.json`` version 1 holds them (a dict of that form, from a
#: caller holding JSON, is taken as it is: every value is coerced when it is stored).
RecordedFinding = dict[str, Any]


def finding_row(f: RecordedFinding) -> tuple[Any, ...]:
    """A finding's values for ``run_findings`` (RUN_FINDING_COLUMNS without ``run_id`` and
    ``evidence_rows``), each exactly the str or int SQLite gives back: what the run's seal
    covers, and what ``coi serve`` compares the run folder's findings.json with."""
    dumps = json.dumps
    return (str(f["finding_id"]), str(f["rule"]), str(f["severity"]),
            int(f["score"]), _text(f.get("evidence_hash")), _text(f.get("subject_id")),
            _text(f.get("subject_department")), _text(f.get("decision_id")),
            _text(f.get("counterparty")), 1 if _truthy(f.get("declared")) else 0,
            _text(f.get("record")), _text(f.get("subject_name")),
            _text(f.get("subject_role")), _text(f.get("counterparty_name")),
            _text(f.get("decision_date")), _text(f.get("path")),
            dumps(_as_list(f.get("path_nodes"))), dumps(_as_list(f.get("evidence"))))


def changed_findings(ws: Workspace, run: dict[str, Any], findings: Sequence[Finding],
                     *, whole_run: bool = True) -> list[str]:
    """The ids of the findings read from a run folder that are not what the workspace
    recorded for that run (and, with ``whole_run``, of recorded findings the file lacks):
    findings.json is a plain file beside the workspace, outside its audit chain.  The
    path's wording is compared only for a run this version recorded (another version may
    word the same path differently); ids, names, score, evidence and the path's nodes are
    compared always."""
    cols = list(RUN_FINDING_COLUMNS[1:-1])
    ids = None if whole_run else [f.finding_id for f in findings]
    where = "" if ids is None else f" AND finding_id IN ({','.join('?' * len(ids))})"
    kept = {r[0]: tuple(r) for r in ws.conn.execute(
        f"SELECT {', '.join(cols)} FROM run_findings WHERE run_id = ?{where}",
        (run["run_id"], *(ids or [])))}
    wording = set() if str(run.get("tool_version") or "") == __version__ else {"path"}
    # a version-1 finding written without its path (by hand, or cut down) is recorded with
    # the path text, evidence and declared flag it states, which reading it as a Finding
    # does not keep (record_run_folder): those are not compared for it
    pathless = wording | {"path", "path_nodes", "evidence", "declared"}
    out = []
    for f in findings:
        mine, row = finding_row(recorded_fields(f)), kept.pop(f.finding_id, None)
        skip = wording if f.path.node_keys else pathless
        if row is None or any(a != b for c, a, b in zip(cols, row, mine) if c not in skip):
            out.append(f.finding_id)
    return sorted(out + list(kept))


def recorded_matches(ws: Workspace, run: dict[str, Any], f: Finding) -> bool:
    """Whether one finding read from a run folder is the one the workspace recorded (see
    :func:`changed_findings`)."""
    return not changed_findings(ws, run, [f], whole_run=False)


def recorded_fields(f: Finding | RecordedFinding) -> RecordedFinding:
    """The fields of a finding the workspace keeps, without building its whole JSON (paths
    with every step's evidence: the bulk of ``to_json`` and nothing the workspace stores)."""
    if isinstance(f, dict):
        return f
    path = f.path
    return {"finding_id": f.finding_id, "rule": f.rule, "severity": f.severity,
            "score": f.score, "evidence_hash": f.evidence_hash, "subject_id": f.subject_id,
            "subject_department": f.subject_department, "decision_id": f.decision_id,
            "counterparty": f.counterparty, "declared": f.declared, "record": f.record,
            "subject_name": f.subject_name, "subject_role": f.subject_role,
            "counterparty_name": f.counterparty_name, "decision_date": f.decision_date,
            "path": path.text, "path_nodes": path.node_keys, "evidence": f.evidence}


_recorded_fields = recorded_fields  # the name bench/bench_scan.py uses


def record_run_folder(run_dir: Path, workspace: Path | None = None,
               progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Record a run folder from its files alone (findings.json + run.json), e.g. a run made
    before the workspace existed.  Without the dataset there are no declaration figures and
    no evidence row values ("what changed" then names rows, not values)."""
    run_dir = Path(run_dir)
    rj, fj = run_dir / "run.json", run_dir / "findings.json"
    if not rj.is_file() or not fj.is_file():
        raise InputError(f"{run_dir}: not a run folder (needs run.json and findings.json from "
                         "`coi scan`).")
    run = json.loads(rj.read_text(encoding="utf-8"))
    try:
        doc = json_loads(fj.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(f"{fj}: not readable as JSON ({e}); run `coi scan` again.") from None
    findings: list[Finding | RecordedFinding] = list(findings_from_document(doc, str(fj)))
    if isinstance(doc, list):  # version 1: a finding written without its path (by hand, or
        # cut down) keeps the path text, evidence and declared flag it states
        findings = [d if d.get("path_detail") is None else f for d, f in zip(doc, findings)]
    with open_workspace(workspace) as ws:
        return ws.record_run(run, findings, run_dir,
                             run_json_sha256=hashlib.sha256(rj.read_bytes()).hexdigest(),
                             progress=progress)


def declaration_stats(ds: Dataset, as_of: dt.date | None, policy: Policy | None
                      ) -> dict[str, Any]:
    """Declaration discipline on ``as_of`` (default: today), for the whole organization and
    per department.

    ``staff``: people employed on that date (any role; board members declare too).
    ``staff_with_declaration``: of them, those with at least one declaration valid on that
    date whose status counts (not in ``declarations.inactive_statuses``, default withdrawn).
    ``pending_requests``: declarations valid on that date still awaiting a permission
    decision (status pending).  ``side_functions_active`` / ``side_functions_unapproved``:
    active declarations of a kind that needs permission (``declarations.permission_kinds``),
    and of those the ones not approved (pending or rejected).
    """
    import pandas as pd

    on = pd.Timestamp(as_of or dt.date.today())
    inactive = set(policy.declarations.inactive_statuses) if policy else {"withdrawn"}
    permission = (set(policy.declarations.permission_kinds) if policy
                  else {"side_function", "own_business"})
    emp = ds.frame("employees")
    dec = ds.frame("declarations")

    def col(frame: pd.DataFrame, name: str) -> pd.Series:
        return frame[name] if name in frame.columns else pd.Series([None] * len(frame),
                                                                     index=frame.index)

    def active(frame: pd.DataFrame, lo: str, hi: str) -> pd.Series:
        a, b = pd.to_datetime(col(frame, lo)), pd.to_datetime(col(frame, hi))
        return (a.isna() | (a <= on)) & (b.isna() | (b >= on))

    emp = emp[active(emp, "employed_from", "employed_until")]
    dept = col(emp, "department").fillna("").astype(str).str.strip()
    emp_dept = dict(zip(col(emp, "employee_id").astype(str), dept))
    dec = dec[active(dec, "valid_from", "valid_until")]
    status = col(dec, "status").fillna("pending").astype(str)
    kind = col(dec, "kind").fillna("").astype(str)
    who = col(dec, "employee_id").astype(str)
    counting = dec[~status.isin(inactive)]
    declared = set(col(counting, "employee_id").astype(str))
    pending = who[status == "pending"]
    side = (kind.isin(permission)) & ~status.isin({"withdrawn"})
    side_who = who[side]
    unapproved_who = who[side & status.isin({"pending", "rejected"})]

    # each figure counted per department in one pass (a department's rows are those of its
    # active employees), not once per department over every row: a sector's thousands of
    # departments made that quadratic
    def per_department(people: pd.Series | list[str]) -> dict[str, int]:
        named = pd.Series(people, dtype=object).map(emp_dept).dropna()
        return {str(d): int(n) for d, n in named.value_counts().items()}

    counts = {"staff": per_department(list(emp_dept)),
              "staff_with_declaration": per_department(sorted(declared & set(emp_dept))),
              "pending_requests": per_department(pending),
              "side_functions_active": per_department(side_who),
              "side_functions_unapproved": per_department(unapproved_who)}
    departments = sorted(set(emp_dept.values()))
    return {"as_of": on.date().isoformat(),
            "all": {k: sum(by.values()) for k, by in counts.items()},
            "departments": {d: {k: by.get(d, 0) for k, by in counts.items()}
                            for d in departments}}


def evidence_rows(ds: Dataset, findings: Sequence[Finding | RecordedFinding]
                  ) -> dict[str, dict[str, Any]]:
    """Per finding, per evidence row (``table:line``): the row's key (its id, so it is
    recognised when lines move), a digest of its content, and its values (person fields and
    free text as a short hash only).  This is what lets a later scan say *what* changed."""
    findings = [recorded_fields(f) for f in findings]
    wanted: dict[str, set[int]] = {}
    for f in findings:
        for ev in _as_list(f.get("evidence")):
            cited = ds.cited_line(str(ev))  # table:line, or table:file:line (split table)
            if cited is not None:
                wanted.setdefault(cited[0], set()).add(cited[1])
    index: dict[str, dict[str, Any]] = {}
    for table, lines in wanted.items():
        t = ds.tables.get(table)
        if t is None or "_line" not in t.frame.columns:
            continue
        frame = t.frame[t.frame["_line"].isin(lines)]
        for rec in frame.to_dict("records"):
            line = int(rec["_line"])
            values = {k: _cell(k, v) for k, v in rec.items() if not str(k).startswith("_")}
            key_col = ROW_KEYS.get(table)
            key = f"{table} {values.get(key_col)}" if key_col and values.get(key_col) \
                else f"{table} line {line}"
            digest = hashlib.sha256(json.dumps(values, sort_keys=True, default=str)
                                    .encode()).hexdigest()[:16]
            index[ds.cite(table, line)] = {"key": key, "digest": digest, "values": values}
    return {f["finding_id"]: {ev: index[ev] for ev in _as_list(f.get("evidence")) if ev in index}
            for f in findings}


def describe_change(old: dict[str, Any] | None, new: dict[str, Any]) -> str:
    """A short, readable account of what differs between two recordings of one finding.

    >>> describe_change({"declared": 0, "evidence": ["declarations:2"], "path": "a", "severity":
    ...     "high", "evidence_rows": {}}, {"declared": 1, "evidence": ["declarations:2"], "path":
    ...     "a", "severity": "high", "evidence_rows": {}})
    'now declared in the register'
    """
    if old is None:
        return "the finding's evidence differs from the evidence it was closed on"
    parts: list[str] = []
    if bool(old["declared"]) != bool(new["declared"]):
        parts.append("now declared in the register" if new["declared"]
                     else "a link on the path is no longer declared")
    orows = {r["key"]: r for r in (old.get("evidence_rows") or {}).values()}
    nrows = {r["key"]: r for r in (new.get("evidence_rows") or {}).values()}
    if orows or nrows:
        for key in sorted(set(orows) | set(nrows)):
            o, n = orows.get(key), nrows.get(key)
            if o is None:
                parts.append(f"{key} added to the evidence")
            elif n is None:
                parts.append(f"{key} no longer in the evidence")
            elif o["digest"] != n["digest"]:
                cols = [k for k in sorted(set(o["values"]) | set(n["values"]))
                        if o["values"].get(k) != n["values"].get(k)]
                parts.append(f"{key}: " + ", ".join(_value_change(k, o["values"].get(k),
                                                                   n["values"].get(k))
                                                     for k in cols))
    else:
        added = [e for e in new["evidence"] if e not in old["evidence"]]
        gone = [e for e in old["evidence"] if e not in new["evidence"]]
        if added:
            parts.append("evidence rows added: " + ", ".join(added))
        if gone:
            parts.append("evidence rows gone: " + ", ".join(gone))
    if old["path"] != new["path"] and old["path"]:
        parts.append(f"path now: {new['path']}")
    if old["severity"] != new["severity"]:
        parts.append(f"severity {old['severity']} -> {new['severity']}")
    if not parts:
        parts.append("the content of the evidence rows changed ("
                     + ", ".join(new["evidence"]) + ")")
    return "; ".join(parts)


# -- helpers -------------------------------------------------------------------------------


def _value_change(col: str, old: Any, new: Any) -> str:
    if col not in CLEAR_COLUMNS:
        return f"{col} changed"
    return f"{col} {_show(old)} -> {_show(new)}"


def _show(v: Any) -> str:
    return "(empty)" if v is None or v == "" else str(v)


def _cell(col: str, v: Any) -> Any:
    """A JSON-safe cell value; outside :data:`CLEAR_COLUMNS` only a short hash."""
    try:
        import pandas as pd

        if v is None or (not isinstance(v, (list, dict, str)) and pd.isna(v)):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "isoformat"):
        v = v.date().isoformat() if hasattr(v, "date") and callable(v.date) else v.isoformat()
    elif isinstance(v, float):
        v = None if math.isnan(v) else (int(v) if v.is_integer() else v)
    elif hasattr(v, "item"):
        v = v.item()
    if col in CLEAR_COLUMNS:
        return v
    return "#" + hashlib.sha256(str(v).encode("utf-8")).hexdigest()[:10]


def _text(v: Any) -> str:
    """A TEXT cell as SQLite stores it: ``""`` for a missing value, else ``str``."""
    return v if isinstance(v, str) else ("" if not v else str(v))


def _blank(v: str | None) -> str | None:
    v = (v or "").strip() if isinstance(v, str) or v is None else str(v)
    return v or None


def _truthy(v: Any) -> bool:
    if isinstance(v, str):
        return v.strip().lower() in ("true", "1", "yes", "ja")
    return bool(v)


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [x for x in v.split(";") if x]
    return [str(x) for x in v]


def _abs(p: Any) -> str:
    if not p:
        return ""
    try:
        return str(Path(str(p)).resolve())
    except OSError:
        return str(p)


def _run_dict(r: sqlite3.Row) -> dict[str, Any]:
    d = dict(r)
    for k in ("policy_json", "inputs_json", "counts_json"):
        d[k[:-5]] = json.loads(d.pop(k) or "{}")
    return d


def _finding_dict(r: sqlite3.Row) -> dict[str, Any]:
    d = dict(r)
    d["declared"] = bool(d["declared"])
    for k, empty in (("path_nodes", []), ("evidence", []), ("evidence_rows", {})):
        if k in d:
            d[k] = json.loads(d[k] or json.dumps(empty))
    return d


def median(values: list[float]) -> float | None:
    """The median, or None for no values (kept here so reports and tests agree)."""
    return statistics.median(values) if values else None
