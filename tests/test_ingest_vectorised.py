"""The vectorised shortcuts of ingest give exactly what the general paths give.

Windows-1252 files are read by Arrow as bytes and turned into UTF-8 column by column;
whether a file that is not valid UTF-8 is "mostly UTF-8" is first bounded from its
non-ASCII bytes; dates written as ``2024-03-01``, ``01-03-2024`` or ``1-3-2024`` are read
from their bytes; a sorted id column is known to be unique without hashing it.  Each must
agree with the codec, ``pd.to_datetime`` or the count it stands in for, on every input."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from ingest import parse_values
from ingest.column_ops import strictly_increasing
from ingest.parse_values import parse_date

from ingest.read_files import (
    _at_most_as_many_valid_as_invalid,
    _cp1252_chunk_to_utf8,
    _mostly_utf8,
)

_BYTES = [bytes([b]) for b in range(256)] + ["é€ß中😀".encode()] + [b"a", b";", b" "] * 40


def _value(rng: random.Random) -> bytes:
    return b"".join(rng.choice(_BYTES) for _ in range(rng.randint(0, 14)))


@pytest.mark.parametrize("sparse", [1, 10 ** 9])  # every chunk byte by byte, or by the codec
@pytest.mark.parametrize("binary, string", [(pa.binary(), pa.string()),
                                            (pa.large_binary(), pa.large_string())])
def test_cp1252_columns_decode_as_the_codec_does(binary, string, sparse, monkeypatch) -> None:
    from ingest import read_files

    monkeypatch.setattr(read_files, "_CP1252_SPARSE", sparse)
    rng = random.Random(11)
    for _ in range(1000):
        values = [_value(rng) for _ in range(rng.randint(0, 25))]
        chunk = pa.array(values, type=binary)
        if len(values) > 2 and rng.random() < 0.5:  # a slice, as Arrow's blocks can be
            chunk, values = chunk.slice(1, len(values) - 2), values[1:-1]
        text = _cp1252_chunk_to_utf8(chunk)
        text.validate(full=True)
        assert text.type == string
        assert text.to_pylist() == [v.decode("cp1252", errors="replace") for v in values]


def _counted(data: bytes) -> bool:
    """The definition: more valid multi-byte characters than replacement characters."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - int((np.frombuffer(data, dtype=np.uint8) < 128).sum()) - bad
    return good > bad


def test_the_utf8_bound_never_contradicts_the_count() -> None:
    rng = random.Random(12)
    decided = 0
    for _ in range(5000):
        data = b"".join(_value(rng) for _ in range(rng.randint(1, 6)))
        if _at_most_as_many_valid_as_invalid(data):
            decided += 1
            assert not _counted(data), data
        if not data.isascii():
            assert _mostly_utf8(data) == _counted(data), data
    assert decided > 1000  # the bound decides most such inputs without decoding


def _date_like(rng: random.Random) -> str:
    y = rng.choice([1899, 1900, 1965, 2000, 2023, 2024, 2100, 2101, 1, 9999])
    m = rng.choice([0, 1, 2, 12, 13, 9])
    d = rng.choice([0, 1, 28, 29, 30, 31, 32])
    sep = rng.choice("-/.-:")
    form = rng.choice([f"{y:04d}-{m:02d}-{d:02d}", f"{d:02d}{sep}{m:02d}{sep}{y:04d}",
                       f"{d}-{m}-{y}", f"{d}{sep}{m}{sep}{y}", f"{d}{sep}{m:02d}{sep}{y}",
                       f"{d:02d}{sep}{m}{sep}{y:04d}", f"{d}-{m}/{y}", f"{d}-{m}-{y}0",
                       f"{y:04d}/{m:02d}/{d:02d}", f"{d:02d}-{m:02d}/{y:04d}",
                       f"{y:04d}-{m:02d}-{d:02d} 10:00", "", " ", "２０２４-03-01",
                       f"{d:02d}-{m:02d}-{y:02d}", "2024-0a-01", "ab-cd-efgh"])
    return form


