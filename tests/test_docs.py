"""Documentation keeps up with the code: every command is in the README and shows an example."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import click
import pytest

from coi_graph.cli import main
from coi_graph.cli_text import lang_before_command
from coi_graph.policy import Policy
from coi_graph.rules import RULES
from ingest.tables import TABLES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def leaf_commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(main)
    out = []
    for name in main.list_commands(ctx):
        cmd = main.get_command(ctx, name)
        assert cmd is not None, name
        if isinstance(cmd, click.Group):
            sub = click.Context(cmd)
            out += [(f"{name} {s}", cmd.get_command(sub, s)) for s in cmd.list_commands(sub)]
        else:
            out.append((name, cmd))
    return out


@pytest.mark.parametrize("name,cmd", leaf_commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_is_in_the_readme_and_has_an_example(name: str, cmd: click.Command) -> None:
    assert f"coi {name}" in README, f"`coi {name}` is not documented in README.md"
    assert "Example" in (cmd.help or ""), f"`coi {name} --help` shows no example"


def test_the_readme_opens_with_the_two_setup_commands() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "coi demo" in first_block and "bash scripts/test.sh" in first_block
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci


def test_every_rule_cites_the_integrity_code_and_is_in_the_readme() -> None:
    policy = Policy.default()
    for code in RULES:
        assert policy.rule(code).articles, f"rule {code} cites no article of an integrity code"
        assert f"| `{code}` |" in README, f"rule {code} is missing from the README's table"


# --- the README's command lines are the real CLI's -------------------------------------
#
# A new user copies the README's examples.  Each `coi ...` line of a ```sh block must parse
# with the command it names: no unknown option, every required option given, no argument
# too many or too few (`coi scan exports/2024 --policy p.yaml` without `--out` once stood
# there and failed).  Values are not converted (the example's paths need not exist).

def _sh_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)


def readme_command_lines() -> list[list[str]]:
    """Every `coi` invocation in the README's ```sh blocks, as words (comments, a
    continuation `\\`, a leading `VAR=value`, and what follows `&&`, `|`, `>` dropped)."""
    out = []
    for block in _sh_blocks(README):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
                words = words[1:]
            if not words or words[0] != "coi":
                continue
            cut = [i for i, w in enumerate(words) if w in ("&&", "||", "|", ">", ";")]
            out.append(words[1:cut[0]] if cut else words[1:])
    return out


def parse_problem(args: list[str]) -> str | None:
    """Why `coi ARGS` would be refused by click, or None: the command path is resolved,
    then the leaf command's parser runs on the rest and its required parameters are
    checked (without converting values, so example paths need not exist)."""
    cmd: click.Command = main
    ctx = click.Context(main, info_name="coi")
    path = ["coi"]
    args, _ = lang_before_command(list(args))  # `coi --lang en scan ...`, as the CLI does
    while isinstance(cmd, click.Group) and args and not args[0].startswith("-"):
        sub = cmd.get_command(ctx, args[0])
        if sub is None:
            return f"{' '.join(path)}: no command {args[0]!r}"
        cmd, path, args = sub, path + [args[0]], args[1:]
        ctx = click.Context(cmd, info_name=path[-1], parent=ctx)
    if isinstance(cmd, click.Group):
        return None if any(a in ("-h", "--help", "--version") for a in args) else (
            f"{' '.join(path)}: a group, no command given")
    parser = cmd.make_parser(ctx)
    try:
        opts, rest, _ = parser.parse_args(list(args))
    except click.UsageError as e:
        return f"{' '.join(path)}: {e.format_message()}"
    if rest:
        return f"{' '.join(path)}: unexpected argument(s) {rest}"
    if any(opts.get(p.name) for p in cmd.params if getattr(p, "is_eager", False)):
        return None  # --help / --version
    for p in cmd.params:
        if p.required and opts.get(p.name) in (None, (), []):
            return f"{' '.join(path)}: missing {p.opts[-1] if p.opts else p.name}"
    return None


def test_the_readme_shows_command_lines() -> None:
    lines = readme_command_lines()
    assert len(lines) > 40, lines  # the check below reads them all
    assert ["scan", "exports/2024", "--out", "runs/2024"] in lines


@pytest.mark.parametrize("args", readme_command_lines(), ids=lambda a: " ".join(a)[:60])
def test_every_readme_command_line_parses(args: list[str]) -> None:
    assert parse_problem(args) is None, parse_problem(args)


def test_the_parse_check_refuses_what_click_refuses() -> None:
    assert parse_problem(["scan", "exports/2024", "--policy", "p.yaml"]) is not None
    assert parse_problem(["scan", "exports/2024", "--out", "r", "--bogus"]) is not None
    assert parse_problem(["match", "confirm", "d", "P-1", "--by", "A"]) is not None
    assert parse_problem(["mach", "list", "d"]) is not None
    assert parse_problem(["scan", "d", "e", "--out", "r"]) is not None
    assert parse_problem(["match", "list", "d", "--band", "possible", "--lang", "en"]) is None


def readme_inline_invocations(text: str | None = None) -> list[tuple[list[str], list[str]]]:
    """Every `coi ...` code span in the README's prose (or ``text``'s): (command path,
    options named).  Spans are fragments (`coi match list --band possible`), so only the
    options are checked, against the command the span names."""
    prose = re.sub(r"^```.*?^```", "", README if text is None else text, flags=re.S | re.M)
    out = []
    for span in re.findall(r"`(coi [^`]+)`", prose.replace("\n", " ")):
        words, before = lang_before_command(span.split()[1:])  # `coi --lang en scan ...`
        if before is not None:
            words.append(f"--lang={before}")
        names = [w for w in words if not w.startswith("-") and re.fullmatch(r"[a-z][a-z0-9-]*", w)]
        out.append((names, [w.split("=")[0] for w in words if w.startswith("--")]))
    return out


def test_the_readme_names_options_in_prose() -> None:
    assert (["scan", "en"], ["--lang"]) in readme_inline_invocations()  # `coi scan --lang en`


@pytest.mark.parametrize("names,options", readme_inline_invocations(),
                         ids=lambda x: " ".join(x) if isinstance(x, list) else "")
def test_every_option_the_readme_names_exists(names: list[str], options: list[str]) -> None:
    cmd: click.Command = main
    ctx = click.Context(main)
    for name in names:
        if not isinstance(cmd, click.Group):
            break
        sub = cmd.get_command(ctx, name)
        assert sub is not None, f"`coi {' '.join(names)}`: no command {name!r}"
        cmd, ctx = sub, click.Context(sub, parent=ctx)
    known = {o for p in cmd.params for o in p.opts + p.secondary_opts} | {"-h", "--help"}
    for option in options:
        assert option in known, f"`coi {' '.join(names)}` has no option {option}"


# --- docs/input-format.md's commands and options exist ----------------------------------
# The auditor reads docs/input-format.md, not the README: a `coi ...` span or an option it
# names must be one the commands have (the README's are checked above).

def _input_format_text() -> str:
    return (Path(__file__).resolve().parents[1] / "docs" / "input-format.md").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("names,options", readme_inline_invocations(_input_format_text()),
                         ids=lambda x: " ".join(x) if isinstance(x, list) else "")
def test_every_command_the_input_format_names_exists(names: list[str],
                                                     options: list[str]) -> None:
    test_every_option_the_readme_names_exists(names, options)


def test_the_input_options_the_input_format_names_are_on_validate_and_scan() -> None:
    """docs/input-format.md says `--mapping`, `--policy`, `--sheet`, `--strict` and
    `--skip-bad-rows` work for `coi validate` and `coi scan` alike (the same rows left out,
    the same warnings), `--force` / `--out FILE` for `coi mapping`'s draft, and `--json` for
    the tables `coi cases`, `coi accept`, `coi diff` and `coi match list` print."""
    named = set(re.findall(r"`(--[a-z][a-z-]+)", _input_format_text()))
    assert named >= {"--mapping", "--policy", "--sheet", "--strict", "--skip-bad-rows",
                     "--force", "--out"}, named
    ctx = click.Context(main)

    def options(*names: str) -> set[str]:
        cmd: Any = main
        for name in names:
            cmd = cmd.get_command(ctx, name)
            assert cmd is not None, names
        return {o for p in cmd.params for o in p.opts}

    elsewhere = {"--force": [("mapping",)], "--out": [("mapping",)],
                 "--json": [("cases",), ("accept",), ("diff",), ("match", "list")]}
    for option in sorted(named):
        for where in elsewhere.get(option, [("validate",), ("scan",)]):
            assert option in options(*where), (option, where)


# --- docs/input-format.md's tables are ingest's -----------------------------------------

INPUT_FORMAT = (Path(__file__).resolve().parents[1] / "docs" / "input-format.md").read_text(
    encoding="utf-8")


@pytest.mark.parametrize("name", list(TABLES))
def test_the_input_format_tables_list_the_contract_columns(name: str) -> None:
    """Each `### table (required|optional)` section's column table names the columns of
    ``ingest.tables.TABLES`` in order, each with its required flag ("one of ..." for a
    group) and type, and the table's own required flag."""
    spec = TABLES[name]
    part = INPUT_FORMAT.split("\n## Tables", 1)[1]
    sec = re.search(rf"^### {name} \((required|optional)\)\n(.*?)(?=^### |^## |\Z)", part,
                    re.S | re.M)
    assert sec, f"docs/input-format.md has no section for {name}"
    assert (sec.group(1) == "required") == spec.required, name
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|", sec.group(2), re.M)
    assert [r[0] for r in rows] == [c.name for c in spec.columns], name
    for (column, required, kind), c in zip(rows, spec.columns):
        group = [g for g in spec.one_of if column in g]
        expected = "yes" if c.required else ("one of " + ", ".join(group[0]) if group else "no")
        assert (required.strip(), kind.strip()) == (expected, c.type), (name, column)


