"""Against a real Neo4j 5: both engines give the same findings, loading is idempotent, every
rule query finds its case and not its look-alike, and the bulk-import files import.

``bash scripts/test.sh`` starts the Neo4j release pinned in ``tools/neo4j/pom.xml`` on
127.0.0.1 with a generated password and sets ``COI_NEO4J_URI``, ``COI_NEO4J_USER`` and
``COI_NEO4J_PASSWORD`` (set them yourself to use another server: its coi-graph data is
replaced).  Without a server these tests are skipped with the reason; in CI (``CI=true``)
they fail instead, because there they must run.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import logging
import os
import shlex
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from corp import BASE, make_corp

from coi_graph.engines import neo4j as ne
from coi_graph.cli import main
from coi_graph.demo import generate
from coi_graph.rules.detect import DetectionContext
from coi_graph.policy import Policy
from coi_graph.scan import load as load_dataset
from coi_graph.scan import scan

from neo4j_settings import neo4j_settings, unavailable  # noqa: E402

# neo4j_server_lock (tests/conftest.py): one file at a time on the server across workers
pytestmark = [pytest.mark.neo4j, pytest.mark.usefixtures("neo4j_server_lock")]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def settings() -> ne.Neo4jSettings:
    return neo4j_settings()


@pytest.fixture(scope="module")
def driver(settings: ne.Neo4jSettings) -> Iterator[Any]:
    d = ne.connect(settings)
    yield d
    d.close()


@pytest.fixture(scope="module")
def demo_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("small"), "small").data_dir


@pytest.fixture(scope="module")
def demo_medium(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("medium"), "medium").data_dir


def _cli_env(settings: ne.Neo4jSettings) -> dict[str, str | None]:
    return {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
            "NEO4J_PASSWORD": settings.password, "NEO4J_DATABASE": settings.database,
            "COI_LANG": "en"}  # the tests read the CLI's English messages


def _key(f: Any) -> tuple[Any, ...]:
    return (f.finding_id, f.rule, f.score, f.severity, f.decision_id, f.record, f.subject_id,
            f.counterparty, f.path.text, tuple(f.path.node_keys),
            tuple(p.text for p in f.other_paths), tuple(f.evidence), f.evidence_hash)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# -- both engines, as a user runs them ---------------------------------------------------


def test_cli_load_then_scan_gives_the_embedded_findings(demo_small: Path, tmp_path: Path,
                                                        settings: ne.Neo4jSettings,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    """`coi neo4j load` then `coi scan --engine neo4j`: the same findings files as
    `coi scan` (ids, scores, paths, evidence), and the password nowhere."""
    _cli_load_then_scan(demo_small, tmp_path, settings, caplog)


def _cli_load_then_scan(data: Path, tmp_path: Path, settings: ne.Neo4jSettings,
                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    env = _cli_env(settings)
    runner = CliRunner()
    loaded = runner.invoke(main, ["neo4j", "load", str(data), "-q"], env=env)
    assert loaded.exit_code == 0, loaded.output
    assert "Loaded" in loaded.output
    n4 = runner.invoke(main, ["scan", "--engine", "neo4j", str(data), "--out",
                              str(tmp_path / "neo4j"), "-q"], env=env)
    assert n4.exit_code == 0, n4.output
    # the same language: findings.csv's path reads in the run's language
    nx = runner.invoke(main, ["scan", str(data), "--out", str(tmp_path / "networkx"), "-q"],
                       env={"COI_LANG": env["COI_LANG"]})
    assert nx.exit_code == 0, nx.output

    a, b = tmp_path / "networkx", tmp_path / "neo4j"
    embedded = _csv_rows(a / "findings.csv")
    assert embedded, "the demo plants findings"
    assert _csv_rows(b / "findings.csv") == embedded
    assert json.loads((b / "findings.json").read_text(encoding="utf-8")) == \
        json.loads((a / "findings.json").read_text(encoding="utf-8"))
    run = json.loads((b / "run.json").read_text(encoding="utf-8"))
    assert run["engine"] == "neo4j"
    assert run["neo4j"]["load"]["skipped"] is True  # loaded by `coi neo4j load` just before
    assert run["counts"] == json.loads((a / "run.json").read_text(encoding="utf-8"))["counts"]

    secret = settings.password or ""
    assert secret and secret not in loaded.output + n4.output
    assert secret not in caplog.text
    for f in b.rglob("*"):
        if f.is_file():
            assert secret not in f.read_text(encoding="utf-8", errors="replace"), f.name


@pytest.mark.parametrize("overrides", [{"paths": {"max_links": 2}},
                                       {"paths": {"max_links": 5}},
                                       {"subject_roles": ["handled_by"]},
                                       {"family": {"relations": [
                                           "partner", "household_member", "parent", "child",
                                           "sibling", "sibling_in_law"]}}])
def test_both_engines_agree_under_other_policies(demo_small: Path, tmp_path: Path,
                                                 settings: ne.Neo4jSettings,
                                                 overrides: dict[str, Any]) -> None:
    pol = Policy.from_dict(overrides)
    nx_run = scan(demo_small, tmp_path / "networkx", pol)
    n4_run = ne.scan_neo4j(demo_small, tmp_path / "neo4j", pol, settings=settings)
    assert [_key(f) for f in n4_run.findings] == [_key(f) for f in nx_run.findings]
    assert n4_run.findings
    assert _csv_rows(tmp_path / "neo4j" / "findings.csv") == \
        _csv_rows(tmp_path / "networkx" / "findings.csv")


# -- loading -----------------------------------------------------------------------------


def _dump(driver: Any, settings: ne.Neo4jSettings) -> tuple[list[Any], list[Any]]:
    """Every node and relationship with all its properties, in a stable order."""
    nodes, _ = ne._run(driver, settings,
                       "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels, _ = ne._run(driver, settings,
                      "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, "
                      "properties(r) AS props")
    norm = lambda recs: sorted(json.dumps(r.data(), sort_keys=True, default=str)  # noqa: E731
                               for r in recs)
    return norm(nodes), norm(rels)


def test_loading_twice_changes_nothing(demo_small: Path, settings: ne.Neo4jSettings,
                                       driver: Any) -> None:
    first, rows = ne.load(demo_small, Policy.default(), settings=settings)
    before = _dump(driver, settings)
    again, _ = ne.load(demo_small, Policy.default(), settings=settings)
    assert not again.changed, again.counters
    assert again.counters["nodes_created"] == again.counters["properties_set"] == 0
    after = _dump(driver, settings)
    assert after == before  # every property value, not only the counts
    nodes, rels = rows.counts()
    assert ne.database_counts(driver, settings) == (nodes, rels)
    assert len(before[0]) == sum(nodes.values()) and len(before[1]) == sum(rels.values())
    assert ne.is_loaded(driver, settings, rows)


def test_a_scan_of_a_loaded_dataset_does_not_load_again(demo_small: Path, tmp_path: Path,
                                                        settings: ne.Neo4jSettings) -> None:
    ne.load(demo_small, Policy.default(), settings=settings)
    res = ne.scan_neo4j(demo_small, tmp_path, Policy.default(), settings=settings)
    assert res.run["neo4j"]["load"]["skipped"] is True


def test_a_changed_policy_reloads_and_removes_what_is_gone(demo_small: Path, driver: Any,
                                                           settings: ne.Neo4jSettings) -> None:
    """Siblings off by default: turning them on adds FAMILY links, turning them off removes
    them again."""
    wide = Policy.from_dict({"family": {"relations": [
        "partner", "household_member", "parent", "child", "sibling", "sibling_in_law"]}})
    _, wide_rows = ne.load(demo_small, wide, settings=settings)
    wide_family = ne.database_counts(driver, settings)[1]["FAMILY"]
    back, rows = ne.load(demo_small, Policy.default(), settings=settings)
    assert ne.database_counts(driver, settings) == rows.counts()
    assert ne.database_counts(driver, settings)[1]["FAMILY"] < wide_family
    assert back.counters["relationships_deleted"] >= wide_family - rows.counts()[1]["FAMILY"]


def test_a_relationship_type_an_older_version_wrote_is_removed_on_reload(
        demo_small: Path, driver: Any, settings: ne.Neo4jSettings) -> None:
    """An older coi-graph's relationships under a type this one no longer knows go on the
    next load (the database holds exactly the input); a relationship of another
    application in the same database stays, whatever its type: one without coi-graph's
    ``load_digest``, or one between nodes that are not coi-graph's."""
    _, rows = ne.load(demo_small, Policy.default(), settings=settings)
    ne._run(driver, settings, """
        MATCH (e:Employee) WITH e ORDER BY e.id LIMIT 3
        MATCH (o:Organization) WITH e, o ORDER BY o.id
        WITH e, collect(o)[..2] AS os UNWIND os AS o
        CREATE (e)-[:`OLD LINK` {link_id: e.id + o.id, load_digest: 'x'}]->(o)
        CREATE (e)-[:OTHER_APP {note: 'not ours'}]->(o)
        MERGE (a:Elsewhere {id: 'a'}) MERGE (b:Elsewhere {id: 'b'})
        MERGE (a)-[:`OLD LINK` {load_digest: 'theirs'}]->(b)""", write=True)
    try:
        say: list[str] = []
        again, _ = ne.load(demo_small, Policy.default(), settings=settings,
                           progress=say.append, batch_size=4)  # removed in two batches
        left = {r["t"]: r["n"] for r in ne._run(
            driver, settings, "MATCH ()-[r]->() WHERE type(r) IN ['OLD LINK', 'OTHER_APP'] "
            "RETURN type(r) AS t, count(r) AS n")[0]}
        assert left == {"OLD LINK": 1, "OTHER_APP": 6}, left
        assert again.counters["relationships_deleted"] == 6
        assert any("OLD LINK: 6 no longer in the input, removed" in m for m in say), say
        assert ne.database_counts(driver, settings) == rows.counts()
    finally:
        ne._run(driver, settings, "MATCH (n:Elsewhere) DETACH DELETE n", write=True)
        ne._run(driver, settings, "MATCH ()-[r:OTHER_APP|`OLD LINK`]->() DELETE r", write=True)


