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
import dataclasses
import datetime as dt
import difflib
import functools
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import PolicyError

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
SUBJECT_ROLES = ("handled_by", "approved_by", "second_approved_by", "requested_by")


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


def _default_weights() -> dict[str, float]:
    from .match.compare import DEFAULT_WEIGHTS

    return dict(DEFAULT_WEIGHTS)


@dataclass(frozen=True)
class MatchingPolicy:
    """How records are taken to be one person (see ``coi_graph.match.compare``)."""

    use_address: bool = True
    min_org_name_score: float = 0.92
    match_threshold: float = 20.0
    review_threshold: float = 17.0
    weights: dict[str, float] = field(default_factory=_default_weights)
    possible_match_penalty: int = -20
    #: how common a name is (``coi_graph.match.compare.NameFrequencies``): ``enabled``,
    #: ``min_records``, ``max_bonus``, ``max_penalty``, ``rare_max_names``
    name_frequency: dict[str, Any] = field(default_factory=lambda: dict(NAME_FREQUENCY_DEFAULTS))


#: The documented defaults of ``matching.name_frequency`` (the policy YAML wins).
NAME_FREQUENCY_DEFAULTS: dict[str, Any] = {"enabled": True, "min_records": 1000,
                                           "max_bonus": 5.0, "max_penalty": 10.0,
                                           "rare_max_names": 2}


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
    """``rules.<code>``: the defaults live in the rule's module (``coi_graph/rules/``)."""

    enabled: bool
    base_score: int
    articles: tuple[str, ...]
    #: the rule's own settings (a window, an amount), each defaulted by its module
    settings: dict[str, Any] = field(default_factory=dict)

    def setting(self, name: str) -> Any:
        return self.settings[name]


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
    #: retired settings the file still named: ``(setting, what replaced it)``; they are ignored
    #: so that a policy file written for an older version keeps working, and the CLI says so.
    retired: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    # -- construction -----------------------------------------------------------------
    @classmethod
    def default(cls) -> Policy:
        return cls.from_dict({})

    @classmethod
    def from_dict(cls, overrides: dict[str, Any], source: str = "defaults") -> Policy:
        """Defaults, overridden by ``overrides`` (a nested dict as in the YAML file)."""
        retired: list[tuple[str, str]] = []
        merged = _merge(_defaults(), overrides or {}, path="", retired=retired)
        pol = _build(merged, source)
        return dataclasses.replace(pol, retired=tuple(retired)) if retired else pol

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("source")
        d.pop("retired")
        for r in d["rules"].values():
            # as in the policy file: a rule's own settings beside enabled and base_score (so
            # from_dict(to_dict()) round-trips, and rules without settings keep their old
            # fingerprint)
            r.update(r.pop("settings"))
        d["as_of"] = self.as_of.isoformat() if self.as_of else None
        return _plain(d)

    def fingerprint(self) -> str:
        """A short hash of every setting that can change findings (for run.json and diff)."""
        blob = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def rule(self, code: str) -> RulePolicy:
        return self.rules[code]


def default_policy_text() -> str:
    """The commented default policy file: ``data/policy_default.yaml`` with each rule's
    section written in from its module (:data:`coi_graph.rules.RULES`)."""
    text = resources.files("coi_graph").joinpath("data/policy_default.yaml").read_text("utf-8")
    marker = next(line for line in text.splitlines(keepends=True) if line.startswith("# @rules"))
    return text.replace(marker, _rules_yaml())


def _rules_yaml() -> str:
    """The ``rules:`` section of the default policy, from the rule modules."""
    from .rules import RULES

    out = ["# Per rule: on or off, its base score, the articles of the integrity codes it",
           "# enforces, and its own settings.  Each rule's defaults are in coi_graph/rules/<rule>.py.",
           "rules:"]
    for code, r in RULES.items():
        d = r.defaults
        out.append(f"  {code}:{' ' * max(1, 26 - len(code))}# {r.title_en}")
        out.append(f"    enabled: {'true' if d.enabled else 'false'}")
        out.append(f"    base_score: {d.base_score}")
        out.append(f"    articles: {json.dumps(list(d.articles), ensure_ascii=False)}")
        for k, v in d.settings.items():
            out.append(f"    {k}: {json.dumps(v, ensure_ascii=False)}")
    return "\n".join(out) + "\n"


def load_policy(path: str | Path | None) -> Policy:
    """Read a policy YAML file (``None``: the defaults)."""
    if path is None:
        return Policy.default()
    p = Path(path)
    from ingest.header_mapping import settings_file_problem

    problem = settings_file_problem(p)
    if problem:
        raise PolicyError(f"{p}: {problem}; give the policy file itself.")
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise PolicyError(f"{p}: cannot read the policy file ({e.strerror}).") from None
    import yaml  # here, not at the top: `coi --help` and the case commands need no YAML

    try:
        data = yaml.load(text, Loader=_policy_loader()) or {}
    except yaml.YAMLError as e:
        from ingest.header_mapping import yaml_problem  # PyYAML's text is English

        line, why = yaml_problem(e)
        where = f"{p}:{line}" if line else str(p)
        raise PolicyError(f"{where}: not valid YAML ({why}).") from None
    if not isinstance(data, dict):
        raise PolicyError(f"{p}: a policy file is a mapping of settings (see `coi policy`).")
    try:
        return Policy.from_dict(data, source=str(p))
    except PolicyError as e:
        line = _line_of(text, str(e))
        raise PolicyError(f"{p}{f':{line}' if line else ''}: {e}") from None


