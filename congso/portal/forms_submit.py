"""The online submission form, built from the procedure version's components, and the supplement
answer form built from the items of the open request. Nothing is required at the form level so a
draft can be saved half-filled; what a submission needs is checked when the citizen submits."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError

from congso.catalog.models import RequiredDocument
from congso.portal.forms_accounts import AccessibleForm, clean_phone

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def file_field(label: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"invalid": "Tệp tải lên không hợp lệ.", "empty": "Tệp đã chọn không có nội dung."},
    )


def component_field(doc: RequiredDocument) -> str:
    return f"tep_{doc.order}"


class SubmitForm(AccessibleForm):
    agency = forms.ChoiceField(
        label="Cơ quan giải quyết",
        required=False,
        error_messages={"invalid_choice": "Vui lòng chọn cơ quan trong danh sách."},
    )
    case = forms.ChoiceField(
        label="Trường hợp của bạn",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Vui lòng chọn một trường hợp trong danh sách."},
    )
    phone = forms.CharField(
        label="Số điện thoại liên hệ",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label="Thư điện tử nhận thông báo (không bắt buộc)",
        required=False,
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label="Địa chỉ liên hệ",
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    summary = forms.CharField(
        label="Nội dung yêu cầu (không bắt buộc)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Nội dung yêu cầu tối đa 1.000 ký tự."},
    )

    def __init__(
        self,
        *args,
        agencies: Sequence[tuple[int, str]],
        cases: Sequence[str],
        documents: Sequence[RequiredDocument],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "— Chọn cơ quan —"), *((str(i), n) for i, n in agencies)]
        if len(cases) > 1:
            self.fields["case"].choices = [(c, c) for c in cases]
        else:
            del self.fields["case"]
        for doc in documents:
            self.fields[component_field(doc)] = file_field(doc.name)

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"], required=False)

    def clean_summary(self) -> str:
        return " ".join(self.cleaned_data["summary"].split())


class SupplementForm(AccessibleForm):
    """One file input per requested item (the request lists all of them, Decree 118/2025 art. 16)."""

    def __init__(self, *args, items: Sequence[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for i, item in enumerate(self.items):
            self.fields[f"bs_{i}"] = file_field(item)

    def clean(self) -> dict:
        data = super().clean()
        if not any(data.get(f"bs_{i}") for i in range(len(self.items))):
            raise ValidationError("Vui lòng chọn ít nhất một tệp giấy tờ bổ sung.")
        return data