def help_example_lines() -> list[tuple[str, list[str]]]:
    """Every `coi ...` line in a command's help, English (the docstrings) and Dutch
    (``coi_graph.cli_help_nl.HELP_NL``): the examples a user copies from `--help`."""
    from coi_graph.cli_help_nl import HELP_NL

    texts = [(name, cmd.help or "") for name, cmd in leaf_commands()]
    texts += [(path, text) for (path, param), text in HELP_NL.items()
              if param is None and path and isinstance(text, str)]
    out = []
    for name, text in texts:
        for line in text.replace("\\\n", " ").splitlines():
            line = line.strip()
            if not re.match(r"(?:[A-Z_]+=\S+ )*coi ", line):
                continue
            words = shlex.split(line, comments=True)
            while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
                words = words[1:]
            cut = [i for i, w in enumerate(words) if w in ("&&", "||", "|", ">", ";")]
            out.append((name, words[1:cut[0]] if cut else words[1:]))
    return out


def test_the_help_texts_show_examples() -> None:
    names = {name for name, _ in help_example_lines()}
    assert {"scan", "match list", "export neo4j-import"} <= names, names


@pytest.mark.parametrize("name,args", help_example_lines(),
                         ids=lambda x: x if isinstance(x, str) else " ".join(x)[:50])
def test_every_help_example_parses(name: str, args: list[str]) -> None:
    assert parse_problem(args) is None, f"`coi {name} --help`: {parse_problem(args)}"
