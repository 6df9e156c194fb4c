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


def describe_database_error(exc: BaseException) -> str:
    """A Persian sentence for a low-level database failure: what happened and what to do."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "full" in text or "disk i/o" in text or "file too large" in text:
        return ("فضای دیسک کافی نیست یا دیسک قابل نوشتن نیست؛ تغییر ذخیره نشد و داده‌های قبلی "
                "سالم‌اند. فضا آزاد کنید و دوباره تلاش کنید.")
    if "locked" in text or "busy" in text:
        return ("پایگاه داده در دست برنامه دیگری است؛ تغییر ذخیره نشد. "
                "برنامه دیگر را ببندید و دوباره تلاش کنید.")
    if "readonly" in text or "read-only" in text:
        return "پایگاه داده فقط‌خواندنی است؛ تغییر ذخیره نشد. دسترسی نوشتن فایل را بررسی کنید."
    if "malformed" in text or "not a database" in text:
        return "پایگاه داده آسیب دیده است؛ با آن کار نکنید و از آخرین پشتیبان بازیابی کنید."
    return f"خطای پایگاه داده؛ تغییر ذخیره نشد ({text[:200]})."


def describe_os_error(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return "فضای دیسک کافی نیست؛ چیزی نوشته نشد. فضا آزاد کنید و دوباره تلاش کنید."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"اجازه نوشتن یا خواندن این مسیر را ندارید: {exc.filename or ''}"
    if exc.errno == errno.ENOENT:
        return f"مسیر پیدا نشد: {exc.filename or ''}"
    return f"خطای فایل: {exc.strerror or exc}"
