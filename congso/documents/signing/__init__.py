"""Digital signatures on result documents (domain.md §11): the signer seam, the demo PKI, the QR
stamp and the validation the public verification page runs. `congso.documents.services` is the entry
point for the rest of congso; this package holds the PDF and certificate work."""

from congso.documents.signing.base import FIELD_NAME, Signer, SigningFailed
from congso.documents.signing.inputs import MAX_PDF_BYTES, PdfFacts, ensure_pdf, too_large
from congso.documents.signing.local import LocalCertificateSigner
from congso.documents.signing.stamp import stamp_qr
from congso.documents.signing.validation import SignatureCheck, check_signature

__all__ = [
    "FIELD_NAME",
    "MAX_PDF_BYTES",
    "LocalCertificateSigner",
    "PdfFacts",
    "SignatureCheck",
    "Signer",
    "SigningFailed",
    "check_signature",
    "ensure_pdf",
    "stamp_qr",
    "too_large",
]
