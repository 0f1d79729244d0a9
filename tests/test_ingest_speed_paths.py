"""The fast paths of ingest give exactly what the general paths give.

Ingest reads CSV files with Arrow's reader when their quotes are well formed, and
normalises common identifiers in whole columns; everything else goes through pandas' reader
and the per-value normalisers.  These tests feed both paths the same awkward input and
require the same cells, lines, values, rows reported and messages."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

import ingest.identifiers as ni
from ingest import read_files
from ingest.parse_values import _parse_each, as_text, parse_identifier


def _raw(path: Path) -> tuple:
    raw = read_files.read_table_file(path)
    return (raw.header, [c.tolist() for c in raw.columns], [str(c.dtype) for c in raw.columns],
            raw.lines.tolist(), raw.row_problems, raw.line_problems, raw.warnings,
            raw.encoding, raw.delimiter)


def _random_csv(rng: random.Random) -> bytes:
    delimiter = rng.choice([",", ";", "\t"])
    width = rng.randint(1, 5)
    cells = ["", " ", "a", "007", "Jansen, J.", "x y", "é€", '5" buis', "1.234,56", "  pad  ",
             "line\nbreak", "cr\r\nlf", 'say ""hi""', "ß", "\u00a0", "=1+1", "-", "tab\there"]

    def field(value: str) -> str:
        special = any(ch in value for ch in (delimiter, '"', "\n", "\r")) or rng.random() < 0.2
        return '"' + value.replace('"', '""') + '"' if special else value

    lines = [delimiter.join(f"col{i}" for i in range(width))]
    for _ in range(rng.randint(0, 40)):
        n = width if rng.random() < 0.9 else rng.choice([1, max(width - 1, 1), width + 1])
        if rng.random() < 0.03:
            lines.append("")
            continue
        lines.append(delimiter.join(field(rng.choice(cells)) for _ in range(n)))
    end = rng.choice(["\n", "\r\n"])
    text = end.join(lines) + (end if rng.random() < 0.7 else "")
    return text.encode(rng.choice(["utf-8", "cp1252", "utf-8-sig"]), errors="replace")


def test_arrow_csv_reader_reads_like_pandas(tmp_path: Path, monkeypatch) -> None:
    rng = random.Random(7)
    used_arrow = 0
    for i in range(300):
        path = tmp_path / f"t{i}.csv"
        path.write_bytes(_random_csv(rng))
        calls: list[int] = []
        real = read_files._arrow_csv_frame
        monkeypatch.setattr(read_files, "_arrow_csv_frame",
                            lambda *a, _real=real, _calls=calls: _calls.append(1) or _real(*a))
        try:
            fast = _raw(path)
        except read_files.UnreadableFile as exc:
            fast = str(exc)
        monkeypatch.setattr(read_files, "_arrow_csv_frame", lambda *a: None)
        try:
            slow = _raw(path)
        except read_files.UnreadableFile as exc:
            slow = str(exc)
        monkeypatch.undo()
        assert fast == slow, path.read_bytes()
        used_arrow += bool(calls) and not isinstance(fast, str)
    assert used_arrow > 100  # the fast reader did most of the files


def _identifier_values(rng: random.Random, kind: str) -> list[str]:
    """Realistic values of one kind, and copies with a character changed, added or lost."""
    def iban() -> str:
        bank = rng.choice(["ABNA", "INGB", "RABO", "SNSB", "abna"])
        account = f"{rng.randrange(10**10):010d}"
        digits = (bank.upper() + account + "NL00").translate(
            str.maketrans({chr(c): str(c - 55) for c in range(65, 91)}))
        check = 98 - int(digits) % 97
        value = f"NL{check:02d}{bank}{account}"
        return rng.choice([value, " ".join(value[i:i + 4] for i in range(0, 18, 4)),
                           value.lower(), "IBAN: " + value, value.replace("NL", "nl", 1)])

    def phone() -> str:
        start, length = rng.choice([("6", 8), ("20", 7), ("10", 7), ("33", 7), ("348", 6),
                                    ("800", 4), ("85", 7), ("970", 8), ("99", 7)])
        number = start + "".join(rng.choice("0123456789") for _ in range(length))
        return rng.choice(["0", "+31", "0031", "+31 (0)", "tel: 0"]) + rng.choice(
            [number, number[:2] + "-" + number[2:], number[:1] + " " + number[1:]])

    def kvk() -> str:
        return rng.choice([f"{rng.randrange(10**8):08d}", str(rng.randrange(10**8)),
                           f"{rng.randrange(10**4):04d} {rng.randrange(10**4):04d}",
                           "KvK " + f"{rng.randrange(10**8):08d}", "0", "00000000"])

    def postcode() -> str:
        digits, letters = str(rng.randrange(1000, 10000)), rng.choice(["AB", "ab", "Zz"] * 3
                                                                       + ["SA"])
        return rng.choice([digits + letters, f"{digits} {letters}", f"{digits}\t{letters}",
                           f" {digits}  {letters}"] * 3 + [f"0{digits[1:]}{letters}"])

    make = {"normalize_iban": iban, "normalize_phone": phone, "normalize_kvk": kvk,
            "normalize_postcode": postcode}[kind]
    alphabet = "0123456789 .-()+NLnlAB:\u00a0\u0663ß\t"
    values = []
    for _ in range(4000):
        v = list(make())
        for _ in range(rng.choice([0, 0, 1, 2])):
            op, ch = rng.random(), rng.choice(alphabet)
            if op < 0.4 and v:
                v[rng.randrange(len(v))] = ch
            elif op < 0.7:
                v.insert(rng.randint(0, len(v)), ch)
            elif v:
                del v[rng.randrange(len(v))]
        values.append("".join(v))
    return values + ["", "0", "+31", "06", "123456789012"]


@pytest.mark.parametrize("normalizer", ["normalize_iban", "normalize_phone", "normalize_kvk",
                                        "normalize_postcode"])
def test_vectorised_identifiers_agree_with_the_normalisers(normalizer: str) -> None:
    text = as_text(pd.Series(_identifier_values(random.Random(5), normalizer), dtype="str"))
    normalize = getattr(ni, normalizer)
    fast, slow = parse_identifier(text, normalize), _parse_each(text, normalize)
    assert fast.values.fillna("<none>").tolist() == slow.values.fillna("<none>").tolist()
    assert list(fast.bad) == list(slow.bad) and fast.messages == slow.messages
    assert 0 < len(slow.bad) < len(text) - 1000  # both good and bad values were tried


def test_house_numbers_in_whole_columns_agree_with_split_house_number() -> None:
    from ingest.identifiers import split_house_number
    from ingest.parse_values import parse_house_numbers

    rng = random.Random(9)
    numbers = ["", "1", "12", "012", "99999", "100000", "0", "12a", "12-2", "12 bis", "7B",
               "a12", "\u0663", "12\u00a0a", "1 2", "-3"]
    additions = ["", "a", "A", "2", "bis", "-2", " b ", "toolongaddition", "ß", "a/b", "\u0663"]
    pairs = [(rng.choice(numbers), rng.choice(additions)) for _ in range(3000)]
    number = as_text(pd.Series([p[0] for p in pairs], dtype="str"))
    addition = as_text(pd.Series([p[1] for p in pairs], dtype="str"))
    got_number, got_addition = parse_house_numbers(number, addition)
    want_number, want_addition, bad_number, bad_addition = [], [], [], []
    for i, (n, a) in enumerate(zip(number, addition)):
        try:
            digits, add = split_house_number(n or None, a or None)
        except ValueError as exc:
            (bad_number if n else bad_addition).append((i, str(exc)))
            digits = add = None
        want_number.append(digits)
        want_addition.append(add)
    assert got_number.values.fillna("<none>").tolist() == [v or "<none>" for v in want_number]
    assert got_addition.values.fillna("<none>").tolist() == [
        v or "<none>" for v in want_addition]
    assert list(zip(got_number.bad.tolist(), got_number.messages)) == bad_number
    assert list(zip(got_addition.bad.tolist(), got_addition.messages)) == bad_addition


def test_arrow_amounts_agree_with_the_joined_text_parsers() -> None:
    """Where the Arrow path reads a whole amount column, the general parsers read the same
    floats (and where it does not, it leaves the column to them)."""
    from ingest.parse_values import _arrow_numbers, _dutch_numbers, _plain_numbers

    rng = random.Random(4)

    def amount() -> str:
        euros, cents = rng.randrange(10 ** rng.randint(1, 9)), rng.randrange(100)
        dutch = f"{euros:,}".replace(",", ".") + f",{cents:02d}"
        return rng.choice([f"{euros}.{cents:02d}", f"{euros}", dutch, f"€ {dutch}",
                           f"-{euros},{cents}", f"{euros}.{rng.randrange(1000):03d}",
                           f"{dutch} EUR", f"€\u00a0{euros}", f"0{euros}", f".{cents}",
                           f"{euros}.", f"{euros},-", "1e5", "\u0663", f"{euros},{cents}"])

    tried = read = 0
    for _ in range(400):
        kind = rng.random()
        values = [amount() for _ in range(rng.randint(1, 30))]
        if kind < 0.4:  # a column of one form throughout, as exports are
            form = rng.randrange(3)
            values = [v for v in values if (form == 0 and v.replace(".", "").isdigit())
                      or (form == 1 and "," in v and "." not in v.split(",")[-1])
                      or form == 2] or ["1"]
        part = pd.Series(values, dtype="str")
        fast = _arrow_numbers(part)
        slow = _plain_numbers(part)
        slow = slow if slow is not None else _dutch_numbers(part)
        tried += 1
        if fast is not None:
            read += 1
            assert slow is not None, values
            assert fast.tolist() == slow.tolist(), values
            assert (pd.Series(fast).map(repr) == pd.Series(slow).map(repr)).all()  # -0.0
    assert read > 30 and tried - read > 50



def test_arrow_isin_and_map_agree_with_pandas() -> None:
    from ingest.column_ops import isin, map_text

    rng = random.Random(6)
    words = ["", "a", "B", "é", "ja", "nee", " x", "007", "7", None]
    for _ in range(200):
        values = pd.Series([rng.choice(words) for _ in range(rng.randint(0, 50))], dtype="str",
                           index=rng.sample(range(1000), 0) or None)
        targets = [w for w in rng.sample(words, rng.randint(0, 6)) if w is not None]
        assert isin(values, targets).tolist() == values.isin(targets).tolist()
        assert isin(values, pd.Index(targets, dtype="str")).tolist() == values.isin(
            targets).tolist()
        repeated = pd.Series(targets + targets[:2] + [None], dtype=rng.choice(["str", object]))
        assert isin(values, repeated.dropna()).tolist() == values.isin(targets).tolist()
        assert isin(values.astype(object), repeated.dropna()).tolist() == values.isin(
            targets).tolist()
        mapping = {w: rng.choice(["p", "q", ""]) for w in targets}
        got = map_text(values, mapping)
        want = pd.Series(values.map(mapping), index=values.index, dtype="str")
        assert got.equals(want) and str(got.dtype) == str(want.dtype)


def _hostile_texts(rng: random.Random, count: int) -> list[str]:
    """Values with whitespace and lookalikes of it at either end or inside: ASCII spaces
    and controls, no-break and other Unicode spaces, accents, the euro sign, empty."""
    edges = ["", " ", "\t", "\x1f", "\x7f", "\u00a0", "\u2003", "\u3000", "\u202f", "\u200b",
             "\ufeff", "é", "€", "ß", "\u0663", "\n", "\r"]
    cores = ["", "a", "Jan de Vries", "€ 1.234,56", "x y", "E0024", "ö"]
    return [rng.choice(edges) + rng.choice(cores) + rng.choice(edges) if rng.random() < 0.5
            else rng.choice(cores) for _ in range(count)]


def test_trim_check_agrees_with_stripping() -> None:
    """``as_text`` leaves a column unstripped only when stripping would change nothing."""
    import pyarrow as pa

    from ingest.column_ops import trim_changes_some

    rng = random.Random(11)
    said_no = said_yes = 0
    for value in sorted(set(_hostile_texts(rng, 3000))):  # each value alone
        column = pd.Series([value], dtype="str")
        assert trim_changes_some(column) == (value.strip() != value), repr(value)
    for _ in range(300):
        values = _hostile_texts(rng, rng.randint(0, 12))
        if rng.random() < 0.5:  # mostly values that need no trim, as in real columns
            values = [v.strip() for v in values] + [rng.choice(["é", "€ 5", "a", ""])]
        chunks = [values[: len(values) // 2], values[len(values) // 2:]]
        arrays = [pd.Series(values, dtype="str"),
                  pd.Series(pd.array(pa.chunked_array(chunks, type=pa.large_string()),
                                     dtype="str")),
                  pd.Series(["pad "] + values, dtype="str").iloc[1:]]  # an offset slice
        for column in arrays:
            want = bool((column.str.strip() != column).any())
            assert trim_changes_some(column) == want, values
            said_yes += want
            said_no += not want
            stripped = as_text(column)
            assert stripped.tolist() == column.str.strip().tolist()
    assert said_no > 100 and said_yes > 100


def test_text_columns_blank_empty_cells_as_pandas_does() -> None:
    from ingest.parse_values import parse_text

    rng = random.Random(12)
    for _ in range(100):
        values = [rng.choice(["", "a", "E1", "é"]) for _ in range(rng.randint(1, 20))]
        arrow = pd.Series(values, dtype="str")
        got = parse_text(arrow).values
        want = arrow.where(arrow != "")
        assert str(got.dtype) == "str"
        assert got.isna().tolist() == want.isna().tolist()
        assert got.fillna("<none>").tolist() == want.fillna("<none>").tolist()


def test_amounts_read_by_layout_agree_with_the_general_steps(monkeypatch) -> None:
    """The byte-layout reading of the usual Dutch amounts gives every value, bad row and
    message the general steps give (which then see only the values it leaves)."""
    from ingest import parse_values

    rng = random.Random(21)

    def amount() -> str:
        euros, cents = rng.randrange(10 ** rng.randint(1, 16)), rng.randrange(100)
        dutch = f"{euros:,}".replace(",", ".")
        return rng.choice([
            f"{dutch},{cents:02d}", f"€ {dutch},{cents:02d}", f"€{dutch},{cents:02d}",
            f"{euros},{cents:02d}", f"€ {euros}", dutch, f"{euros}", f"0{dutch}",
            f"{euros}.{cents:02d}", f"{euros}.{rng.randrange(1000):03d}", f"-{dutch},{cents:02d}",
            f"{dutch},{cents}", f"{dutch},{cents:03d}", f"€  {dutch}", f"{dutch} €", "€", "€ ",
            f"€\u00a0{dutch}", f"{dutch},-", "", "0", "0,00", "00,50", ".5", "1.23,45",
            "0.234,56", "1.2345,67", "12,345", f"{dutch}%", "\u0663", "1e5", "€ -5,00"])

    def parse(values: list[str], layout: bool, percent: bool) -> parse_values.Parsed:
        if not layout:
            monkeypatch.setattr(parse_values, "_amounts_by_layout", lambda part: None)
        try:
            return parse_values.parse_amount(pd.Series(values, dtype="str"), percent=percent)
        finally:
            monkeypatch.undo()

    read_by_layout = 0
    for round_ in range(300):
        values = [amount() for _ in range(rng.randint(1, 40))]
        if round_ % 3 == 0:  # a column of the usual form throughout, as exports are
            values = [v for v in values if "," in v and "-" not in v] or ["1.234,56"]
        percent = round_ % 5 == 0
        fast, general = parse(values, True, percent), parse(values, False, percent)
        assert [repr(v) for v in fast.values] == [repr(v) for v in general.values], values
        assert fast.bad.tolist() == general.bad.tolist(), values
        assert fast.messages == general.messages
        read_by_layout += int(parse_values._amounts_by_layout(
            pd.Series(values, dtype="str"))[0].sum())
    assert read_by_layout > 1000


def test_deleting_ascii_characters_agrees_with_the_regex() -> None:
    """``delete_ascii`` stands in for ``str.replace`` with a character class (and a prefix
    after it) in the identifier fast paths."""
    import pyarrow as pa

    from ingest.column_ops import delete_ascii

    rng = random.Random(22)
    alphabet = [" ", ".", "-", "(", ")", "/", "\t", "+", "0", "3", "1", "6", "a", "é", "€",
                "\u00a0", "ß", "\u0663", "+31", "0031", "00", "0 0-31", "+3"]
    cases = [(" .-", (), r"[ .\-]+"), (" \t", (), r"[ \t]+"), (" -", (), r"[ \-]"),
             (" -./()", (), r"[ \-./()]+"), ("", ("+31", "0031", "0"), None),
             (" -./()", ("+31", "0031", "0"), r"[ \-./()]+")]
    changed = 0
    for _ in range(300):
        values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
                  for _ in range(rng.randint(1, 15))]
        chunks = [values[: len(values) // 2], values[len(values) // 2:]]
        columns = [pd.Series(values, dtype="str"),
                   pd.Series(pd.array(pa.chunked_array(chunks, type=pa.large_string()),
                                      dtype="str")),
                   pd.Series(["x"] + values, dtype="str").iloc[1:]]
        for chars, prefixes, pattern in cases:
            want = pd.Series(values, dtype="str")
            if pattern:
                want = want.str.replace(pattern, "", regex=True)
            if prefixes:
                want = want.str.replace(r"^(?:\+31|0031|0)", "", regex=True)
            for column in columns:
                got = delete_ascii(column, chars, prefixes)
                assert got.tolist() == want.tolist(), (values, chars, prefixes)
                assert got.index.equals(column.index)
            changed += want.tolist() != values
    assert changed > 500


def _grid_csv(rng: random.Random) -> bytes:
    """A CSV file whose rows all have the header's width (Arrow reads it), a few hundred
    lines long, quotes (also around line breaks) on some files only, in any encoding."""
    delimiter = rng.choice([",", ";"])
    width = rng.randint(1, 5)
    quotes = rng.random() < 0.5
    cells = ["", "a", "007", "x y", "é€", "1.234,56", "  pad  ", "ß", "\u00a0", "-", "E0012"]
    if quotes:
        # (no CR LF inside a quoted value: Arrow's reader in small blocks has read one as
        # CR alone at the start of a block; in one block it keeps it)
        cells += ["Jansen, J.", "line\nbreak", 'say ""hi""', '5" buis']

    def field(value: str) -> str:
        special = any(ch in value for ch in (",", ";", '"', "\n", "\r"))
        return '"' + value.replace('"', '""') + '"' if special else value

    lines = [delimiter.join(f"col{i}" for i in range(width))]
    lines += [delimiter.join(field(rng.choice(cells)) for _ in range(width))
              for _ in range(rng.randint(0, 300))]
    end = rng.choice(["\n", "\r\n"])
    text = end.join(lines) + (end if rng.random() < 0.7 else "")
    return text.encode(rng.choice(["utf-8", "cp1252", "utf-8-sig"]), errors="replace")


def test_a_file_read_in_many_arrow_blocks_reads_like_one_block(tmp_path: Path,
                                                                 monkeypatch) -> None:
    """Arrow reads a file as one block (each column one chunk, nothing to join); a file
    over ``_ARROW_BLOCK_MAX`` is read in blocks whose chunks are joined per column
    (converted from Windows-1252 where needed): both give the same cells and lines."""
    rng = random.Random(11)
    chunks_seen: list[int] = []
    real_chunk = read_files._one_text_chunk

    def counting(col, cp1252):
        chunks_seen.append(col.num_chunks)
        return real_chunk(col, cp1252)

    fallbacks: list[int] = []

    def no_fallback(*args):
        fallbacks.append(1)
        return read_csv_module(*args)

    read_csv_module = read_files._read_csv_with_csv_module
    most = 0
    for i in range(80):
        path = tmp_path / f"t{i}.csv"
        path.write_bytes(_grid_csv(rng))
        # Arrow's cells are used, both ways: the csv module's reading would hide a
        # difference (a frame of the wrong length falls back to it)
        monkeypatch.setattr(read_files, "_read_csv_with_csv_module", no_fallback)
        monkeypatch.setattr(read_files, "_one_text_chunk", counting)
        whole = _raw(path)
        assert max(chunks_seen, default=1) <= 1  # one block: one chunk a column
        chunks_seen.clear()
        monkeypatch.setattr(read_files, "_ARROW_BLOCK_MAX", 256)
        blocks = _raw(path)
        monkeypatch.undo()
        assert whole == blocks, path.read_bytes()
        assert not fallbacks, path.read_bytes()
        most = max(most, *chunks_seen, 0)
        chunks_seen.clear()
    assert most > 4  # the small blocks were used: columns of several chunks


def test_the_kept_mask_follows_every_skip(tmp_path: Path) -> None:
    """``TableState.kept`` is kept up to date by ``report`` instead of compared afresh:
    after any mix of skips, dropped values and warnings it is the rows whose
    ``skip_reason`` is still empty, and changing a returned mask changes nothing."""
    import numpy as np

    from ingest.tables import TABLES
    from ingest.validate_rows import TableState

    rng = random.Random(5)
    n = 300
    state = TableState(TABLES["contracts"], tmp_path / "contracts.csv",
                       pd.DataFrame({"_line": np.arange(2, n + 2), "approved_by": ["E1"] * n}),
                       np.full(n, None, dtype=object))
    for step in range(60):
        mask = state.kept
        assert mask.tolist() == np.equal(state.skip_reason, None).tolist(), step
        mask[:] = rng.random() < 0.5  # the caller's copy: the state does not see this
        positions = rng.sample(range(n), rng.randint(0, 12))
        action = rng.choice(["skip_row", "skip_row", "drop_value", "none"])
        state.report(positions, "approved_by", "x", action, reason=f"r{step % 3}")
        if step == 30:  # a new array (as no code does today) is looked at afresh
            state.skip_reason = state.skip_reason.copy()
            state.skip_reason[:5] = "other"
    assert state.kept.tolist() == np.equal(state.skip_reason, None).tolist()
    assert 0 < int(state.kept.sum()) < n


def test_a_quoted_cr_lf_across_a_mebibyte_keeps_its_line_feed(tmp_path: Path) -> None:
    """Arrow's reader in blocks read a quoted value's CR LF as CR alone when a block
    boundary fell between the two; ingest read in blocks of 1 MiB, so a file over 1 MiB
    could lose the line feed of such a value without a word.  A file is read as one block
    now: the value keeps it."""
    block = 1 << 20
    line = b"x;yyyyyyyyyyyyyyyy\n"
    body = b"a;b\n" + line * ((block - 100) // len(line) + 1)
    start = b'q;"cr'
    filler = block - 1 - len(body) - len(start)  # the CR at the last byte of the block
    body += b"p;" + b"z" * (filler - 3) + b"\n" + start
    assert len(body) == block - 1
    path = tmp_path / "notes.csv"
    path.write_bytes(body + b'\r\nlf"\n' + b"z;w\n" * 10)
    raw = read_files.read_table_file(path)
    values = raw.columns[1].tolist()
    assert "cr\r\nlf" in values and "cr\rlf" not in values
    assert len(values) == raw.n_rows == body.count(b"\n") - 1 + 1 + 10


def test_line_feeds_are_counted_as_bytes_count_does(monkeypatch) -> None:
    """The record count of a file without quotes: numpy's count in pieces is
    ``bytes.count(b"\\n")``, at piece edges and in a last short piece too."""
    rng = random.Random(3)
    monkeypatch.setattr(read_files, "_HIGH_PIECE", 16)
    for size in [0, 1, 15, 16, 17, 31, 32, 33, 100, 1000]:
        for _ in range(5):
            data = bytes(rng.choice(b"\n\n\rab;\x0b\x8a") for _ in range(size))
            assert read_files._count_line_feeds(data) == data.count(b"\n"), data
    big = b"x;y\r\n" * 1000 + b"last"
    assert read_files._count_line_feeds(big) == 1000


def test_the_tolerant_reader_keeps_a_quoted_cr_lf_as_the_fast_readers_do(tmp_path: Path) -> None:
    """A file with a ragged row goes to the csv-module reader; its other rows read as they
    would in a well-formed file (it turned a quoted CR LF into LF)."""
    rows = b'id;name;description\r\nD1;x;"line one\r\nline two"\r\n'
    (tmp_path / "plain.csv").write_bytes(rows + b"D2;y;plain\r\nD3;z;c\r\n")
    (tmp_path / "ragged.csv").write_bytes(rows + b"D2;y;plain;extra\r\nD3;z;c\r\n")
    plain, ragged = (read_files.read_table_file(tmp_path / f) for f in ("plain.csv", "ragged.csv"))
    assert ragged.row_problems  # the tolerant reader read it
    assert [c.tolist() for c in ragged.columns] == [c.tolist() for c in plain.columns]
    assert ragged.columns[2].tolist()[0] == "line one\r\nline two"
    assert ragged.lines.tolist() == plain.lines.tolist() == [2, 4, 5]


@pytest.mark.parametrize("equals_looked_at", [64, 1, 0])
def test_wrapped_text_is_looked_for_where_the_two_searches_find_it(
        tmp_path: Path, monkeypatch, equals_looked_at: int) -> None:
    """A file is searched for ``="`` (and its UTF-16 form) only when it holds a double
    quote, each ``=`` looked at by itself (the first ``_EQUALS_LOOKED_AT``; the rest of the
    file by the two searches): the gate says yes exactly where the two searches do, and a
    file with such cells in UTF-8 and UTF-16 still has them unwrapped."""
    monkeypatch.setattr(read_files, "_EQUALS_LOOKED_AT", equals_looked_at)
    rng = random.Random(11)
    alphabet = [b"=", b'"', b"\x00", b"a", b";", b"\n", b"\xe9"]
    cases = [b"", b"a;b\n", b'"x"', b'="1"', b'x="', b'"=', "=\"1\"".encode("utf-16-le"),
             "=\"1\"".encode("utf-16"), b"=\x00x\x00", b'=\x00"', b'\x00"\x00=',
             b"a=b;" * 100 + b'"x"', b"a=b;" * 100 + b'="1"', b"=" * 70 + b'"',
             b'="' + b"=" * 70]
    cases += [b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
              for _ in range(3000)]
    for data in cases:
        assert read_files._may_hold_wrapped_text(data) == (b'="' in data
                                                          or b'=\x00"\x00' in data), data
    for encoding in ("utf-8", "utf-16"):
        path = tmp_path / f"employees_{encoding}.csv"
        path.write_bytes('employee_id;name\n="00731";"Jan"\nE2;Piet\n'.encode(encoding))
        raw = read_files.read_table_file(path)
        assert raw.columns[0].tolist() == ["00731", "E2"], encoding
        assert any("=\"...\"" in w for w in raw.warnings), encoding


def test_header_like_values_are_found_as_by_trimming_every_value() -> None:
    """``drop_repeated_headers`` trims and lowers only the values long enough to be the
    header; it finds exactly the values the kernels on the whole column find (spaces and
    Unicode spaces around, capitals, a Kelvin sign that lowers to one byte, a dotted I
    that Python lowers to two code points, missing values, values one byte short)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rng = random.Random(12)
    headers = ["decision_id", "Naam", "kkk", "i", "ÉÉN", "İd"]
    for header in headers:
        lowered = header.lower()
        variants = [header, header.upper(), lowered, f" {header} ", f"\u00a0{header}\t",
                    header[:-1], header[1:], header + "x", "\u212a" * 3, "İd".lower(), "",
                    None, "  ", header.replace("d", "D"), "é" * len(lowered)]
        for _ in range(30):
            values = [rng.choice(variants) for _ in range(rng.randint(1, 40))]
            arr = pa.array(values, type=rng.choice([pa.large_string(), pa.string()]))
            same = pc.equal(pc.utf8_lower(pc.utf8_trim_whitespace(arr)), lowered)
            want = [i for i, s in enumerate(pc.fill_null(same, False).to_pylist()) if s]
            assert read_files._header_like(arr, lowered).tolist() == want, (header, values)


