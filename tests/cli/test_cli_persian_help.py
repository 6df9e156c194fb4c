"""`--help` and argparse's own errors are Persian on every command; exit codes are all in README."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from cli import commands
from cli.exitcodes import MEANINGS
from cli.parser import translate

ROOT = Path(__file__).resolve().parents[2]
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]*")


def _parsers() -> dict[str, argparse.ArgumentParser]:
    parser = commands.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"": parser, **sub.choices}


def _ours(parser: argparse.ArgumentParser) -> set[str]:
    """Latin words Khooshe itself wrote: option names, metavars, choices, words in its own texts."""
    words: set[str] = set()
    texts = [parser.prog, parser.description or "", parser.epilog or ""]
    for action in parser._actions:
        # argparse shows an option without a metavar as DEST, a positional as dest.
        texts += [*action.option_strings, str(action.metavar or ""), action.dest.upper(),
                  action.dest, str(action.help or ""), *map(str, action.choices or ())]
        texts += [str(choice.help or "") for choice in getattr(action, "_choices_actions", ())]
    for text in texts:
        words |= set(LATIN_WORD.findall(text))
    return words


@pytest.mark.parametrize("command", sorted(_parsers()))
def test_help_has_no_english_of_argparse(command: str, capsys) -> None:
    """Before: «usage:», «options:», «show this help message and exit», «positional arguments»."""
    argv = [command, "--help"] if command else ["--help"]
    with pytest.raises(SystemExit) as info:
        commands.run(argv)
    assert info.value.code == 0
    out = capsys.readouterr().out
    parser = _parsers()[command]
    foreign = set(LATIN_WORD.findall(out)) - _ours(parser) - set(_parsers())
    assert not foreign, foreign
    assert out.startswith("کاربرد: ")
    assert "همین راهنما را نشان بده و خارج شو" in out


@pytest.mark.parametrize("argv, persian", [
    (["report"], "این‌ها را باید بدهید: KIND، --out"),
    (["report", "paper", "--out", "a.pdf"], "«paper» از گزینه‌ها نیست"),
    (["search", "q", "--limit", "ده"], "--limit: «ده» عدد صحیح درستی نیست"),
    (["search", "q", "--limit"], "--limit: یک مقدار پس از آن لازم است"),
    (["search", "q", "--frob"], "این‌ها شناخته نشد: --frob"),
    (["backup", "--d", "x"], "«--d» روشن نیست"),
    (["--lang", "de"], "--lang: «de» از گزینه‌ها نیست"),
    (["frobnicate"], "«frobnicate» از گزینه‌ها نیست"),
])
def test_command_line_mistakes_are_said_in_persian(argv: list[str], persian: str, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        commands.run(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert persian in err
    assert err.startswith("کاربرد: ") and "خطا در فرمان: " in err
    english = {"argument", "arguments", "required", "invalid", "choice", "choose", "unrecognized",
               "expected", "ambiguous", "could", "match", "usage", "error", "value"}
    assert not english & set(LATIN_WORD.findall(err))


def test_a_choice_list_is_one_per_line(capsys) -> None:
    with pytest.raises(SystemExit):
        commands.run(["report", "paper", "--out", "a.pdf"])
    lines = capsys.readouterr().err.splitlines()
    assert "  - minutes" in lines and "  - attendance" in lines


def test_wording_argparse_may_add_later_falls_through_unchanged() -> None:
    assert translate("some future message") == "some future message"
    assert translate("invalid choice: 'x' (choose from a, b)").endswith("  - a\n  - b")


def test_readme_lists_every_exit_code_and_restores_five() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Exit codes"):]
    section = section[:section.index("\n## ")]
    for code in MEANINGS:
        assert re.search(rf"^\| {code} \|", section, re.M), code
    restore = next(line for line in section.splitlines() if line.startswith("| `restore`"))
    assert "5" in restore
