# ruff: noqa: F811 — pytest fixtures imported from other test modules are redefined as parameters
"""SMS/Zalo: the fake records messages; the outbox handler tells the applicant on submission and on a
supplement request, and skips a number that is not a mobile one."""

from __future__ import annotations

import pytest
import time_machine

from congso.core.clock import vn
from congso.dossiers import services
from congso.dossiers.tests.test_citizen import (  # noqa: F401 — shared fixtures
    applicant,
    citizen_user,
    procedure,
    submit,
    var_dir,
    world,
)
from congso.identity.choices import Role
from congso.integration.notify import (
    FakeNotifier,
    Notifier,
    NotifyFailed,
    get_notifier,
    handlers,  # noqa: F401 — registers the outbox handler
    normalise_phone,
)
from congso.outbox.services import dispatch_pending


@pytest.fixture(autouse=True)
def _clean():
    FakeNotifier.clear()
    yield
    FakeNotifier.clear()


def test_fake_records_and_checks_numbers(settings):
    settings.CONGSO_NOTIFIER = ""
    notifier = get_notifier()
    assert isinstance(notifier, FakeNotifier) and isinstance(notifier, Notifier)
    notifier.send_sms("+84 905 123 456", "Xin chào")
    notifier.send_zalo("0905.123.456", "Xin chào")
    assert [(m.channel, m.phone) for m in FakeNotifier.sent] == [
        ("sms", "0905123456"),
        ("zalo", "0905123456"),
    ]
    with pytest.raises(NotifyFailed):
        notifier.send_sms("12345", "x")
    assert normalise_phone("84905123456") == "0905123456"


def test_applicant_is_told_on_submission_and_on_supplement_request(world, procedure, citizen_user):
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        dossier = submit(world, citizen_user)
        dispatch_pending()  # the worker delivers moments later
    assert [m.channel for m in FakeNotifier.sent] == ["sms", "zalo"]
    assert dossier.code in FakeNotifier.sent[0].text and "chờ cơ quan tiếp nhận" in FakeNotifier.sent[0].text
    FakeNotifier.clear()
    clerk = world.officers[Role.RECEIVING_OFFICER].user
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        services.act(actor=clerk, code=dossier.code, action="accept")
        services.act(
            actor=clerk,
            code=dossier.code,
            action="request_supplement",
            reason="Thiếu",
            items=["Giấy khai sinh"],
        )
        dispatch_pending()
    assert len(FakeNotifier.sent) == 2 and "cần bổ sung" in FakeNotifier.sent[0].text


def test_a_landline_is_skipped_without_blocking_the_outbox(world, procedure, citizen_user):
    applicant_row = citizen_user.applicants.get()
    applicant_row.phone = "0258 3822 222"
    applicant_row.save()
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        submit(world, citizen_user)
        assert dispatch_pending() == 1 and FakeNotifier.sent == []


def test_history_from_imports_or_the_generator_sends_nothing():
    from datetime import timedelta

    from congso.core import clock
    from congso.integration.notify.handlers import tell_applicant

    # An event from last year (e.g. a migrated dossier) is skipped before any database lookup.
    assert (
        tell_applicant(
            {"action": "submit", "dossier_id": -1, "occurred_at": clock.now() - timedelta(days=365)}
        )
        is None
    )
