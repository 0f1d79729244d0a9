"""Accounts for ``coi serve``: who may use the web application when it listens on a network.

On 127.0.0.1 the server needs no accounts (a random token in the URL, as Jupyter does); on
any other address it refuses to start unless accounts exist.  Passwords are hashed with
argon2id (``argon2-cffi``, the reference implementation's binding, OWASP's first choice):
the workspace never holds a password, and a stolen workspace does not give the passwords.

>>> hasher().verify(hasher().hash("s3cret pass"), "s3cret pass")
True
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from argon2 import PasswordHasher

    from .workspace import Workspace

__all__ = ["MIN_PASSWORD", "add_user", "check_password", "hasher", "remove_user", "users"]

#: Shorter passwords are refused (NIST SP 800-63B's minimum for chosen passwords).
MIN_PASSWORD = 8


def hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


def _name(name: str) -> str:
    """The account name as recorded on every decision, refused when the workspace would
    refuse it there (a C1 control character such as U+009B, U+200E, a possible BSN): such
    an account signed in, and then every decision it made was refused ("not found")."""
    from .workspace import Workspace, _CONTROL

    name = (name or "").strip()
    if not name or len(name) > 80 or _CONTROL.search(name):
        raise InputError("a user name is 1-80 characters, without control or direction "
                         "characters.")
    try:
        Workspace._refuse_bsn(name=name)
    except InputError:
        raise InputError("a user name must not hold a nine-digit number that passes the "
                         "eleven test (a possible BSN): it is recorded on every decision; "
                         "choose another name.") from None
    return name


def add_user(ws: Workspace, name: str, password: str, by: str) -> None:
    """Add an account (refused when the name exists: a password is changed with remove+add)."""
    name = _name(name)
    if len(password or "") < MIN_PASSWORD:
        raise InputError(f"the password must be at least {MIN_PASSWORD} characters.")
    with ws.transaction() as c:
        if c.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise InputError(f"user '{name}' already exists; `coi user remove {name}` first "
                             "to set a new password.")
        at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        pw = hasher().hash(password)
        c.execute("INSERT INTO users (name, password_hash, created_at, created_by) "
                  "VALUES (?,?,?,?)", (name, pw, at, by))
        c.execute("INSERT INTO account_events (name, event, password_hash, at, by) "
                  "VALUES (?, 'added', ?, ?, ?)", (name, pw, at, by))


def remove_user(ws: Workspace, name: str, by: str = "") -> None:
    """Remove an account; the removal is an account event in the audit chain."""
    with ws.transaction() as c:
        if c.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 0:
            raise InputError(f"user '{name}' does not exist; see `coi user list`.")
        c.execute("INSERT INTO account_events (name, event, password_hash, at, by) "
                  "VALUES (?, 'removed', '', ?, ?)",
                  (name, dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                   by or "?"))


def users(ws: Workspace) -> list[dict[str, str]]:
    return [{"name": r[0], "created_at": r[1], "created_by": r[2]} for r in ws.conn.execute(
        "SELECT name, created_at, created_by FROM users ORDER BY name")]


def check_password(ws: Workspace, name: str, password: str) -> bool:
    """Whether the password is right (argon2 verifies in constant time; an unknown name is
    checked against a dummy hash so that timing does not tell which names exist)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    row = ws.conn.execute("SELECT password_hash FROM users WHERE name = ?",
                          ((name or "").strip(),)).fetchone()
    if row is not None and ws.sealed_accounts().get((name or "").strip()) != row[0]:
        row = None  # put in users outside `coi user add`: not an account (coi verify says so)
    h = hasher()
    try:
        if row is None:
            if "h" not in _DUMMY:  # once: setdefault(h.hash(...)) hashed on every call,
                _DUMMY["h"] = h.hash("not a password of anyone")  # a second argon2 run
            h.verify(_DUMMY["h"], password or "")
            return False
        return bool(h.verify(row[0], password or ""))
    except (VerificationError, InvalidHashError):
        return False


_DUMMY: dict[str, str] = {}
