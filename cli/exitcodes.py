"""Every exit status the command line uses, with what it means to the user (for --help and README)."""

from __future__ import annotations

from persian.digits import to_persian_digits

EXIT_OK = 0
EXIT_FAILED = 1  # bad input or data: the Persian message says what to do (cli.output.fail)
EXIT_USAGE = 2  # the command line itself is wrong (argparse); the app: its database did not open
EXIT_DAMAGED = 3
EXIT_REFUSED = 4
EXIT_BAD_BACKUP = 5
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE: what a shell reports for `yes | head -1`'s yes

MEANINGS = {
    EXIT_OK: "انجام شد",
    EXIT_FAILED: "ورودی یا داده نادرست؛ پیام می‌گوید چه کنید (چیزی نوشته نشد)",
    EXIT_USAGE: "فرمان نادرست (گزینه ناشناخته، ناقص یا مقدار نادرست)",
    EXIT_DAMAGED: "پایگاه داده آسیب‌دیده است (check، demo)",
    EXIT_REFUSED: "رد شد: فایل ناآشنا، جدیدتر، خالی‌نبودن یا نبودِ فایل "
                  "(demo، check، backup، restore، backups)",
    EXIT_BAD_BACKUP: "پشتیبان نامعتبر است و بازیابی نشد؛ پایگاه داده دست‌نخورده ماند (restore)",
    EXIT_INTERRUPTED: "به درخواست کاربر متوقف شد (Ctrl+C)",
    EXIT_CLOSED_PIPE: "خواننده خروجی پیش از پایان رفت (مثلاً | head)؛ بی‌هیچ پیامی",
}


def help_text() -> str:
    """The «کدهای خروج» block at the end of `python main.py --help`."""
    width = max(len(str(code)) for code in MEANINGS)
    lines = [f"  {to_persian_digits(str(code)).rjust(width)}  {text}" for code, text in MEANINGS.items()]
    return "کدهای خروج:\n" + "\n".join(lines)
