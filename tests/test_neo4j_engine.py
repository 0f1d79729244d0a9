"""The Neo4j engine, checked offline: what can be checked without a server.

* the parameters each query declares are the ones it uses and the ones the engine passes;
* an unreachable server (``neo4j://127.0.0.1:1``, with the real driver) or an unusable URI
  give one clear line and the documented exit status, and the password never appears;
* the load batches come from the same LinkGraph as the embedded engine, and every property
  is in the model with a value of its type;
* the labels and relationship types the queries name are ones the loader writes (the Cypher
  itself is checked by Neo4j's own parser in ``test_cypher_lint``).

Nothing here stands in for a Neo4j server: what the database does with the queries (the
same findings as the embedded engine, loading twice changes nothing, a wrong password is
one clear line) is checked against a real Neo4j 5 in ``test_neo4j_integration``.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from coi_graph.engines import neo4j as ne
from coi_graph.cli import main
from coi_graph.demo import generate
from coi_graph.rules.detect import DetectionContext
from coi_graph.policy import Policy
from coi_graph.scan import load
from coi_graph.rules import RULES

SECRET = "S3cr3t-never-print-me"


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("demo"), "small").data_dir


@pytest.fixture(scope="module")
def ctx(demo_data: Path) -> DetectionContext:
    pol = Policy.default()
    ds, lg = load(demo_data, pol)
    return DetectionContext(ds, lg, pol)


# -- parameters -------------------------------------------------------------------------


def test_each_query_declares_exactly_the_parameters_it_uses(ctx: DetectionContext) -> None:
    """The ``// params:`` header lists what the body uses (no more, no less), and every
    value the engine passes is a plain value the driver can send (the server itself
    refuses a missing one: see test_neo4j_integration)."""
    queries = ne.rule_queries()
    assert set(queries) == set(RULES)
    for code, q in queries.items():
        assert q.params == tuple(dict.fromkeys(q.params)), code  # no duplicates
        assert set(q.params) == set(q.used_params), code
        for name, value in ne.query_parameters(q, ctx).items():
            assert value is not None and not isinstance(value, (set, tuple)), (code, name)
    # the header check can fail: a body using an undeclared parameter
    bad = ne.parse_query("x", "// params: $max_links\nRETURN $max_links, $subject_roles")
    assert set(bad.params) != set(bad.used_params)


@pytest.mark.parametrize("max_links", [1, 2, 3, 4, 5, 6])
def test_walks_are_bounded_by_the_policy(max_links: int) -> None:
    """Each link rule walks at most max_links - 1 links before the last one, written into the
    query text (Cypher takes no parameter there); nothing else in the text changes."""
    pol = Policy.from_dict({"paths": {"max_links": max_links}})
    walks = 0
    for code, q in ne.rule_queries().items():
        text = ne.query_text(q, pol)
        found = re.findall(r"\*(\d+)\.\.(\d+)\]", ne.parse_query(code, text).body)
        walks += len(found)
        for lower, upper in found:
            assert int(upper) == max(int(lower), max_links - 1), (code, lower, upper)
        assert "$max_links" in text or not found, code
        unbounded = re.sub(r"\*(\d+)\.\.\d+\]", r"*\1..5]", text)
        assert unbounded.rstrip("\n") == q.text.rstrip("\n"), code
    assert walks == 6  # 5 link rules, shared_identifier has two parts


def test_explore_queries_declare_their_parameters() -> None:
    root = Path(__file__).resolve().parents[1] / "queries" / "explore"
    for f in root.glob("*.cypher"):
        q = ne.parse_query(f.stem, f.read_text(encoding="utf-8"))
        assert set(q.params) == set(q.used_params), f.name


def test_a_query_asking_for_an_unknown_parameter_is_refused(ctx: DetectionContext) -> None:
    q = ne.parse_query("x", "// params: $nope\nRETURN $nope")
    with pytest.raises(ne.CoiError, match=r"\$nope"):
        ne.query_parameters(q, ctx)


# -- connection errors ---------------------------------------------------------------------


def _run_cli(args: list[str], env: dict[str, str]) -> Any:
    return CliRunner().invoke(main, args, env=env, catch_exceptions=False)


def _error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip() and not line.startswith("[")]


@pytest.mark.parametrize("uri", ["neo4j://127.0.0.1:1", "bolt://127.0.0.1:1"])
def test_unreachable_server_gives_one_line_and_exit_1(demo_data: Path, tmp_path: Path,
                                                      uri: str) -> None:
    env = {"NEO4J_PASSWORD": SECRET, "NEO4J_URI": uri, "COI_LANG": "en"}  # reads English
    for args in (["neo4j", "load", str(demo_data), "-q"],
                 ["scan", "--engine", "neo4j", str(demo_data), "--out", str(tmp_path), "-q"]):
        r = _run_cli(args, env)
        assert r.exit_code == 1, r.output
        lines = _error_lines(r.output)
        assert len(lines) == 1, r.output
        assert lines[0].startswith("Error: cannot reach Neo4j at " + uri)
        assert SECRET not in r.output and "Traceback" not in r.output


@pytest.fixture()
def web_port() -> Any:
    """A port where a web server answers (as Neo4j Browser's 7474 does), not Bolt."""
    import socket
    import threading

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)

    def serve() -> None:
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            conn.recv(64)
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    yield srv.getsockname()[1]
    srv.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_why_neo4j_cannot_be_reached_is_said_in_the_run_language(
        demo_data: Path, web_port: int, lang: str) -> None:
    """The driver's English reason ("... (reason [Errno 111] Connection refused)") is given
    in the analyzer's own words, so a Dutch run prints a Dutch line."""
    expected = {
        "bolt://127.0.0.1:1": ("op die host en poort neemt niets verbindingen aan",
                               "nothing accepts connections at that host and port"),
        "neo4j://127.0.0.1:1": ("geen server daar gaf zijn routeringstabel",
                                "no server there gave its routing table"),
        f"bolt://127.0.0.1:{web_port}": ("op die poort antwoordt een webserver",
                                         "a web server answers at that port"),
    }
    for uri, (nl, en) in expected.items():
        env = {"NEO4J_PASSWORD": SECRET, "NEO4J_URI": uri, "COI_LANG": lang}
        r = _run_cli(["neo4j", "load", str(demo_data), "-q"], env)
        assert r.exit_code == 1, r.output
        (line,) = _error_lines(r.output)
        if lang == "nl":
            assert line.startswith(f"Fout: Neo4j op {uri} is niet bereikbaar: {nl}"), line
            assert "Draait de server en klopt NEO4J_URI?" in line, line
        else:
            assert line.startswith(f"Error: cannot reach Neo4j at {uri}: {en}"), line
        for driver_word in ("Couldn't", "Errno", "refused", "routing information", "HTTP"):
            assert driver_word not in line, line


