from __future__ import annotations

import csv
import io

import time_machine

from congso.core.clock import vn
from congso.dossiers import services
from congso.feedback.services import rate_dossier
from congso.identity.choices import Role


def test_public_figures_per_agency_without_personal_data(client, world, applicant):
    officers = world.officers
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        dossier = services.receive_at_counter(
            actor=officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )
    with time_machine.travel(vn(2026, 3, 3, 9, 0), tick=False):
        for role, action in [
            (Role.RECEIVING_OFFICER, "forward"),
            (Role.SPECIALIST, "forward"),
            (Role.HEAD_OF_DIVISION, "forward"),
            (Role.LEADER, "finish"),
            (Role.RECEIVING_OFFICER, "return_result"),
        ]:
            dossier = services.act(actor=officers[role].user, code=dossier.code, action=action)
        rate_dossier(
            dossier_code=dossier.code,
            dossier_id=dossier.id,
            dossier_status=dossier.status,
            province_code="56",
            agency_id=world.justice.id,
            level=2,
        )
    with time_machine.travel(vn(2026, 6, 1, 9, 0), tick=False):
        page = client.get("/cong-khai/")
        data = client.get("/cong-khai.json").json()
        sheet = client.get("/cong-khai.csv")
    assert (
        page.status_code == 200 and "Sở Tư pháp" in page.text and "100,00%" in page.text
    )  # vi-VN: decimal comma
    assert "Nguyễn Văn An" not in page.text and dossier.code not in page.text
    row = next(r for r in data["rows"] if r["agency"] == world.justice.code)
    assert (row["received_total"], row["resolved_total"], row["on_time_rate"], row["satisfied_rate"]) == (
        1,
        1,
        100.0,
        100.0,
    )
    rows = list(csv.DictReader(io.StringIO(sheet.content.decode("utf-8-sig"))))
    assert rows[0]["agency"] == world.justice.code and rows[0]["on_time_rate"] == "100.00"
    assert client.get("/cong-khai/", {"nam": "abc"}).status_code == 200
