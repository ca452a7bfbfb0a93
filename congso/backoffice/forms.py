"""Forms of the back office: parse and validate what an officer typed; the services do the rest."""

from __future__ import annotations

from django import forms

from congso.dossiers.choices import Channel, Status
from congso.identity.choices import ApplicantKind, IdKind


class InboxFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo mã hồ sơ, tên hoặc số định danh", required=False, max_length=200)
    procedure = forms.CharField(label="Mã thủ tục", required=False, max_length=40)
    channel = forms.TypedChoiceField(
        label="Kênh", required=False, coerce=int, empty_value=None, choices=[("", "Tất cả"), *Channel.choices]
    )
    status = forms.TypedChoiceField(
        label="Trạng thái",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Tất cả"), *Status.choices],
    )
    commune = forms.TypedChoiceField(
        label="Xã, phường của người nộp", required=False, coerce=int, empty_value=None, choices=[]
    )
    received_from = forms.DateField(
        label="Tiếp nhận từ ngày",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    received_to = forms.DateField(
        label="đến ngày",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [("", "Tất cả"), *[(c.id, c.name) for c in communes]]


class IntakeForm(forms.Form):
    """Counter intake of a walk-in or postal dossier (Decree 118/2025: checked complete at the counter)."""

    procedure = forms.CharField(widget=forms.HiddenInput)
    kind = forms.TypedChoiceField(
        label="Đối tượng", coerce=int, choices=ApplicantKind.choices, initial=ApplicantKind.CITIZEN
    )
    id_kind = forms.TypedChoiceField(
        label="Loại giấy tờ", coerce=int, choices=IdKind.choices, initial=IdKind.PERSONAL_ID
    )
    id_number = forms.CharField(label="Số định danh / mã số thuế", max_length=20)
    full_name = forms.CharField(label="Họ tên người nộp / tên tổ chức", max_length=255)
    phone = forms.CharField(label="Số điện thoại", max_length=20, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    channel = forms.TypedChoiceField(
        label="Hình thức nộp",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(Channel.COUNTER, "Trực tiếp tại quầy"), (Channel.POSTAL, "Qua bưu chính")],
        initial=Channel.COUNTER,
    )
    summary = forms.CharField(
        label="Trích yếu (không bắt buộc)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, documents: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = list(documents)
        for i, name in enumerate(self.documents):
            self.fields[f"doc_{i}"] = forms.BooleanField(label=name, required=False)

    def clean(self):
        data = super().clean()
        missing = [name for i, name in enumerate(self.documents) if not data.get(f"doc_{i}")]
        data["missing_documents"] = missing
        return data


class ActionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Lý do / nội dung", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    items = forms.CharField(
        label="Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    new_due_at = forms.DateTimeField(
        label="Ngày hẹn trả mới",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    amount_vnd = forms.IntegerField(label="Số tiền (đồng)", required=False, min_value=0)
    final = forms.BooleanField(label="Dừng hẳn (không tiếp tục)", required=False)
    assignee = forms.IntegerField(label="Giao cho cán bộ", required=False)

    def params(self) -> dict:
        """Only the parameters the chosen action takes (the service rejects any other)."""
        data = self.cleaned_data
        action = data["action"]
        wanted = PARAMS.get(action, ())
        result = {}
        if "reason" in wanted:
            result["reason"] = data.get("reason") or ""
        if "items" in wanted:
            result["items"] = [
                line.strip() for line in (data.get("items") or "").splitlines() if line.strip()
            ]
        if "new_due_at" in wanted:
            result["new_due_at"] = data.get("new_due_at")
        if "amount_vnd" in wanted and data.get("amount_vnd") is not None:
            result["amount_vnd"] = data["amount_vnd"]
        if "final" in wanted:
            result["final"] = bool(data.get("final"))
        return result


# action -> the fields its form shows (and passes on)
PARAMS: dict[str, tuple[str, ...]] = {
    "accept": (),
    "refuse": ("reason",),
    "forward": ("assignee",),
    "send_back": ("reason",),
    "request_supplement": ("reason", "items"),
    "receive_supplement": (),
    "expire_supplement": ("reason",),
    "request_payment": ("reason", "amount_vnd"),
    "record_payment": (),
    "stop": ("reason", "final"),
    "resume": (),
    "withdraw": ("reason",),
    "finish": (),
    "return_result": (),
    "apologise": ("reason", "new_due_at"),
}

ACTION_LABELS: dict[str, str] = {
    "accept": "Tiếp nhận hồ sơ",
    "refuse": "Từ chối tiếp nhận",
    "forward": "Chuyển bước tiếp theo",
    "send_back": "Trả lại bước trước",
    "request_supplement": "Yêu cầu bổ sung hồ sơ",
    "receive_supplement": "Đã nhận hồ sơ bổ sung",
    "expire_supplement": "Từ chối do quá hạn bổ sung",
    "request_payment": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "record_payment": "Xác nhận đã thực hiện nghĩa vụ tài chính",
    "stop": "Dừng xử lý",
    "resume": "Tiếp tục xử lý",
    "withdraw": "Công dân rút hồ sơ",
    "finish": "Phê duyệt, kết thúc xử lý",
    "return_result": "Trả kết quả",
    "apologise": "Lập phiếu xin lỗi, hẹn lại ngày trả",
}
