"""The demo PKI: `init_pki` is idempotent, keys stay private on disk, certificates say what they are."""

from __future__ import annotations

import io
import stat

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID
from django.core.management import call_command

from congso.documents.signing import pki
from congso.identity.choices import Role
from congso.identity.models import Agency, Officer, RoleGrant, User
from congso.places.models import Province


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def snapshot(folder):
    """Every file under `folder` with its bytes and modification time."""
    return {
        p.relative_to(folder): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def run(*args) -> str:
    out = io.StringIO()
    call_command("init_pki", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def leader(db):
    province = Province.objects.create(
        era="current", code="56", name="Tỉnh Khánh Hòa", short_name="Khánh Hòa", kind="tinh"
    )
    agency = Agency.objects.create(code="000.00.16.H56", name="Sở Tư pháp", province=province)
    user = User.objects.create(username="lanhdao_stp", full_name="Lê Văn Bình")
    officer = Officer.objects.create(user=user, agency=agency, title="Giám đốc")
    RoleGrant.objects.create(officer=officer, agency=agency, role=Role.LEADER)
    specialist = User.objects.create(username="chuyenvien_stp", full_name="Trần Văn Cường")
    other = Officer.objects.create(user=specialist, agency=agency)
    RoleGrant.objects.create(officer=other, agency=agency, role=Role.SPECIALIST)
    return officer


def test_init_pki_twice_creates_nothing_new(var_dir, leader):
    first = run("--leaders")
    assert "Đã tạo CA thử nghiệm" in first and "cấp mới 1, tổng 1" in first and "Tạo mới: 2." in first
    before = snapshot(var_dir / "pki")
    second = run("--leaders")
    assert "Đã có CA thử nghiệm" in second and "cấp mới 0, tổng 1" in second and "Tạo mới: 0." in second
    assert snapshot(var_dir / "pki") == before
    assert run().endswith("Tạo mới: 0.\n")


def test_private_keys_are_owner_only_and_outside_the_web_root(var_dir, leader):
    run("--leaders")
    keys = sorted((var_dir / "pki").rglob("key.pem"))
    assert len(keys) == 2
    for key in keys:
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    for folder in [var_dir / "pki", *[p for p in (var_dir / "pki").rglob("*") if p.is_dir()]]:
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, folder
    assert not (var_dir / "pki").is_relative_to(var_dir / "static")


def test_the_root_says_it_is_a_demo_and_is_a_ca(var_dir):
    root = pki.ensure_root().certificate()
    assert root.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == pki.ROOT_NAME
    assert "KHÔNG dùng cho văn bản thật" in pki.ROOT_NAME
    assert root.extensions.get_extension_for_oid(ExtensionOID.BASIC_CONSTRAINTS).value.ca
    assert root.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    assert [c.subject for c in pki.trust_roots()] == [root.subject]


def test_a_leader_certificate_names_the_leader_and_commits_to_content(var_dir):
    pair = pki.ensure_signer(full_name="Lê Văn Bình", agency_name="Sở Tư pháp tỉnh Khánh Hòa", user_id=7)
    cert = pair.certificate()
    root = pki.ensure_root().certificate()
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Lê Văn Bình"
    assert (
        cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Sở Tư pháp tỉnh Khánh Hòa"
    )
    assert cert.issuer == root.subject
    cert.verify_directly_issued_by(root)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    again = pki.ensure_signer(full_name="Lê Văn Bình", agency_name="Sở Tư pháp tỉnh Khánh Hòa", user_id=7)
    assert not again.created and again.certificate().serial_number == cert.serial_number
    moved = pki.ensure_signer(full_name="Lê Văn Bình", agency_name="UBND tỉnh Khánh Hòa", user_id=7)
    assert moved.created  # a new agency means a new certificate; the old one stays for old documents


def test_var_dir_is_read_at_call_time(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "a"
    first = pki.ensure_root()
    settings.VAR_DIR = tmp_path / "b"
    second = pki.ensure_root()
    assert first.created and second.created
    assert first.cert_path.is_relative_to(tmp_path / "a") and second.cert_path.is_relative_to(tmp_path / "b")
    assert pki.trust_roots()[0].serial_number == second.certificate().serial_number
