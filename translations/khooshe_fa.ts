<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa" sourcelanguage="en">
<context>
    <name>ActionPlanPage</name>
    <message>
        <source>Action plan: target and actual</source>
        <translation>برنامه اقدام: هدف و عملکرد</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>خوشه:</translation>
    </message>
    <message>
        <source>New line</source>
        <translation>ردیف تازه</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>ویرایش</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>⚙ = counted automatically from the recorded activities</source>
        <translation>⚙ = شمارش خودکار از فعالیت‌های ثبت‌شده</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>اقدام</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>شاخص</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>مقدار پایه</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>هدف</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>عملکرد</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>پیشرفت</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>دوره</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>مسئول</translation>
    </message>
    <message>
        <source>This cluster has no action plan yet. Press “New line” to add its first action and target.</source>
        <translation>این خوشه هنوز برنامه اقدام ندارد. برای افزودن نخستین اقدام و هدف آن، «ردیف تازه» را بزنید.</translation>
    </message>
    <message>
        <source>Counted automatically from the records</source>
        <translation>به‌طور خودکار از سوابق شمرده شده است</translation>
    </message>
    <message>
        <source>The line was moved to the trash.</source>
        <translation>ردیف به سطل بازیافت رفت.</translation>
    </message>
</context>
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>All kinds</source>
        <translation>همه انواع</translation>
    </message>
    <message>
        <source>Agent whose records are shown</source>
        <translation>عاملی که رکوردهایش نشان داده می‌شود</translation>
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
        <source>Export to Excel</source>
        <translation>خروجی اکسل</translation>
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
        <source>No activity matches these filters. Clear the search or widen the dates.</source>
        <translation>هیچ فعالیتی با این پالایه‌ها جور نیست. جست‌وجو را پاک کنید یا بازه تاریخ را بازتر کنید.</translation>
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
        <source>All agents</source>
        <translation>همه عامل‌ها</translation>
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
    <message>
        <source>Activities</source>
        <translation>فعالیت‌ها</translation>
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
        <source>Print…</source>
        <translation>چاپ…</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>%1 جدید</translation>
    </message>
    <message>
        <source>Print minutes…</source>
        <translation>چاپ صورتجلسه…</translation>
    </message>
    <message>
        <source>Print attendance sheet…</source>
        <translation>چاپ فهرست حضور و غیاب…</translation>
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
        <source>Tick a photo to print it in the minutes and the performance report.</source>
        <translation>برای چاپ یک عکس در صورتجلسه و گزارش عملکرد، کنار آن تیک بزنید.</translation>
    </message>
    <message>
        <source>In the report: printed on the photo page of the minutes and the performance report</source>
        <translation>در گزارش: در صفحه عکس‌های صورتجلسه و گزارش عملکرد چاپ می‌شود</translation>
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
        <translation>تاریخ و ساعت</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>اندازه</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>تعداد رکورد</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>رمزدار</translation>
    </message>
    <message>
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>پشتیبان‌گیری همین حالا</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>بازیابی پشتیبان انتخاب‌شده…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تازه‌سازی</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>تنظیمات</translation>
    </message>
    <message>
        <source>Next to the database (backups folder)</source>
        <translation>کنار پایگاه داده (پوشه backups)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>پوشه پشتیبان‌ها</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> دقیقه</translation>
    </message>
    <message>
        <source>Automatic backup every</source>
        <translation>پشتیبان خودکار هر</translation>
    </message>
    <message>
        <source>Keep everything of the last (days)</source>
        <translation>نگه‌داشتن همه پشتیبان‌های روزهای اخیر (روز)</translation>
    </message>
    <message>
        <source>Then one per day, for (days)</source>
        <translation>سپس روزی یکی، به مدت (روز)</translation>
    </message>
    <message>
        <source>Then one per week, for (weeks)</source>
        <translation>سپس هفته‌ای یکی، به مدت (هفته)</translation>
    </message>
    <message>
        <source>Then one per month, for (months)</source>
        <translation>سپس ماهی یکی، به مدت (ماه)</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>ذخیره تنظیمات</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>پشتیبان‌گیری</translation>
    </message>
    <message>
        <source>Every backup is checked after it is written and carries the attachments. Backups are made automatically while you work and when the app closes.</source>
        <translation>هر پشتیبان پس از نوشته‌شدن بررسی می‌شود و پیوست‌ها را هم در بر دارد. هنگام کار و هنگام بستن برنامه، پشتیبان خودکار ساخته می‌شود.</translation>
    </message>
    <message>
        <source>No backup in this folder yet. Press “Back up now” to make the first one.</source>
        <translation>هنوز پشتیبانی در این پوشه نیست. برای ساختن نخستین پشتیبان، «پشتیبان‌گیری همین حالا» را بزنید.</translation>
    </message>
    <message>
        <source>Backups cannot be written to this folder: %1</source>
        <translation>در این پوشه نمی‌توان پشتیبان نوشت: %1</translation>
    </message>
    <message>
        <source>Backup settings saved.</source>
        <translation>تنظیمات پشتیبان‌گیری ذخیره شد.</translation>
    </message>
    <message>
        <source>Backups are made for SQLite databases only.</source>
        <translation>پشتیبان‌گیری فقط برای پایگاه داده SQLite (فایل روی همین رایانه) انجام می‌شود.</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>پوشه: %1</translation>
    </message>
    <message>
        <source>Checked, whole</source>
        <translation>بررسی‌شده و سالم</translation>
    </message>
    <message>
        <source>Encrypted (needs the password to check)</source>
        <translation>رمزدار (برای بررسی، رمز لازم است)</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>آسیب‌دیده</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>بله</translation>
    </message>
    <message>
        <source>No</source>
        <translation>خیر</translation>
    </message>
    <message>
        <source>Backup made and checked: %1</source>
        <translation>پشتیبان ساخته و بررسی شد: %1</translation>
    </message>
    <message>
        <source>It is not encrypted: anyone who gets the file can read all the data.</source>
        <translation>این پشتیبان رمزگذاری نشده است: هر کس به فایل دسترسی داشته باشد همه داده‌ها را می‌تواند بخواند.</translation>
    </message>
    <message>
        <source>Making a backup</source>
        <translation>در حال ساخت پشتیبان</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>بازیابی</translation>
    </message>
    <message>
        <source>The database will be replaced by the backup of %1. Everything recorded after it will no longer be in the database; a backup of the current database is made first, so it can be brought back.</source>
        <translation>پایگاه داده با پشتیبان %1 جایگزین می‌شود. آنچه پس از آن ثبت شده دیگر در پایگاه داده نخواهد بود؛ پیش از آن از پایگاه داده فعلی پشتیبان گرفته می‌شود تا بتوان آن را برگرداند.</translation>
    </message>
    <message>
        <source>Choose a backup in the list first.</source>
        <translation>نخست یک پشتیبان را در فهرست انتخاب کنید.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>رمز عبور</translation>
    </message>
    <message>
        <source>Password of this backup:</source>
        <translation>رمز عبور این پشتیبان:</translation>
    </message>
    <message>
        <source>Restored. The previous database was kept in: %1</source>
        <translation>بازیابی انجام شد. پایگاه داده پیشین در این فایل نگه داشته شد: %1</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>در حال بازیابی</translation>
    </message>
