"""Both engines on exports the project did not shape for them: `coi scan` and `coi scan
--engine neo4j` write byte-identical findings.csv and findings.json (finding ids, rules,
scores, paths, evidence) on the acceptance exports written as real HR, ERP, KvK and
allocation systems write them (tools/acceptance_exports*.py), with the features added
since the Cypher rules were written: a holding's own officers in the KvK extract, gift
givers named in free text, a second approver column, person matches in the possible band,
reviewers' match judgements (`coi match confirm/reject`), a mapping file outside the
folder, and --strict on givers that fit no organization.

Against a real Neo4j 5 that ``bash scripts/test.sh`` starts (skipped without one, failed
in CI).  Each folder is scanned by the CLI as a user runs it, in one process."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from corp import make_corp

from coi_graph.cli import main
from coi_graph.engines import neo4j as ne
from coi_graph.findings import read_findings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import acceptance_exports  # noqa: E402
import acceptance_exports2  # noqa: E402

from neo4j_settings import neo4j_settings  # noqa: E402

# neo4j_server_lock (tests/conftest.py): one file at a time on the server across workers
pytestmark = [pytest.mark.neo4j, pytest.mark.usefixtures("neo4j_server_lock")]


@pytest.fixture(scope="module")
def settings() -> ne.Neo4jSettings:
    return neo4j_settings()


def _env(settings: ne.Neo4jSettings) -> dict[str, str | None]:
    return {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
            "NEO4J_PASSWORD": settings.password, "NEO4J_DATABASE": settings.database,
            "COI_LANG": None}


def _scan(settings: ne.Neo4jSettings, data: Path, out: Path, engine: str,
          *extra: str) -> Any:
    args = ["scan", str(data), "--out", str(out), "-q", *extra]
    if engine == "neo4j":
        args += ["--engine", "neo4j"]
    return CliRunner().invoke(main, args, env=_env(settings))


def _both(settings: ne.Neo4jSettings, data: Path, tmp: Path, name: str,
          *extra: str) -> tuple[Path, Path]:
    """Scan ``data`` with both engines (same options) and check that the findings files
    are the same bytes, and run.json counts the same findings and the same problems."""
    outs = []
    for engine in ("networkx", "neo4j"):
        out = tmp / f"{name}-{engine}"
        r = _scan(settings, data, out, engine, *extra)
        assert r.exit_code == 0, (engine, r.output)
        outs.append(out)
    nx, n4 = outs
    for f in ("findings.csv", "findings.json"):
        assert (n4 / f).read_bytes() == (nx / f).read_bytes(), f
    a, b = (json.loads((o / "run.json").read_text(encoding="utf-8")) for o in outs)
    assert b["engine"] == "neo4j"
    assert b["counts"] == a["counts"]
    assert b["problems"] == a["problems"]
    return nx, n4


def _rows(out: Path) -> list[dict[str, str]]:
    with (out / "findings.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _has(out: Path, rule: str, decision: str, subject: str) -> bool:
    return any((r["rule"], r["decision_id"], r["subject_id"]) == (rule, decision, subject)
               for r in _rows(out))


# -- the second acceptance round, with what was added since ------------------------------

HOLDING_KVK = "69998877"  # Ramsaran Holding B.V., sole shareholder of supplier 3001


def _append_csv(path: Path, rows: list[list[str]], *, encoding: str,
                column: str | None = None, values: dict[str, str] | None = None) -> None:
    """Append ``rows`` to an export as its system writes it (``;``, CRLF, its encoding);
    ``column``: a column added at the end, ``values`` its value by first cell."""
    text = path.read_bytes().decode(encoding)
    old = list(csv.reader(io.StringIO(text), delimiter=";"))
    if column:
        old = [old[0] + [column]] + [r + [(values or {}).get(r[0], "")] for r in old[1:]]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(old + rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def _recent_features(data: Path) -> None:
    """Add to the second round's exports, in their own shapes:

    * KvK: the holding's own director, employee 000104 (the holding owns 3001, to which
      000104 places IO-24-0010): a path employee -> holding -> supplier;
    * ERP: a ``Tweede fiatteur`` column; 000106, whose father directs 3005, is only the
      second approver of IO-24-0011 to 3005; 000103 handles and second-approves IO-24-0012;
    * WoningNet: applicants in the possible band (a birth date one digit off) of the
      handlers 000103 and 000106 (ADV-0903, ADV-0904).
    """
    _append_csv(data / "KvK uittreksel functionarissen.csv",
                [[HOLDING_KVK, "Radjeshwarie Ramsaran-Mahabier", "Bestuurder", "09-09-1990",
                  ""]], encoding="utf-8")
    _append_csv(data / "inkoop" / "inkoop_2024.csv", [
        ["IO-24-0010", "Inkooporder", "3001", "04-09-2024", "3.100,00", "3.751,00", "104",
         "114", ""],
        ["IO-24-0011", "Factuur", "3005", "04-10-2024", "2.200,00", "2.662,00", "101", "114",
         "106"],
        ["IO-24-0012", "Inkooporder", "3008", "05-10-2024", "1.500,00", "1.815,00", "103",
         "114", "103"]], encoding="utf-8", column="Tweede fiatteur")
    _append_csv(data / "WoningNet toewijzingen.csv", [
        ["ADV-0903", "HC900003", "4 okt 2024", "melidrissi", "Mohammed El Idrissi",
         "23-01-1978", "", "", "2", "Toegewezen"],
        ["ADV-0904", "HC900004", "5 okt 2024", "wchen", "Wei Chen", "17-04-1989", "", "",
         "1", "Toegewezen"]], encoding="cp1252")


@pytest.fixture(scope="module")
def round2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("round2")
    acceptance_exports2.write_exports(tmp)
    _recent_features(tmp / "data")
    return tmp / "data"


def test_the_first_round_with_gift_givers_named_in_free_text(
        tmp_path: Path, settings: ne.Neo4jSettings) -> None:
    acceptance_exports.write_exports(tmp_path)
    nx, _ = _both(settings, tmp_path / "data", tmp_path, "round1", "--workspace",
                  str(tmp_path / "ws.sqlite"))
    # the gift register names its givers by name only ("Aangeboden door")
    assert any(r["rule"] == "gift_before_decision" for r in _rows(nx))


def test_the_second_round_with_holding_officers_second_approvers_and_possible_matches(
        round2: Path, tmp_path: Path, settings: ne.Neo4jSettings) -> None:
    nx, _ = _both(settings, round2, tmp_path, "round2", "--workspace",
                  str(tmp_path / "ws.sqlite"))
    # what was added is found at all (else the parity says little)
    assert _has(nx, "self_interest", "IO-24-0010", "000104")       # through the holding
    assert _has(nx, "relative_interest", "IO-24-0011", "000106")   # as second approver
    assert _has(nx, "allocation_to_self", "ADV-0903", "000103")    # possible band
    assert _has(nx, "allocation_to_self", "ADV-0904", "000106")


def _match_on(out: Path, rule: str, decision: str) -> dict[str, Any]:
    """The person match on ``decision``'s finding (its path step that has one)."""
    f = next(f for f in read_findings(out) if f["rule"] == rule and f["decision_id"] == decision)
    return next(s["match"] for s in f["path_detail"]["steps"] if s.get("match"))