# -- errors a user meets ---------------------------------------------------------------------


def test_wrong_password_is_one_line_and_exit_2(demo_small: Path, tmp_path: Path,
                                               settings: ne.Neo4jSettings) -> None:
    wrong = "certainly-not-the-password"
    env = {**_cli_env(settings), "NEO4J_PASSWORD": wrong}
    for args in (["neo4j", "load", str(demo_small), "-q"],
                 ["scan", "--engine", "neo4j", str(demo_small), "--out", str(tmp_path), "-q"],
                 ["neo4j", "status"]):
        r = CliRunner().invoke(main, args, env=env)
        assert r.exit_code == 2, (args, r.output)
        lines = [line for line in r.output.splitlines() if line.strip()]
        assert len(lines) == 1, r.output
        # the first refusal says why; after 3 the server also rate-limits the user
        assert ("refused user 'neo4j': wrong user name or password" in lines[0]
                or (args != ["neo4j", "load", str(demo_small), "-q"]
                    and "too many failed logins in a row" in lines[0]
                    and "check NEO4J_PASSWORD" in lines[0])), \
            lines[0]
        assert wrong not in r.output and (settings.password or "?") not in r.output
        assert "Traceback" not in r.output
    # Neo4j locks a user for a few seconds after 3 failed logins (auth_lock_time): wait for
    # the lock to pass, so the tests after this one can log in
    deadline = time.monotonic() + 30
    while True:
        try:
            ne.connect(settings).close()
            break
        except ne.Neo4jAuthError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def test_the_password_is_in_no_server_log(settings: ne.Neo4jSettings) -> None:
    """The test server's own logs (debug, security, query log; the launcher's output) never
    hold the password, also after the failed logins above."""
    logs = os.environ.get("COI_NEO4J_LOGS")
    if not logs:
        pytest.skip("the server was not started by scripts/test.sh: its logs are not here")
    files = [f for f in Path(logs).rglob("*") if f.is_file() and f.name != "env"
             and (f.suffix in (".log", ".out"))]
    assert any(f.name == "debug.log" for f in files), files
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        assert (settings.password or "?") not in text, f
        assert "certainly-not-the-password" not in text, f