@functools.cache
def _policy_loader() -> type:
    """The YAML loader for policy files, made on first use (PyYAML is not imported by the
    commands that read no policy)."""
    import yaml

    class _PolicyLoader(yaml.SafeLoader):
        """YAML without implicit dates: PyYAML turns ``as_of: 2024-13-45`` into a traceback
        (``month must be in 1..12``) while loading; as text it reaches the policy's own
        check, which says what to write instead."""

    _PolicyLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _PolicyLoader


def _line_of(text: str, message: str) -> int | None:
    r"""The line of the setting a message names (``setting 'gifts.window_day' ...``): each part
    of the dotted name is looked for below the line of the part before it, more indented.

    >>> _line_of("gifts:\n  window_days: 30\n  valeu: 1\n", "unknown setting 'gifts.valeu'")
    3
    """
    m = re.search(r"setting '([A-Za-z_][A-Za-z_0-9.]*)", message)
    if not m:
        return None
    lines = text.splitlines()
    found, start, indent = None, 0, -1
    for part in m.group(1).split("."):
        for i in range(start, len(lines)):
            hit = re.match(rf"(\s*){re.escape(part)}\s*:", lines[i])
            if hit and len(hit.group(1)) > indent:
                found, start, indent = i + 1, i + 1, len(hit.group(1))
                break
        else:
            return found
    return found


# -- internals -------------------------------------------------------------------------


def _defaults() -> dict[str, Any]:
    import yaml

    return yaml.safe_load(default_policy_text())


#: Settings an older version had, with what replaced them: still accepted (and ignored), never
#: an error, so that a user's policy file keeps working after an upgrade.
RETIRED_SETTINGS: dict[str, str] = {
    "matching.min_given_name_score": "replaced by the scored comparison "
                                     "(matching.weights, match_threshold, review_threshold)",
}


def _merge(base: Any, over: Any, path: str, retired: list[tuple[str, str]]) -> Any:
    if isinstance(base, dict):
        if not isinstance(over, dict):
            raise PolicyError(f"setting '{path.strip('.')}' must be a mapping.")
        out = copy.deepcopy(base)
        for k, v in over.items():
            key = str(k)
            name = (path + "." + key).strip(".")
            if key not in base and name in RETIRED_SETTINGS:
                retired.append((name, RETIRED_SETTINGS[name]))
                continue
            if key not in base:
                close = difflib.get_close_matches(key, list(base), n=1, cutoff=0.6)
                if close:
                    raise PolicyError(f"unknown setting '{name}'; did you mean '{close[0]}'? "
                                      "(`coi policy` lists every setting)")
                known = ", ".join(sorted(base))
                raise PolicyError(f"unknown setting '{name}'; known here: {known}.")
            out[key] = _merge(base[key], v, f"{path}.{key}", retired)
        return out
    return over


def _plain(o: Any) -> Any:
    if isinstance(o, dict):
        return {k: _plain(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_plain(v) for v in o]
    return o


def _name_frequency(d: dict[str, Any]) -> dict[str, Any]:
    path = "matching.name_frequency"
    return {"enabled": _bool(d["enabled"], f"{path}.enabled"),
            "min_records": _num(d, "min_records", path, int, 1, None),
            "max_bonus": _num(d, "max_bonus", path, float, 0, 30),
            "max_penalty": _num(d, "max_penalty", path, float, 0, 30),
            "rare_max_names": _num(d, "rare_max_names", path, int, 0, None)}


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


def _setting(d: dict[str, Any], key: str, path: str, default: Any) -> Any:
    """A rule's own setting, checked against the type of its default."""
    if isinstance(default, bool):
        return _bool(d[key], f"{path}.{key}")
    if isinstance(default, int):
        return _num(d, key, path, int, 0, None)
    if isinstance(default, float):
        return _num(d, key, path, float, 0, None)
    if isinstance(default, (list, tuple)):
        return _strs(d[key], f"{path}.{key}")
    return d[key]


def _bool(v: Any, path: str) -> bool:
    if not isinstance(v, bool):
        raise PolicyError(f"setting '{path}' must be true or false, not {v!r}.")
    return v


def _build(d: dict[str, Any], source: str) -> Policy:
    from .rules import RULES

    rules: dict[str, RulePolicy] = {}
    for code, spec in RULES.items():
        r = d["rules"][code]
        rules[code] = RulePolicy(
            enabled=_bool(r["enabled"], f"rules.{code}.enabled"),
            base_score=_num(r, "base_score", f"rules.{code}", int, 0, 100),
            articles=_strs(r["articles"], f"rules.{code}.articles"),
            settings={k: _setting(r, k, f"rules.{code}", default)
                      for k, default in spec.defaults.settings.items()},
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
            use_address=_bool(m["use_address"], "matching.use_address"),
            min_org_name_score=_num(m, "min_org_name_score", "matching", float, 0, 1),
            match_threshold=_num(m, "match_threshold", "matching", float, -100, 100),
            review_threshold=_num(m, "review_threshold", "matching", float, -100, 100),
            weights={k: _num(m["weights"], k, "matching.weights", float, -100, 100)
                     for k in sorted(m["weights"])},
            possible_match_penalty=_num(m, "possible_match_penalty", "matching", int, -100, 100),
            name_frequency=_name_frequency(m["name_frequency"]),
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
            min_group_size=_num(d["reports"], "min_group_size", "reports", int, 2, 1000),
            language=_strs([d["reports"]["language"]], "reports.language", ("nl", "en"))[0],
        ),
        as_of=as_of,
        source=source,
    )
    if pol.matching.review_threshold > pol.matching.match_threshold:
        raise PolicyError("setting 'matching.review_threshold' must not be above "
                          "'matching.match_threshold'.")
    if pol.scoring.medium_from > pol.scoring.high_from:
        raise PolicyError("setting 'scoring.medium_from' must not be above 'scoring.high_from'.")
    return pol