def _judge(data: Path, ws: str, decision: str, pair_id: str, why: str) -> None:
    r = CliRunner().invoke(main, ["match", decision, str(data), pair_id, "--by", "A. Jansen",
                                  "--why", why, "--workspace", ws])
    assert r.exit_code == 0, r.output


def _anchor_reason(settings: ne.Neo4jSettings, decision: str) -> str:
    """How the database's link from the matched person to ``decision``'s applicant reads."""
    driver = ne.connect(settings)
    try:
        recs, _ = ne._run(driver, settings, "MATCH ()-[r:APPLICANT_ANCHOR]->(:Applicant {id: $d})"
                          " RETURN r.match_reason AS reason", {"d": decision})
    finally:
        driver.close()
    return recs[0]["reason"]


def test_match_judgements_are_followed_by_both_engines(
        round2: Path, tmp_path: Path, settings: ne.Neo4jSettings) -> None:
    """The Neo4j engine built its graph without the workspace's judgements: a rejected
    pair stayed a finding, a confirmed one a possible match; and the database loaded
    before a judgement was taken as current (the fingerprint left them out)."""
    ws = str(tmp_path / "ws.sqlite")
    before, _ = _both(settings, round2, tmp_path, "before", "--workspace", ws)
    possible = {adv: _match_on(before, "allocation_to_self", adv)
                for adv in ("ADV-0903", "ADV-0904")}
    assert {m["band"] for m in possible.values()} == {"possible"}
    assert _anchor_reason(settings, "ADV-0904") == "possible same person"

    # a confirmation: the same links, so only the fingerprint says the graph changed
    _judge(round2, ws, "confirm", possible["ADV-0904"]["pair_id"], "same person, checked")
    nx, n4 = _both(settings, round2, tmp_path, "confirmed", "--workspace", ws)
    m = _match_on(nx, "allocation_to_self", "ADV-0904")
    assert (m["band"], m["judgement"]["decision"]) == ("match", "confirm")
    run = json.loads((n4 / "run.json").read_text(encoding="utf-8"))
    assert run["neo4j"]["load"]["skipped"] is False
    assert _anchor_reason(settings, "ADV-0904") == m["reason"] != "possible same person"

    # a rejection: the link is gone, and so is the finding
    _judge(round2, ws, "reject", possible["ADV-0903"]["pair_id"], "another El Idrissi")
    nx, _ = _both(settings, round2, tmp_path, "rejected", "--workspace", ws)
    assert not _has(nx, "allocation_to_self", "ADV-0903", "000103")
    assert _has(nx, "allocation_to_self", "ADV-0904", "000106")

    # `coi neo4j load --workspace` writes the graph the scan follows: it need not load again
    r = CliRunner().invoke(main, ["neo4j", "load", str(round2), "-q", "--workspace", ws],
                           env=_env(settings))
    assert r.exit_code == 0, r.output
    assert _scan(settings, round2, tmp_path / "after-load", "neo4j", "--workspace",
                 ws).exit_code == 0
    run = json.loads((tmp_path / "after-load" / "run.json").read_text(encoding="utf-8"))
    assert run["neo4j"]["load"]["skipped"] is True
    assert (tmp_path / "after-load" / "findings.csv").read_bytes() == \
        (nx / "findings.csv").read_bytes()


