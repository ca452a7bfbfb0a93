"""The one-stop lifecycle through the services, on the server clock (time frozen with time_machine)."""

from __future__ import annotations

import io
import re

import pytest
import time_machine

from congso.core.clock import vn
from congso.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from congso.dossiers import services
from congso.dossiers.choices import Channel, Outcome, Status
from congso.dossiers.models import Dossier, DossierEvent, Pause
from congso.identity.choices import Role
from congso.outbox.models import OutboxEvent

CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")  # Circular 01/2018 art. 19


def user(world, role):
    return world.officers[role].user


def receive(world, applicant, when):
    with time_machine.travel(when, tick=False):
        return services.receive_at_counter(
            actor=user(world, Role.RECEIVING_OFFICER),
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )


def act(world, role, dossier, action, when, **params):
    with time_machine.travel(when, tick=False):
        return services.act(actor=user(world, role), code=dossier.code, action=action, **params)


def supplement_requested(world, applicant, item: str):
    """Received Mon 02/03 09:00 (due Mon 09/03 09:00), at the specialist's step, supplement asked Tue 09:00."""
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "forward", vn(2026, 3, 2, 10, 0))
    return act(
        world,
        Role.SPECIALIST,
        dossier,
        "request_supplement",
        vn(2026, 3, 3, 9, 0),
        reason="Thiếu giấy tờ",
        items=[item],
    )


def test_counter_receipt_starts_the_clock_and_writes_event_and_outbox(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))  # Monday
    assert CODE_RE.match(dossier.code)
    assert dossier.code == "000.00.16.H56-260302-0001"
    assert dossier.status == Status.RECEIVED
    assert dossier.channel == Channel.COUNTER
    assert dossier.received_at == vn(2026, 3, 2, 9, 0)
    assert dossier.due_at == vn(2026, 3, 9, 9, 0)  # 5 working days, same offset from opening
    event = dossier.events.get()
    assert (event.seq, event.from_status, event.to_status, event.at) == (1, None, 2, vn(2026, 3, 2, 9, 0))
    assert event.actor == user(world, Role.RECEIVING_OFFICER)
    outbox = OutboxEvent.objects.get(aggregate_id=dossier.code)
    assert outbox.payload["to_status"] == 2 and outbox.province_code == "56"


def test_codes_count_per_unit_per_day(world, applicant):
    first = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    second = receive(world, applicant, vn(2026, 3, 2, 9, 5))
    next_day = receive(world, applicant, vn(2026, 3, 3, 8, 0))
    assert [first.code[-4:], second.code[-4:], next_day.code] == ["0001", "0002", "000.00.16.H56-260303-0001"]


def test_full_day_of_processing_to_return(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "forward", vn(2026, 3, 2, 9, 30))
    assert (dossier.status, dossier.step) == (Status.PROCESSING, "specialist")
    assert dossier.step_due_at > dossier.step_started_at
    dossier = act(world, Role.SPECIALIST, dossier, "forward", vn(2026, 3, 3, 10, 0))
    dossier = act(
        world, Role.HEAD_OF_DIVISION, dossier, "send_back", vn(2026, 3, 3, 14, 0), reason="Thiếu thẩm định"
    )
    assert dossier.step == "specialist"
    dossier = act(world, Role.SPECIALIST, dossier, "forward", vn(2026, 3, 4, 8, 0))
    dossier = act(world, Role.HEAD_OF_DIVISION, dossier, "forward", vn(2026, 3, 4, 9, 0))
    dossier = act(world, Role.LEADER, dossier, "finish", vn(2026, 3, 5, 10, 0))
    assert (dossier.status, dossier.step) == (Status.FINISHED, "return")
    assert dossier.ended_at == vn(2026, 3, 5, 10, 0)
    assert (dossier.outcome, dossier.on_time_766) == (Outcome.EARLY, True)
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "return_result", vn(2026, 3, 6, 8, 0))
    assert dossier.status == Status.RETURNED and dossier.returned_at == vn(2026, 3, 6, 8, 0)
    statuses = list(dossier.events.order_by("seq").values_list("seq", "from_status", "to_status"))
    assert statuses == [
        (1, None, 2),
        (2, 2, 4),
        (3, 4, 4),
        (4, 4, 4),
        (5, 4, 4),
        (6, 4, 4),
        (7, 4, 9),
        (8, 9, 10),
    ]
    assert OutboxEvent.objects.filter(aggregate_id=dossier.code).count() == 8