def _old_resolve_officer_kvk(officers, organizations) -> None:
    """``references._resolve_officer_kvk`` as it was, in pandas (the reference)."""
    import numpy as np

    from ingest.references import Reference, _cascade

    frame = officers.frame
    kvk = frame["kvk_number"]
    todo = (frame["org_id"].isna() & kvk.notna()).to_numpy()
    if not todo.any():
        return
    orgs = organizations.frame
    with_kvk = orgs["kvk_number"].notna().to_numpy()
    kept = organizations.kept
    order = np.concatenate([np.flatnonzero(with_kvk & kept), np.flatnonzero(with_kvk & ~kept)])
    by_kvk = (orgs[["kvk_number", "org_id"]].iloc[order].drop_duplicates("kvk_number")
              .set_index("kvk_number"))
    resolved = kvk.map(by_kvk["org_id"])
    unknown = np.flatnonzero(todo & resolved.isna().to_numpy())
    officers.report(
        unknown, "kvk_number",
        [f"kvk_number {kvk.iat[p]} is not the KvK number of any organization in "
         f"{organizations.file}; add the organization with this kvk_number, or correct it"
         for p in unknown], "skip_row", reason="unknown kvk_number")
    fill = np.flatnonzero(todo & resolved.notna().to_numpy())
    if len(fill):
        frame.loc[frame.index[fill], "org_id"] = resolved.iloc[fill].to_numpy()
        ref = Reference("officers", "org_id", "organizations", "org_id")
        known = np.zeros(len(frame), dtype=bool)
        known[fill] = True
        # (an officer's organization is one it cannot do without: skipped with it)
        _cascade(officers, ref, organizations, known, optional=False)


