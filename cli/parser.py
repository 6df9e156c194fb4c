"""argparse in Persian: the help's headings, its -h line and its error messages.

argparse takes its own words from gettext at the moment it needs them. Rather than patch its
module-level `_` (a private detail that changes between Python versions), the parser here sets
the group titles itself, brings its own Persian -h/--help, gives the usage line a Persian prefix
through its formatter, and reads each error argparse raises against the templates it is built
from (the same English text in every locale, since Khooshe installs no argparse catalogue).
A template Python adds later falls through unchanged; tests name every one in use.

Kept free of heavy imports: the desktop app's start parses its options with this module loaded.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable

USAGE_PREFIX = "کاربرد: "
HELP_LINE = "همین راهنما را نشان بده و خارج شو"
POSITIONALS_TITLE = "ورودی‌ها"
OPTIONALS_TITLE = "گزینه‌ها"


class PersianHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs keep their lines (lists of report kinds, exit codes); usage is Persian."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001 - argparse's
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)


def _values(text: str) -> list[str]:
    """The values argparse listed: «'a', 'b'» (written with %r) or «a, b» → [a, b]."""
    quoted = [m.group(2) for m in re.finditer(r"(['\"])(.*?)\1", text)]
    return quoted or [part.strip() for part in text.split(",")]


def _names(text: str) -> str:
    return "، ".join(part.strip() for part in text.split(","))


def _choices(m: re.Match[str]) -> str:
    from services.errors import item_lines  # only when a mistake is being reported

    return (f"«{_values(m['value'])[0]}» از گزینه‌ها نیست؛ یکی از این‌ها را بدهید:\n"
            + item_lines(_values(m["choices"])))


_TYPES = {"int": "عدد صحیح", "float": "عدد"}

# English template of argparse (Python 3.11–3.13) → its Persian reading.
_TEMPLATES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"argument (?P<arg>.+?): (?P<rest>.*)", re.S),
     lambda m: f"{m['arg']}: {translate(m['rest'])}"),
    (re.compile(r"the following arguments are required: (?P<names>.*)"),
     lambda m: f"این‌ها را باید بدهید: {_names(m['names'])}"),
    (re.compile(r"unrecognized arguments: (?P<args>.*)"),
     lambda m: f"این‌ها شناخته نشد: {m['args']}"),
    (re.compile(r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)", re.S), _choices),
    (re.compile(r"invalid (?P<type>\S+) value: (?P<value>.*)"),
     lambda m: f"«{_values(m['value'])[0]}» "
               f"{_TYPES.get(m['type'], 'مقدار')} درستی نیست"),
    (re.compile(r"expected one argument"), lambda m: "یک مقدار پس از آن لازم است"),
    (re.compile(r"expected at most one argument"), lambda m: "حداکثر یک مقدار می‌گیرد"),
    (re.compile(r"expected at least one argument"), lambda m: "دست‌کم یک مقدار لازم دارد"),
    (re.compile(r"expected (?P<n>\d+) arguments?"), lambda m: f"{m['n']} مقدار لازم دارد"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"),
     lambda m: f"«{m['option']}» روشن نیست؛ می‌تواند هر یک از این‌ها باشد: {_names(m['matches'])}"),
    (re.compile(r"not allowed with argument (?P<other>.*)"),
     lambda m: f"با {m['other']} با هم داده نمی‌شود"),
    (re.compile(r"ignored explicit argument (?P<value>.*)"),
     lambda m: f"مقدار نمی‌گیرد (داده شد: {m['value']})"),
    (re.compile(r"one of the arguments (?P<names>.*) is required"),
     lambda m: f"یکی از این‌ها را باید بدهید: {_names(m['names'])}"),
    (re.compile(r"unexpected option string: (?P<option>.*)"),
     lambda m: f"گزینه نابه‌جا: {m['option']}"),
]


def translate(message: str) -> str:
    """argparse's English error message in Persian (unknown wording is returned as it came)."""
    for pattern, persian in _TEMPLATES:
        m = pattern.fullmatch(message)
        if m is not None:
            return persian(m)
    return message


class PersianArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Persian; subcommand parsers are the same kind."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - argparse's signature
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", PersianHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = POSITIONALS_TITLE
        self._optionals.title = OPTIONALS_TITLE
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=HELP_LINE)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"خطا در فرمان: {translate(message)}\n"
                     f"برای راهنما: {self.prog} --help\n")