def test_online_submission_starts_the_clock_at_acceptance(world, applicant):
    with time_machine.travel(vn(2026, 3, 7, 21, 0), tick=False):  # Saturday evening
        dossier = services.submit_online(agency=world.justice, procedure_code="1.001622", applicant=applicant)
    assert (dossier.status, dossier.received_at, dossier.due_at) == (Status.SUBMITTED, None, None)
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "accept", vn(2026, 3, 9, 8, 0))
    assert dossier.status == Status.RECEIVED
    assert dossier.submitted_at == vn(2026, 3, 7, 21, 0)
    assert dossier.due_at == vn(2026, 3, 16, 8, 0)


def test_one_supplement_request_stops_the_clock_and_restarts_it(world, applicant, settings):
    settings.CONGSO_PAUSE_MODE = "restart"
    dossier = supplement_requested(world, applicant, "Bản sao giấy khai sinh")
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    pause = Pause.objects.get(dossier=dossier)
    assert pause.due_before == vn(2026, 3, 9, 9, 0) and pause.resumed_at is None
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "receive_supplement", vn(2026, 3, 10, 14, 0))
    assert dossier.status == Status.RECEIVED
    assert dossier.due_at == vn(2026, 3, 17, 14, 0)  # the full 5 working days again from completion
    pause.refresh_from_db()
    assert (pause.resumed_at, pause.due_after) == (vn(2026, 3, 10, 14, 0), vn(2026, 3, 17, 14, 0))
    with pytest.raises(Conflict) as err:
        act(
            world,
            Role.SPECIALIST,
            dossier,
            "request_supplement",
            vn(2026, 3, 11, 9, 0),
            reason="Lần hai",
            items=["X"],
        )
    assert err.value.code == "supplement_already_requested"


def test_pause_mode_extends_the_due_date_by_the_working_time_paused(world, applicant, settings):
    settings.CONGSO_PAUSE_MODE = "pause"
    dossier = supplement_requested(world, applicant, "Tờ khai")
    # Paused from Tue 09:00 to Thu 09:00: two working days.
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "receive_supplement", vn(2026, 3, 5, 9, 0))
    assert dossier.status == Status.PROCESSING  # back to the status it had
    assert dossier.due_at == vn(2026, 3, 11, 9, 0)


def test_supplement_on_a_finished_dossier_is_refused_and_changes_nothing(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "forward", vn(2026, 3, 2, 10, 0))
    dossier = act(world, Role.SPECIALIST, dossier, "forward", vn(2026, 3, 2, 11, 0))
    dossier = act(world, Role.HEAD_OF_DIVISION, dossier, "forward", vn(2026, 3, 2, 14, 0))
    dossier = act(world, Role.LEADER, dossier, "finish", vn(2026, 3, 2, 15, 0))
    before = (dossier.version, DossierEvent.objects.count(), OutboxEvent.objects.count())
    with pytest.raises(Conflict) as err:
        act(
            world,
            Role.RECEIVING_OFFICER,
            dossier,
            "request_supplement",
            vn(2026, 3, 3, 9, 0),
            reason="x",
            items=["y"],
        )
    assert err.value.code == "transition_not_allowed"
    assert "Đã xử lý xong" in err.value.message
    dossier.refresh_from_db()
    assert (dossier.version, DossierEvent.objects.count(), OutboxEvent.objects.count()) == before
    assert dossier.status == Status.FINISHED