def test_every_driver_reason_has_a_dutch_twin() -> None:
    from coi_graph.cli_text import translate

    for _word, reason in ne.DRIVER_REASONS:
        line = f"cannot reach Neo4j at bolt://h:1: {reason}. Is the server running and NEO4J_URI right?"
        assert translate(line, "nl").startswith("Neo4j op bolt://h:1 is niet bereikbaar: "), reason
    unknown = ne.driver_reason("Odd; new text")
    assert translate(f"cannot reach Neo4j at bolt://h:1: {unknown}. Is the server running and "
                     "NEO4J_URI right?", "nl") == (
        "Neo4j op bolt://h:1 is niet bereikbaar: melding van de driver: 'Odd, new text'. "
        "Draait de server en klopt NEO4J_URI?")


def _pstr(s: str) -> bytes:
    b = s.encode()
    if len(b) < 16:
        return bytes([0x80 + len(b)]) + b
    return b"\xd0" + bytes([len(b)]) + b


def test_unusable_uri_or_missing_password_exit_2(demo_data: Path) -> None:
    r = _run_cli(["neo4j", "load", str(demo_data), "-q", "--uri", "http://localhost:7474"],
                 {"NEO4J_PASSWORD": SECRET})
    assert r.exit_code == 2 and "is geen Neo4j-adres" in r.output and SECRET not in r.output
    assert "not a Neo4j address" not in r.output  # the run's language (Dutch), not English
    r = _run_cli(["neo4j", "load", str(demo_data), "-q"], {"NEO4J_PASSWORD": None})  # type: ignore[dict-item]
    assert r.exit_code == 2 and "NEO4J_PASSWORD" in r.output


