"""import_procedures: creation, idempotency, versioning, malformed lines, the management command."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from congso.catalog.choices import Channel, FeeKind, LimitsSource, ReviewCode, TimeUnit
from congso.catalog.models import FeeLine, Field, Procedure, ProcedureVersion, RequiredDocument
from congso.catalog.services import import_procedures, record_limits
from congso.core.errors import Conflict

pytestmark = pytest.mark.django_db


def version_of(code: str) -> ProcedureVersion:
    return Procedure.objects.select_related("current_version").get(code=code).current_version


def test_sample_imports_with_fields_documents_fees_and_limits(sample_lines):
    report = import_procedures(sample_lines, source_name="sample.jsonl")

    assert (report.created, report.new_versions, report.unchanged, report.errors) == (8, 0, 0, [])
    assert Procedure.objects.count() == ProcedureVersion.objects.count() == 8
    assert Field.objects.filter(name="Hải quan").count() == 1  # shared by two procedures

    lunch = version_of("1.001622")
    assert (lunch.days_direct, lunch.days_online, lunch.time_unit) == (
        Decimal(24),
        Decimal(24),
        TimeUnit.WORKING_DAY,
    )
    assert lunch.field.name == "Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân"
    assert lunch.levels == ["xa"]
    assert lunch.number == 1 and len(lunch.content_hash) == 64
    assert lunch.raw["code"] == "1.001622" and lunch.source_name == "sample.jsonl"
    assert lunch.documents.count() == 8
    assert lunch.documents.first().group.startswith("Trẻ em không có nguồn nuôi dưỡng")
    assert list(lunch.fees.values_list("kind", "amount_vnd", "exempt")) == [(FeeKind.CHARGE, 0, True)]

    weapons = version_of("1.013437")
    fee = weapons.fees.get()
    assert (fee.channel, fee.amount_vnd, fee.exempt) == (Channel.ALL, 10_000, False)
    assert weapons.online_submission is True
    assert weapons.methods == ["Trực tuyến", "Dịch vụ bưu chính", "Trực tiếp"]

    customs = version_of("3.000143")
    assert (customs.days_direct, customs.days_online, customs.time_unit) == (None, Decimal(8), TimeUnit.HOUR)
    assert version_of("2.000927").same_day is True


def test_unreadable_limits_flag_the_procedure_for_review(sample_lines):
    report = import_procedures(sample_lines, source_name="sample.jsonl")

    flagged = dict(Procedure.objects.filter(needs_review=True).values_list("code", "review_code"))
    assert flagged == {
        "1.000368": ReviewCode.NO_UNIT,  # "Trực tuyến: 1; Dịch vụ bưu chính: 1; Trực tiếp: 1"
        "1.014971": ReviewCode.MISSING,  # name + field only
        "1.001010": ReviewCode.MONTHS,  # "Trực tiếp: 6 Tháng" → 180 days, to confirm
    }
    assert report.flagged == 3
    assert version_of("1.001010").days_direct == Decimal(180)
    reason = Procedure.objects.get(code="1.000368").review_reason
    assert "không ghi đơn vị" in reason
    assert report.limits == {"working_day": 3, "hour": 1, "same_day": 1, "calendar_day": 1, "none": 2}


def test_second_run_changes_nothing(sample_lines):
    import_procedures(sample_lines, source_name="sample.jsonl")
    counts = (ProcedureVersion.objects.count(), RequiredDocument.objects.count(), FeeLine.objects.count())

    again = import_procedures(sample_lines, source_name="sample.jsonl")

    assert (again.created, again.new_versions, again.unchanged, again.flagged) == (0, 0, 8, 3)
    assert (
        ProcedureVersion.objects.count(),
        RequiredDocument.objects.count(),
        FeeLine.objects.count(),
    ) == counts


def test_changed_record_creates_version_two_and_keeps_version_one(sample_lines, sample_records):
    import_procedures(sample_lines, source_name="sample.jsonl")
    first = version_of("1.013437")
    first_snapshot = (
        first.content_hash,
        first.fee_text,
        list(first.fees.values_list("amount_vnd", flat=True)),
    )

    changed = {**sample_records["1.013437"], "fee_text": "Trực tiếp: 20,000 Việt Nam Đồng"}
    lines = [
        json.dumps(changed, ensure_ascii=False) if json.loads(line)["code"] == "1.013437" else line
        for line in sample_lines
    ]
    report = import_procedures(lines, source_name="sample-v2.jsonl")

    assert (report.created, report.new_versions, report.unchanged) == (0, 1, 7)
    second = version_of("1.013437")
    assert second.number == 2 and second.pk != first.pk
    assert second.fees.get().amount_vnd == 20_000
    first.refresh_from_db()  # a dossier received under version 1 still sees version 1 exactly
    assert (
        first.content_hash,
        first.fee_text,
        list(first.fees.values_list("amount_vnd", flat=True)),
    ) == first_snapshot
    assert first.documents.count() == second.documents.count() == 1
    assert list(Procedure.objects.get(code="1.013437").versions.values_list("number", flat=True)) == [1, 2]


def test_versions_cannot_be_edited_in_place(sample_lines):
    import_procedures(sample_lines[:1], source_name="sample.jsonl")
    version = version_of("1.001622")
    version.name = "Tên khác"
    with pytest.raises(Conflict) as caught:
        version.save()
    assert caught.value.code == "version_immutable"


def test_malformed_lines_are_reported_and_skipped(sample_lines, write_jsonl):
    good = sample_lines[:3]
    lines = [
        good[0],
        '{"code": "1.000656", "name": ',  # 2: truncated
        "",  # 3: blank, ignored
        '{"name": "Thủ tục không mã"}',  # 4
        '{"code": "1.0133611", "name": "Mã bảy chữ số"}',  # 5: the README's malformed code
        good[1],
        '{"code": "1.000657"}',  # 7
        good[0],  # 8: same code again
        good[2],
    ]
    report = import_procedures(lines, source_name="broken.jsonl")

    assert [(e.line, e.code) for e in report.errors] == [
        (2, "invalid_json"),
        (4, "missing_code"),
        (5, "invalid_code"),
        (7, "missing_name"),
        (8, "duplicate_code"),
    ]
    assert "Dòng 5" in report.errors[2].message and "1.0133611" in report.errors[2].message
    assert report.created == 3 and Procedure.objects.count() == 3
    assert report.lines == 9


def test_small_batches_give_the_same_result(sample_lines):
    report = import_procedures(sample_lines, source_name="sample.jsonl", batch_size=3)
    seen = []
    again = import_procedures(
        sample_lines, source_name="sample.jsonl", batch_size=3, progress=lambda r: seen.append(r.lines)
    )
    assert report.created == 8 and again.unchanged == 8
    assert seen == [3, 6, 8]


def test_admin_limits_survive_reimport_until_the_time_text_changes(sample_lines, sample_records):
    import_procedures(sample_lines, source_name="sample.jsonl")
    record_limits(
        procedure=Procedure.objects.get(code="1.000368"), days=1, unit="working_day", actor_note="QĐ 1234"
    )

    same = import_procedures(sample_lines, source_name="sample.jsonl")
    assert same.unchanged == 8 and not Procedure.objects.get(code="1.000368").needs_review

    record = sample_records["1.000368"]
    fee_changed = {**record, "fee_text": "Trực tiếp: Miễn phí"}
    import_procedures([json.dumps(fee_changed, ensure_ascii=False)], source_name="fees.jsonl")
    kept = version_of("1.000368")
    assert (kept.number, kept.days_direct, kept.limits_source) == (3, Decimal(1), LimitsSource.ADMIN)
    assert not Procedure.objects.get(code="1.000368").needs_review

    time_changed = {**fee_changed, "processing_time_text": "Trực tuyến: 2; Trực tiếp: 2"}
    import_procedures([json.dumps(time_changed, ensure_ascii=False)], source_name="time.jsonl")
    reparsed = version_of("1.000368")
    assert (reparsed.number, reparsed.days_direct, reparsed.limits_source) == (4, None, LimitsSource.PARSED)
    assert Procedure.objects.get(code="1.000368").needs_review


def test_command_prints_summary_and_errors(write_jsonl, sample_lines):
    path = write_jsonl([*sample_lines[:2], "không phải JSON"])
    out, err = StringIO(), StringIO()
    call_command("import_procedures", str(path), stdout=out, stderr=err)
    assert "mới 2" in out.getvalue() and "lỗi 1" in out.getvalue()
    assert "[invalid_json] Dòng 3" in err.getvalue()


def test_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_procedures", str(tmp_path / "khong-co.jsonl"))
