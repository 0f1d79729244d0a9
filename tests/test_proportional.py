"""Steps whose cost follows what is flagged, not the size of the tables: they must give
exactly what the straightforward whole-table versions give."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import ingest
from coi_graph.graph.build import (
    RowDigests,
    _identifier_holders,
    _table_hashes,
    identifier_values,
)
from coi_graph.links import text_of
from coi_graph.schema import node_key
from tests.corp import make_corp

# -- row digests ------------------------------------------------------------------------------


class FakeDataset:
    def __init__(self, frames: dict[str, pd.DataFrame]) -> None:
        self.frames = frames

    def frame(self, name: str) -> pd.DataFrame:
        return self.frames[name]


def contracts(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    ids = [f"C{i:07d}" for i in range(n)]
    org = pd.array([None if i % 11 == 0 else f"O{i % 97}" for i in range(n)], dtype="string")
    return pd.DataFrame({
        "decision_id": pd.array(ids, dtype="string"), "kind": "contract", "org_id": org,
        "amount_eur": np.where(rng.random(n) < 0.1, np.nan, rng.random(n) * 1e5),
        "decision_date": pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 700, n),
                                                                         unit="D"),
        "handled_by": pd.array([f"E{i % 13}" for i in range(n)], dtype="string"),
        "_line": np.arange(2, n + 2), "_extra": "not hashed"})


def test_digests_of_a_few_rows_hash_only_their_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RowDigests, "BLOCK", 64)
    frame = contracts(64 * 40 + 17)
    full = _table_hashes(frame, "contracts")
    d = RowDigests(FakeDataset({"contracts": frame}))  # type: ignore[arg-type]
    asked = [5, 70, 63, 64 * 39 + 16, 64 * 40 + 16, 1000]
    for pos in asked:
        assert d("contracts", pos) == f"{int(full[pos]):016x}"
    assert d("contracts", {"_pos": 71}) == f"{int(full[71]):016x}"
    assert sorted(d._blocks["contracts"]) == [0, 1, 15, 39, 40]  # five blocks, not the table
    assert "contracts" not in d._cache


def test_digests_of_many_rows_hash_the_table_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RowDigests, "BLOCK", 16)
    monkeypatch.setattr(RowDigests, "MAX_BLOCKS", 4)
    frame = contracts(16 * 20)
    full = _table_hashes(frame, "contracts")
    d = RowDigests(FakeDataset({"contracts": frame}))  # type: ignore[arg-type]
    got = [d("contracts", pos) for pos in range(0, len(frame), 5)]
    assert got == [f"{int(full[p]):016x}" for p in range(0, len(frame), 5)]
    assert "contracts" in d._cache and "contracts" not in d._blocks
    small = RowDigests(FakeDataset({"contracts": frame.iloc[:20]}))  # type: ignore[arg-type]
    assert small("contracts", 3) == f"{int(full[3]):016x}"
    assert "contracts" in small._cache  # a small table: hashed whole at once


# -- shared identifiers ----------------------------------------------------------------------


def holders_by_rows(ds: Any, limit: int) -> tuple[list[Any], dict[str, int]]:
    """The reference: every row of every table, one at a time."""
    holders: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for table, idcol, kind in (("employees", "employee_id", "employee"),
                               ("relatives", "relative_id", "relative"),
                               ("organizations", "org_id", "organization")):
        frame = ds.frame(table)
        ids = [text_of(v) for v in frame[idcol].to_numpy(dtype=object)] if len(frame) else []
        lines = frame["_line"].to_numpy() if len(frame) else []
        for ikind, values in identifier_values(frame).items():
            for ident, line, v in zip(ids, lines, values):
                if ident and v is not None:
                    holders[(ikind, v)].append((node_key(kind, ident), f"{table}:{int(line)}",
                                                f"{table}:{ident}:{ikind}"))
    applicants: dict[tuple[str, str], int] = defaultdict(int)
    for ikind, values in identifier_values(ds.frame("allocations"), "applicant_").items():
        for v in values:
            if v is not None:
                applicants[(ikind, v)] += 1
    out, hubs = [], {}
    for (ikind, value), hs in holders.items():
        degree = len({h for h, _, _ in hs}) + applicants.get((ikind, value), 0)
        if degree < 2:
            continue
        if degree > limit:
            hubs[f"{ikind}:{value}"] = degree
            continue
        out.append((ikind, value, sorted(set(hs))))
    return out, hubs


def test_identifier_holders_as_row_by_row(tmp_path: Path) -> None:
    """Shared and unshared addresses, IBANs, phones and e-mails; an id with spaces, a row
    without id, a person listed twice, an identifier shared only with an applicant, and one
    held so often that it is a hub."""
    hub = {"postcode": "7777 XX", "house_number": "3"}
    data = make_corp(
        tmp_path / "d",
        extra_employees=[
            {"employee_id": " E4 ", "name": "Piet Hein", "birth_date": "1960-01-01",
             "phone": "06-12345678", "email": "JAN@example.nl", **hub},
            {"employee_id": "E5", "name": "Els Hein", "birth_date": "1961-01-01", **hub},
            {"employee_id": "E6", "name": "Bo Hein", "birth_date": "1962-01-01", **hub,
             "iban": "NL02ABNA0123456789"},
        ],
        extra_relatives=[
            {"relative_id": "R3", "employee_id": "E2", "relation": "partner", "name": "Ria Kok",
             "birth_date": "1970-01-01", **hub, "email": "ria@example.nl"},
        ],
        extra_organizations=[
            {"org_id": "O3", "name": "Hein Holding", "kvk_number": "87654321", **hub,
             "phone": "+31 6 12345678"},
        ],
        allocations=[
            {"decision_id": "A1", "kind": "rental", "decision_date": "2024-05-01",
             "handled_by": "E3", "unit_id": "U1", "applicant_name": "Ria Kok",
             "applicant_birth_date": "1990-01-01", "applicant_email": "ria@example.nl"},
        ])
    ds = ingest.read_dataset(data)
    assert not ds.errors, [p.format() for p in ds.errors]
    for limit in (2, 3, 50):
        linking, hubs = _identifier_holders(ds, limit)
        want_linking, want_hubs = holders_by_rows(ds, limit)
        assert [(k, v, sorted(set(h))) for k, v, h in linking] == want_linking
        assert list(hubs.items()) == list(want_hubs.items())
    linking, hubs = _identifier_holders(ds, 3)
    assert hubs == {"address:7777XX|3|": 5}
    assert ("email", "ria@example.nl") in {(k, v) for k, v, _ in linking}  # via the applicant


# -- writing ---------------------------------------------------------------------------------


def test_findings_json_holds_what_the_deep_copy_held(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """findings.json is written one finding per line without deep-copying every step; read
    back, it is the same data as with ``asdict`` and ``indent``."""
    import dataclasses
    import json

    from coi_graph import findings as F
    from coi_graph.findings import Step, write_findings
    from tests.test_workspace import make_finding

    fs = [make_finding(subject=f"E{i}", evidence=("declarations:2", f"relatives:{i}"))
          for i in range(3)]
    fs[0].path.steps.append(Step("a", "b", "officer", "bestuurder, KvK", match={
        "reason": "same name", "features": ({"code": "x", "params": {"a": "\u00e9"}},)},
        evidence=["officers:7"]))
    fs[1].other_paths.append(fs[0].path)
    write_findings(fs, tmp_path / "new")
    text = (tmp_path / "new" / "findings.json").read_text(encoding="utf-8")
    doc = json.loads(text)  # version 2: findings citing nodes and steps written once
    assert doc["schema_version"] == 2 and len(doc["findings"]) == len(fs)
    assert sum(line.startswith('{"finding_id"') for line in text.splitlines()) == len(fs)
    monkeypatch.setattr(F, "_step_json", dataclasses.asdict)
    old = json.loads(json.dumps([f.to_json() for f in fs], ensure_ascii=False, indent=1))
    assert F.read_findings(tmp_path / "new") == old
