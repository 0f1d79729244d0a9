"""Reading tables in two threads and parsing a table's columns in parallel change nothing.

``ingest.read_dataset`` reads and checks the tables in a pool of two threads (the largest
first) and checks each table's references as soon as the tables before it are in; a table
of at least ``column_ops.PARALLEL_ROWS`` rows has its columns, column texts and reference
lookups worked out in a second pool.  Here the same messy folder (bad values in every
table, repeated lines, unknown references, a table split over two files, a BSN column) is
read once one step after another and once with everything in parallel (every table
counted as big), and the two Datasets must be equal: every problem in the same order,
every frame value and dtype, every per-file account, every progress line.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

import ingest
from ingest import column_ops, read_folder


def _mangle(path: Path, rng: random.Random, rate: float) -> None:
    """Put wrong values in about ``rate`` of the rows of a CSV file, and repeat a few."""
    raw = path.read_bytes()
    encoding = "utf-8"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        encoding, text = "cp1252", raw.decode("cp1252")
    newline = "\r\n" if "\r\n" in text[:2000] else "\n"
    header, *rows = text.split(newline)
    delimiter = ";" if header.count(";") > header.count(",") else ","
    width = len(header.split(delimiter))
    wrong = ["", "x", "31-02-2024", "1.2.3", "€ -5,00", "1899-01-01", "E9999", "O99999",
             " padded ", "12-3-24", "abc def", "0612", "NL00XXXX", "ja", "??", "1-3-2024"]
    out = [header]
    for row in rows:
        cells = row.split(delimiter)
        if row and len(cells) == width and rng.random() < rate:
            cells[rng.randrange(width)] = rng.choice(wrong)
            row = delimiter.join(cells)
        out.append(row)
        if row and rng.random() < rate / 4:
            out.append(row)  # the same line twice: an identical duplicate
    path.write_bytes(newline.join(out).encode(encoding, errors="replace"))


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coi_graph.demo import generate

    root = tmp_path_factory.mktemp("parallel")
    data = generate(root / "demo", "small").data_dir
    rng = random.Random(19)
    for path in sorted(data.glob("*.csv")):
        _mangle(path, rng, 0.08)
    # contracts in two files (a folder), the second with its columns in another order
    contracts = data / "contracts.csv"
    lines = contracts.read_bytes().split(b"\n")
    (data / "contracts").mkdir()
    half = len(lines) // 2
    (data / "contracts" / "2023.csv").write_bytes(b"\n".join(lines[:half]))
    frame = pd.read_csv(contracts, sep=None, engine="python", dtype=str, keep_default_na=False,
                        encoding="cp1252" if b"\x80" in contracts.read_bytes() else "utf-8",
                        skiprows=range(1, half))
    frame[list(reversed(frame.columns))].to_csv(data / "contracts" / "2024.csv", index=False)
    contracts.unlink()
    # a column of citizen service numbers in the gifts (refused, never read)
    gifts = data / "gifts.csv"
    lines = gifts.read_text(encoding="utf-8").splitlines()
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    gifts.write_text("\n".join([lines[0] + delimiter + "bsn"]
                               + [ln + delimiter + "123456782" for ln in lines[1:]]) + "\n",
                     encoding="utf-8")
    return data


def _read(data: Path) -> tuple[ingest.Dataset, list[str]]:
    lines: list[str] = []
    return ingest.read_dataset(data, progress=lines.append), lines


def test_parallel_reading_gives_the_dataset_of_reading_one_step_after_another(
        messy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_folder._TablePipeline, "WORKERS", 1)
    monkeypatch.setattr(column_ops, "PARALLEL_ROWS", 10 ** 12)
    one_by_one, one_by_one_lines = _read(messy)
    monkeypatch.setattr(read_folder._TablePipeline, "WORKERS", 2)
    monkeypatch.setattr(column_ops, "PARALLEL_ROWS", 1)  # every table in the column pool
    parallel, parallel_lines = _read(messy)

    assert len(one_by_one.problems) > 100  # the folder is messy enough to tell
    actions = {p.action for p in one_by_one.problems}
    assert {"skip_row", "drop_value", "refuse_file"} <= actions, actions
    assert parallel_lines == one_by_one_lines
    _assert_same_dataset(parallel, one_by_one, also=("sha256", "encoding", "delimiter"))
    assert len(one_by_one.tables["contracts"].sources) == 2


def _assert_same_dataset(got: ingest.Dataset, want: ingest.Dataset,
                         also: tuple[str, ...] = ()) -> None:
    assert got.problems == want.problems
    assert list(got.tables) == list(want.tables)
    for name, table in want.tables.items():
        other = got.tables[name]
        pd.testing.assert_frame_equal(other.frame, table.frame, check_exact=True)
        assert other.frame.dtypes.map(str).tolist() == table.frame.dtypes.map(str).tolist()
        for field in ("rows_read", "rows_skipped", "skipped_reasons", "values_dropped",
                      "dropped_by_column", "sources", *also):
            assert getattr(other, field) == getattr(table, field), (name, field)


def test_parsing_distinct_values_gives_the_dataset_of_parsing_every_row(
        messy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every column parsed once per distinct value (however many there are) against none."""
    from ingest import parse_values

    monkeypatch.setattr(parse_values, "DISTINCT_MIN_ROWS", 10 ** 12)
    every_row, every_row_lines = _read(messy)
    monkeypatch.setattr(parse_values, "DISTINCT_MIN_ROWS", 1)
    monkeypatch.setattr(parse_values, "DISTINCT_MAX_SHARE", 1.0)
    distinct, distinct_lines = _read(messy)
    assert len(every_row.problems) > 100
    assert distinct_lines == every_row_lines
    _assert_same_dataset(distinct, every_row)


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_pauses_the_cycle_collector_and_restores_it(tmp_path: Path, enabled: bool,
                                                              monkeypatch) -> None:
    """No cyclic collection runs while the tables are read (each walked ingest's big
    per-row containers); afterwards the collector is as it was, also when a read fails."""
    import gc

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "employees.csv").write_text("employee_id;name\nE1;Jan de Vries\n")
    (folder / "organizations.csv").write_text("org_id;name\nO1;Bouw BV\n")
    (folder / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E1\n")
    collected: list[int] = []
    seen_enabled: list[bool] = []
    inside = [False]
    real_check = read_folder.check_table

    def check(*args, **kwargs):
        seen_enabled.append(gc.isenabled())
        inside[0] = True
        try:
            junk = [[i] for i in range(5000)]  # enough new containers to start collections
            return real_check(*args, **kwargs)
        finally:
            inside[0] = False
            del junk

    def count(phase: str, info: dict) -> None:
        if phase == "start" and inside[0]:
            collected.append(info["generation"])

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    gc.callbacks.append(count)
    try:
        monkeypatch.setattr(read_folder, "check_table", check)
        ds = ingest.read_dataset(folder)
        assert not ds.problems
        assert seen_enabled == [False] * 3
        assert gc.isenabled() is enabled
        monkeypatch.setattr(read_folder, "check_table",
                            lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
        with pytest.raises(RuntimeError):
            ingest.read_dataset(folder)
        assert gc.isenabled() is enabled
    finally:
        gc.callbacks.remove(count)
        (gc.enable if was else gc.disable)()
    assert collected == []


def _tiny_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "employees.csv").write_text("employee_id;name\nE1;Jan de Vries\n")
    (folder / "organizations.csv").write_text("org_id;name\nO1;Bouw BV\n")
    (folder / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E1\n")
    return folder


def test_reading_allocates_from_jemalloc_and_puts_the_pool_back(tmp_path: Path,
                                                                 monkeypatch) -> None:
    """Arrow's default pool is jemalloc while tables are read (mimalloc's huge pages cost
    a quarter of large's ingest in page zeroing) and the pool before afterwards: also
    after two readings that overlap in two threads, one ending first, and after a failed
    read; a pool the user chose with ARROW_DEFAULT_MEMORY_POOL is left alone."""
    import threading

    pa = pytest.importorskip("pyarrow")
    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:
        pytest.skip("this pyarrow has no jemalloc")
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    folder = _tiny_folder(tmp_path / "data")
    before = pa.default_memory_pool().backend_name
    assert before != "jemalloc"  # (else the test could not tell)
    seen: list[str] = []
    real_check = read_folder.check_table
    first_in, second_done = threading.Event(), threading.Event()

    def check(spec, *args, **kwargs):
        seen.append(pa.default_memory_pool().backend_name)
        if threading.current_thread().name.startswith("coi-ingest") and spec.name == "contracts" \
                and not first_in.is_set():
            first_in.set()  # the first reading waits here until the second is through
            second_done.wait(30)
        return real_check(spec, *args, **kwargs)

    monkeypatch.setattr(read_folder, "check_table", check)
    first = threading.Thread(target=ingest.read_dataset, args=(folder,))
    first.start()
    assert first_in.wait(30)
    ingest.read_dataset(folder)  # overlaps the first, and ends before it
    assert pa.default_memory_pool().backend_name == "jemalloc"  # the first still reads
    second_done.set()
    first.join(30)
    assert seen and set(seen) == {"jemalloc"}
    assert pa.default_memory_pool().backend_name == before
    monkeypatch.setattr(read_folder, "check_table",
                        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        ingest.read_dataset(folder)
    assert pa.default_memory_pool().backend_name == before
    monkeypatch.setattr(read_folder, "check_table", check)
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "system")
    seen.clear()
    ingest.read_dataset(folder)
    assert set(seen) == {before}


def test_contracts_references_beside_the_later_tables_change_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contracts' references are checked in a thread of their own beside the
    allocations', mandates' and gifts': the allocations' decision ids are still found among
    the contracts' (with their lines), while the contracts' checks change their own frame
    (an id written differently, a NULL that stands for no value)."""
    (tmp_path / "employees.csv").write_text("employee_id;name\nE0024;Jan de Vries\n"
                                            "E2;Piet Bakker\n", encoding="utf-8")
    (tmp_path / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    contracts = ["decision_id;org_id;decision_date;handled_by;approved_by"]
    contracts += [f"D{i};O1;01-03-2024;{'e24' if i % 3 else 'E2'};{'NULL' if i % 4 else 'E9'}"
                  for i in range(40)]
    (tmp_path / "contracts.csv").write_text("\n".join(contracts) + "\n", encoding="utf-8")
    allocations = ["decision_id;decision_date;handled_by;applicant_name"]
    allocations += [f"{'D' if i % 5 == 0 else 'A'}{i};01-03-2024;E2;Klaas {i}" for i in range(40)]
    (tmp_path / "allocations.csv").write_text("\n".join(allocations) + "\n", encoding="utf-8")
    (tmp_path / "gifts.csv").write_text("gift_id;employee_id;org_id;date;description\n"
                                        "G1;E2;O1;01-02-2024;fles wijn\n", encoding="utf-8")
    monkeypatch.setattr(read_folder._TablePipeline, "WORKERS", 1)  # nothing beside
    monkeypatch.setattr(column_ops, "PARALLEL_ROWS", 10 ** 12)
    one_by_one, one_by_one_lines = _read(tmp_path)
    monkeypatch.setattr(read_folder._TablePipeline, "WORKERS", 2)
    monkeypatch.setattr(column_ops, "PARALLEL_ROWS", 1)
    beside, beside_lines = _read(tmp_path)
    clashes = [p for p in one_by_one.problems if "is also used in contracts.csv line" in p.message]
    assert len(clashes) == 8 and clashes[0].table == "allocations"
    assert any("written differently" in p.message or "read as" in p.message
               for p in one_by_one.problems if p.table == "contracts")
    assert beside_lines == one_by_one_lines
    _assert_same_dataset(beside, one_by_one)