</context>
<context>
    <name>ClustersPage</name>
    <message>
        <source>Clusters</source>
        <translation>خوشه‌ها</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>خوشه</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>محصول</translation>
    </message>
    <message>
        <source>City</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>مرحله</translation>
    </message>
    <message>
        <source>Standing</source>
        <translation>وضعیت توسعه</translation>
    </message>
    <message>
        <source>Firms</source>
        <translation>بنگاه‌ها</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>فعالیت‌ها</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>آموزش‌ها</translation>
    </message>
    <message>
        <source>Exhibitions</source>
        <translation>نمایشگاه‌ها</translation>
    </message>
    <message>
        <source>Joint actions done</source>
        <translation>اقدامات مشترک انجام‌شده</translation>
    </message>
    <message>
        <source>Work on this cluster</source>
        <translation>کار روی این خوشه</translation>
    </message>
    <message>
        <source>Make the selected cluster the one the other pages show</source>
        <translation>خوشه انتخاب‌شده را خوشه جاری صفحه‌های دیگر کن</translation>
    </message>
    <message>
        <source>(no province)</source>
        <translation>(بدون استان)</translation>
    </message>
    <message>
        <source>not set: {n}</source>
        <translation>نامشخص: {n}</translation>
    </message>
    <message>
        <source>Province {province} — {counts}</source>
        <translation>استان {province} — {counts}</translation>
    </message>
    <message>
        <source>You are working on: {name}</source>
        <translation>خوشه جاری: {name}</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Open the follow-up page</source>
        <translation>رفتن به صفحه پیگیری مصوبات</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>پیشخوان</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>خوشه:</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>سال:</translation>
    </message>
    <message>
        <source>Meetings held</source>
        <translation>جلسات برگزارشده</translation>
    </message>
    <message>
        <source>Training courses</source>
        <translation>دوره‌های آموزشی</translation>
    </message>
    <message>
        <source>Tours and visits</source>
        <translation>تورها و بازدیدها</translation>
    </message>
    <message>
        <source>Exhibitions</source>
        <translation>نمایشگاه‌ها</translation>
    </message>
    <message>
        <source>Joint actions done</source>
        <translation>اقدامات مشترک انجام‌شده</translation>
    </message>
    <message>
        <source>Open resolutions</source>
        <translation>مصوبات باز</translation>
    </message>
    <message>
        <source>Overdue resolutions</source>
        <translation>مصوبات معوق</translation>
    </message>
    <message>
        <source>Member firms</source>
        <translation>بنگاه‌های عضو</translation>
    </message>
    <message>
        <source>New activity</source>
        <translation>فعالیت جدید</translation>
    </message>
    <message>
        <source>Next planned activities</source>
        <translation>فعالیت‌های برنامه‌ریزی‌شده پیش رو</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Nothing is planned from today on.</source>
        <translation>از امروز به بعد فعالیتی برنامه‌ریزی نشده است.</translation>
    </message>
    <message>
        <source>There is no cluster yet: add one on the Clusters page.</source>
        <translation>هنوز خوشه‌ای ثبت نشده است: در صفحه «خوشه‌ها» یک خوشه بیفزایید.</translation>
    </message>
    <message>
        <source>{participants} participants · {hours} person-hours</source>
        <translation>{participants} شرکت‌کننده · {hours} نفر-ساعت</translation>
    </message>
    <message>
        <source>{n} participants</source>
        <translation>{n} شرکت‌کننده</translation>
    </message>
    <message>
        <source>domestic {domestic} · international {international}</source>
        <translation>داخلی {domestic} · بین‌المللی {international}</translation>
    </message>
    <message>
        <source>all years; click to follow up</source>
        <translation>همه سال‌ها؛ برای پیگیری کلیک کنید</translation>
    </message>
    <message>
        <source>past their due date</source>
        <translation>مهلتشان گذشته است</translation>
    </message>
    <message>
        <source>No activity of this cluster is recorded in %1. Record one with “New activity”.</source>
        <translation>برای این خوشه در سال %1 فعالیتی ثبت نشده است. با «فعالیت جدید» یکی ثبت کنید.</translation>
    </message>
    <message>
        <source>Activities held per month</source>
        <translation>فعالیت‌های برگزارشده در هر ماه</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>فعالیت‌ها</translation>
    </message>
