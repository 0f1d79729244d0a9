"""Items earlier sessions noticed and left alone (twentieth session): each beside the
behaviour it pins down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.corp import run


def order(did: str, date: str, amount: str, handler: str = "E3", org: str = "O2",
          kind: str = "purchase_order", approver: str = "E2") -> dict[str, Any]:
    return {"decision_id": did, "kind": kind, "org_id": org, "amount_eur": amount,
            "decision_date": date, "handled_by": handler, "approved_by": approver}


# 1. a finding cites the mandate row it relies on ----------------------------------------

def test_split_orders_cites_the_mandate_row_it_relies_on(tmp_path: Path) -> None:
    """The limit comes from a mandates row: that row is in the finding's evidence (on each
    decision's step, beside the decision's row) and in its evidence hash, so a changed
    limit row shows as changed evidence while the finding's id stays."""
    orders = [order("P1", "01-05-2024", "30.000,00"), order("P2", "10-05-2024", "25.000,00")]
    res = run(tmp_path, None, mandates=[
        {"employee_id": "E3", "limit_eur": "40.000", "kind": ""}], extra_contracts=orders)
    [f] = [f for f in res.findings if f.rule == "split_orders"]
    source = f.details["limit_source"]
    assert source.startswith("mandates:")
    assert source in f.evidence and source in f.csv_row()["evidence"].split(";")
    for p in [f.path, *f.other_paths]:  # every decision was judged under that row
        assert p.steps[-1].evidence[-1] == source
    # the same limit from a row valid from another date: same id, other evidence hash
    res2 = run(tmp_path / "b", None, mandates=[
        {"employee_id": "E3", "limit_eur": "40.000", "kind": "", "valid_from": "01-01-2020"}],
        extra_contracts=orders)
    [f2] = [f for f in res2.findings if f.rule == "split_orders"]
    assert f2.finding_id == f.finding_id and f2.evidence_hash != f.evidence_hash


def test_split_orders_under_the_policy_default_cites_no_mandate(tmp_path: Path) -> None:
    from coi_graph.policy import Policy

    limit = Policy.from_dict({"rules": {"split_orders": {"default_limit_eur": 50000}}})
    res = run(tmp_path, limit, extra_contracts=[
        order("P1", "01-05-2024", "30.000,00"), order("P2", "10-05-2024", "25.000,00")])
    [f] = [f for f in res.findings if f.rule == "split_orders"]
    assert f.details["limit_source"] == "policy"
    assert {e.split(":")[0] for e in f.evidence} == {"contracts"}


def test_self_approval_above_the_mandate_cites_the_mandate_row(tmp_path: Path) -> None:
    """The score part "above the handler's mandate" relies on the mandate row: cited."""
    res = run(tmp_path, None, mandates=[
        {"employee_id": "E3", "limit_eur": "10.000", "kind": ""}], extra_contracts=[
        order("S1", "01-05-2024", "12.000,00", handler="E3", approver="E3")])
    [f] = [f for f in res.findings if f.rule == "self_approval"]
    assert any("mandate" in p["reason"] for p in f.score_parts)
    assert [e.split(":")[0] for e in f.evidence] == ["contracts", "mandates"]
    # below the mandate: the row plays no part and is not cited
    res2 = run(tmp_path / "b", None, mandates=[
        {"employee_id": "E3", "limit_eur": "20.000", "kind": ""}], extra_contracts=[
        order("S1", "01-05-2024", "12.000,00", handler="E3", approver="E3")])
    [f2] = [f for f in res2.findings if f.rule == "self_approval"]
    assert [e.split(":")[0] for e in f2.evidence] == ["contracts"]
    assert f2.finding_id == f.finding_id


# 2. an officer's finding ids depend on who holds which role where, not on a remark -------