def test_status_shows_what_the_database_holds(demo_small: Path,
                                              settings: ne.Neo4jSettings) -> None:
    ne.load(demo_small, Policy.default(), settings=settings)
    r = CliRunner().invoke(main, ["neo4j", "status"], env=_cli_env(settings))
    assert r.exit_code == 0, r.output
    assert f"Connected to {settings.uri} as {settings.user}." in r.output
    assert "Decision" in r.output and "Loaded dataset: none" not in r.output


# -- every rule query: a case it must find, a look-alike it must not -------------------------

DECL = {"declaration_id": "DC1", "employee_id": "E1", "org_id": "O1",
        "kind": "financial_interest", "position": "aandeelhouder", "share_pct": "30",
        "valid_from": "01-01-2020", "status": "approved", "decided_by": "E2",
        "decided_on": "02-01-2020"}


def _alloc(**kw: str) -> dict[str, str]:
    row = {"decision_id": "A1", "kind": "rental", "decision_date": "2024-05-01",
           "handled_by": "E3", "approved_by": "E2", "unit_id": "U1",
           "applicant_name": "Someone Else", "applicant_birth_date": "1990-01-01"}
    row.update(kw)
    return row


def _gift(**kw: str) -> dict[str, str]:
    row = {"gift_id": "G1", "employee_id": "E1", "org_id": "O1", "date": "01-01-2024",
           "kind": "trip", "value_eur": "€ 450,00", "handed_in": "nee", "reported": "ja"}
    row.update(kw)
    return row