</context>
<context>
    <name>DirectoryPage</name>
    <message>
        <source>Firms and people</source>
        <translation>بنگاه‌ها و افراد</translation>
    </message>
    <message>
        <source>Only the firms of the current cluster</source>
        <translation>فقط بنگاه‌های خوشه جاری</translation>
    </message>
    <message>
        <source>Size class</source>
        <translation>اندازه بنگاه</translation>
    </message>
    <message>
        <source>Firms</source>
        <translation>بنگاه‌ها</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>نهادها</translation>
    </message>
    <message>
        <source>People</source>
        <translation>افراد</translation>
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
    <name>ExchangePage</name>
    <message>
        <source>Send a package</source>
        <translation>ارسال بسته</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>خوشه</translation>
    </message>
    <message>
        <source>empty: every record; otherwise the records changed since then</source>
        <translation>خالی: همه رکوردها؛ وگرنه رکوردهایی که از این تاریخ تغییر کرده‌اند</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>از تاریخ</translation>
    </message>
    <message>
        <source>e.g. Maryam Karimi, agent of the Lar cluster</source>
        <translation>مثلاً مریم کریمی، عامل خوشه لار</translation>
    </message>
    <message>
        <source>Agent name</source>
        <translation>نام عامل</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>اختیاری</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>رمز عبور</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>تکرار رمز عبور</translation>
    </message>
    <message>
        <source>Make package…</source>
        <translation>ساخت بسته…</translation>
    </message>
    <message>
        <source>Receive a package</source>
        <translation>دریافت بسته</translation>
    </message>
    <message>
        <source>only for an encrypted package</source>
        <translation>فقط برای بسته رمزگذاری‌شده</translation>
    </message>
    <message>
        <source>Choose package…</source>
        <translation>انتخاب بسته…</translation>
    </message>
    <message>
        <source>Package password</source>
        <translation>رمز عبور بسته</translation>
    </message>
    <message>
        <source>Choose a package: first you see what it would change; nothing is written until you press “Apply changes”.</source>
        <translation>بسته‌ای را انتخاب کنید: نخست می‌بینید چه چیزی را تغییر می‌دهد؛ تا «اعمال تغییرات» را نزنید چیزی نوشته نمی‌شود.</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>نوع رکورد</translation>
    </message>
    <message>
        <source>New</source>
        <translation>تازه</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>به‌روزشده</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>حذف‌شده</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>بی‌تغییر</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>تعارض</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>رکورد</translation>
    </message>
    <message>
        <source>Fields that differ</source>
        <translation>فیلدهای متفاوت</translation>
    </message>
    <message>
        <source>Changed here</source>
        <translation>تغییر در اینجا</translation>
    </message>
    <message>
        <source>Changed in the package</source>
        <translation>تغییر در بسته</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>نسخه ماندگار</translation>
    </message>
    <message>
        <source>Apply changes</source>
        <translation>اعمال تغییرات</translation>
    </message>
    <message>
        <source>Exchange with the provincial office</source>
        <translation>تبادل با دفتر استان</translation>
    </message>
    <message>
        <source>An agent sends her records to the provincial office as one package file; the office receives the packages of every agent into its database. Records are merged by their identity: receiving the same package twice changes nothing.</source>
        <translation>عامل رکوردهایش را در قالب یک فایل بسته برای دفتر استان می‌فرستد و دفتر بسته‌های همه عاملان را در پایگاه داده خود دریافت می‌کند. رکوردها بر اساس شناسه‌شان ادغام می‌شوند: دریافت دوباره یک بسته چیزی را تغییر نمی‌دهد.</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>همه خوشه‌ها</translation>
    </message>
    <message>
        <source>This package is encrypted: type its password in “Package password” and choose the package again.</source>
        <translation>این بسته رمزگذاری شده است: رمز عبور آن را در «رمز عبور بسته» بنویسید و بسته را دوباره انتخاب کنید.</translation>
    </message>
    <message>
        <source>The exchange failed; nothing was changed.</source>
        <translation>تبادل انجام نشد؛ چیزی تغییر نکرد.</translation>
    </message>
    <message>
        <source>Save the exchange package</source>
        <translation>ذخیره بسته تبادل</translation>
    </message>
    <message>
        <source>Khooshe exchange package (*.kxp)</source>
        <translation>بسته تبادل خوشه (*.kxp)</translation>
    </message>
    <message>
        <source>The date is not valid.</source>
        <translation>تاریخ درست نیست.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>دو رمز عبور یکسان نیستند.</translation>
    </message>
    <message>
        <source>Package written: %1 (%2 records%3).</source>
        <translation>بسته نوشته شد: %1 (%2 رکورد%3).</translation>
    </message>
    <message>
        <source>, encrypted</source>
        <translation>، رمزگذاری‌شده</translation>
    </message>
    <message>
        <source>The package is not encrypted: anyone who gets the file can read its records. Give a password to encrypt it.</source>
        <translation>این بسته رمزگذاری نشده است: هر کس به فایل دسترسی داشته باشد رکوردهای آن را می‌تواند بخواند. برای رمزگذاری، رمز عبور بدهید.</translation>
    </message>
    <message>
        <source>Warning: %1 attachment files were missing from the attachments folder and were not sent.</source>
        <translation>هشدار: فایل %1 پیوست در پوشه پیوست‌ها نبود و فرستاده نشد.</translation>
    </message>
    <message>
        <source>Making the exchange package</source>
        <translation>ساخت بسته تبادل</translation>
    </message>
    <message>
        <source>Choose an exchange package</source>
        <translation>انتخاب بسته تبادل</translation>
    </message>
    <message>
        <source>Khooshe exchange package (*.kxp);;All files (*)</source>
        <translation>بسته تبادل خوشه (*.kxp);;همه فایل‌ها (*)</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>در حال بررسی %1…</translation>
    </message>
    <message>
        <source>It changes nothing (it was received before).</source>
        <translation>چیزی را تغییر نمی‌دهد (پیش‌تر دریافت شده است).</translation>
    </message>
    <message>
        <source>Nothing has been written yet; press “Apply changes” to receive it.</source>
        <translation>هنوز چیزی نوشته نشده است؛ برای دریافت آن «اعمال تغییرات» را بزنید.</translation>
    </message>
    <message>
        <source>The package was not accepted; nothing was changed.</source>
        <translation>بسته پذیرفته نشد؛ چیزی تغییر نکرد.</translation>
    </message>
    <message>
        <source>Checking the exchange package</source>
        <translation>بررسی بسته تبادل</translation>
    </message>
    <message>
        <source>Choose a package and look at its preview first.</source>
        <translation>نخست بسته‌ای را انتخاب کنید و پیش‌نمایش آن را ببینید.</translation>
    </message>
    <message>
        <source>The package was received: %1 records changed.</source>
        <translation>بسته دریافت شد: %1 رکورد تغییر کرد.</translation>
    </message>
    <message>
        <source>Nothing changed (this package was received before).</source>
        <translation>چیزی تغییر نکرد (این بسته پیش‌تر دریافت شده است).</translation>
    </message>
    <message>
        <source>Backup made before receiving it: %1</source>
        <translation>پشتیبان پیش از دریافت: %1</translation>
    </message>
    <message>
        <source>The package was not received; nothing was changed.</source>
        <translation>بسته دریافت نشد؛ چیزی تغییر نکرد.</translation>
    </message>
    <message>
        <source>Receiving the exchange package</source>
        <translation>دریافت بسته تبادل</translation>
    </message>
    <message>
        <source>an agent without a name, cluster “%1”, computer “%2”</source>
        <translation>عامل بی‌نام، خوشه «%1»، رایانه «%2»</translation>
    </message>
    <message>
        <source>Package %1 from “%2”, made %3.</source>
        <translation>بسته %1 از «%2»، ساخته‌شده در %3.</translation>
    </message>
    <message>
        <source>The package&apos;s version</source>
        <translation>نسخه بسته</translation>
    </message>
    <message>
        <source>This database&apos;s version</source>
        <translation>نسخه این پایگاه داده</translation>
    </message>
    <message>
        <source>Conflicts (%1): both sides changed these records since the last exchange; the newer change is kept.</source>
        <translation>تعارض‌ها (%1): هر دو طرف این رکوردها را پس از تبادل قبلی تغییر داده‌اند؛ تغییر جدیدتر ماند.</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>تعارضی نیست.</translation>
    </message>
