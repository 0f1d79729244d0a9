"""Row digests of a few scattered decisions of a large table (a linked_suppliers finding
cites every decision of its episode): their blocks are hashed, not the whole table, until a
quarter of the table's blocks is asked for."""

from __future__ import annotations

import pytest
from test_proportional import FakeDataset, contracts

from coi_graph.graph.build import RowDigests, _table_hashes


def test_scattered_rows_of_a_large_table_hash_their_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RowDigests, "BLOCK", 16)
    monkeypatch.setattr(RowDigests, "MAX_BLOCKS", 4)
    frame = contracts(16 * 400)  # 400 blocks: a sixteenth is 25
    full = _table_hashes(frame, "contracts")
    d = RowDigests(FakeDataset({"contracts": frame}))  # type: ignore[arg-type]
    asked = list(range(3, 16 * 400, 16 * 20))  # 20 rows in 20 blocks
    assert [d("contracts", p) for p in asked] == [f"{int(full[p]):016x}" for p in asked]
    assert "contracts" not in d._cache and len(d._blocks["contracts"]) == 20
    for p in range(8, 16 * 400, 16 * 8):  # 50 blocks: the table is hashed once
        assert d("contracts", p) == f"{int(full[p]):016x}"
    assert "contracts" in d._cache
