"""Citizen accounts: register, sign in and out, profile (/tai-khoan/…). Officers keep /dang-nhap/.

This is the one module that signs a citizen in (`sign_in_citizen`) and guards citizen pages
(`citizen_required`). Local accounts are a stop-gap: citizens are meant to sign in with their
national e-identity (VNeID) through single sign-on (Decree 45/2020/NĐ-CP on e-accounts for online
procedures; Decree 69/2024/NĐ-CP on electronic identification), so a later
OIDC client replaces `sign_in_view`/`register_view` and calls `sign_in_citizen` with the user whose
Applicant it linked from the verified identity. Nothing else needs to change.

A citizen's login is their 12-digit personal id. Because a local account proves nothing about who
typed that id, registering never hands over somebody else's dossiers: an applicant already known to
the one-stop shop (from a counter intake) is linked only when the phone number matches the one they
gave there, and the answer is the same whatever the reason, so the page does not reveal who has
dossiers.
"""

from __future__ import annotations

import re
from functools import wraps

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from congso.core.errors import InvalidInput, NotFound
from congso.identity.choices import IdKind
from congso.identity.models import Applicant, User
from congso.identity.services import find_or_create_applicant
from congso.places.models import Commune
from congso.places.selectors import communes_of, current_province
from congso.portal.forms_accounts import ProfileForm, RegisterForm, SignInForm

SIGN_IN_URL = "/tai-khoan/dang-nhap/"
MAX_FAILURES = 10  # per personal id and per client address, per hour
WINDOW = 3600
REGISTER_REFUSED = (
    "Không thể đăng ký tài khoản với số định danh này. Nếu bạn đã có tài khoản, hãy đăng nhập; nếu bạn "
    "đã nộp hồ sơ tại bộ phận một cửa, hãy dùng đúng số điện thoại đã khai khi nộp hoặc liên hệ bộ phận một cửa."
)


# --- the seam ------------------------------------------------------------------------------------


def sign_in_citizen(request: HttpRequest, user: User) -> None:
    """Start the citizen's session (a new session key: no fixation). The SSO callback calls this."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")


def citizen_of(user) -> Applicant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Applicant.objects.filter(user=user).order_by("id").first()


def citizen_required(view):
    """Signed in as a citizen; anonymous visitors go to the citizen sign-in page and come back."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), SIGN_IN_URL)
        applicant = citizen_of(request.user)
        if applicant is None:
            return render(request, "portal/account_not_citizen.html", status=403)
        request.applicant = applicant
        return view(request, *args, **kwargs)

    return wrapper


# --- services ------------------------------------------------------------------------------------


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


@transaction.atomic
def register_citizen(*, full_name: str, id_number: str, phone: str, email: str, password: str) -> User:
    """Create the account and link it to the citizen's Applicant (created if new)."""
    if User.objects.filter(username=id_number).exists():
        raise InvalidInput("registration_refused", REGISTER_REFUSED, fields={"id_number": "không dùng được"})
    known = (
        Applicant.objects.select_for_update().filter(id_kind=IdKind.PERSONAL_ID, id_number=id_number).first()
    )
    if known is not None and (known.user_id is not None or _digits(known.phone) != _digits(phone)):
        raise InvalidInput("registration_refused", REGISTER_REFUSED, fields={"id_number": "không dùng được"})
    user = User.objects.create_user(
        username=id_number, password=password, full_name=full_name, phone=phone, email=email
    )
    find_or_create_applicant(full_name=full_name, id_number=id_number, phone=phone, email=email, user=user)
    return user


@transaction.atomic
def update_profile(*, user: User, phone: str, email: str, address: str, commune: Commune | None) -> Applicant:
    applicant = Applicant.objects.select_for_update().filter(user=user).order_by("id").first()
    if applicant is None:
        raise NotFound("not_a_citizen", "Tài khoản này chưa được gắn với thông tin công dân.")
    applicant.phone, applicant.email, applicant.address, applicant.commune = phone, email, address, commune
    applicant.save(update_fields=["phone", "email", "address", "commune", "updated_at"])
    user.phone, user.email = phone, email
    user.save(update_fields=["phone", "email"])
    return applicant


def province_communes():
    try:
        return communes_of(current_province(settings.CONGSO_PROVINCE_CODE))
    except NotFound:
        return Commune.objects.none()


# --- throttling ----------------------------------------------------------------------------------


def _keys(request: HttpRequest, id_number: str) -> tuple[str, str]:
    return f"signin:id:{id_number}", f"signin:ip:{request.META.get('REMOTE_ADDR', '?')}"


def _throttled(request: HttpRequest, id_number: str) -> bool:
    return any((cache.get(key) or 0) >= MAX_FAILURES for key in _keys(request, id_number))


def _fail(request: HttpRequest, id_number: str) -> None:
    for key in _keys(request, id_number):
        cache.add(key, 0, WINDOW)
        cache.incr(key)


def _next(request: HttpRequest, default: str = "/tai-khoan/") -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and safe else default


# --- views ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def register_view(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = register_citizen(
                full_name=data["full_name"],
                id_number=data["id_number"],
                phone=data["phone"],
                email=data["email"],
                password=data["password"],
            )
        except InvalidInput as exc:
            form.add_error("id_number", exc.message)
        else:
            sign_in_citizen(request, user)
            return redirect(_next(request))
    status = 400 if form.errors else 200
    return render(
        request, "portal/account_register.html", {"form": form, "next": _next(request, "")}, status=status
    )


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_view(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        id_number = form.cleaned_data["id_number"]
        if _throttled(request, id_number):
            error = "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau một giờ."
        else:
            user = authenticate(request, username=id_number, password=form.cleaned_data["password"])
            if user is not None and citizen_of(user) is not None:
                sign_in_citizen(request, user)
                return redirect(_next(request))
            _fail(request, id_number)
            error = (
                "Số định danh hoặc mật khẩu không đúng. Cán bộ, công chức vui lòng đăng nhập tại trang "
                "dành cho cán bộ."
            )
    status = 400 if (error or form.errors) else 200
    return render(
        request,
        "portal/account_sign_in.html",
        {"form": form, "error": error, "next": _next(request, "")},
        status=status,
    )


@require_POST
def sign_out_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/")


@citizen_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_view(request: HttpRequest) -> HttpResponse:
    applicant: Applicant = request.applicant
    communes = province_communes()
    initial = {
        "phone": applicant.phone,
        "email": applicant.email,
        "address": applicant.address,
        "commune": applicant.commune_id,
    }
    form = ProfileForm(request.POST or None, initial=initial, communes=communes)
    saved = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        applicant = update_profile(
            user=request.user,
            phone=data["phone"],
            email=data["email"],
            address=" ".join(data["address"].split()),
            commune=data["commune"],
        )
        saved = True
    return render(
        request,
        "portal/account_profile.html",
        {"form": form, "applicant": applicant, "saved": saved},
        status=400 if form.errors else 200,
    )