def test_officers_by_kvk_number_get_the_org_id_pandas_mapping_gave(tmp_path: Path) -> None:
    """Officers given by KvK number get the same ``org_id``, problems, skips and column as
    with pandas' ``map``: numbers shared by a kept and a skipped organization (in either
    order: the kept one wins), by two kept ones (the first wins), an organization without
    an ``org_id``, unknown and missing numbers, officers that have an ``org_id`` already,
    text with accents; Arrow-backed columns and object columns alike."""
    import copy

    import numpy as np

    from ingest.references import _resolve_officer_kvk
    from ingest.tables import TABLES
    from ingest.validate_rows import TableState

    rng = random.Random(13)
    kvks = ["12345678", "87654321", "0012345", "ëën", "11112222", None]
    org_ids = ["O1", "O2", "Ö3", "O4", None]
    tried = filled = 0
    for trial in range(200):
        dtype = "str" if trial % 4 else object
        m = rng.randint(0, 8)
        orgs = TableState(TABLES["organizations"], tmp_path / "organizations.csv",
                          pd.DataFrame({"org_id": pd.Series([rng.choice(org_ids) for _ in range(m)],
                                                            dtype=dtype),
                                        "kvk_number": pd.Series([rng.choice(kvks) for _ in range(m)],
                                                                dtype=dtype),
                                        "_line": np.arange(2, m + 2)}),
                          np.full(m, None, dtype=object))
        orgs.report([p for p in range(m) if rng.random() < 0.3], "org_id", "bad", "skip_row",
                    reason="unreadable org_id")
        n = rng.randint(0, 12)
        officers = TableState(TABLES["officers"], tmp_path / "officers.csv",
                              pd.DataFrame({"org_id": pd.Series([rng.choice([None, None, "O9"])
                                                                 for _ in range(n)], dtype=dtype),
                                            "kvk_number": pd.Series([rng.choice(kvks + ["99999999"])
                                                                     for _ in range(n)], dtype=dtype),
                                            "name": pd.Series(["Jan"] * n, dtype=dtype),
                                            "_line": np.arange(2, n + 2)}),
                              np.full(n, None, dtype=object))
        want, got = copy.deepcopy(officers), copy.deepcopy(officers)
        _old_resolve_officer_kvk(want, orgs)
        _resolve_officer_kvk(got, orgs)
        pd.testing.assert_frame_equal(got.frame, want.frame, check_exact=True)
        assert got.skip_reason.tolist() == want.skip_reason.tolist()
        if orgs.frame["kvk_number"].notna().any():
            assert got.problems == want.problems
        else:  # no KvK number at all: the same rows, with one message for the one cause
            assert [(p.line, p.column, p.action) for p in got.problems] == [
                (p.line, p.column, p.action) for p in want.problems]
            assert len({p.message for p in got.problems}) <= 1
        tried += 1
        filled += int(got.frame["org_id"].notna().sum() - officers.frame["org_id"].notna().sum())
    assert tried == 200 and filled > 100


