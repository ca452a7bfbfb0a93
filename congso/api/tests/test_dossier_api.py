"""The dossier API: same services, same permission table, one error shape, Vietnamese messages."""

from __future__ import annotations

import pytest
import time_machine

from congso.core.clock import vn
from congso.dossiers import services
from congso.dossiers.models import Dossier
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


def login(client, world, role=None, outsider=False):
    officer = world.outsider if outsider else world.officers[role]
    client.force_login(officer.user)
    return client


def test_history_needs_a_signed_in_officer_of_the_agency(client, world, dossier):
    url = f"/api/v1/dossiers/{dossier.code}"
    anonymous = client.get(url)
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"
    outsider = login(client, world, outsider=True).get(url)
    assert outsider.status_code == 404 and outsider.json()["code"] == "dossier_not_found"
    body = login(client, world, Role.STATISTICS_VIEWER).get(url).json()
    assert body["code"] == dossier.code and body["status"] == 2 and body["status_label"] == "Được tiếp nhận"
    assert [e["action"] for e in body["events"]] == ["receive"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.RECEIVING_OFFICER, 200),  # the receive step's role may forward
        (Role.SPECIALIST, 403),
        (Role.HEAD_OF_DIVISION, 403),
        (Role.LEADER, 403),
        (Role.AGENCY_ADMIN, 403),
        (Role.PROVINCE_ADMIN, 403),
        (Role.STATISTICS_VIEWER, 403),
    ],
)
def test_role_matrix_for_forwarding_at_the_receive_step(client, world, dossier, role, expected):
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        response = login(client, world, role).post(
            f"/api/v1/dossiers/{dossier.code}/actions", {"action": "forward"}, content_type="application/json"
        )
    assert response.status_code == expected, response.json()
    if expected == 403:
        assert response.json()["code"] == "forbidden" and "không có quyền" in response.json()["message"]
        assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_bad_requests_get_vietnamese_messages_and_change_nothing(client, world, dossier):
    officer = login(client, world, Role.RECEIVING_OFFICER)
    url = f"/api/v1/dossiers/{dossier.code}/actions"
    unknown = officer.post(url, {"action": "teleport"}, content_type="application/json")
    assert unknown.status_code == 422 and "chọn một trong" in unknown.json()["fields"]["action"]
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        forbidden = officer.post(url, {"action": "return_result"}, content_type="application/json")
        stale = officer.post(
            url, {"action": "forward", "expected_version": 1}, content_type="application/json"
        )
        no_reason = officer.post(url, {"action": "withdraw"}, content_type="application/json")
    assert forbidden.status_code == 409 and forbidden.json()["code"] == "transition_not_allowed"
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    assert no_reason.status_code == 400 and no_reason.json()["code"] == "missing_field"
    assert no_reason.json()["message"] == "Vui lòng nhập: lý do."
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_workdays_due_is_public(client, db):
    body = client.get("/api/v1/workdays/due", {"received": "2026-02-13T09:00", "days": 5}).json()
    assert body["due"] == "2026-02-27T09:00:00+07:00"
    assert any("Tết Nguyên Đán" in line for line in body["explanation"])
    bad = client.get("/api/v1/workdays/due", {"received": "hôm qua", "days": -1})
    assert bad.status_code == 422
    assert bad.json()["fields"] == {
        "received": "thời điểm không hợp lệ (dạng 2026-02-13T09:00)",
        "days": "phải lớn hơn hoặc bằng 0",
    }


def test_every_api_route_requires_sign_in_unless_allow_listed(client):
    public = {"/api/v1/health", "/api/v1/workdays/due", "/api/v1/procedures", "/api/v1/procedures/suggest"}
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if path in public:
                continue
            assert operation.get("security"), f"{method.upper()} {path} has no authentication"


@pytest.mark.parametrize("action", services.ACTIONS)
@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"reason": ""},
        {"reason": "x" * 5000, "items": []},
        {"new_due_at": "2020-01-01T00:00"},
        {"amount_vnd": -5},
        {"items": ["a"], "reason": "b", "allowed_days": 0},
        {"final": True, "reason": "r"},
    ],
)
def test_no_action_payload_ever_gives_a_500(client, world, dossier, action, extra):
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        for role in (Role.RECEIVING_OFFICER, Role.LEADER):
            response = login(client, world, role).post(
                f"/api/v1/dossiers/{dossier.code}/actions",
                {"action": action, **extra},
                content_type="application/json",
            )
            assert response.status_code < 500, response.content
            assert set(response.json()) >= {"code", "message"} or response.status_code == 200


def test_intake_and_inbox_over_the_api(client, world, applicant):
    officer = login(client, world, Role.RECEIVING_OFFICER)
    body = {
        "agency": world.justice.code,
        "procedure_code": "1.001622",
        "applicant": {"full_name": "Võ Thị Mai", "id_number": "058190000777", "phone": "0911000222"},
    }
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        created = officer.post("/api/v1/dossiers", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    code = created.json()["code"]
    assert created.json()["due_at"] == "2026-03-09T09:00:00+07:00"
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        listing = officer.get("/api/v1/inbox", {"queue": "cua_toi", "q": "vo thi mai"}).json()
    assert [item["code"] for item in listing["items"]] == [code]
    assert listing["counts"]["cua_toi"] == 1 and listing["total"] == 1
    bad = officer.post(
        "/api/v1/dossiers",
        {**body, "applicant": {**body["applicant"], "id_number": "12"}},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_personal_id"
    unknown = officer.post(
        "/api/v1/dossiers", {**body, "agency": "000.00.99.H99"}, content_type="application/json"
    )
    assert unknown.status_code == 404 and unknown.json()["code"] == "agency_not_found"
    client.logout()
    client.force_login(world.outsider.user)
    assert client.post("/api/v1/dossiers", body, content_type="application/json").status_code == 403
    assert code not in client.get("/api/v1/inbox", {"queue": "tat_ca"}).text