def test_the_password_stays_out_of_reprs_and_uris() -> None:
    s = ne.Neo4jSettings("neo4j://auditor:pw123@db.example:7687", "auditor", "pw123", "coi")
    assert "pw123" not in repr(s)
    assert s.safe_uri == "neo4j://db.example:7687"
    assert "pw123" not in s.where()
    env = {"NEO4J_URI": "bolt://h:1", "NEO4J_USER": "u", "NEO4J_PASSWORD": "p"}
    assert ne.Neo4jSettings.from_env(environ=env) == ne.Neo4jSettings("bolt://h:1", "u", "p")


# -- the load batches --------------------------------------------------------------------


def test_batches_come_from_the_same_linkgraph(ctx: DetectionContext) -> None:
    rows = ne.GraphRows(ctx)
    g = ctx.lg.g
    graph_labels = {ne.NODE_LABELS[k] for k in ("employee", "relative", "organization", "officer",
                                                "address", "iban", "phone", "email")}
    nodes = [n for n in rows.nodes() if n.label in graph_labels]
    assert len(nodes) == g.number_of_nodes()
    assert {f"{n.props['key']}" for n in nodes} == set(g.nodes)
    links = list(rows.link_rels())
    assert len(links) == g.number_of_edges()
    assert {r.id for r in links} == {str(k) for _, _, k in g.edges(keys=True)}
    for r in links:
        assert r.props["link_id"] == r.id and r.type == ne.LINK_TYPES[r.props["kind"]]
        assert (r.start_label, r.end_label) in ne.REL_SPECS[r.type].ends
    anchors = list(rows.anchor_rels())
    assert {r.id for r in anchors} == set(ctx.anchor_index)
    node_counts, rel_counts = rows.counts()
    assert node_counts["Decision"] == len(ctx.decisions)
    assert rel_counts["COUNTERPARTY"] <= len(ctx.decisions)
    for n in rows.nodes():  # every property is in the model, with a value of its type
        spec = {p.name: p.type for p in ne.NODE_SPECS[n.label].props}
        for k, v in n.props.items():
            assert k in spec, (n.label, k)
            _check_type(v, spec[k], (n.label, k))
    for r in rows.rels():
        spec = {p.name: p.type for p in ne.REL_SPECS[r.type].props}
        for k, v in r.props.items():
            assert k in spec, (r.type, k)
            _check_type(v, spec[k], (r.type, k))


def _check_type(v: Any, typ: str, where: Any) -> None:
    ok = {"string": lambda x: isinstance(x, str),
          "long": lambda x: isinstance(x, int) and not isinstance(x, bool),
          "double": lambda x: isinstance(x, float),
          "boolean": lambda x: isinstance(x, bool),
          "string[]": lambda x: isinstance(x, list) and all(isinstance(i, str) for i in x)}
    assert ok[typ](v), (where, v)


def test_rule_queries_stay_in_the_model(ctx: DetectionContext) -> None:
    """Labels and relationship types named in the queries are ones the loader writes."""
    for q in ne.rule_queries().values():
        for label in re.findall(r"\(\w*:(\w+)", q.body):
            assert label in ne.NODE_SPECS, (q.name, label)
        for types in re.findall(r"\[\w*:([A-Z_|]+)", q.body):
            for t in types.split("|"):
                assert t in ne.REL_SPECS, (q.name, t)


def test_settings_dataclass_is_frozen() -> None:
    s = ne.Neo4jSettings("bolt://h:1", "u", "p")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.password = "x"  # type: ignore[misc]
