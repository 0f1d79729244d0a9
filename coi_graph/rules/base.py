"""What a rule is, and the one constructor every finding goes through.

A rule module (one per rule in this package) holds a :class:`RuleSpec`: its code, its texts in
Dutch and English, the articles of the integrity codes it enforces, its policy defaults, its
score parts as data, how the embedded engine selects it and how the rows of its Cypher twin
(``queries/<code>.cypher``) become findings.  Detection, the Neo4j engine, the reports, diff,
explore and the README's rule table iterate :data:`coi_graph.rules.RULES`; none of them names
a rule.

Every finding is built by :func:`make_finding`, so the id, the score, the severity, the
articles and the evidence hash are made the same way for every rule and engine.

>>> ScorePart("money", 30, "money was accepted", "geld aangenomen").reason("nl")
'geld aangenomen'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..findings import EvidencePath, Finding, evidence_hash, finding_id, format_eur

if TYPE_CHECKING:
    from ..graph.decisions import Decision
    from .detect import DetectionContext

__all__ = ["ScorePart", "RuleDefaults", "LinkPattern", "RuleSpec", "make_finding",
           "score_finding"]

Select = Callable[["DetectionContext"], list[Finding]]
FromRows = Callable[["DetectionContext", list[Mapping[str, Any]]], list[Finding]]


@dataclass(frozen=True)
class ScorePart:
    """One reason that adds to (or takes from) a finding's score, in both languages.

    ``en`` and ``nl`` may name parameters (``{limit}``) that the rule fills in.
    """

    code: str
    points: int
    en: str
    nl: str

    def reason(self, lang: str, **params: Any) -> str:
        return (self.nl if lang == "nl" else self.en).format(**params)


@dataclass(frozen=True)
class RuleDefaults:
    """A rule's policy section as shipped: ``rules.<code>`` in the policy file.

    ``settings`` are the rule's own settings (a window, an amount); a user's policy file may
    override each of them, and an unknown one is refused like any unknown setting.
    """

    base_score: int
    articles: tuple[str, ...]
    enabled: bool = True
    settings: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class LinkPattern:
    """For the rules found on paths from a person to a counterparty (the *link-path* rules,
    selected together and assembled together so the most specific one wins): which
    counterparty the path ends at, and which link kinds it must or must not contain."""

    counterparty: str  # "organization" or "applicant"
    needs: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()

    def matches(self, kinds: set[str], counterparty: str) -> bool:
        """
        >>> LinkPattern("organization", needs=("family",)).matches({"family", "officer"}, "organization")
        True
        """
        if counterparty != self.counterparty and self.counterparty != "any":
            return False
        return all(k in kinds for k in self.needs) and not any(k in kinds for k in self.excludes)


@dataclass(frozen=True)
class RuleSpec:
    """Everything about one rule, in one place.

    ``select`` is the embedded engine's selection: it returns the rule's findings.
    ``from_rows`` turns the rows of the rule's Cypher query into findings (the Neo4j engine);
    link-path rules have neither (their paths are selected and assembled together, see
    :mod:`coi_graph.rules.link_paths`) but a ``link`` pattern and a ``precedence``.
    ``policy_sections`` are the policy settings that can change *whether* a finding of this
    rule exists (``coi diff`` uses them to attribute a change to the policy).
    """

    code: str
    title_nl: str
    title_en: str
    description_en: str
    description_nl: str
    decision_based: bool
    defaults: RuleDefaults
    policy_sections: tuple[str, ...]
    parts: tuple[ScorePart, ...] = ()
    select: Select | None = None
    from_rows: FromRows | None = None
    link: LinkPattern | None = None
    precedence: int = 0
    #: the README's one-line summary (English), the rule table's second column
    summary: str = ""
    #: the plain Dutch of the supervisory board's report (its English is ``description_en``)
    report_nl: str = ""
    #: the tables the rule cannot find anything without: one table of each group must have
    #: been supplied.  A report says "not checked" for a rule that lacks one, so that a 0 is
    #: never read as a clean result where the data were absent (no relatives, no gifts).
    inputs: tuple[tuple[str, ...], ...] = ()
    #: a table of ``inputs`` that a setting of the rule's policy section stands in for when
    #: it is set (a default mandate for everyone in place of the mandates register)
    inputs_from_policy: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}))

    @property
    def cypher(self) -> str:
        """The file of the rule's Cypher twin, under ``queries/``."""
        return f"{self.code}.cypher"

    def title(self, lang: str) -> str:
        return self.title_nl if lang == "nl" else self.title_en

    def report_text(self, lang: str) -> str:
        """What the rule flags, in the words of the board's report."""
        return (self.report_nl or self.description_nl) if lang == "nl" else self.description_en

    def tables_lacking(self, not_supplied: Iterable[str],
                       settings: Mapping[str, Any] | None = None) -> list[str]:
        """The tables, of those not supplied, without which this rule could find nothing
        (each a group's first table; empty: the rule looked).

        >>> from coi_graph.rules import RULES
        >>> RULES["split_orders"].tables_lacking(["mandates"], {"default_limit_eur": 0})
        ['mandates']
        >>> RULES["split_orders"].tables_lacking(["mandates"], {"default_limit_eur": 5000})
        []
        """
        absent = set(not_supplied)
        settings = settings or {}
        lacking = []
        for group in self.inputs:
            if all(table in absent and not settings.get(self.inputs_from_policy.get(table, ""))
                   for table in group):
                lacking.append(group[0])
        return lacking

    def part(self, code: str) -> ScorePart:
        for p in self.parts:
            if p.code == code:
                return p
        raise KeyError(f"{self.code} has no score part {code!r}")