def test_transitions_the_status_model_forbids(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    with pytest.raises(Conflict):
        act(world, Role.RECEIVING_OFFICER, dossier, "return_result", vn(2026, 3, 2, 10, 0))
    with pytest.raises(Conflict):
        act(world, Role.RECEIVING_OFFICER, dossier, "accept", vn(2026, 3, 2, 10, 0))
    with pytest.raises(Conflict):
        act(world, Role.RECEIVING_OFFICER, dossier, "receive_supplement", vn(2026, 3, 2, 10, 0))


def test_late_dossier_gets_one_apology_and_keeps_its_due_date(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "forward", vn(2026, 3, 2, 10, 0))
    dossier = act(
        world,
        Role.LEADER,
        dossier,
        "apologise",
        vn(2026, 3, 5, 9, 0),
        reason="Cần xác minh thêm",
        new_due_at=vn(2026, 3, 13, 9, 0),
    )
    assert dossier.due_at == vn(2026, 3, 9, 9, 0) and dossier.new_due_at == vn(2026, 3, 13, 9, 0)
    assert dossier.apologies.get().sent_in_time is True  # Thu is ≥ 1 working day before Mon 09:00
    with pytest.raises(Conflict) as err:
        act(
            world,
            Role.LEADER,
            dossier,
            "apologise",
            vn(2026, 3, 6, 9, 0),
            reason="Lần hai",
            new_due_at=vn(2026, 3, 20, 9, 0),
        )
    assert err.value.code == "already_rescheduled"
    dossier = act(world, Role.SPECIALIST, dossier, "forward", vn(2026, 3, 10, 9, 0))
    dossier = act(world, Role.HEAD_OF_DIVISION, dossier, "forward", vn(2026, 3, 10, 10, 0))
    dossier = act(world, Role.LEADER, dossier, "finish", vn(2026, 3, 11, 10, 0))
    assert (dossier.outcome, dossier.on_time_766) == (Outcome.LATE, False)


def test_same_day_finish_after_the_due_hour_is_on_time_for_form06_but_late_for_766(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    for role, when in [
        (Role.RECEIVING_OFFICER, vn(2026, 3, 2, 10)),
        (Role.SPECIALIST, vn(2026, 3, 3, 10)),
        (Role.HEAD_OF_DIVISION, vn(2026, 3, 4, 10)),
    ]:
        dossier = act(world, role, dossier, "forward", when)
    dossier = act(world, Role.LEADER, dossier, "finish", vn(2026, 3, 9, 15, 0))
    assert (dossier.outcome, dossier.on_time_766) == (Outcome.ON_TIME, False)


def test_withdrawal_is_resolved_on_time(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    dossier = act(
        world, Role.RECEIVING_OFFICER, dossier, "withdraw", vn(2026, 3, 20, 9, 0), reason="Công dân xin rút"
    )
    assert (dossier.status, dossier.outcome, dossier.ended_at) == (
        Status.WITHDRAWN,
        Outcome.ON_TIME,
        vn(2026, 3, 20, 9),
    )
    dossier = act(world, Role.LEADER, dossier, "finish", vn(2026, 3, 20, 10, 0), reason="Văn bản trả hồ sơ")
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "return_result", vn(2026, 3, 20, 11, 0))
    assert dossier.status == Status.RETURNED and dossier.ended_at == vn(2026, 3, 20, 9, 0)


def test_financial_obligation_pauses_and_resumes(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "forward", vn(2026, 3, 2, 10, 0))
    dossier = act(
        world,
        Role.SPECIALIST,
        dossier,
        "request_payment",
        vn(2026, 3, 3, 9, 0),
        reason="Nộp lệ phí",
        amount_vnd=50000,
    )
    assert dossier.status == Status.FINANCIAL_OBLIGATION
    dossier = act(world, Role.RECEIVING_OFFICER, dossier, "record_payment", vn(2026, 3, 4, 9, 0))
    assert dossier.status == Status.PROCESSING and dossier.due_at == vn(2026, 3, 10, 9, 0)


def test_final_stop_cannot_resume(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    dossier = act(world, Role.LEADER, dossier, "stop", vn(2026, 3, 3, 9, 0), reason="Tranh chấp", final=True)
    assert dossier.status == Status.STOPPED
    with pytest.raises(Conflict) as err:
        act(world, Role.LEADER, dossier, "resume", vn(2026, 3, 4, 9, 0))
    assert err.value.code == "stopped_final"


def test_roles_and_agencies_are_enforced(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    with pytest.raises(PermissionDenied):
        act(
            world, Role.SPECIALIST, dossier, "forward", vn(2026, 3, 2, 10, 0)
        )  # receive step: receiving officer
    with pytest.raises(PermissionDenied):
        act(world, Role.STATISTICS_VIEWER, dossier, "withdraw", vn(2026, 3, 2, 10, 0), reason="x")
    with pytest.raises(PermissionDenied):
        act(world, Role.PROVINCE_ADMIN, dossier, "forward", vn(2026, 3, 2, 10, 0))
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False), pytest.raises(NotFound):
        services.act(
            actor=world.outsider.user, code=dossier.code, action="forward"
        )  # another province: invisible
    with pytest.raises(PermissionDenied), time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        services.receive_at_counter(
            actor=world.outsider.user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )
    dossier.refresh_from_db()
    assert dossier.version == 2 and dossier.status == Status.RECEIVED


def test_a_stale_page_cannot_act(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    seen = dossier.version
    act(world, Role.RECEIVING_OFFICER, dossier, "forward", vn(2026, 3, 2, 10, 0))
    with pytest.raises(Conflict) as err:
        act(world, Role.SPECIALIST, dossier, "forward", vn(2026, 3, 2, 11, 0), expected_version=seen)
    assert err.value.code == "stale"


def test_procedure_not_offered_by_agency(world, applicant):
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False), pytest.raises(InvalidInput) as err:
        services.receive_at_counter(
            actor=user(world, Role.RECEIVING_OFFICER),
            agency=world.commune,
            receiving_agency=world.justice,  # received at the department for the commune (phi địa giới)
            procedure_code="1.001622",
            applicant=applicant,
        )
    assert err.value.code == "procedure_not_offered"
    assert Dossier.objects.count() == 0


def test_events_are_append_only(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    event = dossier.events.get()
    event.reason = "sửa lịch sử"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_receipt_and_actions_use_a_pinned_number_of_queries(world, applicant, django_assert_max_num_queries):
    officer = user(world, Role.RECEIVING_OFFICER)
    receive(world, applicant, vn(2026, 3, 2, 8, 0))  # warm the per-user caches a real request would have
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False), django_assert_max_num_queries(9):
        dossier = services.receive_at_counter(
            actor=officer, agency=world.justice, procedure_code="1.001622", applicant=applicant
        )
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False), django_assert_max_num_queries(9):
        services.act(actor=officer, code=dossier.code, action="forward")


def test_a_dossier_keeps_the_procedure_version_it_was_received_under(world, applicant):
    from congso.catalog.services import record_limits

    old = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    new_version = record_limits(
        procedure=world.procedure, days=10, unit="working_day", actor_note="QĐ 123/QĐ-UBND"
    )
    new = receive(world, applicant, vn(2026, 3, 2, 9, 30))
    old.refresh_from_db()
    assert old.procedure_version.number == 1 and old.due_at == vn(2026, 3, 9, 9, 0)
    assert new.procedure_version == new_version and new.due_at == vn(2026, 3, 16, 9, 30)


def test_the_code_pattern_is_a_setting(world, applicant, settings):
    # The national portal issues codes like G09.20-20260609-0092637 (domain.md §6).
    settings.CONGSO_DOSSIER_CODE_FORMAT = "{agency}-{date:%Y%m%d}-{seq:07d}"
    dossier = receive(world, applicant, vn(2026, 6, 9, 9, 0))
    assert dossier.code == "000.00.16.H56-20260609-0000001"


def test_same_day_procedures_follow_the_three_pm_cut_off(world, applicant):
    from congso.catalog.models import AgencyProcedure
    from congso.dossiers.tests.conftest import make_procedure

    AgencyProcedure.objects.create(
        agency=world.justice, procedure=make_procedure("2.000815", days="0.5", same_day=True)
    )
    for received, due in [
        (vn(2026, 3, 2, 14, 59), vn(2026, 3, 2, 17, 0)),
        (vn(2026, 3, 2, 15, 1), vn(2026, 3, 3, 17, 0)),
    ]:
        with time_machine.travel(received, tick=False):
            dossier = services.receive_at_counter(
                actor=user(world, Role.RECEIVING_OFFICER),
                agency=world.justice,
                procedure_code="2.000815",
                applicant=applicant,
            )
        assert dossier.due_at == due


def test_generate_processes_command_covers_every_procedure(world):
    from django.core.management import call_command

    from congso.workflow.models import ProcessTemplate

    out = io.StringIO()
    call_command("generate_processes", stdout=out)
    assert "Đã sinh 1 quy trình" in out.getvalue()
    assert ProcessTemplate.objects.get(key="1.001622").total_minutes == 5 * 8 * 60  # 5 working days of 8 h
    call_command("generate_processes", stdout=out)
    assert "Đã sinh 0 quy trình" in out.getvalue()


def test_change_event_and_outbox_are_one_transaction(world, applicant, monkeypatch):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))

    def broken(*args, **kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(services, "publish", broken)
    with pytest.raises(RuntimeError):
        act(world, Role.RECEIVING_OFFICER, dossier, "forward", vn(2026, 3, 2, 10, 0))
    dossier.refresh_from_db()
    assert (dossier.status, dossier.step, dossier.version) == (Status.RECEIVED, "receive", 2)
    assert dossier.events.count() == 1


def test_no_action_accepts_a_moment_from_the_caller(world, applicant):
    dossier = receive(world, applicant, vn(2026, 3, 2, 9, 0))
    with pytest.raises(InvalidInput) as err:
        act(world, Role.RECEIVING_OFFICER, dossier, "forward", vn(2026, 3, 2, 10, 0), at=vn(2026, 3, 1, 8, 0))
    assert err.value.code == "unexpected_field"
    assert dossier.events.count() == 1
