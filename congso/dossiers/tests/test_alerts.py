from __future__ import annotations

import io
from datetime import timedelta

import time_machine
from django.core import mail
from django.core.management import call_command

from congso.core.clock import vn
from congso.dossiers import alerts, services
from congso.identity.choices import Role


def receive(world, applicant, when):
    with time_machine.travel(when, tick=False):
        return services.receive_at_counter(
            actor=world.officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )


def forward(world, role, dossier, when):
    with time_machine.travel(when, tick=False):
        return services.act(actor=world.officers[role].user, code=dossier.code, action="forward")


def test_digest_lists_what_waits_at_my_step(world, applicant, settings):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))  # due Mon 09/03 09:00
    officer = world.officers[Role.RECEIVING_OFFICER].user
    officer.email = "motcua@example.vn"
    officer.save()
    assert alerts.digest_for(officer, now=vn(2026, 3, 3, 9, 0)).empty
    soon = alerts.digest_for(officer, now=vn(2026, 3, 6, 10, 0))  # Friday: due within one working day
    assert [d.code for d in soon.due_soon] == [dossier.code] and soon.overdue == []
    late = alerts.digest_for(officer, now=vn(2026, 3, 10, 8, 0))
    assert [d.code for d in late.overdue] == [dossier.code]
    assert alerts.digest_for(
        world.officers[Role.SPECIALIST].user, now=vn(2026, 3, 10, 8, 0)
    ).empty  # not at their step
    with time_machine.travel(vn(2026, 3, 10, 8, 0), tick=False):
        out = io.StringIO()
        call_command("send_deadline_digest", stdout=out)
    assert len(mail.outbox) == 1 and dossier.code in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[congso] 1 hồ sơ quá hạn")


def test_warning_when_less_time_remains_than_the_step_usually_takes(world, applicant):
    # History: five dossiers each spent four working hours at the specialist's step.
    for day in range(2, 7):
        d = receive(world, applicant, vn(2026, 3, day, 7, 0))
        d = forward(world, Role.RECEIVING_OFFICER, d, vn(2026, 3, day, 7, 30))
        forward(world, Role.SPECIALIST, d, vn(2026, 3, day, 11, 30))
    assert alerts.usual_step_time("1.001622", "specialist") == timedelta(hours=4)
    current = receive(world, applicant, vn(2026, 3, 9, 8, 0))
    current = forward(world, Role.RECEIVING_OFFICER, current, vn(2026, 3, 9, 8, 30))
    assert alerts.step_warning(current, now=vn(2026, 3, 9, 9, 0)) is None  # three days left, four hours usual
    warning = alerts.step_warning(current, now=current.step_due_at - timedelta(hours=1))
    assert warning is not None
    assert warning.message().startswith(
        "Còn 1 giờ 00 phút làm việc ở bước này, trong khi bước này thường mất 4 giờ"
    )
