"""The layout shows the flow: ingest -> normalise -> match -> graph -> rules -> outputs ->
engines.  A module may import from its own layer and the layers before it, never after it,
and the ``ingest`` package never imports ``coi_graph`` (no cycle between top-level packages).

The core modules beside the subpackages (``errors``, ``schema``, ``links``, ``findings``,
``export_cells``, ``collector``) are the vocabulary every layer shares and import no layer.  ``policy``
gathers each layer's documented defaults (match weights, each rule's section) on first use;
``scan`` and the ``cli*`` modules are the top that calls every layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOW = ("ingest", "coi_graph.normalise", "coi_graph.match", "coi_graph.graph",
        "coi_graph.rules", "coi_graph.outputs", "coi_graph.engines")
CORE = ("coi_graph.errors", "coi_graph.schema", "coi_graph.links", "coi_graph.findings",
        "coi_graph.export_cells", "coi_graph.collector")


def _module(p: Path, root: Path = ROOT) -> str:
    parts = list(p.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(p: Path, root: Path = ROOT) -> set[str]:
    """Every module ``p`` imports, at the top or inside a function (absolute names)."""
    me = _module(p, root)
    pkg = me.split(".") if p.name == "__init__.py" else me.split(".")[:-1]
    out: set[str] = set()
    for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
        if isinstance(n, ast.ImportFrom):
            base = pkg[:len(pkg) - n.level + 1] if n.level else []
            mod = ".".join(base + ([n.module] if n.module else []))
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in n.names)
        elif isinstance(n, ast.Import):
            out.update(a.name for a in n.names)
    return out


def _layer(mod: str, layers: tuple[str, ...]) -> int | None:
    for i, name in enumerate(layers):
        if mod == name or mod.startswith(name + "."):
            return i
    return None


def _sources() -> list[Path]:
    return sorted([*ROOT.glob("coi_graph/**/*.py"), *ROOT.glob("ingest/**/*.py")])


def test_every_layer_imports_only_itself_and_the_layers_before_it() -> None:
    wrong = []
    for p in _sources():
        here = _layer(_module(p), FLOW)
        for mod in _imports(p):
            there = _layer(mod, FLOW)
            if here is not None and there is not None and there > here:
                wrong.append(f"{_module(p)} imports {mod}")
    assert not wrong, wrong


def test_ingest_never_imports_coi_graph() -> None:
    wrong = [f"{_module(p)} imports {m}" for p in ROOT.glob("ingest/**/*.py")
             for m in _imports(p) if m.split(".")[0] == "coi_graph"]
    assert not wrong, wrong


def test_the_core_vocabulary_imports_no_layer() -> None:
    wrong = []
    for p in _sources():
        if _module(p) in CORE:
            wrong += [f"{_module(p)} imports {m}" for m in _imports(p)
                      if _layer(m, FLOW) is not None]
    assert not wrong, wrong


def test_the_checks_see_a_wrong_import(tmp_path: Path) -> None:
    """The import reader resolves relative imports, also inside functions: ``from
    ..outputs.workspace import x`` in ``coi_graph/graph/x.py`` imports the outputs layer."""
    probe = tmp_path / "coi_graph" / "graph" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("def f():\n    from ..outputs.workspace import open_workspace\n",
                     encoding="utf-8")
    found = _imports(probe, tmp_path)
    assert "coi_graph.outputs.workspace" in found
    assert _layer("coi_graph.outputs.workspace", FLOW) > _layer(_module(probe, tmp_path), FLOW)
