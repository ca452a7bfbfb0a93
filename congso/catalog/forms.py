"""Forms of the catalogue admin. Validation of substance stays in services; these only shape the input."""

from __future__ import annotations

from django import forms

from congso.catalog.choices import MucDo, TimeUnit
from congso.catalog.models import AgencyProcedure

UNIT_CHOICES = [(u.value, u.label) for u in (TimeUnit.WORKING_DAY, TimeUnit.CALENDAR_DAY, TimeUnit.HOUR)]


class RecordLimitsForm(forms.Form):
    days = forms.DecimalField(
        label="Thời hạn nộp trực tiếp",
        max_digits=7,
        decimal_places=2,
        min_value=0,
        help_text="Theo đơn vị bên dưới.",
    )
    unit = forms.ChoiceField(label="Đơn vị", choices=UNIT_CHOICES, initial=TimeUnit.WORKING_DAY)
    days_online = forms.DecimalField(
        label="Thời hạn nộp trực tuyến",
        max_digits=7,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text="Để trống nếu bằng thời hạn nộp trực tiếp.",
    )
    days_post = forms.DecimalField(
        label="Thời hạn nộp qua bưu chính",
        max_digits=7,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text="Để trống nếu bằng thời hạn nộp trực tiếp.",
    )
    actor_note = forms.CharField(
        label="Căn cứ",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ví dụ: số quyết định công bố, đường dẫn trang thủ tục trên Cổng DVCQG.",
    )


class OfferingForm(forms.ModelForm):
    muc_do = forms.TypedChoiceField(
        label="Mức độ trực tuyến",
        choices=[("", "Chưa xác định"), *MucDo.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = AgencyProcedure
        fields = ["agency", "procedure", "muc_do", "active"]

    def clean(self) -> dict:
        data = super().clean()
        procedure = data.get("procedure") or (self.instance.procedure if self.instance.procedure_id else None)
        # Mirrors services.set_offering so the admin shows the refusal on the form instead of failing on save.
        if data.get("active") and procedure and not procedure.active:
            raise forms.ValidationError(f"Thủ tục {procedure.code} không còn áp dụng, không thể cung cấp.")
        return data
