# ruff: noqa: F811 — pytest fixtures imported from other test modules are redefined as parameters
"""The citizen's side: submit with files (status 1), only one's own dossiers, answer a supplement
request that the officer then completes. Fixtures here are shared with the portal tests."""

from __future__ import annotations

import io

import pytest
import time_machine

from congso.catalog.models import RequiredDocument
from congso.core.clock import vn
from congso.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from congso.documents import forms, uploads
from congso.documents.models import StoredFile
from congso.documents.pdf import qr_png
from congso.documents.tests import samples
from congso.dossiers import citizen, services
from congso.dossiers.choices import Status
from congso.dossiers.tests.conftest import applicant, make_procedure, world  # noqa: F401
from congso.identity import services as identity
from congso.identity.choices import Role
from congso.identity.models import User

PDF = forms.render_receipt(samples.receipt())
PNG = qr_png("https://dichvucong.khanhhoa.example/tra-cuu/X")
ID = "056090001234"
PASSWORD = "Nop-ho-so-2026"
COMPONENTS = ("Tờ khai đề nghị hỗ trợ", "Ảnh chân dung 4x6", "Giấy tờ khác (nếu có)")


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.CONGSO_PUBLIC_URL = "https://dichvucong.khanhhoa.example"
    return tmp_path


@pytest.fixture
def procedure(world):
    """1.001622 with two mandatory components and an optional one."""
    version = world.procedure.current_version
    for order, name in enumerate(COMPONENTS, 1):
        RequiredDocument.objects.create(version=version, order=order, name=name, mandatory=order < 3)
    return world.procedure


@pytest.fixture
def citizen_user(db, var_dir):
    user = User.objects.create_user(
        username=ID, password=PASSWORD, full_name="Nguyễn Văn An", phone="0905123456"
    )
    identity.find_or_create_applicant(
        full_name="Nguyễn Văn An", id_number=ID, phone="0905123456", email="an@example.vn", user=user
    )
    return user


def upload(user, data=PDF, name="to-khai.pdf") -> StoredFile:
    return uploads.store_upload(owner=user, filename=name, stream=io.BytesIO(data))


def submit(world, user, **changes):
    files = {COMPONENTS[0]: [upload(user)], COMPONENTS[1]: [upload(user, PNG, "anh.png")]}
    kwargs = dict(user=user, agency=world.justice, procedure_code="1.001622", files_by_component=files)
    return citizen.submit_with_files(**{**kwargs, **changes})


def test_submit_with_files_creates_status_1_and_links_the_files(world, procedure, citizen_user):
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        dossier = submit(world, citizen_user, summary="Xin hỗ trợ")
    assert dossier.status == Status.SUBMITTED and dossier.code and dossier.received_at is None
    assert dossier.applicant.user == citizen_user and dossier.submitted_at == vn(2026, 3, 2, 9, 0)
    files = list(citizen.attachments(dossier))
    assert [(f.component, f.purpose) for f in files] == [
        (COMPONENTS[0], "submission"),
        (COMPONENTS[1], "submission"),
    ]
    assert list(citizen.my_dossiers(citizen_user)) == [dossier]


def test_missing_mandatory_component_is_refused_and_files_stay_loose(world, procedure, citizen_user):
    only = upload(citizen_user)
    with pytest.raises(InvalidInput) as caught:
        citizen.submit_with_files(
            user=citizen_user,
            agency=world.justice,
            procedure_code="1.001622",
            files_by_component={COMPONENTS[0]: [only]},
        )
    assert caught.value.code == "components_missing" and COMPONENTS[1] in caught.value.fields
    only.refresh_from_db()
    assert only.subject == "" and not citizen.my_dossiers(citizen_user).exists()
    with pytest.raises(InvalidInput) as unknown:
        citizen.submit_with_files(
            user=citizen_user,
            agency=world.justice,
            procedure_code="1.001622",
            files_by_component={"Giấy tờ bịa ra": [only]},
        )
    assert unknown.value.code == "unknown_component"


def test_not_online_and_not_a_citizen_are_refused(world, procedure, citizen_user):
    from congso.catalog.models import AgencyProcedure

    offline = make_procedure("1.000001", online=False)
    AgencyProcedure.objects.create(agency=world.justice, procedure=offline)
    with pytest.raises(InvalidInput) as caught:
        citizen.submit_with_files(
            user=citizen_user, agency=world.justice, procedure_code="1.000001", files_by_component={}
        )
    assert caught.value.code == "not_online"
    officer = world.officers[Role.RECEIVING_OFFICER].user
    with pytest.raises(PermissionDenied):
        submit(world, officer)


def test_files_of_someone_else_cannot_be_submitted(world, procedure, citizen_user):
    other = User.objects.create_user(username="056090009999", password="x")
    identity.find_or_create_applicant(full_name="Trần Thị Bình", id_number="056090009999", user=other)
    theirs = upload(citizen_user)
    with pytest.raises(InvalidInput):
        citizen.submit_with_files(
            user=other,
            agency=world.justice,
            procedure_code="1.001622",
            files_by_component={COMPONENTS[0]: [theirs], COMPONENTS[1]: [theirs]},
        )
    assert not citizen.my_dossiers(other).exists()


def test_supplement_answered_by_the_citizen_then_completed_by_the_officer(world, procedure, citizen_user):
    clerk = world.officers[Role.RECEIVING_OFFICER].user
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        dossier = submit(world, citizen_user)
        services.act(actor=clerk, code=dossier.code, action="accept")
    with pytest.raises(Conflict):  # nothing to answer yet
        citizen.answer_supplement(user=citizen_user, code=dossier.code, files={"x": [upload(citizen_user)]})
    with time_machine.travel(vn(2026, 3, 3, 9, 0), tick=False):
        services.act(
            actor=clerk,
            code=dossier.code,
            action="request_supplement",
            reason="Thiếu bản sao giấy khai sinh",
            items=["Bản sao giấy khai sinh của trẻ"],
        )
    dossier.refresh_from_db()
    assert citizen.open_supplement(dossier).items == ["Bản sao giấy khai sinh của trẻ"]
    stranger = User.objects.create_user(username="056090009999", password="x")
    with pytest.raises(NotFound):
        citizen.my_dossier(stranger, dossier.code)
    with pytest.raises(NotFound):
        citizen.answer_supplement(
            user=stranger, code=dossier.code, files={"Bản sao giấy khai sinh của trẻ": [upload(stranger)]}
        )
    with pytest.raises(InvalidInput):
        citizen.answer_supplement(
            user=citizen_user, code=dossier.code, files={"Giấy khác": [upload(citizen_user)]}
        )
    with pytest.raises(InvalidInput):
        citizen.answer_supplement(user=citizen_user, code=dossier.code, files={})
    with time_machine.travel(vn(2026, 3, 4, 9, 0), tick=False):
        sent = citizen.answer_supplement(
            user=citizen_user,
            code=dossier.code,
            files={"Bản sao giấy khai sinh của trẻ": [upload(citizen_user, name="khai-sinh.pdf")]},
        )
    assert [(f.purpose, f.component) for f in sent] == [("supplement", "Bản sao giấy khai sinh của trẻ")]
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED  # the citizen's answer changes no status
    with time_machine.travel(vn(2026, 3, 4, 10, 0), tick=False):
        services.act(actor=clerk, code=dossier.code, action="receive_supplement")
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED and citizen.open_supplement(dossier) is None
    assert len(citizen.attachments(dossier)) == 3
