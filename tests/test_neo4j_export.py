"""``coi export neo4j-import``: files that ``neo4j-admin database import full`` accepts.

neo4j-admin is not on the build machines, so the files are checked against the header
syntax it documents: every header field ``name:type`` with a known type, exactly one
``:ID(space)`` and a ``:LABEL`` per node file, ``:START_ID(space)``, ``:END_ID(space)`` and
``:TYPE`` per relationship file; and every relationship's ends resolve to node ids of the
named id space.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from coi_graph.cli import main
from coi_graph.demo import generate
from coi_graph.rules.detect import DetectionContext
from coi_graph.engines.neo4j import NODE_SPECS, REL_SPECS, GraphRows
from coi_graph.engines.neo4j_export import write_import_files
from coi_graph.policy import Policy
from coi_graph.scan import load

#: The property types of neo4j-admin's CSV header format (and arrays of them).
KNOWN_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string",
               "point", "date", "localtime", "time", "localdatetime", "datetime", "duration"}
SPECIAL = re.compile(r"^:(ID|START_ID|END_ID)\((\w+)\)$|^:(LABEL|TYPE|IGNORE)$")
FIELD = re.compile(r"^(\w*):(ID|START_ID|END_ID)\((\w+)\)$|^(\w*):(LABEL|TYPE|IGNORE)$"
                   r"|^(\w+):(\w+)(\[\])?$")


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("demo"), "small").data_dir


@pytest.fixture(scope="module")
def rows(demo_data: Path) -> GraphRows:
    pol = Policy.default()
    ds, lg = load(demo_data, pol)
    return GraphRows(DetectionContext(ds, lg, pol))


@pytest.fixture(scope="module")
def exported(rows: GraphRows, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("import")
    write_import_files(rows, out)
    return out


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        r = list(csv.reader(fh))
    return r[0], r[1:]


def _check_field(field: str) -> None:
    m = FIELD.match(field)
    assert m, f"header field {field!r} is not name:type"
    if m.group(6):
        assert m.group(7) in KNOWN_TYPES, f"unknown type in {field!r}"


def test_node_files_have_one_id_and_typed_headers(exported: Path) -> None:
    files = sorted(exported.glob("nodes_*.csv"))
    assert files
    for f in files:
        header, body = _read(f)
        for field in header:
            _check_field(field)
        ids = [h for h in header if re.search(r":ID\(", h)]
        assert len(ids) == 1, f.name
        assert ":LABEL" in header
        label = f.stem.removeprefix("nodes_")
        assert ids[0] == f"id:ID({label})"
        assert len({tuple(r) for r in body}) == len(body)
        col = header.index(ids[0])
        assert len({r[col] for r in body}) == len(body), f"duplicate id in {f.name}"
        assert all(len(r) == len(header) for r in body)
        assert {r[header.index(":LABEL")] for r in body} == {label}


def test_relationship_ends_resolve_in_their_id_space(exported: Path) -> None:
    ids: dict[str, set[str]] = {}
    for f in exported.glob("nodes_*.csv"):
        header, body = _read(f)
        label = f.stem.removeprefix("nodes_")
        col = header.index(f"id:ID({label})")
        ids[label] = {r[col] for r in body}
    files = sorted(exported.glob("rels_*.csv"))
    assert files
    for f in files:
        header, body = _read(f)
        for field in header:
            _check_field(field)
        start = [h for h in header if h.startswith(":START_ID(")]
        end = [h for h in header if h.startswith(":END_ID(")]
        assert len(start) == 1 and len(end) == 1 and header.count(":TYPE") == 1, f.name
        s_space, e_space = start[0][10:-1], end[0][8:-1]
        rtype = header.index(":TYPE")
        for r in body:
            assert len(r) == len(header)
            assert r[header.index(start[0])] in ids[s_space], (f.name, r[:3])
            assert r[header.index(end[0])] in ids[e_space], (f.name, r[:3])
            assert r[rtype] in REL_SPECS
            assert (s_space, e_space) in REL_SPECS[r[rtype]].ends


def test_the_files_hold_the_same_graph_as_the_loader(rows: GraphRows, exported: Path) -> None:
    nodes, rels = rows.counts()
    got_nodes: Counter[str] = Counter()
    got_rels: Counter[str] = Counter()
    for f in exported.glob("nodes_*.csv"):
        got_nodes[f.stem.removeprefix("nodes_")] += len(_read(f)[1])
    link_ids: dict[str, set[str]] = defaultdict(set)
    for f in exported.glob("rels_*.csv"):
        header, body = _read(f)
        for r in body:
            got_rels[r[header.index(":TYPE")]] += 1
            if "link_id:string" in header:
                link_ids[r[header.index(":TYPE")]].add(r[header.index("link_id:string")])
    assert dict(got_nodes) == nodes
    assert dict(got_rels) == rels
    # every LinkGraph edge is there, under its own link id
    edge_keys = {str(k) for _, _, k in rows.g.edges(keys=True)}
    mirrored = set().union(*(v for t, v in link_ids.items() if t != "APPLICANT_ANCHOR"))
    assert mirrored == edge_keys
    assert link_ids["APPLICANT_ANCHOR"] == set(rows.ctx.anchor_index)


def test_typed_values_parse(exported: Path) -> None:
    """long, double and boolean cells are what their header says; arrays split cleanly."""
    for f in list(exported.glob("nodes_*.csv")) + list(exported.glob("rels_*.csv")):
        header, body = _read(f)
        for i, field in enumerate(header):
            typ = field.rsplit(":", 1)[-1]
            for r in body:
                v = r[i]
                if v == "":
                    continue
                if typ == "long":
                    int(v)
                elif typ == "double":
                    float(v)
                elif typ == "boolean":
                    assert v in ("true", "false")
                elif typ == "string[]":
                    assert all(part for part in v.split(";")), (f.name, field, v)


def test_cli_prints_and_writes_the_import_command(demo_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "imp"
    r = CliRunner().invoke(main, ["export", "neo4j-import", str(demo_data), str(out), "-q"])
    assert r.exit_code == 0, r.output
    assert "neo4j-admin database import full neo4j" in r.output
    text = (out / "IMPORT.txt").read_text(encoding="utf-8")
    assert "neo4j-admin database import full neo4j" in text
    for f in out.glob("*.csv"):
        flag = "--nodes=" if f.name.startswith("nodes_") else "--relationships="
        assert flag + f.name in text and flag + f.name in r.output
    assert "--array-delimiter=;" in text
    constraints = (out / "constraints.cypher").read_text(encoding="utf-8")
    for label in NODE_SPECS:
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in constraints


def test_the_import_files_follow_the_workspace_s_match_judgements(tmp_path: Path) -> None:
    """`--workspace`: a pair a reviewer rejected is no link in the import files either (they
    were written without the judgements, so the imported graph was not the scan's)."""
    from corp import make_corp

    alloc = {"kind": "rental", "decision_date": "2024-05-01", "approved_by": "E2",
             "handled_by": "E3", "unit_id": "U1", "applicant_name": "Kees Smit"}
    data = make_corp(tmp_path / "data", allocations=[
        dict(alloc, decision_id="A1", applicant_birth_date="1980-08-09"),  # possibly E3
        dict(alloc, decision_id="A2", applicant_birth_date="1980-08-08")])  # E3
    ws = str(tmp_path / "ws.sqlite")
    runner = CliRunner()

    def anchored(out: str, *extra: str) -> set[str]:
        r = runner.invoke(main, ["export", "neo4j-import", str(data), str(tmp_path / out),
                                 "-q", *extra])
        assert r.exit_code == 0, r.output
        _, rows = _read(tmp_path / out / "rels_APPLICANT_ANCHOR_Employee_Applicant.csv")
        return {row[1] for row in rows}

    assert anchored("before", "--workspace", ws) == {"A1", "A2"}
    listed = runner.invoke(main, ["match", "list", str(data), "--json", "--workspace", ws])
    assert listed.exit_code == 0, listed.output
    [pair] = [p["pair_id"] for p in json.loads(listed.output)
              if p["probe"] == "applicant:A1"]
    judged = runner.invoke(main, ["match", "reject", str(data), pair, "--by", "A. Jansen",
                                  "--why", "another Kees Smit", "--workspace", ws])
    assert judged.exit_code == 0, judged.output
    assert anchored("after", "--workspace", ws) == {"A2"}
