"""Documentation keeps up with the code: every command is in the README and shows an example."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from coi_graph.cli import main
from coi_graph.policy import Policy
from coi_graph.rules import RULES

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