def _officer_findings(root: Path, rows: list[tuple[str, str, str, str]]
                      ) -> list[tuple[str, str]]:
    """``(rule, finding id)`` of the officer findings for Kees Smit (E3) at O2, from officer
    rows ``(role, role_remark, valid_from, valid_until)``."""
    officers = []
    for role, remark, lo, hi in rows:
        r = {"org_id": "O2", "name": "Kees Smit", "role": role, "birth_date": "1980-08-08",
             "valid_from": lo, "valid_until": hi}
        if remark:
            r["role_remark"] = remark
        officers.append(r)
    res = run(root, None, officers=officers)
    return sorted((f.rule, f.finding_id) for f in res.findings
                  if f.rule in ("undeclared_interest", "self_interest"))


def test_a_role_remark_does_not_change_finding_ids(tmp_path: Path) -> None:
    """The same role written with a remark after a dash, a comma or in brackets, or with a
    remark of its own column that holds a dash or a comma, is the same officer role: the
    same finding ids as the role alone (the remark still shows on the path)."""
    alone = _officer_findings(tmp_path / "a", [("Bestuurder", "", "", "")])
    assert [r for r, _ in alone] == ["self_interest", "undeclared_interest"]
    for i, (role, remark) in enumerate([
            ("Bestuurder - vanaf 2020", ""), ("Bestuurder, voorzitter", ""),
            ("Bestuurder (gevolmachtigde)", ""), ("Bestuurder", "vanaf 2020 - heden"),
            ("Bestuurder", "zelfstandig, gezamenlijk")]):
        assert _officer_findings(tmp_path / str(i), [(role, remark, "", "")]) == alone, role


def test_one_role_held_twice_keeps_both_periods_whatever_the_order(tmp_path: Path) -> None:
    """One role at one organization on two rows (left and came back; or two remarks): both
    periods stand, in either order of the rows.  They shared one link before, the row read
    last replacing the other, so the contract of 2024 lost its self_interest finding when
    the current period came first."""
    early, late = ("Bestuurder", "", "01-01-2010", "31-12-2015"), (
        "Bestuurder", "", "01-01-2022", "")
    one = _officer_findings(tmp_path / "a", [early, late])
    assert [r for r, _ in one] == ["self_interest", "undeclared_interest",
                                   "undeclared_interest"]
    assert _officer_findings(tmp_path / "b", [late, early]) == one
    # told apart by a remark only: the same
    assert _officer_findings(tmp_path / "c", [
        ("Bestuurder", "tweede termijn", "01-01-2022", ""),
        ("Bestuurder", "eerste termijn", "01-01-2010", "31-12-2015")]) == one


# 3. run.json says per file which columns built a field ------------------------------------

def test_run_json_cites_per_file_the_columns_a_name_was_built_from(tmp_path: Path) -> None:
    """employees in two files, one with the name in one column, one with the name in parts
    (Voornaam, Tussenvoegsel, Achternaam) and its address in one column: that file's
    headers in run.json name the parts its name and address were built from."""
    import json
    import os

    from coi_graph.scan import scan
    from tests.corp import make_corp, write_csv

    data = make_corp(tmp_path)
    os.makedirs(data / "employees")
    os.rename(data / "employees.csv", data / "employees" / "employees_a.csv")
    write_csv(data / "employees" / "employees_b.csv", [{
        "Personeelsnummer": "E9", "Voornaam": "Piet", "Tussenvoegsel": "van",
        "Achternaam": "Dam", "Geboortedatum": "01-01-1960", "Adres": "Dorpsstraat 12, 1234 AB Ons Dorp"}])
    scan(data, tmp_path / "run")
    files = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))[
        "inputs"]["employees"]["files"]
    own = {Path(f["file"]).name: f["headers"] for f in files}
    assert own["employees_a.csv"] == {}
    assert own["employees_b.csv"]["name"] == "Voornaam + Tussenvoegsel + Achternaam"
    assert own["employees_b.csv"]["employee_id"] == "Personeelsnummer"
    assert own["employees_b.csv"]["postcode"] == "Adres"


