"""Bulk-import files: the Neo4j graph of a scan as CSV for ``neo4j-admin database import``.

``coi neo4j load`` sends the graph through the driver in transactions, which is right for a
corporation's data but slow for a sector-wide set with millions of decisions.
``neo4j-admin database import full`` writes a new database straight from CSV files in
minutes.  These files hold the same graph as the loader writes (the rows come from
:class:`~coi_graph.engines.neo4j.GraphRows`): same labels, ids, properties, link ids and
content digests, so a later ``coi neo4j load`` of the same folder finds nothing to change
and ``coi scan --engine neo4j`` recognises the dataset.

File format (the header syntax neo4j-admin expects):

* one node file per label, ``nodes_<Label>.csv``: ``id:ID(<Label>)`` (the id space is the
  label, so an employee and an organization may share an id), ``:LABEL``, then typed
  properties (``lo:long``, ``declared:boolean``, ``evidence:string[]``...);
* one relationship file per type and pair of labels, ``rels_<TYPE>_<Start>_<End>.csv``:
  ``:START_ID(<Start>)``, ``:END_ID(<End>)``, ``:TYPE``, then typed properties.

Array values are joined with the array delimiter (``;`` unless a value holds one).

No formula-injection guard, on purpose: these files are input for ``neo4j-admin``, not for a
spreadsheet.  A name such as ``=HYPERLINK(...)`` or ``+31 6 ...`` is data and must arrive in
the database exactly as ``coi neo4j load`` writes it (the tests import the files with
Neo4j's own import tool and compare every property).  Prefixing such values with ``'``, as
the findings CSV for Excel users does, would change ids and names in the graph.  IMPORT.txt
says not to open the files in a spreadsheet.
"""

from __future__ import annotations

import csv
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..match.records import Judgement
from ..rules.detect import DetectionContext
from .neo4j import NODE_SPECS, REL_SPECS, GraphRows, Prop, schema_statements
from ..policy import Policy

__all__ = [
    "ARRAY_DELIMITERS",
    "ExportResult",
    "export_import_files",
    "node_header",
    "rel_header",
    "write_import_files",
]

Progress = Callable[[str], None]

#: Tried in order: the first that no array element contains is used.
ARRAY_DELIMITERS = (";", "|", "^", "~")


@dataclass
class ExportResult:
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    node_files: list[Path] = field(default_factory=list)
    rel_files: list[Path] = field(default_factory=list)
    nodes: int = 0
    relationships: int = 0
    array_delimiter: str = ";"
    multiline: bool = False
    command: str = ""


def node_header(label: str) -> list[str]:
    """``id:ID(Label)``, ``:LABEL``, then every other property with its type."""
    spec = NODE_SPECS[label]
    return [f"id:ID({label})", ":LABEL"] + [f"{p.name}:{p.type}" for p in spec.props
                                             if p.name != "id"]


def rel_header(rtype: str, start: str, end: str) -> list[str]:
    spec = REL_SPECS[rtype]
    return ([f":START_ID({start})", f":END_ID({end})", ":TYPE"]
            + [f"{p.name}:{p.type}" for p in spec.props])


def _cell(value: Any, prop: Prop, delim: str) -> str:
    if value is None:
        return ""
    if prop.type == "boolean":
        return "true" if value else "false"
    if prop.type.endswith("[]"):
        return delim.join(str(v) for v in value)
    if prop.type == "long":
        return str(int(value))
    if prop.type == "double":
        return repr(float(value))
    return str(value)


def _pick_delimiter(rows: GraphRows) -> str:
    used: set[str] = set()
    for r in rows.rels():
        for v in r.props.values():
            if isinstance(v, list):
                for item in v:
                    used |= {d for d in ARRAY_DELIMITERS if d in str(item)}
    for d in ARRAY_DELIMITERS:
        if d not in used:
            return d
    raise ValueError("every array delimiter occurs in the data")  # pragma: no cover