def test_arrow_lookup_and_take_where_agree_with_pandas() -> None:
    """``lookup_text`` is ``map`` by a Series of distinct keys and ``take_where`` the
    ``loc`` assignment, for Arrow-backed and object columns, with missing values and
    accents on every side."""
    import numpy as np

    from ingest.column_ops import lookup_text, take_where

    rng = random.Random(14)
    words = ["a", "B", "é", "007", "7", "", " x", "€"]
    for trial in range(300):
        dtype = "str" if trial % 3 else object
        keys = rng.sample(words, rng.randint(0, len(words)))
        found = [rng.choice(words + [None]) for _ in keys]
        values = pd.Series([rng.choice(words + [None]) for _ in range(rng.randint(0, 30))],
                           dtype=dtype)
        want = pd.Series(values.map(pd.Series(found, index=pd.Index(keys, dtype=object))),
                         index=values.index, dtype="str")
        got = lookup_text(values, pd.Series(keys, dtype=dtype), pd.Series(found, dtype=dtype))
        pd.testing.assert_series_equal(got, want, check_exact=True)
        mask = np.array([rng.random() < 0.4 for _ in range(len(values))], dtype=bool)
        other = pd.Series([rng.choice(words + [None]) for _ in range(len(values))], dtype="str")
        base = pd.DataFrame({"c": values.astype("str")})
        base.loc[base.index[np.flatnonzero(mask)], "c"] = other.iloc[np.flatnonzero(mask)].to_numpy()
        pd.testing.assert_series_equal(take_where(values.astype("str"), mask, other), base["c"],
                                       check_exact=True, check_names=False)


