"""Every command of the CLI has help and is documented in the README (STYLE §12)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import ROOT
from graph_builder.cli import main

COMMANDS = sorted(main.commands)


def test_cli_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_help_of_each_command(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert main.commands[name].help, f"cdkg {name} has no help text"
    assert "Usage:" in result.output and name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_help_command_appears_in_readme(name: str) -> None:
    assert f"cdkg {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_reports_a_missing_build_in_one_line(tmp_path) -> None:
    result = CliRunner().invoke(main, ["facts", "--build", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "nowhere" in result.output