def score_finding(ctx: DetectionContext, rule: str, path: EvidencePath, fuzzy: bool,
                  amount: float | None = None,
                  extra: Sequence[tuple[str, str, int]] = ()
                  ) -> tuple[int, str, list[dict[str, Any]]]:
    """A finding's score, its severity and how it was made up (each part in both languages):
    the rule's base score, the policy's general parts (undeclared link, path length, fuzzy or
    possible match, large amount), then the rule's own parts (``extra``)."""
    from . import RULES

    sc = ctx.policy.scoring
    parts: list[tuple[str, str, int]] = [
        (f"base score of {rule}", f"basisscore: {RULES[rule].title_nl}",
         ctx.policy.rule(rule).base_score)]
    link_steps = [s for s in path.steps if s.kind not in ("decision", "gift")]
    if any(not s.declared for s in link_steps):
        parts.append(("a link was not declared in the register",
                      "een verbinding staat niet in het register", sc.undeclared_bonus))
    if len(link_steps) > 1:
        n = len(link_steps)
        parts.append((f"{n} links between subject and counterparty",
                      f"{n} verbindingen tussen medewerker en wederpartij",
                      sc.per_extra_link * (n - 1)))
    if fuzzy:
        parts.append(("a record was matched on initials or a spelling variant",
                      "een persoon is herkend op initialen of een spellingsvariant",
                      sc.fuzzy_match_penalty))
    if any(s.match and s.match.get("band") == "possible" for s in path.steps):
        parts.append(("possible same person: a record only possibly matched (see why)",
                      "mogelijk dezelfde persoon: een persoon is alleen mogelijk herkend "
                      "(zie waarom)", ctx.policy.matching.possible_match_penalty))
    if amount is not None and amount >= sc.large_amount_eur:
        parts.append((f"amount of at least {format_eur(sc.large_amount_eur)}",
                      f"bedrag van ten minste {format_eur(sc.large_amount_eur)}",
                      sc.large_amount_bonus))
    parts += list(extra)
    score = max(0, min(100, sum(p for _, _, p in parts)))
    return score, sc.severity(score), [{"reason": en, "reason_nl": nl, "points": p}
                                       for en, nl, p in parts if p]


def part_reasons(spec: RuleSpec, codes: Iterable[str], **params: Any
                 ) -> list[tuple[str, str, int]]:
    """The named score parts of a rule as ``(english, dutch, points)``."""
    out = []
    for c in codes:
        p = spec.part(c)
        out.append((p.reason("en", **params), p.reason("nl", **params), p.points))
    return out


def make_finding(ctx: DetectionContext, rule: str, *, subject: str, counterparty: str,
                 path: EvidencePath, records: Iterable[tuple[str, str]],
                 decisions: Sequence[Decision] = (), record: str = "", record_key: str = "",
                 counterparty_name: str = "", roles: str = "",
                 other_paths: Sequence[EvidencePath] = (), fuzzy: bool = False,
                 amount: float | None = None, extra: Sequence[tuple[str, str, int]] = (),
                 explanation: tuple[str, str] | None = None,
                 details: Mapping[str, Any] | None = None) -> Finding:
    """The one way a finding is made.

    - ``decisions``: the decisions it cites, in any order; ``decision_id`` is the latest
      (the last by date, then id), ``decision_ids`` all of them sorted by date and id. The
      id hashes every cited decision, so one decision gives today's ids.
    - ``record``: for a rule about a register row (``declarations:ID``), the row it is about;
      ``record_key`` the stable key the id is made from when ``record`` holds a line number
      (officers have no id).
    - ``records``: ``(record key, row digest)`` of every source row behind the evidence; the
      cited decisions are added here.
    - ``extra``: the rule's own score parts, ``(english, dutch, points)``.
    """
    from ..links import ordinal_to_iso
    from . import RULES

    spec = RULES[rule]
    ds = sorted(decisions, key=lambda d: (d.day, d.decision_id))
    latest = ds[-1] if ds else None
    ids = [d.decision_id for d in ds]
    amount_eur = latest.amount if latest is not None and amount is None and len(ds) == 1 else amount
    score_amount = amount if amount is not None else (
        latest.amount if latest is not None and latest.table == "contracts" else None)
    score, sev, parts = score_finding(ctx, rule, path, fuzzy, score_amount, extra)
    name, dept = ctx.subject_of(subject)
    recs = list(records) + [(f"{d.table}:{d.decision_id}", d.digest) for d in ds]
    en, nl = explanation or (spec.description_en, spec.description_nl)
    det: dict[str, Any] = dict(details or {})
    if latest is not None and "decision_roles" not in det and len(ds) == 1:
        det["decision_roles"] = dict(latest.roles)
    return Finding(
        finding_id=finding_id(rule, "+".join(ids), record_key or record, subject, counterparty),
        rule=rule, severity=sev, score=score, decision_id=latest.decision_id if latest else "",
        record=record, subject_id=subject, counterparty=counterparty, path=path,
        subject_role=roles, subject_name=name, subject_department=dept,
        counterparty_name=counterparty_name or (latest.counterparty_name if latest else ""),
        decision_kind=latest.kind if latest else "",
        decision_date=(ordinal_to_iso(latest.day) or "") if latest else "",
        amount_eur=amount_eur, articles=list(ctx.policy.rule(rule).articles),
        evidence_hash=evidence_hash(recs), score_parts=parts, other_paths=list(other_paths),
        explanation=en, explanation_nl=nl, details=det, decision_ids=ids,
    )