def test_known_ids_take_the_target_ids_with_repeats_and_gaps(tmp_path: Path) -> None:
    """A reference's look-up takes the target's ids as they are (repeated, some missing):
    a missing value is never known, and every present id is, for Arrow-backed and object
    columns alike."""
    import numpy as np

    from ingest.references import _known_ids
    from ingest.tables import REFERENCES, TABLES
    from ingest.validate_rows import TableState

    ref = next(r for r in REFERENCES if r.table == "contracts" and r.column == "handled_by")
    for dtype in ("str", object):
        ids = pd.Series(["E1", "E1", None, "É2", "E3", None], dtype=dtype)
        target = TableState(TABLES["employees"], tmp_path / "employees.csv",
                            pd.DataFrame({"employee_id": ids, "_line": np.arange(2, 8)}),
                            np.full(6, None, dtype=object))
        values = pd.Series(["E1", None, "E4", "É2", "e1", "E3", None], dtype=dtype)
        assert _known_ids(values, target, ref).tolist() == [True, False, False, True, False,
                                                            True, False], dtype


def test_undefined_windows_1252_bytes_are_found_as_by_searching_the_file(tmp_path: Path,
                                                                         monkeypatch) -> None:
    """The five bytes Windows-1252 leaves undefined are looked for among the bytes above
    0x7F the encoding guess found, instead of by five searches of the file: the same
    warnings on the same lines, also when such a byte stands in a blank or title line
    before the header (cut off before the search) and again below it."""
    from ingest.tables import TABLES

    rng = random.Random(5)
    undefined = [b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"]
    other = [b"\xe9", b"\x80", b"\xeb", b"a", b"1", b" "]

    def cell() -> bytes:
        return b"".join(rng.choice(other + undefined[:rng.randint(0, 5)])
                        for _ in range(rng.randint(0, 4))) or b"x"

    def read(path: Path, fast: bool) -> tuple:
        if not fast:
            search = read_files._undefined_cp1252_bytes
            monkeypatch.setattr(read_files, "_undefined_cp1252_bytes",
                                lambda data, high, cut: search(data, None, cut))
        try:
            raw = read_files.read_table_file(path, spec=TABLES["contracts"])
        finally:
            monkeypatch.undo()
        return raw.encoding, raw.line_problems, raw.warnings, [c.tolist() for c in raw.columns]

    warned = 0
    for case in range(120):
        above = []
        if case % 2:
            above.append(b"   ")  # a blank line
        if case % 3:
            above.append(b"Overzicht contracten " + cell())  # a title line above the header
        body = [b";".join([f"D{i}".encode(), b"O1", b"01-03-2024", b"E1", cell(), cell()])
                for i in range(rng.randint(1, 8))]
        data = b"\r\n".join(above + [b"decision_id;org_id;decision_date;handled_by;amount_eur;"
                                     b"description"] + body) + b"\r\n"
        path = tmp_path / f"contracts{case}.csv"
        path.write_bytes(data)
        fast, general = read(path, True), read(path, False)
        assert fast == general, data
        if fast[0] == "cp1252":
            warned += sum("has no meaning in Windows-1252" in p[2] for p in fast[1])
    assert warned > 50
    # one of them: a byte in the title line is not where the search starts, the one below is
    path = tmp_path / "contracts.csv"
    path.write_bytes(b"Overzicht \x81\x8d\r\n\r\ndecision_id;org_id;decision_date;handled_by;"
                     b"amount_eur\r\nD1;O1;01-03-2024;E1;\x80 5\r\nD2;O1;01-03-2024;E1;\x81\r\n")
    raw = read_files.read_table_file(path, spec=TABLES["contracts"])
    assert raw.encoding == "cp1252"
    assert [(line, msg[:9]) for line, _, msg, _ in raw.line_problems] == [(5, "byte 0x81")]


def test_joint_applicant_cells_are_found_as_by_searching_every_cell() -> None:
    """Arrow's pre-filter of applicant cells that may hold two people leaves out no cell
    Python's pattern finds something in: the mask is that of searching every cell, over
    joining words in any case, Unicode spaces around them, and names that merely hold
    ``en``, ``e`` or a slash."""
    from ingest import joint_names

    rng = random.Random(17)
    words = ["J.", "Jansen", "Bakker", "van den Berg", "Hendriksen", "e", "en", "EN", "En",
             "eN", "e/o", "E/O", "en/of", "En / Of", "e / o", "&", "+", "/", "de", "Ben",
             "Renée", "Eén", "x_en_y", "1en2", "en.", ",en,", "émile"]
    spaces = [" ", "  ", "\t", "\u00a0", "\u2003", "\x1c", "\u3000", "", "/", "-"]
    cells = ["", "J. Jansen en P. Bakker", "J. en P. Jansen", "A & B", "A+B", "A + B",
             "Jan en\u00a0Piet Bakker", "Jan\u2003EN\u2003Piet", "Jansen, J. en/of Bakker, P."]
    for _ in range(4000):
        cell = rng.choice(words)
        for _ in range(rng.randint(0, 4)):
            cell += rng.choice(spaces) + rng.choice(words)
        cells.append(cell)
    names = pd.Series(cells, dtype="str")
    expected = [bool(joint_names._JOINT.search(c)) for c in cells]
    assert joint_names._joint_cells(names).tolist() == expected
    assert 300 < sum(expected) < len(cells) - 300  # both kinds, plenty of each
    # the general path (not Arrow-backed) gives the same
    assert joint_names._joint_cells(pd.Series(cells, dtype=object)).tolist() == expected


def test_name_words_are_counted_as_the_pattern_counts_them(tmp_path: Path) -> None:
    """Words of a long name are counted by ``str.split()``, which splits on exactly the
    characters Python's ``\\s`` matches (every code point checked), so a name is refused
    for its words where counting ``\\S+`` refused it."""
    import re

    spaces = [c for c in map(chr, range(0x110000)) if re.fullmatch(r"\s", c)]
    assert spaces == [c for c in map(chr, range(0x110000)) if len(f"a{c}a".split()) == 2]
    rng = random.Random(8)
    in_line = [c for c in spaces if c not in "\n\r\t"]  # (a line break ends a record, a tab
    # would be taken for the delimiter)
    names = []
    for _ in range(300):
        names.append("".join(rng.choice(["ab", "é", "x"]) + rng.choice(in_line + ["", "-"])
                             for _ in range(rng.randint(15, 30))).strip() or "x")
    assert [len(n.split()) for n in names] == [len(re.findall(r"\S+", n)) for n in names]
    lines = ["employee_id;name"] + [f"E{i};{n}" for i, n in enumerate(names)]
    (tmp_path / "employees.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "organizations.csv").write_text("org_id;name\nO1;X\n", encoding="utf-8")
    (tmp_path / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nD1;O1;01-03-2024;E0\n", encoding="utf-8")
    from ingest import read_dataset

    ds = read_dataset(tmp_path)
    too_many = sorted(p.line - 2 for p in ds.problems if p.column == "name" and "words" in p.message)
    expected = [i for i, n in enumerate(names) if len(re.findall(r"\S+", n)) > 20
                and len(n.strip()) > 0]
    assert too_many == expected and 20 < len(expected) < 280


def test_a_file_without_quotes_reads_as_when_its_quotes_are_looked_for(tmp_path: Path,
                                                                       monkeypatch) -> None:
    """A file whose bytes hold no double quote skips the checks for quotes (each would find
    none): it reads as when every check looks, cells, lines and problems alike; so does a
    file with quotes (the checks run)."""
    rng = random.Random(23)
    real = read_files._read_csv_bytes
    hinted = 0
    for i in range(300):
        data = _random_csv(rng)
        if i % 2:
            data = data.replace(b'"', b"")  # (a value may now hold a line break: ragged)
        path = tmp_path / f"t{i}.csv"
        path.write_bytes(data)
        results = []
        for look in (False, True):
            seen: list[bool] = []

            def read_bytes(*args, _look=look, _seen=seen):
                _seen.append(args[-1])
                return real(*args[:-1], False if _look else args[-1])

            monkeypatch.setattr(read_files, "_read_csv_bytes", read_bytes)
            try:
                results.append(_raw(path))
            except read_files.UnreadableFile as exc:
                results.append(str(exc))
            finally:
                monkeypatch.undo()
        assert results[0] == results[1], data
        hinted += seen == [True]
    assert hinted > 100


def test_bsn_sample_check_in_python_agrees_with_the_pandas_steps(monkeypatch) -> None:
    """``holds_bsn_values`` rules a column out from its first values in Python
    (``_sample_rules_out``) before the pandas steps: the answer is the same as theirs
    alone, on columns of BSNs, BSNs with a lost leading zero or written ``BSN 123456782``
    or ``1234.56.782``, ids, amounts, phone numbers, empty and missing cells, Unicode
    digits (which are no BSN digits) and a BSN column spoilt by one value, early or late."""
    import ingest.detect_bsn as detect_bsn

    rng = random.Random(31)
    bsns = ["111222333", "123456782", "999999990", "234567892", "12345672"]
    odd = ["", "E0012", "0612345678", "06-12345678", "1.234,56", "BSN 123456782",
           "1234.56.782", "12345678", "123456789", "١٢٣٤٥٦٧٨٢", " ", "a1b2c3d4e5f6g7h8", "x"]
    checked = found = 0
    for _ in range(600):
        n = rng.randint(0, 400)
        pool = bsns if rng.random() < 0.6 else bsns + odd
        values = [rng.choice(pool) for _ in range(n)]
        if values and rng.random() < 0.3:  # one odd value, in the sample or after it
            values[rng.randrange(len(values))] = rng.choice(odd)
        column = pd.Series(values, dtype="str") if rng.random() < 0.8 else pd.Series(
            values + [None], dtype="str")
        fast = detect_bsn.holds_bsn_values(column)
        with monkeypatch.context() as m:
            m.setattr(detect_bsn, "_sample_rules_out", lambda rows: False)
            plain = detect_bsn.holds_bsn_values(column)
        assert fast == plain, values
        checked += 1
        found += plain
    assert 50 < found < checked - 50  # both answers were given often


def test_headers_resolved_once_per_table_read_as_when_resolved_each_time(
        tmp_path: Path, monkeypatch) -> None:
    """A table's job resolves its header row once per set of cells (``ingest.header_cache``)
    instead of in every step: the same frames and problems as resolving it each time, on
    exports with Dutch headers, a typo in a header, name parts composed into one name, an
    address in one cell, joint applicants, a totals line, a mapping file that ignores a
    column and a table split over two files with headers of their own."""
    import ingest.header_mapping as header_mapping
    from ingest import read_dataset, read_folder

    data = tmp_path / "data"
    (data / "contracts").mkdir(parents=True)
    (data / "employees.csv").write_text(
        "Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;Geboortedatum;Adres;Telefoon;"
        "Afdeling\nE1;Jan;de;Vries;01-02-1970;Kerkstraat 12a, 1234 AB Utrecht;06-12345678;"
        "Inkoop\nE2;Piet;;Jansen;;Dorpsweg 3, 5678 CD Ede;;Wonen\n", encoding="utf-8")
    (data / "organizations.csv").write_text(
        "Crediteurnummer,Naam,KvK-nummer,Rekeningnummer,Postcde\n"
        "O1,Bouwbedrijf X B.V.,12345678,NL91ABNA0417164300,1234 AB\n", encoding="utf-8")
    (data / "contracts" / "2023.csv").write_text(
        "Besluitnummer;Leverancier;Besluitdatum;Behandelaar;Bedrag\n"
        "D1;O1;01-03-2023;E1;1.234,56\nTotaal;;;;1.234,56\n", encoding="utf-8")
    (data / "contracts" / "2024.csv").write_text(
        "decision_id,org_id,decision_date,handled_by,amount_eur,Opmerking\n"
        "D2,O1,2024-03-01,E2,99,x\n", encoding="utf-8")
    (data / "allocations.csv").write_text(
        "decision_id;Aanvrager;Geboortedatum aanvrager;Adres aanvrager;decision_date;"
        "handled_by\nA1;Jan Smit & Els Smit;03-04-1980;Laan 1, 1234 AB Utrecht;"
        "01-05-2024;E2\n", encoding="utf-8")
    (data / "mapping.yaml").write_text("tables:\n  employees:\n    columns:\n"
                                       "      Afdeling: ignore\n", encoding="utf-8")
    calls: list[int] = []
    real = header_mapping.resolve_headers
    monkeypatch.setattr(header_mapping, "resolve_headers",
                        lambda *a, **k: calls.append(1) or real(*a, **k))

    def read() -> tuple:
        ds = read_dataset(data, today=__import__("datetime").date(2025, 1, 1))
        frames = {n: t.frame.astype(str).to_dict("list") for n, t in ds.tables.items()}
        return [p.format() for p in ds.problems], frames, {
            n: (t.original_header, [s.headers for s in t.sources]) for n, t in ds.tables.items()}

    once = read()
    calls_once = len(calls)
    calls.clear()
    monkeypatch.setattr(read_folder, "headers_resolved_once",
                        __import__("contextlib").nullcontext)
    each = read()
    assert once == each
    assert "name" in once[1]["employees"] and once[1]["employees"]["name"][0] == "Jan de Vries"
    assert calls_once < len(calls)  # the cache was used


def test_decision_ids_out_of_the_contracts_range_are_not_looked_up(tmp_path: Path,
                                                                   monkeypatch) -> None:
    """Allocations' decision ids none of which lies between the contracts' least and
    greatest id (byte order; read from the ends of a sorted column) are not looked for
    among them: the problems and skipped rows are those of looking, for ids that share a
    prefix or not, sorted or not, with missing ones, numbers of other lengths (``9`` after
    ``10``), an id equal to the least or the greatest, and accents."""
    import numpy as np

    import ingest.references as references
    from ingest.tables import TABLES
    from ingest.validate_rows import TableState

    rng = random.Random(37)
    pool = ["C1", "C2", "C10", "C9", "A1", "A2", "D5", "9", "10", "Ç1", "c1", "", None]

    def state(table: str, ids: list) -> TableState:
        n = len(ids)
        return TableState(TABLES[table], tmp_path / f"{table}.csv",
                          pd.DataFrame({"decision_id": pd.Series(ids, dtype="str"),
                                        "_line": np.arange(2, n + 2)}),
                          np.full(n, None, dtype=object))

    skipped = spared = 0
    for _ in range(250):
        contract_ids = [rng.choice(pool) for _ in range(rng.randint(0, 8))]
        if rng.random() < 0.5:
            contract_ids = sorted({c for c in contract_ids if c})  # a sorted, unique export
        allocation_ids = [rng.choice(pool) for _ in range(rng.randint(1, 6))]
        results = []
        for shortcut in (True, False):
            allocations = state("allocations", allocation_ids)
            states = {"contracts": state("contracts", contract_ids), "allocations": allocations}
            with monkeypatch.context() as m:
                if not shortcut:
                    m.setattr(references, "_none_in_range", lambda *a: False)
                references._check_decision_ids(states)
            results.append(([p.format() for p in allocations.problems],
                            allocations.skip_reason.tolist()))
        assert results[0] == results[1], (contract_ids, allocation_ids)
        skipped += bool(results[0][0])
        spared += references._none_in_range(pd.Series(allocation_ids, dtype="str"),
                                            pd.Series(contract_ids, dtype="str"))
    assert skipped > 50 and spared > 25  # shared ids were found often; lookups spared too