</context>
<context>
    <name>FollowupPage</name>
    <message>
        <source>Follow-up of resolutions</source>
        <translation>پیگیری مصوبات</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>خوشه:</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>نمایش:</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>باز</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>معوق</translation>
    </message>
    <message>
        <source>All</source>
        <translation>همه</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>ردیف</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>مصوبه</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>مسئول پیگیری</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>مهلت</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>روز تأخیر</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>جلسه</translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation>تاریخ جلسه</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>خوشه</translation>
    </message>
    <message>
        <source>No resolution to follow up here. Resolutions are recorded in a meeting’s form; choose “All” to see the done ones too.</source>
        <translation>مصوبه‌ای برای پیگیری در این فهرست نیست. مصوبه‌ها در فرم هر جلسه ثبت می‌شوند؛ برای دیدن مصوبه‌های انجام‌شده «همه» را برگزینید.</translation>
    </message>
    <message>
        <source>Double-click to open the meeting</source>
        <translation>برای باز کردن جلسه دوبار کلیک کنید</translation>
    </message>
    <message>
        <source>Follow-up note (optional)</source>
        <translation>یادداشت پیگیری (اختیاری)</translation>
    </message>
    <message>
        <source>Mark in progress</source>
        <translation>در جریان</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>انجام شد</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>باز کردن دوباره</translation>
    </message>
    <message>
        <source>Select a resolution first.</source>
        <translation>اول یک مصوبه را انتخاب کنید.</translation>
    </message>
    <message>
        <source>Resolution marked “{status}”.</source>
        <translation>وضعیت مصوبه «{status}» شد.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from Excel</source>
        <translation>ورود از اکسل</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>بازگشت</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>پیش‌نمایش</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>ورود</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Choose the Excel file of the history</source>
        <translation>فایل اکسل سابقه برنامه را انتخاب کنید</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>انتخاب فایل…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>ذخیره فایل الگو…</translation>
    </message>
    <message>
        <source>A workbook with the expected headers and one example row per kind</source>
        <translation>فایلی با عنوان ستون‌های موردانتظار و یک ردیف نمونه برای هر نوع فعالیت</translation>
    </message>
    <message>
        <source>File</source>
        <translation>فایل</translation>
    </message>
    <message>
        <source>From the file&apos;s “cluster” column</source>
        <translation>از ستون «خوشه» فایل</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>خوشه</translation>
    </message>
    <message>
        <source>One sheet per kind (meetings, training courses, tours, exhibitions) or a “kind” column; resolutions in a sheet named “مصوبات” with the meeting&apos;s row. Nothing is written before the preview.</source>
        <translation>برای هر نوع فعالیت یک برگه (جلسات، دوره‌های آموزشی، تورها، نمایشگاه‌ها) یا ستون «نوع فعالیت»؛ مصوبات در برگه‌ای به نام «مصوبات» با ستون «ردیف جلسه». پیش از پیش‌نمایش چیزی نوشته نمی‌شود.</translation>
    </message>
    <message>
        <source>Choose the Excel file</source>
        <translation>انتخاب فایل اکسل</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;All files (*)</source>
        <translation>فایل اکسل (*.xlsx);;همه فایل‌ها (*)</translation>
    </message>
    <message>
        <source>Save the template workbook</source>
        <translation>ذخیره فایل الگو</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>فایل اکسل (*.xlsx)</translation>
    </message>
    <message>
        <source>The template could not be saved: %1</source>
        <translation>فایل الگو ذخیره نشد: %1</translation>
    </message>
    <message>
        <source>Template saved: %1. Fill it in and choose it here.</source>
        <translation>فایل الگو ذخیره شد: %1. آن را پر کنید و همین‌جا انتخاب کنید.</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>فایل خوانده نشد.</translation>
    </message>
    <message>
        <source>Reading the Excel file</source>
        <translation>خواندن فایل اکسل</translation>
    </message>
    <message>
        <source>resolutions</source>
        <translation>مصوبات</translation>
    </message>
    <message>
        <source>kind from a column</source>
        <translation>نوع از ستون</translation>
    </message>
    <message>
        <source>“%1” (%2 rows, %3)</source>
        <translation>«%1» (%2 ردیف، %3)</translation>
    </message>
    <message>
        <source>Sheets: %1. Check the column of each field, then press “Preview”.</source>
        <translation>برگه‌ها: %1. ستون هر فیلد را بررسی کنید و سپس «پیش‌نمایش» را بزنید.</translation>
    </message>
    <message>
        <source>What</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>برگه</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>ردیف</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>ستون</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>توضیح</translation>
    </message>
    <message>
        <source>Choose the Excel file first.</source>
        <translation>نخست فایل اکسل را انتخاب کنید.</translation>
    </message>
    <message>
        <source>Checking the rows</source>
        <translation>بررسی ردیف‌ها</translation>
    </message>
    <message>
        <source>resolutions: %1</source>
        <translation>مصوبه: %1</translation>
    </message>
    <message>
        <source>participants: %1</source>
        <translation>شرکت‌کننده: %1</translation>
    </message>
    <message>
        <source>The file has %1 problems: fix them in the file and choose it again. Nothing is imported while one remains.</source>
        <translation>فایل %1 ایراد دارد: آن‌ها را در فایل درست کنید و فایل را دوباره انتخاب کنید. تا یک ایراد بماند، چیزی وارد نمی‌شود.</translation>
    </message>
    <message>
        <source>Nothing has been written yet; press “Import” to add all of it (a backup is made first).</source>
        <translation>هنوز چیزی نوشته نشده است؛ برای افزودن همه آن «ورود» را بزنید (پیش از آن پشتیبان گرفته می‌شود).</translation>
    </message>
    <message>
        <source>To import — %1.</source>
        <translation>برای ورود — %1.</translation>
    </message>
    <message>
        <source>New people (%1): %2</source>
        <translation>افراد تازه (%1): %2</translation>
    </message>
    <message>
        <source>New firms (%1): %2</source>
        <translation>بنگاه‌های تازه (%1): %2</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>ایراد</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>تکراری</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>بررسی کنید</translation>
    </message>
    <message>
        <source>Imported: %1 activities.</source>
        <translation>وارد شد: %1 فعالیت.</translation>
    </message>
    <message>
        <source>Backup made before importing: %1</source>
        <translation>پشتیبان پیش از ورود: %1</translation>
    </message>
    <message>
        <source>Importing from Excel</source>
        <translation>ورود از اکسل</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was written.</source>
        <translation>ورود لغو شد؛ چیزی نوشته نشد.</translation>
    </message>
    <message>
        <source>The import failed; nothing was written.</source>
        <translation>ورود انجام نشد؛ چیزی نوشته نشد.</translation>
    </message>
