"""A fee paid online ends the dossier's financial-obligation pause, through the outbox."""

from __future__ import annotations

import time_machine

from congso.catalog.models import FeeLine
from congso.core.clock import vn
from congso.dossiers import services
from congso.dossiers.choices import Status
from congso.identity.choices import Role
from congso.outbox.services import dispatch_pending
from congso.payments import services as payments


def test_paid_fee_resumes_the_dossier_once(world, applicant):
    FeeLine.objects.create(
        version=world.procedure.current_version,
        order=1,
        kind="le_phi",
        description="Lệ phí",
        amount_vnd=50000,
    )
    officers = world.officers
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        dossier = services.receive_at_counter(
            actor=officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        services.act(actor=officers[Role.RECEIVING_OFFICER].user, code=dossier.code, action="forward")
        services.act(
            actor=officers[Role.SPECIALIST].user,
            code=dossier.code,
            action="request_payment",
            reason="Nộp lệ phí",
            amount_vnd=50000,
        )
    with time_machine.travel(vn(2026, 3, 3, 9, 0), tick=False):
        obligation = payments.open_obligation(
            province_code="56",
            dossier_code=dossier.code,
            dossier_id=dossier.id,
            procedure_code="1.001622",
            procedure_version_id=world.procedure.current_version_id,
        )
        attempt = payments.start_attempt(obligation_id=obligation.id, gateway="dvcqg")
        payments.settle(reference=attempt.reference, status="success", amount_vnd=50000, gateway_txn="GD1")
        dispatch_pending()
        dispatch_pending()  # a second delivery changes nothing
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert list(dossier.events.filter(action="record_payment").values_list("actor_name", flat=True)) == [
        "Hệ thống"
    ]
