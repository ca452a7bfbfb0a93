# ruff: noqa: F811 — pytest fixtures imported from other test modules are redefined as parameters
"""Online submission: the form from the components, drafts that keep what passed, refused files with
a Vietnamese message, one dossier for a form posted twice, the receipt page, PDF and e-mail."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from congso.catalog.models import AgencyProcedure
from congso.core.clock import vn
from congso.documents.models import StoredFile
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier
from congso.dossiers.tests.conftest import applicant, make_procedure, world  # noqa: F401
from congso.dossiers.tests.test_citizen import PDF, PNG, citizen_user, procedure, var_dir  # noqa: F401
from congso.portal.models import SubmissionDraft

URL = "/nop-ho-so/1.001622/"


def pdf(name="to-khai.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def png(name="anh.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture
def signed_in(client, citizen_user):
    client.force_login(citizen_user)
    return client


def token_of(page) -> str:
    return re.search(r'name="token" value="([^"]+)"', page.text).group(1)


def form(page, **extra) -> dict:
    return {"token": token_of(page), "agency": "", "phone": "0905123456", "email": "an@example.vn", **extra}


def test_anonymous_visitors_are_sent_to_the_citizen_sign_in(client, procedure):
    response = client.get(URL)
    assert response.status_code == 302 and response.url == f"/tai-khoan/dang-nhap/?next={URL}"


def test_form_lists_components_marks_mandatory_and_prefills(signed_in, world, procedure):
    page = signed_in.get(URL)
    assert page.status_code == 200
    assert "Tờ khai đề nghị hỗ trợ" in page.text and page.text.count("(bắt buộc)") >= 2
    assert 'value="0905123456"' in page.text and 'value="an@example.vn"' in page.text
    assert f'<option value="{world.justice.id}" selected>' in page.text  # the only agency offering it


def test_submit_creates_one_dossier_even_when_posted_twice(
    signed_in,
    world,
    procedure,
    citizen_user,
    django_capture_on_commit_callbacks,
):
    page = signed_in.get(URL)
    data = form(
        page, agency=world.justice.id, action="submit", tep_1=pdf(), tep_2=png(), summary="Xin hỗ trợ"
    )
    with (
        time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = signed_in.post(URL, data)
    dossier = Dossier.objects.get()
    assert first.status_code == 302 and first.url == f"/ho-so-cua-toi/{dossier.code}/da-nop/"
    assert dossier.status == Status.SUBMITTED and dossier.applicant.user == citizen_user
    again = signed_in.post(
        URL, form(page, agency=world.justice.id, action="submit", tep_1=pdf(), tep_2=png())
    )
    assert again.status_code == 302 and again.url == first.url and Dossier.objects.count() == 1
    receipt = signed_in.get(first.url)
    assert dossier.code in receipt.text and "Bạn đã nộp hồ sơ thành công" in receipt.text
    assert "to-khai.pdf" in receipt.text and "anh.png" in receipt.text
    pdf_page = signed_in.get(f"/ho-so-cua-toi/{dossier.code}/giay-xac-nhan.pdf")
    assert pdf_page.status_code == 200 and pdf_page.content.startswith(b"%PDF-")
    assert len(mail.outbox) == 1 and dossier.code in mail.outbox[0].body
    assert mail.outbox[0].to == ["an@example.vn"]
    # A fresh visit starts a new draft with a new token.
    assert token_of(signed_in.get(URL)) != token_of(page)


def test_draft_keeps_good_files_when_another_is_refused(signed_in, world, procedure):
    page = signed_in.get(URL)
    disguised = SimpleUploadedFile("anh.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    saved = signed_in.post(
        URL, form(page, agency=world.justice.id, action="save", tep_1=pdf(), tep_2=disguised)
    )
    assert saved.status_code == 400 and "Chỉ nhận tệp PDF, JPEG hoặc PNG." in saved.text
    assert 'id="id_tep_2-loi"' in saved.text and "Đã tải lên" in saved.text and "to-khai.pdf" in saved.text
    draft = SubmissionDraft.objects.get()
    assert set(draft.files) == {"1"} and draft.agency_id == world.justice.id
    # Submitting without the second mandatory file: refused with the field marked, nothing lost.
    refused = signed_in.post(URL, form(page, agency=world.justice.id, action="submit"))
    assert refused.status_code == 400 and "Còn thiếu giấy tờ bắt buộc" in refused.text
    assert not Dossier.objects.exists() and "to-khai.pdf" in refused.text
    done = signed_in.post(URL, form(page, agency=world.justice.id, action="submit", tep_2=png()))
    assert done.status_code == 302 and Dossier.objects.count() == 1
    assert StoredFile.objects.filter(subject__startswith="dossier:").count() == 2


def test_oversized_file_is_refused_with_a_vietnamese_message(signed_in, world, procedure, settings):
    page = signed_in.get(URL)
    big = SimpleUploadedFile(
        "scan.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    response = signed_in.post(URL, form(page, agency=world.justice.id, action="save", tep_1=big))
    assert response.status_code == 400 and "lớn hơn 10 MB" in response.text
    assert not StoredFile.objects.exists()


def test_junk_values_and_a_stale_token_get_messages_not_errors(signed_in, world, procedure):
    page = signed_in.get(URL)
    junk = signed_in.post(URL, form(page, agency="99999", phone="abc", email="x@", action="submit"))
    assert junk.status_code == 400 and "Vui lòng chọn cơ quan trong danh sách." in junk.text
    assert "Số điện thoại di động gồm 10 chữ số" in junk.text and not Dossier.objects.exists()
    stale = signed_in.post(URL, {"token": "khong-ton-tai", "action": "submit"})
    assert stale.status_code == 400 and "Biểu mẫu đã hết hạn" in stale.text


def test_a_procedure_without_online_channel_says_so(signed_in, world, procedure):
    offline = make_procedure("1.000001", online=False)
    AgencyProcedure.objects.create(agency=world.justice, procedure=offline)
    page = signed_in.get("/nop-ho-so/1.000001/")
    assert page.status_code == 200 and "không tiếp nhận hồ sơ trực tuyến" in page.text
    assert 'name="token"' not in page.text
    assert signed_in.get("/nop-ho-so/9.999999/").status_code == 404
