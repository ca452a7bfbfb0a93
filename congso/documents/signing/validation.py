"""Check the PAdES signature of a stored result with pyHanko, against the roots congso trusts.

Decree 130/2018/NĐ-CP art. 9 (carried into Decree 23/2025/NĐ-CP) makes a digital signature safe when
it was created while the signer's certificate was valid, verifies with that certificate's public key,
and the signed message is unchanged since signing. The three answers below are those three checks:
`valid` (cryptography and certificate chain to a trusted root at the signing moment), `intact` (the
signed bytes hash to what was signed) and `whole_file` (nothing was appended after the signature).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from congso.documents.signing import pki
from congso.documents.signing.base import FIELD_NAME

log = logging.getLogger(__name__)

PADES_SUBFILTER = "/ETSI.CAdES.detached"


@dataclass(frozen=True)
class SignatureCheck:
    found: bool  # a signature field with a signature in it
    intact: bool = False  # the signed byte ranges hash to the signed digest
    valid: bool = False  # the CMS signature verifies with the certificate's key
    trusted: bool = False  # the certificate chains to a trusted root and was valid at the moment
    whole_file: bool = False  # the signature covers the entire file: nothing appended afterwards
    pades: bool = False  # SubFilter ETSI.CAdES.detached
    field_name: str = ""
    holder: str = ""  # the certificate's common name (the signer)
    organization: str = ""  # the certificate's organisation (the signer's agency)
    issuer: str = ""  # the issuing CA's common name (the demo CA says so in its name)
    serial: str = ""  # hexadecimal
    error: str = ""  # what went wrong, for the log (never shown to the public)

    @property
    def ok(self) -> bool:
        return self.found and self.intact and self.valid and self.trusted and self.whole_file and self.pades


def check_signature(pdf_bytes: bytes, *, moment: datetime | None = None) -> SignatureCheck:
    """Validate the `KyDuyet` signature (else the last one) of `pdf_bytes`.

    `moment` is when the signature was made, as recorded by the server that made it: the certificate
    must have been valid then (a leader's certificate that expired since does not void results signed
    before). Without a trusted timestamp (PAdES B-T) that record is the only time reference.
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:
        return SignatureCheck(found=False, error=f"unreadable: {exc}")
    if not signatures:
        return SignatureCheck(found=False, error="no signature")
    named = [s for s in signatures if s.field_name == FIELD_NAME]
    embedded = named[-1] if named else signatures[-1]
    subfilter = str(embedded.sig_object.get("/SubFilter", ""))
    try:
        cert = embedded.signer_cert
        subject, issuer = cert.subject.native, cert.issuer.native
        names = {
            "holder": str(subject.get("common_name", "")),
            "organization": str(subject.get("organization_name", "")),
            "issuer": str(issuer.get("common_name", "")),
            "serial": format(cert.serial_number, "x"),
        }
    except Exception:
        names = {}
    context = ValidationContext(
        trust_roots=[_asn1(c) for c in pki.trust_roots()],
        moment=moment,
        allow_fetching=False,  # never call out from a public page; demo certificates carry no CRL/OCSP
        revocation_mode="soft-fail",
    )
    try:
        status = validate_pdf_signature(embedded, context)
    except Exception as exc:  # a mangled CMS object or byte range: the signature does not hold
        log.info("signature validation failed: %s", exc)
        return SignatureCheck(
            found=True,
            pades=subfilter == PADES_SUBFILTER,
            field_name=embedded.field_name or "",
            **names,
            error=f"validation error: {exc}",
        )
    return SignatureCheck(
        found=True,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        pades=subfilter == PADES_SUBFILTER,
        field_name=embedded.field_name or "",
        **names,
        error="" if status.bottom_line else status.summary(),
    )


def _asn1(cert) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
