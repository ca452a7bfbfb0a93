"""Public verification of signed results: /xac-thuc/<public_id>/ — anyone, no login (domain.md §11).

The QR code printed on a signed result leads here. The page says whether the signature is valid and
the document unchanged, who signed and when, offers the signed PDF, and compares a PDF the visitor
holds with the original (checked in memory, never stored). An unknown id gets a plain Vietnamese 404
that reveals nothing; the list of documents is never browsable.
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from congso.core import clock
from congso.core.errors import Conflict, InvalidInput, NotFound
from congso.documents import services
from congso.documents.signing import MAX_PDF_BYTES, too_large

FIELD = "tep"
UPLOAD_MESSAGES = {
    "not_a_pdf": "Tệp bạn chọn không phải là tệp PDF hợp lệ. Vui lòng chọn đúng tệp văn bản (.pdf).",
    "file_too_large": f"Tệp bạn chọn lớn hơn {MAX_PDF_BYTES // (1024 * 1024)} MB, vượt quá dung lượng cho phép.",
    "missing": "Vui lòng chọn tệp PDF cần đối chiếu.",
}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def page(request: HttpRequest, public_id: str) -> HttpResponse:
    uploaded, upload_error = None, ""
    if request.method == "POST":
        upload = request.FILES.get(FIELD)
        if upload is None:
            upload_error = UPLOAD_MESSAGES["missing"]
        elif too_large(upload.size or 0):  # before reading a byte of it
            upload_error = UPLOAD_MESSAGES["file_too_large"]
        else:
            uploaded = upload.read()
    try:
        try:
            verification = services.verify(public_id, uploaded)
        except InvalidInput as exc:
            upload_error = UPLOAD_MESSAGES.get(exc.code, exc.message)
            verification = services.verify(public_id)
    except NotFound:
        return not_found(request)
    document = verification.document
    context = {
        "v": verification,
        "document": document,
        "signed_at": clock.local(document.signed_at).strftime("%d/%m/%Y %H:%M"),
        "download_url": reverse("portal:verify_download", args=[document.public_id]),
        "upload_error": upload_error,
        "max_mb": MAX_PDF_BYTES // (1024 * 1024),
        "size_kb": max(1, round(document.size / 1024)),
    }
    response = render(request, "portal/verify.html", context, status=400 if upload_error else 200)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def download(request: HttpRequest, public_id: str) -> HttpResponse:
    """Stream the signed PDF from the store (never a static URL: the store is outside the web root)."""
    try:
        document, handle = services.open_signed(public_id)
    except NotFound:
        return not_found(request)
    except Conflict as exc:
        return render(request, "portal/verify_404.html", {"message": exc.message}, status=409)
    response = FileResponse(
        handle, content_type="application/pdf", as_attachment=True, filename=services.download_name(document)
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def not_found(request: HttpRequest) -> HttpResponse:
    response = render(request, "portal/verify_404.html", {}, status=404)
    response["X-Robots-Tag"] = "noindex"
    return response
