"""The one-stop forms of Circular 01/2018/TT-VPCP (renumbered by Circular 03/2025/TT-VPCP, see
`common`), each a frozen dataclass of plain values and a `render_…(data) -> bytes` function.

`documents` sits below `dossiers` (architecture.md): nothing here imports a dossier; the adapter
`congso.dossiers.printing` fills these dataclasses from a dossier and its history.
"""

from congso.documents.forms.apology import ApologyLetter, render_apology
from congso.documents.forms.common import Mark, Party
from congso.documents.forms.control_slip import ControlSlip, Handover, render_control_slip
from congso.documents.forms.receipt import Receipt, ReceivedDocument, render_receipt
from congso.documents.forms.refusal import Refusal, render_refusal
from congso.documents.forms.supplement import SupplementRequest, render_supplement_request
from congso.documents.pdf import Issuer

__all__ = [
    "ApologyLetter",
    "ControlSlip",
    "Handover",
    "Issuer",
    "Mark",
    "Party",
    "Receipt",
    "ReceivedDocument",
    "Refusal",
    "SupplementRequest",
    "render_apology",
    "render_control_slip",
    "render_receipt",
    "render_refusal",
    "render_supplement_request",
]
