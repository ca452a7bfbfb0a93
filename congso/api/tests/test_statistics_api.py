from __future__ import annotations

import time_machine

from congso.core.clock import vn
from congso.dossiers import services
from congso.dossiers.tests.conftest import make_officer
from congso.identity.choices import Role


def test_form06_and_766_as_json_for_readers_only(client, world, applicant):
    officer = world.officers[Role.RECEIVING_OFFICER].user
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        dossier = services.receive_at_counter(
            actor=officer, agency=world.justice, procedure_code="1.001622", applicant=applicant
        )
    params = {"from": "2026-03-01", "to": "2026-03-31"}
    assert client.get("/api/v1/statistics/form06", params).status_code == 401
    client.force_login(officer)  # a receiving officer holds no statistics role
    assert client.get("/api/v1/statistics/form06", params).json()["code"] == "forbidden"
    client.force_login(world.officers[Role.STATISTICS_VIEWER].user)
    # A department's statistics viewer reads his department, not the whole province (statistics.permissions).
    whole = client.get("/api/v1/statistics/form06", params)
    assert whole.status_code == 403 and whole.json()["code"] == "province_forbidden"
    own = {**params, "agency": world.justice.code}
    with time_machine.travel(vn(2026, 4, 1, 8, 0), tick=False):
        body = client.get("/api/v1/statistics/form06", own).json()
        index = client.get("/api/v1/statistics/index766", own).json()
        cell = client.get("/api/v1/statistics/form06/explain", {**own, "column": "pending_total"}).json()
    assert (body["from"], body["to"], body["formula_version"]) == (
        "2026-03-01",
        "2026-03-31",
        "01/2020/TT-VPCP",
    )
    assert body["total"]["received_total"] == 1 == body["total"]["pending_total"]
    assert body["total"]["on_time_rate"] is None
    assert index["formula_version"] and index["period"] and index["unit"]
    assert cell["codes"] == [dossier.code]
    reversed_ = client.get("/api/v1/statistics/form06", {"from": "2026-03-31", "to": "2026-03-01"})
    assert reversed_.status_code == 400 and reversed_.json()["code"] == "period_reversed"
    unknown = client.get("/api/v1/statistics/form06", {**params, "agency": "KHONG-CO"})
    assert unknown.status_code == 404 and unknown.json()["code"] == "agency_not_found"


def test_the_whole_province_is_read_by_the_provincial_committee_not_by_other_provinces(client, world):
    params = {"from": "2026-03-01", "to": "2026-03-31"}
    # A statistics viewer of the provincial People's Committee.
    client.force_login(make_officer("ubnd_thong_ke", world.justice.parent, Role.STATISTICS_VIEWER))
    with time_machine.travel(vn(2026, 4, 1, 8, 0), tick=False):
        assert client.get("/api/v1/statistics/form06", params).status_code == 200
        assert (
            client.get("/api/v1/statistics/form06", {**params, "agency": world.justice.code}).status_code
            == 200
        )
        # Another province's department is not his to read, whatever his role at home.
        other = client.get(
            "/api/v1/statistics/form06", {**params, "agency": world.other_province_agency.code}
        )
    assert other.status_code == 403 and other.json()["code"] == "agency_forbidden"
    assert "không có quyền" in other.json()["message"]
