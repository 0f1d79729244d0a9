"""coi diff: new / resolved / changed / unchanged findings, and whether the data or the
policy caused each difference."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from corp import make_corp

from coi_graph.cli import main
from coi_graph.outputs.diff import diff_runs
from coi_graph.policy import Policy
from coi_graph.scan import scan

SIBLING = {"relative_id": "R3", "employee_id": "E1", "relation": "sibling",
           "name": "Karin de Vries", "birth_date": "1968-01-01", "postcode": "7777AA",
           "house_number": "3"}
SIBLING_DECL = {"declaration_id": "DC3", "employee_id": "E1", "relative_id": "R3",
                "org_id": "O2", "kind": "position", "position": "bestuurder",
                "valid_from": "2015-01-01", "status": "approved"}
CONTRACT = {"decision_id": "D3", "kind": "contract", "org_id": "O2", "amount_eur": "10.000",
            "decision_date": "2024-02-01", "handled_by": "E1", "approved_by": "E2"}
MONEY = {"gift_id": "G1", "employee_id": "E3", "org_id": "O2", "date": "2024-01-15",
         "kind": "money", "value_eur": "50"}
UNRELATED_DECL = {"declaration_id": "DC9", "employee_id": "E3", "org_id": "O1",
                  "kind": "financial_interest", "valid_from": "2020-01-01", "status": "approved"}

WITH_SIBLINGS = Policy.from_dict({"family": {"relations": [
    "partner", "household_member", "parent", "child", "grandparent", "grandchild",
    "parent_in_law", "child_in_law", "sibling", "sibling_in_law"]}})


def data(root: Path, name: str, *, gift: bool = False, decls: list[dict] | None = None) -> Path:
    return make_corp(root / name, extra_relatives=[SIBLING], extra_contracts=[CONTRACT],
                     declarations=decls or [SIBLING_DECL], **({"gifts": [MONEY]} if gift else {}))


def causes(d) -> dict[tuple[str, str], str]:
    return {(e.change, e.rule): e.cause for e in d.entries if e.change != "unchanged"}


def test_policy_only(tmp_path: Path) -> None:
    d = data(tmp_path, "d")
    scan(d, tmp_path / "a", Policy.default())
    scan(d, tmp_path / "b", WITH_SIBLINGS)
    diff = diff_runs(tmp_path / "a", tmp_path / "b")
    assert not diff.data_changed and diff.policy_changed
    assert diff.settings_changed == ["family.relations"]
    assert causes(diff) == {("new", "relative_interest"): "policy"}
    (e,) = [e for e in diff.entries if e.change == "new"]
    assert "family.relations now includes sibling" in e.reason


def test_data_only(tmp_path: Path) -> None:
    scan(data(tmp_path, "d1"), tmp_path / "a", Policy.default())
    scan(data(tmp_path, "d2", gift=True), tmp_path / "b", Policy.default())
    diff = diff_runs(tmp_path / "a", tmp_path / "b")
    assert diff.tables_changed == ["gifts"] and not diff.policy_changed
    assert causes(diff) == {("new", "gift_rule_breach"): "data",
                            ("new", "gift_before_decision"): "data"}


def test_changed_evidence_is_data(tmp_path: Path) -> None:
    pending = [dict(SIBLING_DECL, status="pending")]
    scan(data(tmp_path, "d1", decls=pending), tmp_path / "a", WITH_SIBLINGS)
    scan(data(tmp_path, "d2"), tmp_path / "b", WITH_SIBLINGS)
    diff = diff_runs(tmp_path / "a", tmp_path / "b")
    assert causes(diff) == {("changed", "relative_interest"): "data"}
    assert "declarations" in diff.entries[0].reason


@pytest.mark.parametrize("cross_scan", [None, False])
def test_both_changed_each_difference_gets_its_own_cause(tmp_path: Path,
                                                         cross_scan: bool | None) -> None:
    """Siblings no longer count (policy) and a gift was added (data): the resolved sibling
    finding is the policy's doing (its rows are unchanged), the gift findings the data's."""
    scan(data(tmp_path, "d1"), tmp_path / "a", WITH_SIBLINGS)
    scan(data(tmp_path, "d2", gift=True), tmp_path / "b", Policy.default())
    diff = diff_runs(tmp_path / "a", tmp_path / "b", cross_scan=cross_scan)
    assert diff.method == ("cross-scan" if cross_scan is None else "checksums")
    assert causes(diff) == {("resolved", "relative_interest"): "policy",
                            ("new", "gift_rule_breach"): "data",
                            ("new", "gift_before_decision"): "data"}


def test_both_changed_undecidable_without_cross_scan(tmp_path: Path) -> None:
    """The declarations table changed *and* siblings were switched on: from checksums alone
    the new sibling finding could be either; the cross-scan shows it is the policy."""
    scan(data(tmp_path, "d1"), tmp_path / "a", Policy.default())
    scan(data(tmp_path, "d2", decls=[SIBLING_DECL, UNRELATED_DECL]), tmp_path / "b",
         WITH_SIBLINGS)
    guessed = diff_runs(tmp_path / "a", tmp_path / "b", cross_scan=False)
    assert causes(guessed) == {("new", "relative_interest"): "data and policy"}
    exact = diff_runs(tmp_path / "a", tmp_path / "b")
    assert causes(exact) == {("new", "relative_interest"): "policy"}
    # without the data folders there is no cross-scan, and the diff says why
    shutil.rmtree(tmp_path / "d1")
    fallback = diff_runs(tmp_path / "a", tmp_path / "b")
    assert fallback.method == "checksums"
    assert any("not there any more" in n for n in fallback.notes)
    with pytest.raises(Exception, match="cannot cross-scan"):
        diff_runs(tmp_path / "a", tmp_path / "b", cross_scan=True)


def test_rescored_only_by_scoring_settings(tmp_path: Path) -> None:
    d = data(tmp_path, "d")
    scan(d, tmp_path / "a", WITH_SIBLINGS)
    scan(d, tmp_path / "b", Policy.from_dict({**WITH_SIBLINGS.to_dict(),
                                              "scoring": {"per_extra_link": -20}}))
    diff = diff_runs(tmp_path / "a", tmp_path / "b")
    assert diff.counts["unchanged"] == 1 and diff.counts["rescored"] == 1
    (e,) = diff.entries
    assert e.cause == "policy" and "scoring.per_extra_link" in e.reason
    assert not diff.finding_settings_changed   # scores only: findings themselves unaffected


def test_diff_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COI_LANG", "en")  # reads the CLI's English messages
    d = data(tmp_path, "d")
    scan(d, tmp_path / "a", Policy.default())
    scan(d, tmp_path / "b", WITH_SIBLINGS)
    runner = CliRunner()
    res = runner.invoke(main, ["diff", str(tmp_path / "a"), str(tmp_path / "b")])
    assert res.exit_code == 0, res.output
    assert "identical input files" in res.output and "family.relations" in res.output
    assert "new" in res.output and "policy" in res.output and "relative_interest" in res.output
    res = runner.invoke(main, ["diff", str(tmp_path / "a"), str(tmp_path / "b"), "--json"])
    out = json.loads(res.output)
    assert out["counts"]["new"] == 1 and out["findings"][0]["cause"] == "policy"
    res = runner.invoke(main, ["diff", str(tmp_path / "a"), str(tmp_path)])
    assert res.exit_code == 2 and "not a run folder" in res.output


def test_same_cause_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scanned with relative paths, diffed from another folder: the cross-scan still finds
    the data, so the cause is the same; also for older runs that stored the path as typed."""
    data(tmp_path, "d1")
    data(tmp_path, "d2", decls=[SIBLING_DECL, UNRELATED_DECL])
    monkeypatch.chdir(tmp_path)
    scan(Path("d1"), Path("a"), Policy.default())
    scan(Path("d2"), Path("b"), WITH_SIBLINGS)
    here = diff_runs("a", "b")
    assert json.loads(Path("a/run.json").read_text())["data_dir"] == str(tmp_path / "d1")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    there = diff_runs(tmp_path / "a", tmp_path / "b")
    assert here.method == there.method == "cross-scan"
    assert causes(here) == causes(there) == {("new", "relative_interest"): "policy"}
    for name, folder in (("a", "d1"), ("b", "d2")):  # a run.json as older versions wrote it
        rj = tmp_path / name / "run.json"
        rj.write_text(json.dumps({**json.loads(rj.read_text()), "data_dir": folder}))
    old = diff_runs(tmp_path / "a", tmp_path / "b")
    assert old.method == "cross-scan" and causes(old) == causes(here)


def test_diff_json_says_its_sentences_in_the_language_asked(tmp_path: Path) -> None:
    """`coi diff --json`: codes (change, cause, rule) stay codes; the reasons and notes,
    written for people, are in --lang as on screen (they were English in a Dutch run)."""
    d = data(tmp_path, "d")
    scan(d, tmp_path / "a", Policy.default())
    scan(d, tmp_path / "b", WITH_SIBLINGS)
    args = ["diff", str(tmp_path / "a"), str(tmp_path / "b"), "--json"]
    en = json.loads(CliRunner().invoke(main, [*args, "--lang", "en"]).output)
    nl = json.loads(CliRunner().invoke(main, [*args, "--lang", "nl"]).output)
    (e_en,), (e_nl,) = en["findings"], nl["findings"]
    assert e_en["cause"] == e_nl["cause"] == "policy" and e_en["change"] == e_nl["change"]
    assert "family.relations now includes sibling" in e_en["reason"]
    assert "family.relations omvat nu sibling" in e_nl["reason"]