_PETRA_OFFICER = {"org_id": "O2", "name": "Petra de Vries", "role": "commissaris",
                  "birth_date": "1972-04-03"}
_SIDE = [
    dict(DECL, declaration_id="S1", kind="side_function", position="penningmeester",
         org_id="", org_name="Voetbalvereniging De Bal", status="pending"),
    dict(DECL, declaration_id="S2", kind="own_business", org_id="", org_name="Klusbedrijf JdV",
         status="rejected"),
]
_SIDE_LOOKALIKES = [  # approved, or over before the period scanned
    dict(DECL, declaration_id="S3", kind="side_function", org_id="", org_name="Koor",
         status="approved"),
    dict(DECL, declaration_id="S4", kind="side_function", org_id="", org_name="Oud",
         status="pending", valid_from="2015-01-01", valid_until="2019-12-31"),
]

def _order(did: str, date: str, amount: str, **kw: str) -> dict[str, str]:
    row = {"decision_id": did, "kind": "purchase_order", "org_id": "O2", "amount_eur": amount,
           "decision_date": date, "handled_by": "E3", "approved_by": "E2"}
    row.update(kw)
    return row


_SHARED_PHONE = [dict(o, phone="020-5551234") for o in BASE["organizations"]]

#: Policies a rule's case needs beyond the defaults.
RULE_POLICY: dict[str, dict[str, Any]] = {
    "split_orders": {"rules": {"split_orders": {"default_limit_eur": 50000}}},
}

