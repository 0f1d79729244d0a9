"""Every reason ingest gives for a value it left out reads in Dutch where the run is Dutch
(the reports, the explore index and the CLI show them from run.json)."""

from __future__ import annotations

from pathlib import Path

from coi_graph.outputs.left_out import left_out_reason, values_left_out_rows
from ingest import read_dataset


def test_every_reason_a_scan_leaves_a_value_out_for_has_a_dutch_twin(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "employees.csv").write_text(
        "employee_id;name;birth_date;phone\nE1;Jan de Vries;01-03-1970;06-1234\n"
        "E2;Piet Bos;01-03-2090;0612345678\n")
    (data / "organizations.csv").write_text("org_id;name\nO1;Bouw BV\n")
    (data / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by;approved_by\nD1;O1;01-03-2024;E1;E9\n")
    # 30 relatives born on one day: the date a system writes for an unknown one
    (data / "relatives.csv").write_text(
        "relative_id;employee_id;relation;name;birth_date;soc_sec_id\n"
        + "".join(f"R{i};E1;child;Kind {chr(65 + i % 26)}{i} Vries;01-01-1970;{1000000 + i}\n"
                  for i in range(30)))
    ds = read_dataset(data)
    reasons = {reason for t in ds.tables.values() for per in t.dropped_by_column.values()
               for reason in per}
    assert {"unreadable value", "unknown id", "birth date in the future",
            "placeholder birth date", "national identification number"} <= reasons, reasons
    for reason in reasons:
        assert left_out_reason(reason, "nl") != reason, reason
        assert left_out_reason(reason, "en") == reason
    run = {"inputs": {n: {"file": t.file, "values_left_out": t.dropped_by_column}
                      for n, t in ds.tables.items()}}
    shown = {r["reason"] for r in values_left_out_rows(run, "nl")}
    assert "plaatsvervangende geboortedatum (onbekend)" in shown and not shown & reasons
