"""Uploads: typed by content, size-limited, stored outside the web root with their sha256, linked once."""

from __future__ import annotations

import io

import pytest

from congso.core.errors import Conflict, InvalidInput, NotFound
from congso.documents import forms, uploads
from congso.documents.models import StoredFile
from congso.documents.pdf import qr_png
from congso.documents.tests import samples
from congso.identity.models import User

PDF = forms.render_receipt(samples.receipt())
PNG = qr_png("https://dichvucong.khanhhoa.example/tra-cuu/X")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


@pytest.fixture
def owner(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return User.objects.create_user(username="056090001234", password="x", full_name="Nguyễn Văn An")


def store(owner, data: bytes, name: str = "to-khai.pdf", size: int | None = None) -> StoredFile:
    return uploads.store_upload(owner=owner, filename=name, stream=io.BytesIO(data), size=size)


@pytest.mark.parametrize(
    ("data", "content_type"), [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")]
)
def test_accepted_types_are_detected_from_content_and_stored_outside_the_web_root(
    owner, tmp_path, data, content_type
):
    stored = store(owner, data, name="anh chup.bin")
    assert stored.content_type == content_type and stored.size == len(data)
    path = tmp_path / "files" / stored.file_path
    assert stored.file_path.startswith("uploads/") and path.read_bytes() == data
    assert len(stored.sha256) == 64 and stored.subject == "" and stored.original_name == "anh chup.bin"
    with uploads.open_file(stored) as handle:
        assert handle.read() == data


@pytest.mark.parametrize(
    "data",
    [b"MZ\x90\x00\x03" + b"\x00" * 100, b"<!doctype html><script>alert(1)</script>", b"GIF89a...", b"%PD"],
)
def test_disguised_or_other_files_are_refused_before_anything_is_written(owner, tmp_path, data):
    with pytest.raises(InvalidInput) as caught:
        store(owner, data, name="giay-to.pdf")
    assert caught.value.code == "file_type_not_allowed"
    assert caught.value.message == "Chỉ nhận tệp PDF, JPEG hoặc PNG."
    assert not StoredFile.objects.exists() and not (tmp_path / "files").exists()


def test_size_limit_by_declared_size_and_by_actual_bytes(owner):
    with pytest.raises(InvalidInput) as declared:
        store(owner, PDF, size=uploads.MAX_UPLOAD_BYTES + 1)
    assert declared.value.code == "file_too_large" and "10 MB" in declared.value.message
    big = b"%PDF-1.7\n" + b"0" * uploads.MAX_UPLOAD_BYTES
    with pytest.raises(InvalidInput) as lied:
        store(owner, big, size=100)  # the client lied about the size
    assert lied.value.code == "file_too_large"
    with pytest.raises(InvalidInput) as empty:
        store(owner, b"")
    assert empty.value.code == "empty_file"
    assert not StoredFile.objects.exists()


def test_a_file_is_linked_once_by_its_owner_and_never_discarded_afterwards(owner):
    stranger = User.objects.create_user(username="stranger", password="x")
    stored = store(owner, PDF)
    with pytest.raises(InvalidInput):
        uploads.attach(stored, owner=stranger, subject="dossier:X", component="Tờ khai", purpose="submission")
    linked = uploads.attach(
        stored, owner=owner, subject="dossier:X", component="Tờ khai", purpose="submission"
    )
    assert linked.subject == "dossier:X" and linked.attached_at is not None
    with pytest.raises(InvalidInput):
        uploads.attach(stored, owner=owner, subject="dossier:Y", component="Tờ khai", purpose="submission")
    assert list(uploads.files_for("dossier:X")) == [linked]
    with pytest.raises(Conflict):
        uploads.discard(linked)
    assert uploads.loose_files(owner, [stored.public_id]) == {}


def test_discarding_a_loose_file_removes_it(owner, tmp_path):
    stored = store(owner, PNG)
    path = tmp_path / "files" / stored.file_path
    uploads.discard(stored)
    assert not path.exists() and not StoredFile.objects.exists()


def test_a_changed_or_missing_stored_file_is_never_handed_out(owner, tmp_path):
    stored = store(owner, PDF)
    path = tmp_path / "files" / stored.file_path
    path.write_bytes(PDF + b"tampered")
    with pytest.raises(Conflict):
        uploads.open_file(stored)
    path.unlink()
    with pytest.raises(NotFound):
        uploads.open_file(stored)
    with pytest.raises(NotFound):
        uploads.get_file("../../etc/passwd")