#: rule -> (tables of the case, tables of the look-alike, the row the case must give and the
#: look-alike must not).  Each look-alike differs in one detail the query itself must check
#: (a date, a birth date, a house number, a status), so the graph still holds most of it.
RULE_CASES: dict[str, tuple[dict[str, Any], dict[str, Any], tuple[str, ...]]] = {
    "self_interest": (
        {"declarations": [DECL]},
        {"declarations": [dict(DECL, valid_until="31-12-2023")]},  # over before D1
        ("D1", "E1")),
    "relative_interest": (
        {"declarations": [dict(DECL, relative_id="R2", kind="position", position="directeur",
                               share_pct="")]},
        {"declarations": [dict(DECL, relative_id="R2", kind="position", position="directeur",
                               share_pct="", valid_from="2024-06-01")]},  # starts after D1
        ("D1", "E1")),
    "shared_identifier": (
        {"allocations": [_alloc(handled_by="E1", applicant_name="Mark Jansen",
                                applicant_postcode="1234ab", applicant_house_number="10")]},
        {"allocations": [_alloc(handled_by="E1", applicant_name="Mark Jansen",
                                applicant_postcode="1234AB", applicant_house_number="12")]},
        ("A1", "E1")),
    "allocation_to_self": (
        {"allocations": [_alloc(applicant_name="Smit, Kees", applicant_birth_date="08-08-1980")]},
        # a namesake born years apart on another day (one digit off, 08-08-1981, would be a
        # typo in the birth date: the scored matcher takes that as the same person)
        {"allocations": [_alloc(applicant_name="Smit, Kees", applicant_birth_date="21-03-1984")]},
        ("A1", "E3")),
    "allocation_to_relative": (
        {"allocations": [_alloc(handled_by="E1", applicant_name="T. de Vries",
                                applicant_birth_date="2000-06-01")]},
        {"allocations": [_alloc(handled_by="E1", applicant_name="Tom de Vries",
                                applicant_birth_date="1999-06-01", applicant_postcode="7777AA",
                                applicant_house_number="4")]},
        ("A1", "E1")),
    "gift_before_decision": (
        {"gifts": [_gift()]},
        {"gifts": [_gift(date="2024-03-02", value_eur="20", kind="gift")]},  # the day after D1
        ("D1", "E1")),
    "gift_rule_breach": (
        {"gifts": [_gift(gift_id="G1", kind="money", value_eur="100", date="2023-01-01")]},
        {"gifts": [_gift(gift_id="G1", kind="gift", value_eur="150", handed_in="ja",
                         date="2023-01-01")]},
        ("G1",)),
    "undeclared_interest": (
        {"officers": [_PETRA_OFFICER]},
        {"officers": [_PETRA_OFFICER],
         "declarations": [dict(DECL, declaration_id="DC9", relative_id="R1", org_id="O2",
                               kind="position", position="commissaris")]},
        ("organization:O2", "relative:R1")),  # the officer link's ends, see _rows
    "unapproved_side_function": (
        {"declarations": _SIDE},
        {"declarations": _SIDE_LOOKALIKES},
        ("S1",)),
    "split_orders": (
        {"extra_contracts": [_order("P1", "01-05-2024", "30.000,00"),
                             _order("P2", "20-05-2024", "25.000,00")]},
        # two months apart, and two months after the base data's invoice to O2 (D2, 1 April)
        {"extra_contracts": [_order("P1", "01-06-2024", "30.000,00"),
                             _order("P2", "01-08-2024", "25.000,00")]},
        ("E3", "O2")),
    "linked_suppliers": (  # O1 and O2 share a phone; E1 decides on both within the window
        {"organizations": _SHARED_PHONE,
         "contracts": [_order("D1", "01-03-2024", "48.000,00", org_id="O1", handled_by="E1",
                              approved_by=""),
                       _order("P1", "01-04-2024", "5.000,00", handled_by="E1", approved_by="")]},
        {"organizations": _SHARED_PHONE,  # another handler decides on the second supplier
         "contracts": [_order("D1", "01-03-2024", "48.000,00", org_id="O1", handled_by="E1",
                              approved_by=""),
                       _order("P1", "01-04-2024", "5.000,00", handled_by="E3", approved_by="")]},
        ("D1", "E1")),
    "self_approval": (
        {"extra_contracts": [_order("P1", "01-05-2024", "12.000,00", approved_by="E3")]},
        {"extra_contracts": [_order("P1", "01-05-2024", "12.000,00", approved_by="E2")]},
        ("P1", "E3")),
}


def test_every_rule_has_a_case_and_a_look_alike_here() -> None:
    from coi_graph.rules import RULES

    assert set(RULE_CASES) == set(RULES)


