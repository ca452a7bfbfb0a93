"""The demo PKI: a root CA of its own and, on demand, one signing certificate per leader.

A real province signs with government certificates (chứng thư số chuyên dùng Chính phủ) issued by the
Government Cipher Committee on a USB token or through a remote-signing gateway (domain.md §11). This
CA only lets the demo and the tests produce signatures that validate end to end; its name says so on
every certificate ("KHÔNG dùng cho văn bản thật").

Layout under `settings.VAR_DIR / "pki"` (outside the web root, directories 0700, private keys 0600,
never in the database):

    ca/key.pem, ca/cert.pem            the demo root
    trust/<sha256>.pem                 every root verification trusts (old roots stay after a rotation)
    signers/<key_id>/key.pem, cert.pem one directory per leader, with meta.json for people

`settings.VAR_DIR` is read at call time so tests can point it at a temporary directory.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings

from congso.core import clock

ROOT_NAME = "congso Demo CA — KHÔNG dùng cho văn bản thật"
ROOT_YEARS = 10
# Government signing certificates are issued for a few years at most; three keeps the demo honest.
SIGNER_YEARS = 3
# RSA 2048 with SHA-256: the profile of the government CA's signing certificates, read by every viewer.
KEY_BITS = 2048
BACKDATE = timedelta(minutes=5)  # tolerate a small clock skew between the server and a verifier


@dataclass(frozen=True)
class KeyPair:
    key_path: Path
    cert_path: Path
    created: bool

    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_path.read_bytes())


def pki_dir() -> Path:
    return Path(settings.VAR_DIR) / "pki"


def ensure_root() -> KeyPair:
    """The demo root CA, created once (idempotent, safe against a concurrent second process)."""
    base = pki_dir() / "ca"
    key_path, cert_path = base / "key.pem", base / "cert.pem"
    with _locked():
        if key_path.exists() and cert_path.exists():
            _trust(cert_path.read_bytes())
            return KeyPair(key_path, cert_path, created=False)
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "congso (demo)"),
                x509.NameAttribute(NameOID.COMMON_NAME, ROOT_NAME),
            ]
        )
        now = clock.now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE)
            .not_valid_after(now + timedelta(days=365 * ROOT_YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_usage(cert_sign=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        _write(key_path, _key_pem(key), private=True)
        _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
        _trust(cert_path.read_bytes())
        return KeyPair(key_path, cert_path, created=True)


def signer_key_id(*, user_id: int | None, full_name: str, agency_name: str) -> str:
    """One certificate per leader and per (name, agency): a leader moved to another agency gets a new
    one, as a real CA would issue, and the old certificate stays for the documents it signed."""
    seed = f"{user_id or 'system'}\n{full_name.strip()}\n{agency_name.strip()}"
    return hashlib.sha256(seed.encode()).hexdigest()[:20]


def ensure_signer(*, full_name: str, agency_name: str, user_id: int | None = None) -> KeyPair:
    """The leader's signing key and certificate, issued by the demo root on first use."""
    root = ensure_root()
    key_id = signer_key_id(user_id=user_id, full_name=full_name, agency_name=agency_name)
    base = pki_dir() / "signers" / key_id
    key_path, cert_path = base / "key.pem", base / "cert.pem"
    with _locked():
        if key_path.exists() and cert_path.exists():
            return KeyPair(key_path, cert_path, created=False)
        root_key = serialization.load_pem_private_key(root.key_path.read_bytes(), password=None)
        root_cert = root.certificate()
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        attributes = [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, agency_name.strip()[:64] or "congso"),
            x509.NameAttribute(NameOID.COMMON_NAME, full_name.strip()[:64] or "congso"),
        ]
        if user_id is not None:
            attributes.append(x509.NameAttribute(NameOID.USER_ID, str(user_id)))
        now = clock.now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name(attributes))
            .issuer_name(root_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE)
            .not_valid_after(min(now + timedelta(days=365 * SIGNER_YEARS), root_cert.not_valid_after_utc))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            # digitalSignature + nonRepudiation (contentCommitment): a signature that commits the
            # signer to the content, which is what validators (pyHanko by default) require.
            .add_extension(_usage(cert_sign=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(root_cert.public_key()),  # type: ignore[arg-type]
                critical=False,
            )
            .sign(root_key, hashes.SHA256())  # type: ignore[arg-type]
        )
        _write(key_path, _key_pem(key), private=True)
        _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
        meta = {
            "full_name": full_name,
            "agency": agency_name,
            "user_id": user_id,
            "serial": cert.serial_number,
        }
        _write(base / "meta.json", json.dumps(meta, ensure_ascii=False, indent=1).encode())
        return KeyPair(key_path, cert_path, created=True)


def trust_roots() -> list[x509.Certificate]:
    """Every root the verification page trusts. Read-only: a fresh installation trusts nothing."""
    folder = pki_dir() / "trust"
    if not folder.is_dir():
        return []
    return [x509.load_pem_x509_certificate(p.read_bytes()) for p in sorted(folder.glob("*.pem"))]


def _usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _key_pem(key: rsa.RSAPrivateKey) -> bytes:
    # Unencrypted on disk, protected by the file mode: a demo key. Real keys never leave a token/HSM.
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _trust(cert_pem: bytes) -> None:
    cert = x509.load_pem_x509_certificate(cert_pem)
    name = cert.fingerprint(hashes.SHA256()).hex()[:32] + ".pem"
    path = pki_dir() / "trust" / name
    if not path.exists():
        _write(path, cert_pem)


def _write(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write atomically (temporary file + rename) so a crash never leaves half a key behind."""
    _mkdir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600 if private else 0o644)  # whatever the umask said
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mkdir(path: Path) -> None:
    """Create `path` and any missing parent as 0700 (`mkdir(parents=True)` would leave parents 0755)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """One process at a time creates keys (two workers signing for a new leader at once)."""
    _mkdir(pki_dir())
    fd = os.open(pki_dir() / ".lock", os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(fd, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
