"""The small exception hierarchy that the CLI maps to clear messages and exit codes.

``InputError`` (exit 2): the user's files or options cannot be used; the message says
which file, line and column, and what to do.  ``CoiError`` (exit 1): anything else that
stopped a run.
"""

from __future__ import annotations

__all__ = ["CoiError", "InputError", "PolicyError", "WorkspaceError"]


class CoiError(Exception):
    """A run could not complete; the message is meant for the user."""

    exit_code = 1


class InputError(CoiError):
    """Input files, policy or options are unusable (exit status 2)."""

    exit_code = 2


class PolicyError(InputError):
    """The policy file is malformed or holds an unknown setting."""


class WorkspaceError(CoiError):
    """The workspace database cannot be opened or updated."""