def _rows(driver: Any, settings: ne.Neo4jSettings, rule: str, data: Path,
          policy: Policy) -> tuple[set[tuple[str, ...]], DetectionContext]:
    """Load ``data`` and run the rule's Cypher file as it is: what it selects."""
    _, graph = ne.load(data, policy, settings=settings)
    ctx = graph.ctx
    q = ne.read_query(rule)
    recs, _ = ne._run(driver, settings, ne.query_text(q, ctx.policy),
                      ne.query_parameters(q, ctx))
    out: set[tuple[str, ...]] = set()
    for r in recs:
        if "decision_id" in r.keys():
            out.add((r["decision_id"], r["subject_id"]))
        elif "org_id" in r.keys():  # split_orders: the (handler, supplier) pair
            out.add((r["subject_id"], r["org_id"]))
        elif "link_id" in r.keys():  # undeclared_interest: the officer link, by its ends
            a, b = next((u, v) for u, v, k in ctx.lg.g.edges(keys=True)
                        if str(k) == r["link_id"])
            out.add(tuple(sorted((a, b))))
        else:
            out.add((r[r.keys()[0]],))
    return out, ctx


@pytest.mark.parametrize("rule", sorted(RULE_CASES))
def test_each_rule_query_finds_its_case_and_not_the_look_alike(rule: str, tmp_path: Path,
                                                               settings: ne.Neo4jSettings,
                                                               driver: Any) -> None:
    case, lookalike, expect = RULE_CASES[rule]
    pol = Policy.from_dict(RULE_POLICY.get(rule, {}))
    found, _ = _rows(driver, settings, rule, make_corp(tmp_path / "case", **case), pol)
    assert expect in found, (rule, found)
    missed, _ = _rows(driver, settings, rule, make_corp(tmp_path / "lookalike", **lookalike), pol)
    assert expect not in missed, (rule, missed)
    # and the scan over the same graph gives the embedded engine's findings
    for name in ("case", "lookalike"):
        n4 = ne.scan_neo4j(tmp_path / name, None, pol, settings=settings)
        nx = scan(tmp_path / name, None, pol)
        assert [_key(f) for f in n4.findings] == [_key(f) for f in nx.findings], name
        assert (rule in {f.rule for f in nx.findings}) == (name == "case"), (name, rule)


def test_the_contract_audits_cases_in_both_engines(tmp_path: Path, settings: ne.Neo4jSettings,
                                                   driver: Any) -> None:
    """The session-19 contract audit's additions give the same findings in Neo4j: orders
    split over a supplier network (found in Python after the Cypher pairs, for both
    engines), a permission the employee granted themself, and a director's permission not
    given by the RvC (both selected by ``unapproved_side_function.cypher``)."""
    employees = [dict(e) for e in BASE["employees"]]
    employees[1]["role"] = "director"  # E2: E1, no member of the RvC, approves its side function
    linked = [{"org_id": "O3", "name": "Dakwerken Oost B.V.", "phone": "020-7654321"},
              {"org_id": "O4", "name": "Dakgoten Oost B.V.", "phone": "+31 20 765 4321"}]
    case = {
        "employees": employees, "extra_organizations": linked,
        "extra_contracts": [_order("P1", "01-05-2024", "30.000,00", org_id="O3"),
                            _order("P2", "10-05-2024", "25.000,00", org_id="O4")],
        "declarations": [
            dict(DECL, declaration_id="S5", kind="side_function", org_id="", org_name="Koor",
                 status="approved", decided_by="E1"),
            dict(DECL, declaration_id="S6", employee_id="E2", kind="side_function", org_id="",
                 org_name="Fanfare", status="approved", decided_by="E1")],
    }
    pol = Policy.from_dict(RULE_POLICY["split_orders"])
    data = make_corp(tmp_path / "case", **case)
    found, _ = _rows(driver, settings, "unapproved_side_function", data, pol)
    assert found == {("S5",), ("S6",)}
    n4 = ne.scan_neo4j(tmp_path / "case", None, pol, settings=settings)
    nx = scan(tmp_path / "case", None, pol)
    assert [_key(f) for f in n4.findings] == [_key(f) for f in nx.findings]
    rules = sorted((f.rule, f.record or f.decision_id) for f in nx.findings
                   if f.rule in ("split_orders", "unapproved_side_function"))
    assert rules == [("split_orders", "P2"), ("unapproved_side_function", "declarations:S5"),
                     ("unapproved_side_function", "declarations:S6")]


