"""Citizen account forms: register, sign in, profile. Vietnamese labels and messages; every error is
tied to its field (aria-invalid + aria-describedby, WCAG 2.1 SC 3.3.1 and 1.3.1)."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from congso.core.errors import InvalidInput
from congso.identity.validation import clean_personal_id
from congso.places.models import Commune

MOBILE = re.compile(r"^0\d{9}$")


class AccessibleForm(forms.Form):
    """Points each invalid input at its error message, so a screen reader reads them together."""

    def full_clean(self) -> None:
        super().full_clean()
        self._aria()

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        self._aria()

    def _aria(self) -> None:
        if self._errors is None:
            return
        for name, field in self.fields.items():
            bound = self[name]
            described = [f"{bound.auto_id}_helptext"] if field.help_text else []
            if name in self._errors:
                described.append(f"{bound.auto_id}-loi")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


def clean_phone(raw: str, *, required: bool = True) -> str:
    digits = re.sub(r"[\s.()-]", "", raw or "")
    if digits.startswith("+84") or (digits.startswith("84") and len(digits) == 11):
        digits = "0" + digits[-9:]
    if not digits and not required:
        return ""
    if not MOBILE.match(digits):
        raise ValidationError("Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0905123456).")
    return digits


def clean_id(raw: str) -> str:
    try:
        return clean_personal_id(raw)
    except InvalidInput as exc:
        raise ValidationError(exc.message) from exc


class RegisterForm(AccessibleForm):
    full_name = forms.CharField(
        label="Họ và tên", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    id_number = forms.CharField(
        label="Số định danh cá nhân (CCCD)",
        max_length=20,
        help_text="12 chữ số in trên căn cước công dân; dùng để đăng nhập.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    phone = forms.CharField(
        label="Số điện thoại di động",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label="Thư điện tử (không bắt buộc)",
        required=False,
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label="Mật khẩu",
        help_text="Ít nhất 8 ký tự, không quá đơn giản.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="Nhập lại mật khẩu", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise ValidationError("Vui lòng nhập họ và tên.")
        return name

    def clean_id_number(self) -> str:
        return clean_id(self.cleaned_data["id_number"])

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean(self) -> dict:
        data = super().clean()
        password, again = data.get("password"), data.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", "Hai lần nhập mật khẩu không giống nhau.")
        elif password:
            try:
                validate_password(password)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class SignInForm(AccessibleForm):
    id_number = forms.CharField(
        label="Số định danh cá nhân",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Mật khẩu", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def clean_id_number(self) -> str:
        return re.sub(r"[\s.-]", "", self.cleaned_data["id_number"])


class ProfileForm(AccessibleForm):
    phone = forms.CharField(
        label="Số điện thoại di động",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label="Địa chỉ (số nhà, đường, thôn, tổ dân phố)",
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    commune = forms.ModelChoiceField(
        label="Xã, phường, đặc khu",
        queryset=Commune.objects.none(),
        required=False,
        empty_label="— Chọn xã, phường —",
        error_messages={"invalid_choice": "Vui lòng chọn xã, phường trong danh sách."},
    )

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if communes is not None:
            self.fields["commune"].queryset = communes

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])
