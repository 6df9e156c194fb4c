"""Typed errors that services raise; each has a code for programs and a Persian message for people."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from persian.digits import to_persian_digits


def item_lines(items: Iterable[str], *, limit: int | None = None, total: int | None = None) -> str:
    """Items of a message one per line (a cluster's name may itself hold «،»), indented.

    Past ``limit`` items, one last line says how many more there are (``total`` counts them when
    the caller fetched only the first few).
    """
    items = list(items)
    shown = items if limit is None else items[:limit]
    lines = [f"  - {item}" for item in shown]
    more = (len(items) if total is None else total) - len(shown)
    if more > 0:
        lines.append(f"  … و {to_persian_digits(str(more))} مورد دیگر")
    return "\n".join(lines)


class ServiceError(Exception):
    code = "service_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CodedError(ServiceError):
    """A service error whose code is given where it is raised (one class, many refusals)."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


@dataclass(frozen=True)
class FieldError:
    field: str  # the attribute name, e.g. "start_date"
    code: str  # e.g. "required", "date_invalid", "end_before_start"
    message: str  # Persian, names the field as the user sees it


class ValidationError(ServiceError):
    """One or more fields are wrong; nothing was written."""

    code = "validation"

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(e.message for e in self.errors))

    def for_field(self, field: str) -> FieldError | None:
        return next((e for e in self.errors if e.field == field), None)

    @property
    def codes(self) -> set[str]:
        return {e.code for e in self.errors}


class NotFoundError(ServiceError):
    code = "not_found"


class ConflictError(ServiceError):
    code = "conflict"
