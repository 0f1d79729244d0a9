"""The rules registry: one module per rule, and everything else iterates it.

A new rule must be a module in ``coi_graph/rules/``, its Cypher twin and its tests; these
tests fail when a part of coi-graph names rules itself instead of asking the registry, or
when a rule module misses a part.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from coi_graph import rules as rules_pkg
from coi_graph.errors import PolicyError
from coi_graph.findings import EvidencePath, Step
from coi_graph.policy import Policy, default_policy_text
from coi_graph.rules import LINK_RULE_PRECEDENCE, RULES, RuleDefaults, RuleSpec, make_finding

ROOT = Path(__file__).resolve().parents[1]


def test_every_rule_is_one_module_with_all_its_parts() -> None:
    files = {p.stem for p in (ROOT / "coi_graph" / "rules").glob("*.py")}
    for code, r in RULES.items():
        assert code in files, f"coi_graph/rules/{code}.py"
        assert (ROOT / "queries" / r.cypher).is_file(), r.cypher
        assert r.title_nl and r.title_en and r.title_nl != r.title_en, code
        assert r.description_nl and r.description_en, code
        assert r.defaults.articles and 0 <= r.defaults.base_score <= 100, code
        assert r.summary, code
        # link-path rules are selected together; every other rule selects itself
        assert (r.link is None) == (r.select is not None and r.from_rows is not None), code
    assert set(LINK_RULE_PRECEDENCE) == {c for c, r in RULES.items() if r.link is not None}


def test_readme_rule_table_is_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rules_pkg.readme_table() in readme


def test_default_policy_has_each_rules_defaults_from_its_module() -> None:
    text = default_policy_text()
    data = yaml.safe_load(text)
    assert list(data["rules"]) == list(RULES)
    pol = Policy.default()
    for code, r in RULES.items():
        assert pol.rule(code).base_score == r.defaults.base_score
        assert pol.rule(code).articles == r.defaults.articles
        assert data["rules"][code]["articles"] == list(r.defaults.articles)


def test_a_rule_setting_is_checked_and_an_unknown_one_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = dataclasses.replace(RULES["gift_rule_breach"], code="probe_rule", defaults=RuleDefaults(
        base_score=10, articles=("Leystromen 2.3",), settings={"window_days": 30}))
    monkeypatch.setitem(RULES, "probe_rule", spec)
    assert Policy.default().rule("probe_rule").setting("window_days") == 30
    assert Policy.from_dict({"rules": {"probe_rule": {"window_days": 7}}}).rule(
        "probe_rule").setting("window_days") == 7
    with pytest.raises(PolicyError, match="window_days"):
        Policy.from_dict({"rules": {"probe_rule": {"window_days": "a month"}}})
    with pytest.raises(PolicyError, match="unknown setting 'rules.probe_rule.window_day'"):
        Policy.from_dict({"rules": {"probe_rule": {"window_day": 7}}})


def test_a_new_rule_is_a_registry_entry_and_detection_runs_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Detection, the policy and the findings follow the registry: a rule added there (and
    nowhere else) is run, gets its policy section, and its findings carry its articles."""
    from coi_graph import scan as scan_mod
    from coi_graph.demo import generate

    generate(tmp_path / "demo", "small")
    data = tmp_path / "demo" / "data"

    def select(ctx):  # one finding for each of the first two employees
        out = []
        for eid in sorted(ctx.decisions.employees)[:2]:
            sk = f"employee:{eid}"
            path = EvidencePath([ctx._node(sk)], [])
            out.append(make_finding(ctx, "probe_rule", subject=eid, counterparty="",
                                    path=path, records=[], record=f"employees:{eid}"))
        return out

    spec = RuleSpec(code="probe_rule", title_nl="Proef", title_en="Probe",
                    description_en="probe", description_nl="proef", decision_based=False,
                    defaults=RuleDefaults(base_score=33, articles=("Leystromen 9",)),
                    policy_sections=(), select=select, from_rows=lambda ctx, rows: [])
    monkeypatch.setitem(RULES, "probe_rule", spec)
    result = scan_mod.scan(data, tmp_path / "run")
    probe = [f for f in result.findings if f.rule == "probe_rule"]
    assert len(probe) == 2
    assert all(f.score == 33 and f.articles == ["Leystromen 9"] for f in probe)
    off = scan_mod.scan(data, tmp_path / "run2",
                        policy=Policy.from_dict({"rules": {"probe_rule": {"enabled": False}}}))
    assert not [f for f in off.findings if f.rule == "probe_rule"]


def test_no_module_outside_the_registry_keys_texts_by_rule_code() -> None:
    """No dict outside the rule modules is keyed by rule codes (texts, sections, scores kept
    per rule elsewhere would miss the next rule, as the report's texts once did)."""
    import ast

    offenders = []
    for p in sorted((ROOT / "coi_graph").rglob("*.py")):
        if "rules" in p.parts or "demo" in p.name or "demo" in p.parts:
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                hits = sorted(set(keys) & set(RULES))
                if hits:
                    offenders.append(f"{p.relative_to(ROOT)}:{node.lineno}: {hits}")
    assert not offenders, offenders


def test_make_finding_id_is_todays_for_one_decision_and_covers_several() -> None:
    from coi_graph.findings import finding_id

    assert finding_id("self_interest", "D1", "", "E1", "organization:O1") == "F-a8747bdcf6c9436c"
    assert finding_id("x", "D1+D2", "", "E1", "o") != finding_id("x", "D1", "", "E1", "o")
    assert Step("a", "b", "decision", "x").declared is False