def test_fixed_width_dates_read_as_pandas_reads_them(monkeypatch) -> None:
    rng = random.Random(13)
    for _ in range(60):
        values = [_date_like(rng) for _ in range(rng.randint(1, 300))]
        text = pd.Series(pd.array(pa.chunked_array(
            [pa.array(values[:len(values) // 2], pa.large_string()),
             pa.array(values[len(values) // 2:], pa.large_string())]), dtype="str"))
        fast = parse_date(text)
        monkeypatch.setattr(parse_values, "_fixed_width_dates", lambda _text, *_earliest: None)
        monkeypatch.setattr(parse_values, "_short_day_first_dates", lambda _text, *_earliest: [])
        slow = parse_date(text)
        monkeypatch.undo()
        assert fast.values.equals(slow.values) and str(fast.values.dtype) == str(slow.values.dtype)
        assert fast.bad.tolist() == slow.bad.tolist() and fast.messages == slow.messages
    found = parse_values._fixed_width_dates(pd.Series(["2024-02-29", "29-02-2023", "01.03.2024"],
                                                      dtype="str"))
    assert found is not None and found[0].tolist() == [0, 2]  # 2023 has no 29 February
    short = parse_values._short_day_first_dates(pd.Series(
        ["1-3-2024", "29-2-2023", "1.03.2024", "01/3/2024", "1-3/2024", "1-3-24"], dtype="str"))
    assert sorted(p for positions, _ in short for p in positions.tolist()) == [0, 2, 3]


@pytest.mark.parametrize("values, expected", [
    (["C1", "C2", "C3"], True), (["C1", "C1", "C2"], False), (["C2", "C1"], False),
    (["C1", None, "C3"], False), (["C1"], False)])
def test_strictly_increasing_means_unique(values, expected) -> None:
    assert strictly_increasing(pd.Series(values, dtype="str")) is expected


def _amount_like(rng: random.Random) -> str:
    number = rng.choice(["0", "7", "12", "123", "1.234", "12.345", "1.234.567", "0012",
                         "1234", "1.5", "0.125", "1,234.56", "1.23", "48.000", "01.234",
                         "1234.567", "1.23.456", ".123", "123456789012345678",
                         "999.999.999.999.999", "9.999.999.999.999.999"])
    if rng.random() < 0.7:  # the usual Dutch forms, € 1.234,56
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 9)))
        return (rng.choice(["", "€ ", "€"]) + rng.choice(["", "", "-"])
                + rng.choice(number.split(",")[0].split(".")[:1]
                             + ["1.234", "48.000", "7", "12.345.678", digits])
                + rng.choice(["", ",5", ",56", ",567", ",0", ",1234567", ","]))
    decimals = rng.choice(["", ",5", ",56", ",-", ",567", ".5"])
    return (rng.choice(["", "", "€ ", "€", "EUR ", "€  ", " "]) + rng.choice(["", "", "-"])
            + number + decimals + rng.choice(["", "", " ", "%"]))


def test_euro_dutch_amounts_read_as_the_general_steps(monkeypatch) -> None:
    """The Dutch amount column by one pattern (``_ARROW_EURO_DUTCH``) gives the values,
    problems and messages of the steps without that shortcut, to the sign of a zero."""
    rng = random.Random(14)
    fast_used = 0
    for _ in range(600):
        pool = [_amount_like(rng) for _ in range(rng.randint(1, 6))]
        values = [rng.choice(pool) for _ in range(rng.randint(1, 60))]
        text = pd.Series(values, dtype="str")
        fast = parse_values.parse_amount(text)
        fast_used += bool(pd.Series(values).str.fullmatch(
            r"(?:€ ?)?-?(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?").all())
        monkeypatch.setattr(parse_values, "_ARROW_EURO_DUTCH", "^$never")
        slow = parse_values.parse_amount(text)
        monkeypatch.undo()
        assert np.array_equal(fast.values.to_numpy(), slow.values.to_numpy(), equal_nan=True)
        assert np.array_equal(np.signbit(fast.values.to_numpy()), np.signbit(slow.values.to_numpy()))
        assert fast.bad.tolist() == slow.bad.tolist() and fast.messages == slow.messages
    assert fast_used > 30


@pytest.mark.parametrize("sparse", [1, 10 ** 9])
def test_a_cp1252_column_of_several_blocks_decodes_as_the_codec_does(sparse, monkeypatch
                                                                      ) -> None:
    """Arrow reads a big file in blocks: a column's blocks are joined, then converted."""
    from ingest import read_files

    monkeypatch.setattr(read_files, "_CP1252_SPARSE", sparse)
    rng = random.Random(13)
    blocks = [[_value(rng) for _ in range(rng.randint(0, 30))] for _ in range(6)]
    column = pa.chunked_array([pa.array(b, type=pa.large_binary()) for b in blocks],
                              type=pa.large_binary())
    text = read_files._one_text_chunk(column, True)
    assert text.num_chunks == 1 and text.type == pa.large_string()
    text.chunk(0).validate(full=True)
    assert text.to_pylist() == [v.decode("cp1252", errors="replace") for b in blocks for v in b]


def test_high_bytes_found_piece_by_piece_are_all_of_them(monkeypatch) -> None:
    from ingest import read_files

    monkeypatch.setattr(read_files, "_HIGH_PIECE", 7)  # many pieces, a value across each edge
    rng = np.random.default_rng(3)
    for n in [0, 1, 6, 7, 8, 13, 14, 15, 100, 1001]:
        arr = rng.integers(0, 256, n, dtype=np.uint8)
        arr[rng.random(n) < 0.7] &= 0x7F
        assert read_files._high_bytes(arr).tolist() == np.flatnonzero(arr >= 0x80).tolist()


def test_filled_values_agree_with_stripping() -> None:
    from ingest.read_files import _filled_values

    rng = random.Random(14)
    words = ["", " ", "\t", "a", " a", "é", "\u00a0", "\u00a0x", "€", "\x1f", "\x7f", "~", "!",
             "\u3000", None]
    for _ in range(300):
        values = [rng.choice(words) for _ in range(rng.randint(1, 12))]
        columns = [pd.Series(values, dtype="str"),
                   pd.Series(["x"] + values, dtype="str").iloc[1:]]
        for column in columns:
            want = (column.fillna("").str.strip() != "").to_numpy(dtype=bool)
            assert _filled_values(column).tolist() == want.tolist(), values


@pytest.mark.parametrize("binary, string", [(pa.binary(), pa.string()),
                                            (pa.large_binary(), pa.large_string())])
def test_cp1252_columns_of_one_high_byte_decode_as_the_codec_does(binary, string) -> None:
    """A column whose bytes above 0x7F are all one byte (the euro sign of every amount; an
    undefined byte, which becomes U+FFFD) is converted by one replacement in Arrow: the
    same text as the codec's, also for a slice and for few such bytes among much ASCII."""
    rng = random.Random(13)
    for _ in range(1000):
        high = bytes([rng.randint(0x80, 0xFF)])
        parts = [high, b"1.234,56", b"a", b";", b" ", b"", b"\xe2"[:0]]
        values = [b"".join(rng.choice(parts) for _ in range(rng.randint(0, 6)))
                  for _ in range(rng.randint(1, 25))]
        chunk = pa.array(values, type=binary)
        if len(values) > 2 and rng.random() < 0.5:  # a slice, as Arrow's blocks can be
            chunk, values = chunk.slice(1, len(values) - 2), values[1:-1]
        text = _cp1252_chunk_to_utf8(chunk)
        text.validate(full=True)
        assert text.type == string
        assert text.to_pylist() == [v.decode("cp1252", errors="replace") for v in values]


def test_utf8_is_told_as_pythons_decoder_tells_it() -> None:
    """``_is_utf8`` takes Arrow's UTF-8 check for a yes: on valid text and on every kind of
    invalid sequence (surrogates, overlong forms, code points past U+10FFFF, lone
    continuation bytes, a sequence cut off at the end, Windows-1252 text) it answers as
    Python's strict decoder does, and Arrow never says yes where Python says no."""
    from ingest.read_files import _arrow_says_utf8, _is_utf8

    rng = random.Random(19)
    pieces = [b"a", b";", b"\n", "é€ß中😀".encode(), "\ufeff\u200b".encode(),
              b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xe0\x80\x80",
              b"\xf0\x80\x80\x80", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\x80",
              b"\xbf", b"\xe2\x82", b"\xf0\x9f\x98", b"\xe9", b"\xff", b"\xee\x80\x80",
              b"\xef\xbf\xbf", b"\xf4\x8f\xbf\xbf", b"\x00"]
    said = {True: 0, False: 0}
    for _ in range(6000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        try:
            data.decode("utf-8")
            valid = True
        except UnicodeDecodeError:
            valid = False
        assert _is_utf8(data) == valid, data
        assert not _arrow_says_utf8(data) or valid, data
        said[valid] += 1
    assert min(said.values()) > 1000


def test_invisible_characters_are_counted_as_by_counting_each() -> None:
    """``_drop_invisible`` counts a character only when its lead byte is in the file: the
    same data and warning as counting every one of them."""
    from ingest.read_files import _INVISIBLE, _drop_invisible, _invisible_warning

    rng = random.Random(23)
    pieces = [b"a", b";", "é€–".encode(), *_INVISIBLE, b"\xef", b"\xe2", b"\xe2\x80"]
    for _ in range(3000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        counts = {what: data.count(seq) for seq, what in _INVISIBLE.items()}
        want = data
        for seq in _INVISIBLE:
            want = want.replace(seq, b"")
        got, said = _drop_invisible(data)
        assert said == _invisible_warning(counts), data
        assert got == (want if said else data), data
