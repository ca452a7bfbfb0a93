"""Reject NUL characters at the door. PostgreSQL refuses them in text, so a crafted `%00` in a path, a query
or a form field would otherwise surface as a 500 deep in a view; no legitimate input contains one."""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse

MESSAGE = "Yêu cầu chứa ký tự không hợp lệ."


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"code": "invalid_character", "message": MESSAGE, "fields": {}},
                    status=400,
                    json_dumps_params={"ensure_ascii": False},
                )
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _has_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    values = [v for key in request.GET for v in [key, *request.GET.getlist(key)]]
    if request.method == "POST" and not request.content_type.startswith("application/json"):
        values += [v for key in request.POST for v in [key, *request.POST.getlist(key)]]
    return any("\x00" in v for v in values)
