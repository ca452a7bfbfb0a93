"""An officer of another agency — in another province or in the same one — cannot see or act on a dossier
by any page or endpoint: every route answers as if the dossier did not exist, and nothing changes."""

from __future__ import annotations

import pytest
import time_machine

from congso.core.clock import vn
from congso.dossiers import services
from congso.dossiers.models import Dossier, DossierEvent
from congso.identity import services as identity
from congso.identity.choices import Role

PAGES = [
    "/mot-cua/ho-so/{code}/",
    *[
        f"/mot-cua/ho-so/{{code}}/phieu/{form}.pdf"
        for form in ("tiep-nhan", "bo-sung", "tu-choi", "xin-loi", "kiem-soat")
    ],
    "/api/v1/dossiers/{code}",
]


@pytest.fixture
def dossier(world, applicant):
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        return services.receive_at_counter(
            actor=world.officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )


@pytest.fixture(params=["other_province", "same_province_commune"])
def stranger(request, world):
    if request.param == "other_province":
        return world.outsider.user
    # Every role a commune committee can hold (a province administrator reads the whole province by design).
    roles = [r for r in Role if r != Role.PROVINCE_ADMIN]
    return identity.create_officer(
        actor=None,
        agency=world.commune,
        username="ubnd_phuong",
        full_name="Cán bộ phường",
        roles=roles,
        password=None,
    ).user


def test_no_page_or_endpoint_reveals_or_changes_another_agencys_dossier(client, stranger, dossier):
    client.force_login(stranger)
    for url in PAGES:
        response = client.get(url.format(code=dossier.code))
        assert response.status_code == 404, url
        assert "Nguyễn Văn An" not in response.text, url
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        for action in services.ACTIONS:
            page = client.post(
                f"/mot-cua/ho-so/{dossier.code}/thao-tac/",
                {"action": action, "version": 2, "reason": "x", "items": "y"},
            )
            assert page.status_code == 404, action
            api = client.post(
                f"/api/v1/dossiers/{dossier.code}/actions",
                {"action": action, "reason": "x"},
                content_type="application/json",
            )
            assert api.status_code == 404, action
        bulk = client.post("/mot-cua/hang-loat/", {"action": "forward", "codes": [dossier.code]}, follow=True)
        assert "Không tìm thấy hồ sơ" in bulk.text
    for queue in ("tat_ca", "cua_toi", "qua_han", "cho_tra", "cho_tiep_nhan"):
        page = client.get("/mot-cua/", {"hang": queue, "q": dossier.code}).text
        assert f'href="/mot-cua/ho-so/{dossier.code}/"' not in page and "Nguyễn Văn An" not in page
        assert client.get("/api/v1/inbox", {"queue": queue, "q": dossier.code}).json()["items"] == []
    dossier.refresh_from_db()
    assert dossier.version == 2 and DossierEvent.objects.filter(dossier=dossier).count() == 1
    assert Dossier.objects.count() == 1
