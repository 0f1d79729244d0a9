"""The vectorised decoding shortcuts of the CSV reader give what the codecs give.

Windows-1252 files are read by Arrow as bytes and turned into UTF-8 column by column;
whether a file that is not valid UTF-8 is "mostly UTF-8" is first bounded from its
non-ASCII bytes.  Both must agree with Python's codecs on every byte."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa

from ingest.read_files import (
    _at_most_as_many_valid_as_invalid,
    _cp1252_chunk_to_utf8,
    _mostly_utf8,
)

_BYTES = [bytes([b]) for b in range(256)] + ["é€ß中😀".encode()] + [b"a", b";", b" "] * 40


def _value(rng: random.Random) -> bytes:
    return b"".join(rng.choice(_BYTES) for _ in range(rng.randint(0, 14)))


def test_cp1252_columns_decode_as_the_codec_does() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        values = [_value(rng) for _ in range(rng.randint(0, 25))]
        chunk = pa.array(values, type=pa.binary())
        if len(values) > 2 and rng.random() < 0.5:  # a slice, as Arrow's blocks can be
            chunk, values = chunk.slice(1, len(values) - 2), values[1:-1]
        text = _cp1252_chunk_to_utf8(chunk)
        text.validate(full=True)
        assert text.type == pa.string()
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