class _Files:
    """Open CSV writers by name, created on first use."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.handles: dict[str, tuple[TextIO, Any]] = {}
        self.counts: dict[str, int] = {}

    def writer(self, name: str, header: list[str]) -> Any:
        if name not in self.handles:
            fh = (self.out / name).open("w", encoding="utf-8", newline="")
            w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            w.writerow(header)
            self.handles[name] = (fh, w)
            self.counts[name] = 0
        self.counts[name] += 1
        return self.handles[name][1]

    def close(self) -> None:
        for fh, _ in self.handles.values():
            fh.close()


def write_import_files(rows: GraphRows, out_dir: str | Path, *, database: str = "neo4j",
                       progress: Progress | None = None, lang: str = "en") -> ExportResult:
    """Write the node and relationship files, ``constraints.cypher`` and ``IMPORT.txt``
    (its instructions in ``lang``, the run's language: ``nl`` or ``en``)."""
    say = progress or (lambda m: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("nodes_*.csv")) + list(out.glob("rels_*.csv")):
        old.unlink()  # a label that is gone must not be imported from an older export
    res = ExportResult(out)
    delim = _pick_delimiter(rows)
    res.array_delimiter = delim
    files = _Files(out)
    try:
        for n in rows.nodes():
            spec = NODE_SPECS[n.label]
            values = [n.id, n.label] + [_cell(n.props.get(p.name), p, delim)
                                        for p in spec.props if p.name != "id"]
            res.multiline |= any("\n" in v or "\r" in v for v in values)
            files.writer(f"nodes_{n.label}.csv", node_header(n.label)).writerow(values)
            res.nodes += 1
        say(f"{res.nodes:,} nodes written")
        for r in rows.rels():
            spec = REL_SPECS[r.type]
            values = [r.start_id, r.end_id, r.type] + [_cell(r.props.get(p.name), p, delim)
                                                       for p in spec.props]
            res.multiline |= any("\n" in v or "\r" in v for v in values)
            name = f"rels_{r.type}_{r.start_label}_{r.end_label}.csv"
            files.writer(name, rel_header(r.type, r.start_label, r.end_label)).writerow(values)
            res.relationships += 1
        say(f"{res.relationships:,} relationships written")
    finally:
        files.close()
    res.node_files = sorted(out / n for n in files.handles if n.startswith("nodes_"))
    res.rel_files = sorted(out / n for n in files.handles if n.startswith("rels_"))
    (out / "constraints.cypher").write_text(
        "// Constraints and indexes of the coi-graph model; run once after the import:\n"
        "//   cypher-shell -u neo4j -f constraints.cypher\n"
        + "".join(s + ";\n" for s in schema_statements()), encoding="utf-8")
    res.command = import_command(res, database)
    (out / "IMPORT.txt").write_text(_import_text(res, database, lang), encoding="utf-8")
    res.files = res.node_files + res.rel_files + [out / "constraints.cypher", out / "IMPORT.txt"]
    return res


def import_command(res: ExportResult, database: str = "neo4j") -> str:
    """The neo4j-admin command, run from inside the export folder (relative paths, so the
    same command works in a container that mounts the folder)."""
    head = f"neo4j-admin database import full {shlex.quote(database)}"
    parts = ["--overwrite-destination=true", f"--array-delimiter={res.array_delimiter}",
             "--id-type=string"]
    if res.multiline:
        parts.append("--multiline-fields=true")
    parts += [f"--nodes={p.name}" for p in res.node_files]
    parts += [f"--relationships={p.name}" for p in res.rel_files]
    return " \\\n  ".join([head, *(shlex.quote(p) for p in parts)])


def _import_text(res: ExportResult, database: str, lang: str = "en") -> str:
    """IMPORT.txt in ``lang``; the command block is the same in both (a test runs it)."""
    folder = shlex.quote(str(res.out_dir.resolve()))
    docker = res.command.replace(chr(10), chr(10) + '     ')
    if lang == "nl":
        return f"""Deze bestanden importeren in Neo4j 5
====================================

1. Stop de database (de import schrijft een nieuwe; --overwrite-destination vervangt
   '{database}' als die bestaat).
2. Voer vanuit deze map ({res.out_dir}) uit:

cd {folder} && \\
{res.command}

   Met Docker: koppel deze map en voer hetzelfde commando uit in het image, bijv.:
   docker run --rm -v "$PWD":/import -v neo4j-data:/data -w /import neo4j:5 \\
     {docker}

3. Start de database en maak de constraints en indexen:
   cypher-shell -u neo4j -d {database} -f constraints.cypher
   (of voer eenmaal `coi neo4j load DATA_DIR` uit: dat maakt ze en vindt verder niets te
   veranderen).
4. `coi scan --engine neo4j DATA_DIR --out RUN_DIR` herkent daarna de geladen gegevens.

Deze CSV-bestanden zijn alleen voor neo4j-admin: open ze niet in Excel of een ander
rekenblad (waarden staan er ongewijzigd in, dus een waarde die begint met = + - of @ is niet
onschadelijk gemaakt).

Bestanden: {_nl_count(res.nodes)} knopen in {len(res.node_files)} knoopbestanden, \
{_nl_count(res.relationships)} relaties
in {len(res.rel_files)} relatiebestanden; waarden in een lijst zijn gescheiden door \
'{res.array_delimiter}'.
"""
    return f"""How to import these files into Neo4j 5
=====================================

1. Stop the database (the import writes a new one; --overwrite-destination replaces
   '{database}' if it exists).
2. From this folder ({res.out_dir}), run:

cd {shlex.quote(str(res.out_dir.resolve()))} && \\
{res.command}

   With Docker, mount this folder and run the same command in the image, e.g.:
   docker run --rm -v "$PWD":/import -v neo4j-data:/data -w /import neo4j:5 \\
     {res.command.replace(chr(10), chr(10) + '     ')}

3. Start the database and create the constraints and indexes:
   cypher-shell -u neo4j -d {database} -f constraints.cypher
   (or run `coi neo4j load DATA_DIR` once: it creates them and finds nothing else to change).
4. `coi scan --engine neo4j DATA_DIR --out RUN_DIR` then recognises the loaded dataset.

These CSV files are for neo4j-admin only: do not open them in Excel or another spreadsheet
(values are written unchanged, so a value starting with = + - or @ is not neutralised).

Files: {res.nodes:,} nodes in {len(res.node_files)} node files, {res.relationships:,} relationships
in {len(res.rel_files)} relationship files; array values are delimited by '{res.array_delimiter}'.
"""


def _nl_count(n: int) -> str:
    """``6924`` -> ``6.924``."""
    return f"{n:,}".replace(",", ".")


def export_import_files(data_dir: str | Path, out_dir: str | Path, policy: Policy | None = None,
                        *, database: str = "neo4j", skip_bad_rows: bool = False,
                        progress: Progress | None = None, lang: str = "en",
                        judgements: Mapping[str, Judgement] | None = None) -> ExportResult:
    """Read ``data_dir``, build the graph as a scan does (with the reviewers' match
    ``judgements``), and write the import files."""
    from ..scan import load

    policy = policy or Policy.default()
    ds, lg = load(data_dir, policy, skip_bad_rows=skip_bad_rows, progress=progress,
                  judgements=judgements)
    return write_import_files(GraphRows(DetectionContext(ds, lg, policy), judgements), out_dir,
                              database=database, progress=progress, lang=lang)
