<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa" sourcelanguage="en">
<context>
    <name>AppSetup</name>
    <message>
        <source>The new language will be used after you restart Khooshe.</source>
        <translation>زبان جدید پس از بستن و اجرای دوباره خوشه به کار می‌رود.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Error</source>
        <translation>خطا</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>کپی جزئیات</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>کپی شد</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>فایل گزارش خطا</translation>
    </message>
    <message>
        <source>An unexpected error occurred. The details were written to the log file. If it happens again, copy the details and send them to support.</source>
        <translation>خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات آن در فایل گزارش خطا ثبت شد. اگر دوباره پیش آمد، جزئیات را کپی کنید و برای پشتیبانی بفرستید.</translation>
    </message>
</context>
<context>
    <name>JalaliDateEdit</name>
    <message>
        <source>Write the date as year/month/day, for example 1404/10/06.</source>
        <translation>تاریخ را به شکل سال/ماه/روز بنویسید؛ مثلاً ۱۴۰۴‏/۱۰‏/۰۶.</translation>
    </message>
    <message>
        <source>Write the year with four digits, for example 1404.</source>
        <translation>سال را چهاررقمی بنویسید؛ مثلاً ۱۴۰۴.</translation>
    </message>
    <message>
        <source>The year must be between {first} and {last}.</source>
        <translation>سال باید بین {first} و {last} باشد.</translation>
    </message>
    <message>
        <source>The month must be between 1 and 12.</source>
        <translation>ماه باید عددی از ۱ تا ۱۲ باشد.</translation>
    </message>
    <message>
        <source>{month} {year} has {days} days; there is no day {day}.</source>
        <translation>{month} {year} فقط {days} روز دارد؛ روز {day} در آن نیست.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>امروز</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>بدون تاریخ</translation>
    </message>
    <message>
        <source>year/month/day</source>
        <translation>سال/ماه/روز</translation>
    </message>
    <message>
        <source>Choose from the calendar (Alt+Down)</source>
        <translation>انتخاب از تقویم (Alt+Down)</translation>
    </message>
    <message>
        <source>Enter a date.</source>
        <translation>تاریخ را وارد کنید.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Khooshe</source>
        <translation>خوشه</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>بخش‌ها</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>آماده</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>جستجو…</translation>
    </message>
    <message>
        <source>Search all records</source>
        <translation>جستجو در همه سوابق</translation>
    </message>
    <message>
        <source>New activity…</source>
        <translation>فعالیت جدید…</translation>
    </message>
    <message>
        <source>Record a meeting, training, tour, exhibition or other activity</source>
        <translation>ثبت جلسه، دوره آموزشی، بازدید، نمایشگاه یا فعالیت دیگر</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;فایل</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;ویرایش</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;بخش‌ها</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;تنظیمات</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>زبان</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>نوار ابزار اصلی</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>Cancelling…</source>
        <translation>در حال لغو…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <source>The operation “{title}” failed.</source>
        <translation>انجام «{title}» با خطا روبه‌رو شد.</translation>
    </message>
</context>
</TS>
