"""Errors of the data layer that a user must understand: each carries a code and a Persian message."""

from __future__ import annotations


class DataLayerError(Exception):
    code = "data_error"

    def __init__(self, message: str, *, details: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class DatabaseDamagedError(DataLayerError):
    code = "database_damaged"


class DatabaseTooNewError(DataLayerError):
    code = "database_too_new"


class NotKhoosheDatabaseError(DataLayerError):
    code = "not_khooshe_database"


class DatabaseUnavailableError(DataLayerError):
    code = "database_unavailable"
