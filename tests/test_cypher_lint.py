"""Every Cypher file is checked by Neo4j's own parser and semantic analyser.

No Neo4j server runs on the build machines, so the queries cannot be executed here; but
``@neo4j-cypher/language-support`` (the library behind Neo4j's editors) parses them with the
real grammar and runs the semantic analysis (undefined variables, undeclared parameters,
misuse of aggregation, ...).  With the model's labels, relationship types and property keys
as the "database schema", a misspelt label or property is reported too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

from coi_graph import neo4j_engine as ne
from coi_graph.policy import Policy
from coi_graph.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
LINT_DIR = ROOT / "tools" / "cypher-lint"
QUERIES = ROOT / "queries"


def _unavailable(reason: str) -> NoReturn:
    """Skip on a developer machine without Node.js; in CI (CI=true) the lint must run."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"the Cypher lint cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def node() -> str:
    exe = shutil.which("node")
    if exe is None:
        _unavailable("node (Node.js) is not installed: the Cypher lint cannot run")
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("tools/cypher-lint/node_modules is missing and npm is not installed")
        r = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=LINT_DIR,
                           capture_output=True, text=True, timeout=600, check=False)
        if r.returncode != 0:
            _unavailable("tools/cypher-lint/node_modules is missing and `npm ci` failed: "
                        + (r.stderr.strip().splitlines() or ["?"])[-1])
    return exe


def lint(node: str, paths: list[Path], tmp_path: Path, *, load_rows: bool = False,
         schema: bool = True) -> tuple[int, list[dict]]:
    args = [node, str(LINT_DIR / "lint.mjs")]
    if schema:
        sf = tmp_path / "schema.json"
        sf.write_text(json.dumps(ne.lint_schema(load_rows=load_rows)), encoding="utf-8")
        args += ["--schema", str(sf)]
    r = subprocess.run(args + [str(p) for p in paths], capture_output=True, text=True,
                       timeout=300, check=False)
    assert r.returncode in (0, 1), r.stderr
    return r.returncode, json.loads(r.stdout)


def test_every_query_file_passes_the_lint(node: str, tmp_path: Path) -> None:
    code, report = lint(node, [QUERIES], tmp_path)
    files = {Path(f["file"]).relative_to(QUERIES).as_posix() for f in report}
    assert {f"{c}.cypher" for c in RULES} <= files
    assert len([f for f in files if f.startswith("explore/")]) >= 3
    problems = [(f["file"], d) for f in report for d in f["diagnostics"]]
    assert problems == [] and code == 0


def test_the_queries_as_bounded_by_a_policy_pass_the_lint(node: str, tmp_path: Path) -> None:
    """The text the engine runs (walks bounded by max_links, see neo4j_engine.query_text)
    is valid Cypher too, for the shortest and a middle bound."""
    folder = tmp_path / "bounded"
    folder.mkdir()
    for max_links in (1, 3):
        pol = Policy.from_dict({"paths": {"max_links": max_links}})
        for code, q in ne.rule_queries().items():
            (folder / f"{code}_{max_links}.cypher").write_text(ne.query_text(q, pol),
                                                               encoding="utf-8")
    code, report = lint(node, [folder], tmp_path)
    assert len(report) == 2 * len(RULES)
    assert [(f["file"], d) for f in report for d in f["diagnostics"]] == [] and code == 0


def test_the_loader_statements_pass_the_lint(node: str, tmp_path: Path) -> None:
    """The statements ``coi neo4j load`` builds from the model are Cypher too (every schema
    statement; each statement template for one link type, one structural type and two
    labels: the others differ only in the label or type)."""
    stmts = ne.schema_statements() + ["CALL db.awaitIndexes(300)"]
    for label in ("Employee", "Decision"):
        stmts += [ne.upsert_node_statement(label), ne.create_nodes_statement(label),
                  ne.update_nodes_statement(label), ne._ids_statement_nodes(label),
                  ne._delete_nodes_statement(label), ne._count_nodes_statement(label)]
    for rtype in ("FAMILY", "HANDLED_BY"):
        a, b = ne.REL_SPECS[rtype].ends[0]
        stmts += [ne.create_rels_statement(rtype, a, b), ne._ids_statement_rels(rtype),
                  ne._delete_rels_statement(rtype), ne._count_rels_statement(rtype)]
    folder = tmp_path / "load"
    folder.mkdir()
    for i, s in enumerate(stmts):
        params = sorted(set(re.findall(r"\$(\w+)", s)))
        header = ", ".join("$" + p for p in params) or "(none)"
        (folder / f"{i:03d}.cypher").write_text(f"// params: {header}\n{s}\n", encoding="utf-8")
    code, report = lint(node, [folder], tmp_path, load_rows=True)
    assert len(report) == len(stmts)
    assert [(f["file"], d) for f in report for d in f["diagnostics"]] == [] and code == 0


BROKEN = [
    ("// params: (none)\nMATCH (e:Employee RETURN e\n", "Invalid input"),
    ("// params: (none)\nMATCH (e:Employee) RETURN f\n", "not defined"),
    ("// params: (none)\nMATCH (e:Employee) WHERE e.id = $who RETURN e\n", "Parameter $who"),
    ("// params: (none)\nMATCH (e:Employe) RETURN e\n", "Employe"),
    ("// params: (none)\nMATCH (e:Employee)-[:HANDLED_BYY]-(d) RETURN d\n", "HANDLED_BYY"),
    ("// params: (none)\nMATCH (e:Employee) RETURN e.salary\n", "salary"),
    ("// params: $max_links\nMATCH p = (e:Employee)-[*1..$max_links]-(o) RETURN p\n",
     "Parameter maps cannot be used"),
    ("MATCH (e:Employee) RETURN e\n", "params"),
]


def test_a_broken_query_is_reported(node: str, tmp_path: Path) -> None:
    """The lint must be able to fail: a syntax error, an undefined variable, an undeclared
    parameter, a misspelt label, type or property, a parameter as a path length, a missing
    params header.  (One run for all: starting the parser takes seconds.)"""
    files = []
    for i, (text, _) in enumerate(BROKEN):
        f = tmp_path / f"broken{i}.cypher"
        f.write_text(text, encoding="utf-8")
        files.append(f)
    code, report = lint(node, files, tmp_path)
    assert code == 1
    by_file = {Path(r["file"]).name: r["diagnostics"] for r in report}
    for i, (_, expect) in enumerate(BROKEN):
        messages = " | ".join(d["message"] for d in by_file[f"broken{i}.cypher"])
        assert expect in messages, (BROKEN[i][0], messages)


def test_rule_files_say_what_they_find_and_which_articles() -> None:
    """Each rule's header names the rule and every integrity-code article the default
    policy lists for it (so an auditor reading the query sees what it enforces)."""
    for code, rule in RULES.items():
        text = (QUERIES / f"{code}.cypher").read_text(encoding="utf-8")
        header = "\n".join(line[2:].strip() for line in text.splitlines()
                           if line.startswith("//"))
        flat = " ".join(header.split())
        assert text.startswith(f"// {code}:"), code
        assert "Finds" in header and "Enforces:" in header, code
        assert rule.cypher == f"{code}.cypher"
        for article in rule.defaults.articles:
            assert article in flat, (code, article)
    for f in (QUERIES / "explore").glob("*.cypher"):
        first = f.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("// Explore:"), f.name
