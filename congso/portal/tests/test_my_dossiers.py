# ruff: noqa: F811 — pytest fixtures imported from other test modules are redefined as parameters
"""Hồ sơ của tôi: only one's own dossiers; a supplement request shown and answered with files; the
files readable by their citizen and by officers of the dossier, a 404 for everyone else."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congso.core.clock import vn
from congso.documents.models import StoredFile
from congso.dossiers import citizen, services
from congso.dossiers.choices import Status
from congso.dossiers.tests.conftest import applicant, world  # noqa: F401
from congso.dossiers.tests.test_citizen import PDF, citizen_user, procedure, submit, var_dir  # noqa: F401
from congso.identity import services as identity
from congso.identity.choices import Role
from congso.identity.models import User

ITEM = "Bản sao giấy khai sinh của trẻ"


@pytest.fixture
def dossier(world, procedure, citizen_user):
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        return submit(world, citizen_user)


@pytest.fixture
def stranger(db):
    user = User.objects.create_user(username="056090009999", password="x")
    identity.find_or_create_applicant(full_name="Trần Thị Bình", id_number="056090009999", user=user)
    return user


def request_supplement(world, dossier):
    clerk = world.officers[Role.RECEIVING_OFFICER].user
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        services.act(actor=clerk, code=dossier.code, action="accept")
        services.act(
            actor=clerk, code=dossier.code, action="request_supplement", reason="Thiếu giấy", items=[ITEM]
        )


def test_list_shows_only_my_dossiers_in_a_fixed_number_of_queries(
    client, world, dossier, citizen_user, stranger
):
    client.force_login(citizen_user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/ho-so-cua-toi/")
    assert page.status_code == 200 and dossier.code in page.text and "Mới đăng ký" in page.text
    assert len(queries) <= 6  # session, user, applicant, the list: never one per dossier
    client.force_login(stranger)
    assert dossier.code not in client.get("/ho-so-cua-toi/").text


def test_a_stranger_gets_404_for_the_dossier_its_files_and_its_pdf(client, dossier, stranger):
    client.force_login(stranger)
    stored = StoredFile.objects.filter(subject=f"dossier:{dossier.code}").first()
    for url in (
        f"/ho-so-cua-toi/{dossier.code}/",
        f"/ho-so-cua-toi/{dossier.code}/da-nop/",
        f"/ho-so-cua-toi/{dossier.code}/giay-xac-nhan.pdf",
        f"/tep/{stored.public_id}/",
        "/tep/khong-co-tep-nay-dau-123/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Nguyễn Văn An" not in response.content.decode()
    answer = client.post(f"/ho-so-cua-toi/{dossier.code}/bo-sung/", {})
    assert answer.status_code == 404


def test_files_for_the_owner_and_officers_of_the_dossier_only(client, world, dossier, citizen_user):
    stored = StoredFile.objects.filter(subject=f"dossier:{dossier.code}").first()
    url = f"/tep/{stored.public_id}/"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(citizen_user)
    mine = client.get(url)
    assert mine.status_code == 200 and b"".join(mine.streaming_content) == PDF
    assert mine["Content-Type"] == "application/pdf" and mine["X-Content-Type-Options"] == "nosniff"
    client.force_login(world.officers[Role.SPECIALIST].user)
    assert client.get(url).status_code == 200
    client.force_login(world.outsider.user)  # every role, but in another province's agency
    assert client.get(url).status_code == 404


def test_supplement_is_shown_answered_and_then_received_by_the_officer(client, world, dossier, citizen_user):
    request_supplement(world, dossier)
    client.force_login(citizen_user)
    page = client.get(f"/ho-so-cua-toi/{dossier.code}/")
    assert "Yêu cầu bổ sung hồ sơ" in page.text and ITEM in page.text and 'name="bs_0"' in page.text
    empty = client.post(f"/ho-so-cua-toi/{dossier.code}/bo-sung/", {})
    assert empty.status_code == 400 and "ít nhất một tệp" in empty.text
    html = SimpleUploadedFile(
        "khai-sinh.pdf", b"<html><script>x</script></html>", content_type="application/pdf"
    )
    disguised = client.post(f"/ho-so-cua-toi/{dossier.code}/bo-sung/", {"bs_0": html})
    assert disguised.status_code == 400 and "Chỉ nhận tệp PDF, JPEG hoặc PNG." in disguised.text
    assert 'id="id_bs_0-loi"' in disguised.text
    good = SimpleUploadedFile("khai-sinh.pdf", PDF, content_type="application/pdf")
    with time_machine.travel(vn(2026, 3, 3, 9, 0), tick=False):
        sent = client.post(f"/ho-so-cua-toi/{dossier.code}/bo-sung/", {"bs_0": good})
    assert sent.status_code == 302 and sent.url.endswith("?da_gui=1")
    after = client.get(sent.url)
    assert "Đã gửi hồ sơ bổ sung" in after.text and "Bổ sung" in after.text
    assert StoredFile.objects.filter(purpose="supplement").count() == 1
    clerk = world.officers[Role.RECEIVING_OFFICER].user
    services.act(actor=clerk, code=dossier.code, action="receive_supplement")
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED and citizen.open_supplement(dossier) is None
    late = client.post(f"/ho-so-cua-toi/{dossier.code}/bo-sung/", {"bs_0": good})
    assert late.status_code == 409 and "không còn ở trạng thái chờ bổ sung" in late.text
    receipt = client.get(f"/ho-so-cua-toi/{dossier.code}/giay-xac-nhan.pdf")  # now form 01
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF-")
    assert "giay-tiep-nhan" in receipt["Content-Disposition"]


def test_the_attachments_template_renders_for_officers(world, dossier):
    from django.template.loader import render_to_string

    html = render_to_string("portal/_attachments.html", {"attachments": citizen.attachments(dossier)})
    assert "Tệp công dân đã gửi" in html and "/tep/" in html and "to-khai.pdf" in html
