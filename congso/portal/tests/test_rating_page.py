"""The rating page: only after the result is returned, once, levels RẤT HÀI LÒNG / HÀI LÒNG /
KHÔNG HÀI LÒNG (domain.md §10)."""

from __future__ import annotations

import pytest
import time_machine

from congso.core.clock import vn
from congso.dossiers import services
from congso.dossiers.models import Dossier
from congso.feedback.models import DossierRating
from congso.identity.choices import Role


@pytest.fixture
def dossier(world, applicant):
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        return services.receive_at_counter(
            actor=world.officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )


def test_rating_after_return_once(client, dossier):
    url = f"/danh-gia/{dossier.code}/"
    assert "Tiếp tục" in client.get(url).text  # asks for the phone first
    assert client.post(url, {"secret": "056090001234"}).status_code == 302
    early = client.get(url)
    assert "sau khi hồ sơ được trả kết quả" in early.text and "RẤT HÀI LÒNG" not in early.text
    assert client.post(url, {"level": "2"}).status_code == 200 and not DossierRating.objects.exists()
    Dossier.objects.filter(pk=dossier.pk).update(status=10)  # the result was returned
    form = client.get(url)
    assert "RẤT HÀI LÒNG" in form.text and "KHÔNG HÀI LÒNG" in form.text and "<legend>" in form.text
    bad = client.post(url, {"level": "7"})
    assert "Vui lòng chọn mức độ hài lòng" in bad.text and not DossierRating.objects.exists()
    done = client.post(url, {"level": "1", "comment": "Cán bộ hướng dẫn tận tình"})
    assert "Cảm ơn bạn đã đánh giá" in done.text and "Hài lòng" in done.text
    rating = DossierRating.objects.get()
    assert rating.level == 1 and rating.agency_id == dossier.agency_id and rating.dossier_id == dossier.pk
    client.post(url, {"level": "0"})
    assert DossierRating.objects.get().level == 1


def test_junk_never_errors(client, dossier):
    url = f"/danh-gia/{dossier.code}/"
    client.post(url, {"secret": "0905123456"})
    Dossier.objects.filter(pk=dossier.pk).update(status=10)
    for data in ({"level": "😀"}, {"level": "1", "comment": "x" * 5000}, {}, {"level": "1.5"}):
        assert client.post(url, data).status_code == 200
    assert not DossierRating.objects.exists()
    assert client.post(url, {"level": ["1", "2"]}).status_code == 200  # the last value wins, once
    assert DossierRating.objects.count() == 1
