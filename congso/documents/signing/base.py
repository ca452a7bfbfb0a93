"""The signer seam: whatever holds the leader's key, congso asks it for two things only.

Decree 130/2018/NĐ-CP (replaced by Decree 23/2025/NĐ-CP, on electronic signatures and trust services)
and the Law on E-Transactions 2023 (Law 20/2023/QH15, chapter III) give a digital signature legal
value when it is made with the signer's own key while the signer's certificate is valid, and can be
checked with the public key in that certificate. Where that key lives differs:

* `LocalCertificateSigner` (this package, the default): a key file of the demo PKI (`pki.py`).
* A USB token (PKCS#11): pyHanko's `pyhanko.sign.pkcs11.PKCS11Signer` in place of `SimpleSigner`;
  the token sits on the leader's computer, so in practice the browser signs through the vendor's
  plug-in and the server receives the signed file.
* A remote-signing service (the NEAC gateway, domain.md §11): `certificate()` maps to its
  `get_certificate` call and `sign()` to `sign_file` (the gateway returns the signed PDF), or, for a
  gateway that signs hashes, to a pyHanko `Signer` subclass whose `async_sign_raw` sends the digest
  and waits for the leader to approve on the phone, so the PAdES structure stays ours.

Each implementation returns the whole signed PDF; `congso.documents.services.sign_and_store` checks the
result, stores it and writes the signature log, whichever implementation signed.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from cryptography import x509

FIELD_NAME = "KyDuyet"  # the signature field (ký duyệt: the leader's approval signature)


@runtime_checkable
class Signer(Protocol):
    """Something that holds one signer's key and certificate and can sign a PDF as PAdES."""

    def certificate(self) -> x509.Certificate:
        """The signing certificate (subject and serial are recorded with every signed document)."""
        ...

    def sign(self, pdf_bytes: bytes, *, signer_name: str, reason: str, location: str) -> bytes:
        """Return `pdf_bytes` with one PAdES signature (ETSI.CAdES.detached) in field `FIELD_NAME`
        added as an incremental update covering the whole file. Raise `SigningFailed` on failure."""
        ...


class SigningFailed(Exception):
    """The signer could not sign (no key, token removed, gateway refused or timed out)."""