def test_a_mapping_file_outside_the_folder_is_read_by_both_engines(
        round2: Path, tmp_path: Path, settings: ne.Neo4jSettings) -> None:
    """``--mapping`` names the relatives' file and headers: the Neo4j engine read the
    folder without it (only the --strict check used it), so the father was not there."""
    data = tmp_path / "data"
    shutil.copytree(round2, data)
    (data / "familieleden.csv").unlink()
    (data / "verwanten-export.csv").write_bytes(
        "Mdw;Wie;Band;Geb\r\n000106;Li Chen;Vader;02-02-1960\r\n".encode())
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("tables:\n  relatives:\n    files: [verwanten-export.csv]\n"
                       "    columns:\n      Mdw: employee_id\n      Wie: name\n"
                       "      Band: relation\n      Geb: birth_date\n", encoding="utf-8")
    nx, _ = _both(settings, data, tmp_path, "mapped", "--mapping", str(mapping),
                  "--workspace", str(tmp_path / "ws.sqlite"))
    assert _has(nx, "relative_interest", "IO-24-0005", "000106")


def test_strict_stops_both_engines_on_a_gift_giver_that_fits_no_organization(
        tmp_path: Path, settings: ne.Neo4jSettings) -> None:
    """Found only once the graph is built; the Neo4j engine neither reported it in
    run.json nor stopped on it with --strict."""
    data = make_corp(tmp_path / "data", gifts=[
        {"gift_id": "G1", "employee_id": "E1", "org_name": "Bouwbedrijf Noord",
         "date": "01-01-2024", "kind": "trip", "value_eur": "€ 450,00", "handed_in": "nee",
         "reported": "ja"},
        {"gift_id": "G2", "employee_id": "E3", "org_name": "Niemand Anders B.V.",
         "date": "01-02-2024", "kind": "dinner", "value_eur": "€ 50,00", "handed_in": "nee",
         "reported": "ja"}])
    ws = ["--workspace", str(tmp_path / "ws.sqlite")]
    nx, _ = _both(settings, data, tmp_path, "lenient", *ws)
    assert _has(nx, "gift_before_decision", "D1", "E1")
    run = json.loads((nx / "run.json").read_text(encoding="utf-8"))
    assert any("Niemand Anders" in p for p in run["problems"]["list"])
    said = {}
    for engine in ("networkx", "neo4j"):
        r = _scan(settings, data, tmp_path / f"strict-{engine}", engine, "--strict", *ws)
        assert r.exit_code == 2, (engine, r.output)
        assert not (tmp_path / f"strict-{engine}" / "findings.csv").exists()
        said[engine] = r.output
    assert "Niemand Anders" in said["neo4j"] and said["neo4j"] == said["networkx"]