</context>
<context>
    <name>JalaliCalendarView</name>
    <message>
        <source>Previous month</source>
        <translation>ماه قبل</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>ماه بعد</translation>
    </message>
</context>
<context>
    <name>JalaliDateEdit</name>
    <message>
        <source>Write the date as year/month/day, for example 1404/10/06.</source>
        <translation>تاریخ را به شکل سال/ماه/روز بنویسید؛ مثلاً ۱۴۰۴/۱۰/۰۶.</translation>
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
    <name>JointActionsPage</name>
    <message>
        <source>Joint actions and achievements</source>
        <translation>اقدامات مشترک و دستاوردها</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>خوشه:</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>This is your first start: a demo cluster was added so you can look around. Its records are marked as demo data.</source>
        <translation>نخستین اجرای برنامه است: یک خوشه نمونه افزوده شد تا با برنامه آشنا شوید. رکوردهای آن داده نمونه‌اند.</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>در حال باز کردن پایگاه داده…</translation>
    </message>
    <message>
        <source>Unknown page “%1”. Pages: %2</source>
        <translation>صفحه «%1» شناخته نیست. صفحه‌ها: %2</translation>
    </message>
    <message>
        <source>The database was damaged. It was not changed: it was set aside as
%1</source>
        <translation>پایگاه داده آسیب دیده بود. به آن دست زده نشد و با این نام کنار گذاشته شد:
