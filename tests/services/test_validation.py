"""Every validation rule: the field is named in Persian and nothing is written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from models.entities import Activity, Person
from services import records
from services.errors import ValidationError
from services.validation import is_blank, valid_national_code


@pytest.fixture
def cluster(db):
    return records.create(db, "cluster", {"name": "خوشه آزمایشی", "province": "فارس"})


def make_training(db, cluster, **overrides):
    data = {"kind": "training", "cluster_id": cluster.id, "title": "دوره بسته‌بندی",
            "start_date": "1404/07/01", "hours": 8}
    data.update(overrides)
    return records.create(db, "activity", data)


def count(db, model) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {e.field: e.code for e in exc.value.errors}


def test_required_fields_are_named(db, cluster) -> None:
    with pytest.raises(ValidationError) as info:
        records.create(db, "activity", {"kind": "meeting", "cluster_id": cluster.id})
    assert errors_of(info) == {"title": "required", "start_date": "required"}
    assert "«عنوان»" in info.value.message and "«تاریخ شروع»" in info.value.message
    assert count(db, Activity) == 0


@pytest.mark.parametrize("blank", ["", "   ", "\u200c", "\u200c \u200c", "\u202b\u202c", "\t\n"])
def test_names_of_only_spaces_zwnj_or_bidi_controls_are_refused(db, blank) -> None:
    with pytest.raises(ValidationError) as info:
        records.create(db, "person", {"full_name": blank})
    assert errors_of(info) == {"full_name": "required"}
    assert count(db, Person) == 0


def test_end_date_before_start_date(db, cluster) -> None:
    with pytest.raises(ValidationError) as info:
        make_training(db, cluster, start_date="1404/07/10", end_date="1404/07/09")
    assert errors_of(info) == {"end_date": "end_before_start"}
    assert "«تاریخ پایان»" in info.value.message


def test_same_day_end_is_fine(db, cluster) -> None:
    view = make_training(db, cluster, start_date="1404/07/10", end_date="۱۴۰۴/۰۷/۱۰")
    assert view["end_date"] == view["start_date"] == date(2025, 10, 2)


def test_jalali_dates_must_exist(db, cluster) -> None:
    assert make_training(db, cluster, start_date="1403/12/30")["start_date"] == date(2025, 3, 20)
    with pytest.raises(ValidationError) as info:
        make_training(db, cluster, start_date="1404/12/30")
    assert errors_of(info) == {"start_date": "date_invalid"}
    assert "«تاریخ شروع»" in info.value.message and "۲۹" in info.value.message


@pytest.mark.parametrize("text", ["1404/07/15", "۱۴۰۴/۰۷/۱۵", "١٤٠٤/٠٧/١٥", "1404-7-15", " ۱۴۰۴/۷/۱۵ "])
def test_dates_in_any_digit_script(db, cluster, text) -> None:
    assert make_training(db, cluster, start_date=text)["start_date"] == date(2025, 10, 7)


def test_counts_and_amounts_cannot_be_negative(db, cluster) -> None:
    with pytest.raises(ValidationError) as info:
        records.create(db, "activity", {
            "kind": "exhibition", "cluster_id": cluster.id, "title": "نمایشگاه",
            "start_date": "1404/01/20", "contracts_count": -1, "cost_total": "-5"})
    assert errors_of(info) == {"contracts_count": "negative", "cost_total": "negative"}


def test_hours_must_be_positive(db, cluster) -> None:
    for bad in (0, "0", -2):
        with pytest.raises(ValidationError) as info:
            make_training(db, cluster, hours=bad)
        assert errors_of(info) == {"hours": "not_positive"}
    assert make_training(db, cluster, hours="۱۲٫۵")["hours"] == 12.5


def test_amounts_in_any_digit_script_with_separators(db, cluster) -> None:
    view = make_training(db, cluster, cost_total="۱٬۲۰۰٬۰۰۰", subsidy_amount="٨٠٠,٠٠٠")
    assert view["cost_total"] == 1_200_000 and view["subsidy_amount"] == 800_000
    with pytest.raises(ValidationError) as info:
        make_training(db, cluster, cost_total="دوازده")
    assert errors_of(info) == {"cost_total": "number_invalid"}


def test_national_code_checksum(db) -> None:
    assert valid_national_code("0013542419")
    assert not valid_national_code("0013542418")
    assert not valid_national_code("1111111111")
    view = records.create(db, "person", {"full_name": "مریم احمدی", "national_code": "۰۰۱۳۵۴۲۴۱۹"})
    assert view["national_code"] == "0013542419"
    with pytest.raises(ValidationError) as info:
        records.create(db, "person", {"full_name": "مریم احمدی", "national_code": "0013542418"})
    assert errors_of(info) == {"national_code": "national_code_invalid"}
    assert "«کد ملی»" in info.value.message


def test_firm_national_id_has_eleven_digits(db, cluster) -> None:
    view = records.create(db, "firm", {"name": "بنگاه الف", "national_id": "۱۴۰۰۳۸۵۶۷۲۱"})
    assert view["national_id"] == "14003856721"
    for bad in ("1234567890", "123456789012", "1400385672a"):
        with pytest.raises(ValidationError) as info:
            records.create(db, "firm", {"name": "بنگاه ب", "national_id": bad})
        assert errors_of(info) == {"national_id": "national_id_invalid"}


def test_choice_accepts_code_or_persian_label(db, cluster) -> None:
    assert make_training(db, cluster, domain="صادراتی")["domain"] == "export"
    with pytest.raises(ValidationError) as info:
        make_training(db, cluster, domain="آشپزی")
    assert errors_of(info) == {"domain": "choice_invalid"}
    # The allowed labels one per line, not joined with «،» (labels may hold «،» themselves).
    from models.vocab import TRAINING_DOMAINS

    lines = info.value.message.splitlines()
    assert lines[1:] == [f"  - {fa}" for fa in TRAINING_DOMAINS.values()]


def test_reference_must_exist_and_not_be_in_trash(db, cluster) -> None:
    with pytest.raises(ValidationError) as info:
        make_training(db, cluster, cluster_id="no-such-id")
    assert errors_of(info) == {"cluster_id": "ref_missing"}
    records.delete(db, "cluster", cluster.id)
    with pytest.raises(ValidationError):
        make_training(db, cluster)


def test_nul_is_refused_other_odd_text_is_stored_verbatim(db) -> None:
    with pytest.raises(ValidationError) as info:
        records.create(db, "person", {"full_name": "علی\x00رضا"})
    assert errors_of(info) == {"full_name": "invalid_char"}
    odd = "\u202eعلی\u2066 😀 é\r\nرضا"
    assert records.create(db, "person", {"full_name": odd})["full_name"] == odd


def test_too_long_text_is_refused_with_the_limit(db) -> None:
    with pytest.raises(ValidationError) as info:
        records.create(db, "person", {"full_name": "ب" * 10_000})
    assert errors_of(info) == {"full_name": "too_long"}
    assert "۲۰۰" in info.value.message


def test_time_email_phone(db, cluster) -> None:
    assert make_training(db, cluster, start_time="۹:۳۰")["start_time"] == "09:30"
    with pytest.raises(ValidationError):
        make_training(db, cluster, start_time="25:00")
    view = records.create(db, "organisation", {"name": "اتاق", "phone": "۰۷۱-۳۲۲۲۲۲۲۲",
                                               "email": "info@example.ir"})
    assert view["phone"] == "071-32222222"
    with pytest.raises(ValidationError) as info:
        records.create(db, "organisation", {"name": "اتاق", "email": "not-an-email"})
    assert errors_of(info) == {"email": "email_invalid"}


def test_update_validates_the_merged_record(db, cluster) -> None:
    view = make_training(db, cluster, start_date="1404/07/10")
    with pytest.raises(ValidationError) as info:
        records.update(db, "activity", view.id, {"end_date": "1404/07/01"})
    assert errors_of(info) == {"end_date": "end_before_start"}
    assert records.get(db, "activity", view.id)["end_date"] is None
    with pytest.raises(ValidationError):
        records.update(db, "activity", view.id, {"title": "  "})
    assert records.get(db, "activity", view.id).title == "دوره بسته‌بندی"


def test_is_blank() -> None:
    assert is_blank("\u200c\u200c ") and not is_blank("ا")