def test_a_second_approver_in_both_engines(tmp_path: Path, settings: ne.Neo4jSettings,
                                          driver: Any) -> None:
    """The second approver (SECOND_APPROVED_BY) is a subject of the link rules' queries and
    a second signature a self-approval, and the Neo4j scan gives the embedded engine's
    findings on it (tests/test_second_approver.py has the case)."""
    from test_second_approver import second_approver_corp

    data = second_approver_corp(tmp_path / "data")
    pol = Policy.default()
    expect = {"relative_interest": {("D1", "E1")}, "allocation_to_self": {("A1", "E1")},
              "gift_before_decision": {("S3", "E1")},
              "self_approval": {("S0", "E3"), ("S1", "E3"), ("S2", "E2")}}
    for rule, rows in expect.items():
        found, _ = _rows(driver, settings, rule, data, pol)
        assert rows <= found, (rule, found)
        if rule == "self_approval":  # S3: three people sign it
            assert found == rows
    n4 = ne.scan_neo4j(data, None, pol, settings=settings)
    nx = scan(data, None, pol)
    assert [_key(f) for f in n4.findings] == [_key(f) for f in nx.findings]
    assert [f.subject_role for f in n4.findings] == [f.subject_role for f in nx.findings]
    assert {f.rule for f in nx.findings} >= set(expect)


def test_max_links_bounds_the_paths_in_cypher(tmp_path: Path, settings: ne.Neo4jSettings,
                                              driver: Any) -> None:
    """A relative's directorship is a 2-link path: found with max_links 2, not with 1."""
    data = make_corp(tmp_path, declarations=[dict(DECL, relative_id="R2", kind="position",
                                                  position="directeur", share_pct="")])
    two, _ = _rows(driver, settings, "relative_interest", data,
                   Policy.from_dict({"paths": {"max_links": 2}}))
    one, _ = _rows(driver, settings, "relative_interest", data,
                   Policy.from_dict({"paths": {"max_links": 1}}))
    assert ("D1", "E1") in two and ("D1", "E1") not in one


def test_every_query_runs_with_exactly_the_parameters_the_engine_passes(
        demo_small: Path, settings: ne.Neo4jSettings, driver: Any) -> None:
    """The server refuses a query whose parameter is missing; each query runs, and each one
    finds something in the demo (which plants every rule)."""
    pol = Policy.default()
    ds, lg = load_dataset(demo_small, pol)
    ctx = DetectionContext(ds, lg, pol)
    ne.load(demo_small, pol, settings=settings)
    manifest = json.loads((demo_small.parent / "planted.json").read_text(encoding="utf-8"))
    planted = {c["rule"] for c in manifest["cases"]}
    for code, q in ne.rule_queries().items():
        recs, _ = ne._run(driver, settings, ne.query_text(q, ctx.policy),
                          ne.query_parameters(q, ctx))
        assert recs or code not in planted, code  # a rule the demo does not plant yet: runs
    q = ne.read_query("self_interest")
    params = ne.query_parameters(q, ctx)
    params.pop("subject_roles")
    with pytest.raises(ne.Neo4jError, match="subject_roles"):
        ne._run(driver, settings, ne.query_text(q, pol), params)


# -- the bulk import -------------------------------------------------------------------------


def _server_tools() -> Any:
    spec = importlib.util.spec_from_file_location("coi_neo4j_server",
                                                  ROOT / "tools" / "neo4j" / "server.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


HOSTILE_DESCRIPTION = '=HYPERLINK("http://example.invalid";"klik") +31 @SUM(A1) -1; \'x\' "y"'
HOSTILE_ORG_NAME = "@Bouw; =1+2 \"B.V.\""


def _demo_with_hostile_values(demo: Path, out: Path) -> Path:
    """The small demo plus a gift row whose free text looks like spreadsheet formulas and
    holds the CSV and array delimiters and quotes: data, to arrive unchanged."""
    shutil.copytree(demo, out)
    gifts = out / "gifts.csv"
    with gifts.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh, delimiter=";"))
    row = {"gift_id": "G9999", "employee_id": "E0001", "org_id": "", "org_name": HOSTILE_ORG_NAME,
           "date": "22/01/2024", "kind": "gift", "value_eur": "€ 10,00", "handed_in": "nee",
           "reported": "ja", "description": HOSTILE_DESCRIPTION}
    with gifts.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=header, delimiter=";").writerow(row)
    return out


