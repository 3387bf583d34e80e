"""The README's command table and `--help` tell the truth: every subcommand and every
option the parser has is in the table and described, and the table names nothing the
parser does not have. A new subcommand or option without its README row fails here."""

from __future__ import annotations

import argparse
import re
import tomllib
from pathlib import Path

import pytest

from ao_desktop.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every runnable subcommand by its words: 'search', and 'report monthly' for a
    subcommand that has subcommands of its own."""
    out: dict[str, argparse.ArgumentParser] = {}
    for name, sub in _subparsers(parser).items():
        if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
            out.update({f"{name} {inner}": p for inner, p in _subparsers(sub).items()})
        else:
            out[name] = sub
    return out


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings
            if o.startswith("--") and o != "--help"}


def _readme_rows() -> list[str]:
    """The command cell of every row of the README's command table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [m.group(1) for m in re.finditer(r"^\| `(ao-desktop[^`]*)` \|", text, re.M)]


def _split(command: str) -> tuple[str | None, set[str]]:
    """(the subcommand or None, the options named) of one README command."""
    words = command.replace("\\|", "|").split()
    index = next((i for i, w in enumerate(words) if i and re.fullmatch(r"[a-z][a-z-]+", w)), None)
    if index is None:
        return None, set(OPTION.findall(command))
    sub = words[index]
    if index + 1 < len(words) and re.fullmatch(r"[a-z][a-z-]+", words[index + 1]):
        sub = f"{sub} {words[index + 1]}"  # a nested subcommand: 'report monthly'
    return sub, set(OPTION.findall(command))


def test_every_subcommand_has_one_row_with_exactly_its_options() -> None:
    parser = build_parser()
    subs = _commands(parser)
    global_options = _options(parser)
    rows: dict[str, set[str]] = {}
    for command in _readme_rows():
        if command.startswith("ao-desktop-gui"):
            continue
        sub, options = _split(command)
        if sub is None:
            continue
        assert sub in subs, f"README names '{sub}', which the parser does not have"
        assert sub not in rows, f"two README rows for '{sub}'"
        # `ao-desktop [--shared] init ...`: a global option written before the subcommand.
        rows[sub] = options - (global_options - _options(subs[sub]))
    assert set(rows) == set(subs), "subcommands without a README row: " + ", ".join(sorted(set(subs) - set(rows)))
    for sub, options in rows.items():
        assert options == _options(subs[sub]), (
            f"{sub}: README {sorted(options)} != parser {sorted(_options(subs[sub]))}")


def test_every_global_option_is_in_the_table() -> None:
    named = set()
    for command in _readme_rows():
        sub, options = _split(command)
        if sub is None:
            named |= options
    assert named >= _options(build_parser())


def test_the_gui_script_in_the_table_exists() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["gui-scripts"]
    assert any(row.startswith("ao-desktop-gui") for row in _readme_rows())
    assert "ao-desktop-gui" in scripts


@pytest.mark.parametrize("name", sorted(_commands(build_parser())))
def test_every_option_is_described_and_examples_are_given(name: str) -> None:
    sub = _commands(build_parser())[name]
    for action in sub._actions:
        assert action.help and action.help.strip(), f"{name}: {action.dest} has no help text"
    assert sub.epilog and "Contoh:" in sub.epilog and f"ao-desktop {name}" in sub.epilog
    help_text = sub.format_help()
    assert "usage:" not in help_text and "cara pakai:" in help_text
