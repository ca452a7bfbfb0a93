"""A signed result in a temporary VAR_DIR (PKI and file store), for the public verification page."""

from __future__ import annotations

import io

import pytest
import time_machine
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from congso.core.clock import vn
from congso.documents import forms, services
from congso.documents.models import SignedDocument
from congso.documents.tests import samples
from congso.dossiers.tests.conftest import applicant, world  # noqa: F401 — the small province for portal tests
from congso.identity.models import User

SIGNED_AT = vn(2026, 3, 10, 14, 30)


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.CONGSO_PUBLIC_URL = "https://dichvucong.khanhhoa.example"
    return tmp_path


def result_pdf() -> bytes:
    return forms.render_refusal(samples.refusal())


@pytest.fixture
def signed(var_dir, db) -> SignedDocument:
    leader = User.objects.create(username="lanhdao_stp", full_name="Lê Văn Bình")
    with time_machine.travel(SIGNED_AT, tick=False):
        return services.sign_and_store(
            pdf=result_pdf(),
            title="Phiếu từ chối tiếp nhận hồ sơ 000.00.16.H56-260302-0001",
            filename="tu-choi.pdf",
            signer_user=leader,
            signer_name="Lê Văn Bình",
            agency_name="Sở Tư pháp tỉnh Khánh Hòa",
            reason="Ký duyệt kết quả giải quyết thủ tục hành chính",
        )


def stored_path(var_dir, document: SignedDocument):
    return var_dir / "files" / document.file_path


def append_update(pdf: bytes) -> bytes:
    """An incremental update that paints a red box over page 1: what a forger would append."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    writer.add_stream_to_page(
        0, writer.add_object(generic.StreamObject(stream_data=b"q 1 0 0 rg 40 40 200 60 re f Q"))
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def flip_byte(pdf: bytes, at: int) -> bytes:
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]