def test_bulk_import_files_import_into_the_same_graph(demo_small: Path, tmp_path: Path,
                                                      settings: ne.Neo4jSettings,
                                                      driver: Any) -> None:
    """`coi export neo4j-import`, then Neo4j's own `neo4j-admin database import full` into a
    fresh database, gives the graph `coi neo4j load` writes: the same counts, every property
    of every node and relationship (values that look like formulas included, unchanged), and
    the scan recognises it without loading."""
    tools = _server_tools()
    reason = tools.missing_tools()
    if reason:
        unavailable(reason)
    data = _demo_with_hostile_values(demo_small, tmp_path / "data")
    out = tmp_path / "import"
    r = CliRunner().invoke(main, ["export", "neo4j-import", str(data), str(out), "-q"])
    assert r.exit_code == 0, r.output
    # the command exactly as printed in IMPORT.txt, from the export folder
    text = (out / "IMPORT.txt").read_text(encoding="utf-8")
    block = text.split("&& \\\n", 1)[1].split("\n\n", 1)[0]
    args = shlex.split(block.replace("\\\n", " "))
    assert args[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    home = tmp_path / "home"
    done = tools.admin_import(home, args[1:], cwd=out)
    assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
    assert "IMPORT DONE" in done.stdout

    _, rows = ne.load(data, Policy.default(), settings=settings)
    loaded = _dump(driver, settings)
    recs, _ = ne._run(driver, settings, "MATCH (g:Gift {id: 'G9999'}) RETURN g.description AS d, "
                                        "g.org_name AS o")
    assert (recs[0]["d"], recs[0]["o"]) == (HOSTILE_DESCRIPTION, HOSTILE_ORG_NAME)
    password = "imported-" + os.urandom(6).hex()
    server = tools.start(home, password)
    try:
        imp = ne.Neo4jSettings(server.uri, "neo4j", password)
        d = ne.connect(imp)
        try:
            assert ne.database_counts(d, imp) == rows.counts()
            assert _dump(d, imp) == loaded  # every node, relationship and property value
            for stmt in (out / "constraints.cypher").read_text(encoding="utf-8").split(";\n"):
                body = "\n".join(l for l in stmt.splitlines() if not l.startswith("//")).strip()
                if body:
                    ne._run(d, imp, body, write=True)
        finally:
            d.close()
        res = ne.scan_neo4j(data, None, Policy.default(), settings=imp)
        assert res.run["neo4j"]["load"]["skipped"] is True
        assert [_key(f) for f in res.findings] == \
            [_key(f) for f in scan(data, None, Policy.default()).findings]
    finally:
        server.stop()


def test_medium_cli_load_then_scan_gives_the_embedded_findings(
        demo_medium: Path, tmp_path: Path, settings: ne.Neo4jSettings,
        caplog: pytest.LogCaptureFixture) -> None:
    """The same at `medium` (about 112,000 decisions). Last in
    this module: loading anything after it would first delete all of it."""
    _cli_load_then_scan(demo_medium, tmp_path, settings, caplog)


def test_a_co_applicant_is_found_by_the_cypher_query_as_by_the_embedded_engine(
        tmp_path: Path, settings: ne.Neo4jSettings, driver: Any) -> None:
    """The relative applies along as co-applicant: the anchor is the decision's applicant
    in Neo4j too, and both engines give the same finding, path label included."""
    data = make_corp(tmp_path / "co", allocations=[_alloc(
        handled_by="E1", applicant_name="Someone Else", co_applicant_name="T. de Vries",
        co_applicant_birth_date="2000-06-01")])
    pol = Policy.from_dict({})
    found, _ = _rows(driver, settings, "allocation_to_relative", data, pol)
    assert ("A1", "E1") in found, found
    n4 = ne.scan_neo4j(data, None, pol, settings=settings)
    nx = scan(data, None, pol)
    assert [_key(f) for f in n4.findings] == [_key(f) for f in nx.findings]
    [f] = [f for f in nx.findings if f.rule == "allocation_to_relative"]
    from coi_graph.labels import path_text

    assert "co-applicant: " in path_text(f.path, "en")
