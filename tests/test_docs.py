"""The README documents every CLI command, and its Python example runs."""
from __future__ import annotations

import re
from pathlib import Path

from kg.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented():
    documented = set(re.findall(r"^`kg (\w+)", README, flags=re.M))
    assert set(main.commands) <= documented, f"undocumented: {set(main.commands) - documented}"


def test_readme_first_two_commands_are_install_build_and_test():
    blocks = re.findall(r"^    (\S.*)$", README.split("## Quick start", 1)[1], flags=re.M)
    assert blocks[0].startswith("./install.sh") and "kg build ../shared/seeds --out outputs" in blocks[0]
    assert blocks[1] == ".venv/bin/python -m pytest -q"
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci  # CI runs exactly the README's test command
