"""Policy as data: the settings an integrity code fixes, with documented defaults.

The defaults live in ``coi_graph/data/policy_default.yaml`` (``coi policy`` prints them).
A user's file overrides any subset; an unknown key is refused so a typo never silently
keeps a default.

>>> p = Policy.from_dict({"gifts": {"window_days": 180}})
>>> p.gifts.window_days, p.gifts.value_limit_eur
(180, 25.0)
>>> Policy.from_dict({"gifts": {"window_day": 180}})
Traceback (most recent call last):
coi_graph.errors.PolicyError: unknown setting 'gifts.window_day'; did you mean 'window_days'? (`coi policy` lists every setting)
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import hashlib
import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import PolicyError
from .schema import RULES

__all__ = [
    "Policy",
    "FamilyPolicy",
    "PathPolicy",
    "GiftPolicy",
    "MatchingPolicy",
    "ScoringPolicy",
    "RulePolicy",
    "default_policy_text",
    "load_policy",
]

RELATIONS = (
    "partner",
    "parent",
    "child",
    "grandparent",
    "grandchild",
    "sibling",
    "parent_in_law",
    "child_in_law",
    "sibling_in_law",
    "household_member",
    "other",
)
SUBJECT_ROLES = ("handled_by", "approved_by", "requested_by")


@dataclass(frozen=True)
class FamilyPolicy:
    relations: tuple[str, ...]


@dataclass(frozen=True)
class PathPolicy:
    max_links: int
    max_identifier_degree: int


@dataclass(frozen=True)
class DeclarationPolicy:
    inactive_statuses: tuple[str, ...]
    permission_kinds: tuple[str, ...]


@dataclass(frozen=True)
class GiftPolicy:
    window_days: int
    value_limit_eur: float
    invitation_kinds: tuple[str, ...]


@dataclass(frozen=True)
class MatchingPolicy:
    min_given_name_score: float
    use_address: bool
    min_org_name_score: float


@dataclass(frozen=True)
class ScoringPolicy:
    high_from: int
    medium_from: int
    undeclared_bonus: int
    per_extra_link: int
    fuzzy_match_penalty: int
    large_amount_eur: float
    large_amount_bonus: int

    def severity(self, score: int) -> str:
        if score >= self.high_from:
            return "high"
        if score >= self.medium_from:
            return "medium"
        return "low"


@dataclass(frozen=True)
class RulePolicy:
    enabled: bool
    base_score: int
    articles: tuple[str, ...]


@dataclass(frozen=True)
class ReportPolicy:
    min_group_size: int
    language: str


@dataclass(frozen=True)
class Policy:
    """The effective policy of one run."""

    family: FamilyPolicy
    paths: PathPolicy
    subject_roles: tuple[str, ...]
    declarations: DeclarationPolicy
    gifts: GiftPolicy
    matching: MatchingPolicy
    scoring: ScoringPolicy
    rules: dict[str, RulePolicy]
    reports: ReportPolicy
    as_of: dt.date | None = None
    source: str = field(default="defaults", compare=False)

    # -- construction -----------------------------------------------------------------
    @classmethod
    def default(cls) -> Policy:
        return cls.from_dict({})

    @classmethod
    def from_dict(cls, overrides: dict[str, Any], source: str = "defaults") -> Policy:
        """Defaults, overridden by ``overrides`` (a nested dict as in the YAML file)."""
        merged = _merge(_defaults(), overrides or {}, path="")
        return _build(merged, source)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("source")
        d["as_of"] = self.as_of.isoformat() if self.as_of else None
        return _plain(d)

    def fingerprint(self) -> str:
        """A short hash of every setting that can change findings (for run.json and diff)."""
        blob = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def rule(self, code: str) -> RulePolicy:
        return self.rules[code]


def default_policy_text() -> str:
    """The commented default policy file, as shipped."""
    return resources.files("coi_graph").joinpath("data/policy_default.yaml").read_text("utf-8")


def load_policy(path: str | Path | None) -> Policy:
    """Read a policy YAML file (``None``: the defaults)."""
    if path is None:
        return Policy.default()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise PolicyError(f"{p}: cannot read the policy file ({e.strerror}).") from None
    import yaml  # here, not at the top: `coi --help` and the case commands need no YAML

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{p}:{mark.line + 1}" if mark else str(p)
        raise PolicyError(f"{where}: not valid YAML ({getattr(e, 'problem', e)}).") from None
    if not isinstance(data, dict):
        raise PolicyError(f"{p}: a policy file is a mapping of settings (see `coi policy`).")
    try:
        return Policy.from_dict(data, source=str(p))
    except PolicyError as e:
        raise PolicyError(f"{p}: {e}") from None


# -- internals -------------------------------------------------------------------------


def _defaults() -> dict[str, Any]:
    import yaml

    return yaml.safe_load(default_policy_text())


def _merge(base: Any, over: Any, path: str) -> Any:
    if isinstance(base, dict):
        if not isinstance(over, dict):
            raise PolicyError(f"setting '{path.strip('.')}' must be a mapping.")
        out = copy.deepcopy(base)
        for k, v in over.items():
            key = str(k)
            if key not in base:
                name = (path + "." + key).strip(".")
                close = difflib.get_close_matches(key, list(base), n=1, cutoff=0.6)
                if close:
                    raise PolicyError(f"unknown setting '{name}'; did you mean '{close[0]}'? "
                                      "(`coi policy` lists every setting)")
                known = ", ".join(sorted(base))
                raise PolicyError(f"unknown setting '{name}'; known here: {known}.")
            out[key] = _merge(base[key], v, f"{path}.{key}")
        return out
    return over


def _plain(o: Any) -> Any:
    if isinstance(o, dict):
        return {k: _plain(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_plain(v) for v in o]
    return o


def _num(d: dict[str, Any], key: str, path: str, kind: type, lo: float | None = None,
         hi: float | None = None) -> Any:
    v = d[key]
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise PolicyError(f"setting '{path}.{key}' must be a number, not {v!r}.")
    if kind is int and float(v) != int(v):
        raise PolicyError(f"setting '{path}.{key}' must be a whole number, not {v!r}.")
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise PolicyError(f"setting '{path}.{key}' must be between {lo} and {hi}, not {v!r}.")
    return kind(v)


def _strs(v: Any, path: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise PolicyError(f"setting '{path}' must be a list of words.")
    if allowed is not None:
        bad = [x for x in v if x not in allowed]
        if bad:
            raise PolicyError(
                f"setting '{path}': unknown value(s) {', '.join(bad)}; allowed: {', '.join(allowed)}."
            )
    return tuple(v)


def _bool(v: Any, path: str) -> bool:
    if not isinstance(v, bool):
        raise PolicyError(f"setting '{path}' must be true or false, not {v!r}.")
    return v


def _build(d: dict[str, Any], source: str) -> Policy:
    rules: dict[str, RulePolicy] = {}
    for code in RULES:
        r = d["rules"][code]
        rules[code] = RulePolicy(
            enabled=_bool(r["enabled"], f"rules.{code}.enabled"),
            base_score=_num(r, "base_score", f"rules.{code}", int, 0, 100),
            articles=_strs(r["articles"], f"rules.{code}.articles"),
        )
    as_of = d.get("as_of")
    if as_of is not None and not isinstance(as_of, dt.date):
        try:
            as_of = dt.date.fromisoformat(str(as_of))
        except ValueError:
            raise PolicyError(f"setting 'as_of' must be a date like 2024-12-31, not {as_of!r}.") from None
    g, m, s, pth = d["gifts"], d["matching"], d["scoring"], d["paths"]
    pol = Policy(
        family=FamilyPolicy(_strs(d["family"]["relations"], "family.relations", RELATIONS)),
        paths=PathPolicy(
            max_links=_num(pth, "max_links", "paths", int, 1, 6),
            max_identifier_degree=_num(pth, "max_identifier_degree", "paths", int, 2, 10_000),
        ),
        subject_roles=_strs(d["subject_roles"], "subject_roles", SUBJECT_ROLES),
        declarations=DeclarationPolicy(
            inactive_statuses=_strs(
                d["declarations"]["inactive_statuses"], "declarations.inactive_statuses",
                ("approved", "pending", "rejected", "withdrawn"),
            ),
            permission_kinds=_strs(
                d["declarations"]["permission_kinds"], "declarations.permission_kinds",
                ("financial_interest", "side_function", "own_business", "position",
                 "private_transaction", "other"),
            ),
        ),
        gifts=GiftPolicy(
            window_days=_num(g, "window_days", "gifts", int, 0, 3650),
            value_limit_eur=_num(g, "value_limit_eur", "gifts", float, 0, None),
            invitation_kinds=_strs(g["invitation_kinds"], "gifts.invitation_kinds",
                                   ("gift", "invitation", "meal", "event", "trip", "money", "other")),
        ),
        matching=MatchingPolicy(
            min_given_name_score=_num(m, "min_given_name_score", "matching", float, 0, 1),
            use_address=_bool(m["use_address"], "matching.use_address"),
            min_org_name_score=_num(m, "min_org_name_score", "matching", float, 0, 1),
        ),
        scoring=ScoringPolicy(
            high_from=_num(s, "high_from", "scoring", int, 0, 100),
            medium_from=_num(s, "medium_from", "scoring", int, 0, 100),
            undeclared_bonus=_num(s, "undeclared_bonus", "scoring", int, -100, 100),
            per_extra_link=_num(s, "per_extra_link", "scoring", int, -100, 100),
            fuzzy_match_penalty=_num(s, "fuzzy_match_penalty", "scoring", int, -100, 100),
            large_amount_eur=_num(s, "large_amount_eur", "scoring", float, 0, None),
            large_amount_bonus=_num(s, "large_amount_bonus", "scoring", int, -100, 100),
        ),
        rules=rules,
        reports=ReportPolicy(
            min_group_size=_num(d["reports"], "min_group_size", "reports", int, 1, 1000),
            language=_strs([d["reports"]["language"]], "reports.language", ("nl", "en"))[0],
        ),
        as_of=as_of,
        source=source,
    )
    if pol.scoring.medium_from > pol.scoring.high_from:
        raise PolicyError("setting 'scoring.medium_from' must not be above 'scoring.high_from'.")
    return pol