# 4. a JSON-path header is read in any case -------------------------------------------------

def test_a_kvk_api_export_with_pascal_case_json_paths_is_read(tmp_path: Path) -> None:
    """The KvK API's answer flattened by a tool that writes PascalCase keys: its officers
    are read (not 'required column name is missing'), and the company's own ``Naam`` is
    not taken for the officer's."""
    from ingest import read_dataset
    from tests.corp import make_corp

    data = make_corp(tmp_path)
    (data / "officers.csv").write_text(
        "KvkNummer;Naam;Functionarissen.0.Naam;Functionarissen.0.Geboortedatum;"
        "Functionarissen.0.Functie;Functionarissen.0.DatumInFunctie\n"
        "2345678;Schildersbedrijf Zuid;Kees Smit;08-08-1980;Bestuurder;01-01-2015\n",
        encoding="utf-8")
    ds = read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    row = ds.tables["officers"].frame.iloc[0]
    assert row["name"] == "Kees Smit" and row["role"] == "bestuurder"
    assert str(row["birth_date"].date()) == "1980-08-08"
    assert ds.tables["officers"].original_header["name"] == "Functionarissen.0.Naam"


# 5. a keyed audit trail read without its key is said, once, and read ----------------------

def test_reading_a_keyed_workspace_without_its_key_is_said_once(
        tmp_path: Path, monkeypatch: Any) -> None:
    """coi cases, coi explore and coi report read a workspace whose trail is sealed with an
    audit key: with the key at hand nothing is said; without it each command reads all the
    same and says once, in the command's language, that only the unkeyed chain was checked."""
    from click.testing import CliRunner

    from coi_graph.cli import main
    from coi_graph.outputs.workspace import KEY_ENV, new_key_file, open_workspace
    from tests.corp import make_corp

    data = make_corp(tmp_path)
    key = tmp_path / "secret" / "audit.key"
    key.parent.mkdir()
    new_key_file(key)
    ws, run_dir = tmp_path / "ws.sqlite", tmp_path / "run"
    monkeypatch.setenv(KEY_ENV, str(key))
    runner = CliRunner()
    got = runner.invoke(main, ["scan", str(data), "--out", str(run_dir), "-q",
                               "--workspace", str(ws)])
    assert got.exit_code == 0, got.output
    with open_workspace(ws, create=False) as w:
        assert w.audit_keys(), "the scan sealed the trail with the key"
    commands = {
        "cases": ["cases", "--workspace", str(ws)],
        "explore": ["explore", str(run_dir), "--out", str(tmp_path / "x"),
                    "--workspace", str(ws)],
        "report": ["report", str(run_dir), "--out", str(tmp_path / "r"),
                   "--workspace", str(ws)],
    }
    for name, args in commands.items():  # with the key: nothing said
        got = runner.invoke(main, args)
        assert got.exit_code == 0, (name, got.output)
        assert "audit key" not in got.stderr and "auditsleutel" not in got.stderr, name
    monkeypatch.delenv(KEY_ENV)
    for lang, words in (("en", "was read without it"), ("nl", "gelezen zonder die sleutel")):
        monkeypatch.setenv("COI_LANG", lang)
        for name, args in commands.items():
            got = runner.invoke(main, [*args, "--lang", lang])
            assert got.exit_code == 0, (name, got.output)
            assert got.stderr.count(words) == 1, (name, lang, got.stderr)
            assert KEY_ENV in got.stderr
    # a workspace never keyed: nothing to say
    monkeypatch.setenv("COI_LANG", "en")
    got = runner.invoke(main, ["scan", str(data), "--out", str(tmp_path / "run2"), "-q",
                               "--workspace", str(tmp_path / "plain.sqlite")])
    got = runner.invoke(main, ["cases", "--workspace", str(tmp_path / "plain.sqlite")])
    assert got.exit_code == 0 and "was read without it" not in got.stderr


# 6. run folders hold personal data: the owner's only ---------------------------------------

