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


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    fields: dict[str, str] = {}
    for err in exc.errors:
        loc = ".".join(
            str(part) for part in err.get("loc", ()) if part not in ("body", "query", "path", "payload")
        )
        fields[loc or "_"] = err.get("msg", "không hợp lệ")
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
