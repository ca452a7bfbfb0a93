"""`LocalCertificateSigner`: PAdES signatures with a key file of the demo PKI (pyHanko)."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from cryptography import x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner

from congso.documents.signing import pki
from congso.documents.signing.base import FIELD_NAME, SigningFailed

log = logging.getLogger(__name__)


class LocalCertificateSigner:
    """Signs with a private key on this server's disk. Demo and tests only: a real leader's key stays
    on a token or behind the remote-signing gateway (see `base`)."""

    def __init__(self, *, key_path: Path, cert_path: Path, chain: tuple[Path, ...] = ()):
        self.key_path = key_path
        self.cert_path = cert_path
        self.chain = chain

    @classmethod
    def for_leader(cls, *, full_name: str, agency_name: str, user_id: int | None = None):
        """The leader's signer, issuing the demo certificate on first use."""
        pair = pki.ensure_signer(full_name=full_name, agency_name=agency_name, user_id=user_id)
        root = pki.ensure_root()
        return cls(key_path=pair.key_path, cert_path=pair.cert_path, chain=(root.cert_path,))

    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_path.read_bytes())

    def sign(self, pdf_bytes: bytes, *, signer_name: str, reason: str, location: str) -> bytes:
        try:
            signer = signers.SimpleSigner.load(
                key_file=str(self.key_path),
                cert_file=str(self.cert_path),
                # The chain is embedded in the CMS object, so a verifier needs only the root.
                ca_chain_files=tuple(str(p) for p in self.chain),
            )
        except (OSError, ValueError) as exc:
            raise SigningFailed(f"cannot load the signing key: {exc}") from exc
        if signer is None:
            raise SigningFailed("cannot load the signing key")
        meta = PdfSignatureMetadata(
            field_name=FIELD_NAME,
            # PAdES (ETSI EN 319 142): SubFilter ETSI.CAdES.detached with the signing certificate
            # bound in a signed attribute, the format domain.md §11 recommends.
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            name=signer_name,
            reason=reason,
            location=location,
        )
        # An invisible field: what the reader sees on paper is the QR stamp drawn before signing
        # (`stamp.stamp_qr`), which this signature covers.
        spec = fields.SigFieldSpec(sig_field_name=FIELD_NAME, box=None)
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
            out = PdfSigner(meta, signer=signer, new_field_spec=spec).sign_pdf(writer)
        except Exception as exc:  # pyHanko raises many types; the caller needs one
            raise SigningFailed(f"pyHanko could not sign: {exc}") from exc
        signed = out.getvalue()
        log.info("signed %d bytes as %s (%s)", len(signed), signer_name, self.cert_path.parent.name)
        return signed