%1</translation>
    </message>
    <message>
        <source>Damaged database</source>
        <translation>پایگاه داده آسیب‌دیده</translation>
    </message>
    <message>
        <source>The newest whole backup is from %1. Restore it?</source>
        <translation>آخرین پشتیبان سالم مربوط به %1 است. بازیابی شود؟</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>بازیابی پشتیبان</translation>
    </message>
    <message>
        <source>No whole backup was found in %1. You can start with an empty database; the damaged file stays where it is.</source>
        <translation>هیچ پشتیبان سالمی در %1 پیدا نشد. می‌توانید با یک پایگاه داده خالی شروع کنید؛ فایل آسیب‌دیده همان‌جا می‌ماند.</translation>
    </message>
    <message>
        <source>The %1 other backups in that folder are of other databases and cannot restore this one.</source>
        <translation>%1 پشتیبان دیگر آن پوشه از پایگاه‌های داده دیگرند و این یکی را بازیابی نمی‌کنند.</translation>
    </message>
    <message>
        <source>Start with an empty database</source>
        <translation>شروع با پایگاه داده خالی</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
</context>
<context>
    <name>ListExport</name>
    <message>
        <source>Export to Excel</source>
        <translation>خروجی اکسل</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>فایل‌های اکسل (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting to Excel</source>
        <translation>در حال ساخت فایل اکسل</translation>
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
        <source>Import from Excel…</source>
        <translation>ورود از اکسل…</translation>
    </message>
    <message>
        <source>Bring in past meetings, training courses, tours and exhibitions from Excel</source>
        <translation>ورود جلسه‌ها، دوره‌های آموزشی، تورها و نمایشگاه‌های گذشته از فایل اکسل</translation>
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
    <name>MappingWidget</name>
    <message>
        <source>Columns of the activity sheets</source>
        <translation>ستون‌های برگه‌های فعالیت</translation>
    </message>
    <message>
        <source>Columns of the resolutions sheet</source>
        <translation>ستون‌های برگه مصوبات</translation>
    </message>
    <message>
        <source>— not in the file —</source>
        <translation>— در فایل نیست —</translation>
    </message>
</context>
<context>
    <name>PageParts</name>
    <message>
        <source>No activities in %1 yet: showing %2, the latest year with records.</source>
        <translation>در سال %1 هنوز فعالیتی ثبت نشده است؛ سال %2، آخرین سالی که فعالیت دارد، نمایش داده می‌شود.</translation>
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
    <name>RecordForm</name>
    <message>
        <source>Edit {kind}</source>
        <translation>ویرایش {kind}</translation>
    </message>
    <message>
        <source>New {kind}</source>
        <translation>{kind} تازه</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>ذخیره (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>(deleted record)</source>
        <translation>(رکورد حذف‌شده)</translation>
    </message>
    <message>
        <source>Size class: {size}</source>
        <translation>اندازه بنگاه: {size}</translation>
    </message>
    <message>
        <source>Nothing was saved. Correct the fields marked in red.</source>
        <translation>چیزی ذخیره نشد. خانه‌هایی را که با رنگ قرمز مشخص شده‌اند اصلاح کنید.</translation>
    </message>
    <message>
        <source>Saved: {title}</source>
        <translation>ذخیره شد: {title}</translation>
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
    <name>RecordTable</name>
    <message>
        <source>Filter…</source>
        <translation>پالایش…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>جدید</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>ویرایش</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Move to the trash (Delete)</source>
        <translation>انتقال به سطل بازیافت (Delete)</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>خروجی اکسل</translation>
    </message>
    <message>
        <source>Nothing here yet. Press “New” to add the first.</source>
        <translation>هنوز چیزی ثبت نشده است. برای افزودن نخستین مورد «جدید» را بزنید.</translation>
    </message>
    <message>
        <source>Nothing here yet.</source>
        <translation>هنوز چیزی ثبت نشده است.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>بازگردانی</translation>
    </message>
    <message>
        <source>No row matches the filter. Clear the filter box to see all rows.</source>
        <translation>هیچ ردیفی با پالایه جور نیست. برای دیدن همه ردیف‌ها کادر پالایش را پاک کنید.</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} ردیف</translation>
    </message>
    <message>
        <source>{shown} of {total} rows</source>
        <translation>{shown} از {total} ردیف</translation>
    </message>
    <message>
        <source>“{title}” was moved to the trash.</source>
        <translation>«{title}» به سطل بازیافت رفت.</translation>
    </message>
    <message>
        <source>“{title}” was restored.</source>
        <translation>«{title}» بازگردانده شد.</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>همه خوشه‌ها</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Report</source>
        <translation>گزارش</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>خوشه</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>سال</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>فصل</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>ماه</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>دلخواه</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>دوره</translation>
    </message>
    <message>
        <source>Year / part</source>
        <translation>سال / بخش</translation>
    </message>
    <message>
        <source>From</source>
        <translation>از</translation>
    </message>
    <message>
        <source>To</source>
        <translation>تا</translation>
    </message>
    <message>
        <source>Custom period</source>
        <translation>دوره دلخواه</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>جلسه</translation>
    </message>
    <message>
        <source>Training course</source>
        <translation>دوره آموزشی</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>استان</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>ساخت گزارش</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>چاپ…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>ذخیره با نام…</translation>
    </message>
    <message>
        <source>Save as Word…</source>
        <translation>ذخیره به Word…</translation>
    </message>
    <message>
        <source>An editable Word (.docx) copy of this report</source>
        <translation>نسخه Word (‏.docx) همین گزارش، قابل ویرایش</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>گزارش‌ها</translation>
    </message>
    <message>
        <source>No report yet. Choose a report and its period, then press “Generate”; the preview appears here.</source>
        <translation>هنوز گزارشی ساخته نشده است. گزارش و دوره آن را برگزینید و «ساخت گزارش» را بزنید؛ پیش‌نمایش اینجا دیده می‌شود.</translation>
    </message>
    <message>
        <source>Spring</source>
        <translation>بهار</translation>
    </message>
    <message>
        <source>Summer</source>
        <translation>تابستان</translation>
    </message>
    <message>
        <source>Autumn</source>
        <translation>پاییز</translation>
    </message>
    <message>
        <source>Winter</source>
        <translation>زمستان</translation>
    </message>
    <message>
        <source>Enter both the start and the end of the period.</source>
        <translation>آغاز و پایان دوره را هر دو وارد کنید.</translation>
    </message>
    <message>
        <source>Choose a cluster.</source>
        <translation>یک خوشه انتخاب کنید.</translation>
    </message>
    <message>
        <source>Choose a meeting.</source>
        <translation>یک جلسه انتخاب کنید.</translation>
    </message>
    <message>
        <source>Choose a training course.</source>
        <translation>یک دوره آموزشی انتخاب کنید.</translation>
    </message>
    <message>
        <source>Choose a province.</source>
        <translation>یک استان انتخاب کنید.</translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation>در حال ساخت گزارش…</translation>
    </message>
    <message>
        <source>Building the report</source>
        <translation>ساخت گزارش</translation>
    </message>
    <message>
        <source>Ready: %1 pages.</source>
        <translation>آماده: %1 صفحه.</translation>
    </message>
    <message>
        <source>The report could not be built.</source>
        <translation>گزارش ساخته نشد.</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>ذخیره گزارش</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>فایل‌های PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>فایل ذخیره نشد: %1</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>ذخیره شد: %1</translation>
    </message>
    <message>
        <source>Save as Word</source>
        <translation>ذخیره به Word</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>سند Word (*.docx)</translation>
    </message>
    <message>
        <source>The Word document could not be saved.</source>
        <translation>سند Word ذخیره نشد.</translation>
    </message>
    <message>
        <source>Saving the Word document</source>
        <translation>ذخیره سند Word</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>چاپگر آماده نشد.</translation>
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
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>تنظیمات</translation>
    </message>
    <message>
        <source>Organisation name:</source>
        <translation>نام سازمان:</translation>
    </message>
    <message>
        <source>Printed at the top of every report</source>
        <translation>بالای همه گزارش‌ها چاپ می‌شود</translation>
    </message>
    <message>
        <source>Letterhead:</source>
        <translation>سربرگ:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>نشان (لوگو):</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>زبان:</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>ذخیره تنظیمات</translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation>انتخاب نشان</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>تصویرها (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>تنظیمات ذخیره شد.</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <source>Trash</source>
        <translation>سطل بازیافت</translation>
    </message>
    <message>
        <source>Deleted records stay here until you restore them. Nothing is erased for good.</source>
        <translation>رکوردهای حذف‌شده تا زمانی که بازگردانده شوند اینجا می‌مانند؛ هیچ چیز برای همیشه پاک نمی‌شود.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Deleted at</source>
        <translation>زمان حذف</translation>
    </message>
    <message>
        <source>The trash is empty. A record you delete comes here, and you can restore it.</source>
        <translation>سطل بازیافت خالی است. هر رکوردی که حذف کنید به اینجا می‌آید و می‌توانید بازیابی‌اش کنید.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>بازگرداندن</translation>
    </message>
    <message>
        <source>“{title}” was restored.</source>
        <translation>«{title}» بازگردانده شد.</translation>
    </message>
</context>
<context>
    <name>UnsavedChanges</name>
    <message>
        <source>Unsaved changes</source>
        <translation>تغییرات ذخیره نشده</translation>
    </message>
    <message>
        <source>The changes are not saved. Save them before closing?</source>
        <translation>تغییرات ذخیره نشده‌اند. پیش از بستن ذخیره شوند؟</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>دور انداختن تغییرات</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>ادامه ویرایش</translation>
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
        <source>Action plan</source>
        <translation>برنامه اقدام</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>فعالیت‌ها</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>پشتیبان‌گیری</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>خوشه‌ها</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>پیشخوان</translation>
    </message>
    <message>
        <source>Firms and people</source>
        <translation>بنگاه‌ها و افراد</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>پیگیری مصوبات</translation>
    </message>
    <message>
        <source>Achievements</source>
        <translation>دستاوردها</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>گزارش‌ها</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>تنظیمات</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>سطل بازیافت</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>تبادل با دفتر استان</translation>
    </message>
</context>
</TS>
