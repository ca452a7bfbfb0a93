"""The API root: one NinjaAPI, one error shape (`{"code", "message", "fields"}`), routers from the api module."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from congso.api.routers import register
from congso.core.errors import DomainError

api = NinjaAPI(
    title="congso API",
    version="1",
    description="API của nền tảng chính quyền số congso. Lỗi luôn có dạng "
    '{"code": "...", "message": "...", "fields": {...}}; message bằng tiếng Việt.',
    docs_url="/docs",
    urls_namespace="api-v1",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


# pydantic error types -> Vietnamese; anything else falls back to a generic phrase.
_MESSAGES = {
    "missing": "bắt buộc",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "decimal_parsing": "phải là số",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là đúng/sai",
    "datetime_parsing": "thời điểm không hợp lệ (dạng 2026-02-13T09:00)",
    "datetime_from_date_parsing": "thời điểm không hợp lệ (dạng 2026-02-13T09:00)",
    "date_parsing": "ngày không hợp lệ (dạng 2026-02-13)",
    "date_from_datetime_parsing": "ngày không hợp lệ (dạng 2026-02-13)",
    "string_too_long": "tối đa {max_length} ký tự",
    "string_too_short": "tối thiểu {min_length} ký tự",
    "literal_error": "giá trị không hợp lệ; chọn một trong: {expected}",
    "list_type": "phải là một danh sách",
    "string_type": "phải là chuỗi ký tự",
    "json_invalid": "nội dung JSON không hợp lệ",
}


def _vietnamese(err: dict) -> str:
    template = _MESSAGES.get(err.get("type", ""), "không hợp lệ")
    try:
        return template.format(**(err.get("ctx") or {}))
    except (KeyError, IndexError):
        return template.split(" {")[0]


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    fields: dict[str, str] = {}
    for err in exc.errors:
        loc = ".".join(
            str(part) for part in err.get("loc", ()) if part not in ("body", "query", "path", "payload")
        )
        fields[loc or "_"] = _vietnamese(err)
    body = {"code": "invalid_input", "message": "Dữ liệu gửi lên không hợp lệ.", "fields": fields}
    return api.create_response(request, body, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    body = {
        "code": "not_authenticated",
        "message": "Bạn cần đăng nhập để thực hiện thao tác này.",
        "fields": {},
    }
    return api.create_response(request, body, status=401)


@api.exception_handler(DjangoPermissionDenied)
def permission_error(request, exc):
    body = {"code": "forbidden", "message": "Bạn không có quyền thực hiện thao tác này.", "fields": {}}
    return api.create_response(request, body, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    body = {"code": "not_found", "message": "Không tìm thấy dữ liệu yêu cầu.", "fields": {}}
    return api.create_response(request, body, status=404)


register(api)