def _mode(p: Path) -> int:
    import stat

    return stat.S_IMODE(p.stat().st_mode)


def test_a_run_folder_and_its_files_are_the_owners_only(tmp_path: Path) -> None:
    """With the usual umask 022 a scan's folder is 0700 and its files 0600, the report's
    too; the explore bundle stays 0755 (meant for a web server); a stricter umask is kept."""
    import os

    from coi_graph.outputs.explore import build_bundle
    from coi_graph.outputs.report import render_report
    from coi_graph.scan import scan
    from tests.corp import make_corp

    data = make_corp(tmp_path)
    old = os.umask(0o022)
    try:
        run_dir = tmp_path / "runs" / "q4"
        scan(data, run_dir)
        render_report(run_dir, "audit", "en")
        index = build_bundle(run_dir, tmp_path / "explore", lang="en")
        os.umask(0o077 | 0o200)  # stricter: not even the owner may write
        strict = tmp_path / "strict"
        scan(data, strict)
    finally:
        os.umask(old)
    assert _mode(run_dir) == 0o700 and _mode(run_dir / "reports") == 0o700
    files = [run_dir / n for n in ("findings.csv", "findings.json", "graph.json", "run.json")]
    files += list((run_dir / "reports").iterdir())
    assert len(files) == 6 and all(_mode(f) == 0o600 for f in files), [
        (f.name, oct(_mode(f))) for f in files]
    assert _mode(index.parent) == 0o755  # the bundle: served by a web server, on purpose
    assert _mode(strict) == 0o500 and _mode(strict / "findings.csv") == 0o400
    assert _mode(tmp_path / "runs") == 0o755  # a parent is no run folder


def test_a_run_folder_that_exists_keeps_its_mode(tmp_path: Path) -> None:
    """A folder the owner made (and opened to a group) stays as it is; the files written
    into it are the owner's only all the same."""
    from coi_graph.scan import scan
    from tests.corp import make_corp

    data = make_corp(tmp_path)
    run_dir = tmp_path / "shared"
    run_dir.mkdir()
    run_dir.chmod(0o750)
    scan(data, run_dir)
    assert _mode(run_dir) == 0o750 and _mode(run_dir / "findings.json") & 0o077 == 0


# 1b. a match cites both records it compared ------------------------------------------------

def test_a_match_cites_both_records_it_compared(tmp_path: Path) -> None:
    """A KvK officer, an applicant or a relative found to be an employee by name and birth
    date: the match link cites the officer's (applicant's, relative's) row and the
    employee's row it was compared with, so the finding's evidence names every row it
    relies on (the employee's birth date is what made the match)."""
    res = run(tmp_path, None, officers=[
        {"org_id": "O2", "name": "Kees Smit", "role": "Bestuurder", "birth_date": "08-08-1980"}],
        allocations=[{"decision_id": "A1", "kind": "rental", "decision_date": "2024-05-01",
                      "handled_by": "E3", "approved_by": "E2", "unit_id": "U1",
                      "applicant_name": "Kees Smit", "applicant_birth_date": "08-08-1980"}],
        extra_relatives=[{"relative_id": "R3", "employee_id": "E1", "relation": "sibling",
                          "name": "Anna Bakker", "birth_date": "05-05-1975"}])
    e3 = "employees:4"  # Kees Smit's row (the header is line 1)
    [und] = [f for f in res.findings if f.rule == "undeclared_interest"]
    assert und.evidence == ["officers:2", e3]
    assert und.record == "officers:2"  # the row it is about stays the officer's
    [own] = [f for f in res.findings if f.rule == "allocation_to_self"]
    assert own.path.steps[0].kind == "same_person"
    assert own.path.steps[0].evidence == ["allocations:2", e3]
    same = [lk for _a, _b, _k, lk in res.graph.table().select(kinds=("same_person",))]
    assert ("relatives:4", "employees:3") in {tuple(lk.evidence) for lk in same}
