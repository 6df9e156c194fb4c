<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa" sourcelanguage="en">
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>All kinds</source>
        <translation>همه انواع</translation>
    </message>
    <message>
        <source>Search title, place, summary…</source>
        <translation>جستجو در عنوان، محل، خلاصه…</translation>
    </message>
    <message>
        <source>New activity</source>
        <translation>فعالیت جدید</translation>
    </message>
    <message>
        <source>Record a new activity (Ctrl+N)</source>
        <translation>ثبت فعالیت جدید (Ctrl+N)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>از</translation>
    </message>
    <message>
        <source>to</source>
        <translation>تا</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>بازگردانی</translation>
    </message>
    <message>
        <source>Enter: open · Delete: move to the trash</source>
        <translation>باز کردن: Enter · انتقال به سطل بازیافت: Delete</translation>
    </message>
    <message>
        <source>%1 activities</source>
        <translation>%1 فعالیت</translation>
    </message>
    <message>
        <source>No activity matches these filters.</source>
        <translation>هیچ فعالیتی با این فیلترها پیدا نشد.</translation>
    </message>
    <message>
        <source>No activities yet. Press “New activity” (Ctrl+N) to record the first.</source>
        <translation>هنوز فعالیتی ثبت نشده است. برای ثبت نخستین فعالیت «فعالیت جدید» (Ctrl+N) را بزنید.</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>همه خوشه‌ها</translation>
    </message>
    <message>
        <source>This column cannot be sorted.</source>
        <translation>این ستون مرتب‌سازی نمی‌شود.</translation>
    </message>
    <message>
        <source>“%1” was moved to the trash.</source>
        <translation>«%1» به سطل بازیافت رفت.</translation>
    </message>
    <message>
        <source>“%1” is back.</source>
        <translation>«%1» بازگردانده شد.</translation>
    </message>
</context>
<context>
    <name>ActivityForm</name>
    <message>
        <source>Kind of activity:</source>
        <translation>نوع فعالیت:</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>مشخصات</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>شرکت‌کنندگان</translation>
    </message>
    <message>
        <source>Resolutions</source>
        <translation>مصوبات</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>پیوست‌ها</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>تغییرات ذخیره نشده</translation>
    </message>
    <message>
        <source>The changes are not saved. Save them before closing?</source>
        <translation>تغییرات ذخیره نشده‌اند. پیش از بستن ذخیره شوند؟</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>دور انداختن تغییرات</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>ادامه ویرایش</translation>
    </message>
    <message>
        <source>Save and keep the form open (Ctrl+S)</source>
        <translation>ذخیره و باز ماندن فرم (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save and close</source>
        <translation>ذخیره و بستن</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>%1 جدید</translation>
    </message>
    <message>
        <source>Nothing was saved. Correct the items marked in red.</source>
        <translation>چیزی ذخیره نشد. موارد قرمز را اصلاح کنید.</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>ذخیره شد: %1</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>خوشه</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>End</source>
        <translation>پایان</translation>
    </message>
    <message>
        <source>City</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>نفرات</translation>
    </message>
</context>
<context>
    <name>AppSetup</name>
    <message>
        <source>The new language will be used after you restart Khooshe.</source>
        <translation>زبان جدید پس از بستن و اجرای دوباره خوشه به کار می‌رود.</translation>
    </message>
</context>
<context>
    <name>AttachmentsWidget</name>
    <message>
        <source>Attach a file…</source>
        <translation>افزودن پیوست…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>باز کردن</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Photos, scanned attendance sheets and documents of this record.</source>
        <translation>عکس‌ها، فهرست‌های حضور اسکن‌شده و اسناد این رکورد.</translation>
    </message>
    <message>
        <source>Save the activity first; then you can attach files to it.</source>
        <translation>نخست فعالیت را ذخیره کنید؛ سپس می‌توانید به آن فایل پیوست کنید.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>پیوست فایل‌ها</translation>
    </message>
    <message>
        <source>The file could not be opened.</source>
        <translation>فایل باز نشد.</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next to the database (backups folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic backup every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep everything of the last (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then one per day, for (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then one per week, for (weeks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then one per month, for (months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every backup is checked after it is written and carries the attachments. Backups are made automatically while you work and when the app closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups cannot be written to this folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups are made for SQLite databases only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked, whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted (needs the password to check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup made and checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database will be replaced by the backup of %1. Everything recorded after it will no longer be in the database; a backup of the current database is made first, so it can be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a backup in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of this backup:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored. The previous database was kept in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation type="unfinished"></translation>
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
    <name>Launcher</name>
    <message>
        <source>This is your first start: a demo cluster was added so you can look around. Its records are marked as demo data.</source>
        <translation>نخستین اجرای برنامه است: یک خوشه نمونه افزوده شد تا با برنامه آشنا شوید. رکوردهای آن داده نمونه‌اند.</translation>
    </message>
    <message>
        <source>Unknown page “%1”. Pages: %2</source>
        <translation>صفحه «%1» شناخته نیست. صفحه‌ها: %2</translation>
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
    <name>ParticipantsEditor</name>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>نقش</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>حاضر</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>ساعت</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>حذف انتخاب‌شده</translation>
    </message>
    <message>
        <source>%1 chosen</source>
        <translation>%1 نفر/بنگاه</translation>
    </message>
    <message>
        <source>Hours of %1 must be a number.</source>
        <translation>ساعت حضور «%1» باید عدد باشد.</translation>
    </message>
</context>
<context>
    <name>PersonOwnerField</name>
    <message>
        <source>Person or text</source>
        <translation>فرد یا متن</translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <source>Find a person or firm…</source>
        <translation>جستجوی فرد یا بنگاه…</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>افزودن</translation>
    </message>
    <message>
        <source>person</source>
        <translation>فرد</translation>
    </message>
    <message>
        <source>firm</source>
        <translation>بنگاه</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished">خوشه</translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year / part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished">از</translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter both the start and the end of the period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a meeting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a training course.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a province.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: %1 pages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be built.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished">ذخیره شد: %1</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResolutionRow</name>
    <message>
        <source>What was decided</source>
        <translation>چه تصمیمی گرفته شد</translation>
    </message>
    <message>
        <source>Follow-up by</source>
        <translation>مسئول پیگیری</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>مهلت</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>حذف</translation>
    </message>
</context>
<context>
    <name>ResolutionsEditor</name>
    <message>
        <source>Each row: the resolution, who follows it up (a person or any text), the due date and the status.</source>
        <translation>هر ردیف: متن مصوبه، مسئول پیگیری (یک فرد یا هر متنی)، مهلت و وضعیت.</translation>
    </message>
    <message>
        <source>Add a resolution</source>
        <translation>افزودن مصوبه</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search everything</source>
        <translation>جستجو در همه چیز</translation>
    </message>
    <message>
        <source>Type a name, a title, a place or words of a resolution…</source>
        <translation>نام، عنوان، محل یا واژه‌هایی از یک مصوبه را بنویسید…</translation>
    </message>
    <message>
        <source>Enter or double-click opens · Esc closes</source>
        <translation>Enter یا دوبار کلیک: باز کردن · Esc: بستن</translation>
    </message>
    <message>
        <source>Nothing found. Try fewer or shorter words.</source>
        <translation>چیزی پیدا نشد. واژه‌های کمتر یا کوتاه‌تری را بیازمایید.</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 نتیجه</translation>
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
<context>
    <name>pages</name>
    <message>
        <source>Activities</source>
        <translation>فعالیت‌ها</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
