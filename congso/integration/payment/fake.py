"""A fake national payment platform that speaks the same messages as the real one (domain.md §8).

INIT is checked like the platform would (version, PAY, VND, amount, our MaXacThuc) and opens a
session; the citizen lands on the local page `/thanh-toan/gia-lap/<ref>/` (portal/payment.py) and
chooses success, failure or cancel; `complete()` then builds the signed CONFIRM that the page sends
back to `/thanh-toan/ket-qua/`. Sessions live in Django's cache (one process in the demo and tests);
the platform's side is not ours to persist.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from django.core.cache import cache

from congso.integration.payment import protocol as p

SESSION_TTL = None  # no expiry: tests move the clock, and the fake forgets on restart anyway
PAGE = "/thanh-toan/gia-lap/{ref}/"
CHOICES = {"success": p.SUCCESS, "failed": p.FAILED, "cancelled": p.CANCELLED_BY_PAYER}
QUERY_CODES = {**CHOICES, "pending": "01", "unknown": "03"}


class FakeNationalPaymentPlatform:
    name = "fake"

    def __init__(self, *, secret: str | None = None, partner: str | None = None):
        self._secret = secret
        self._partner = partner

    @property
    def secret(self) -> str:
        return self._secret if self._secret is not None else p.secret()

    @property
    def partner(self) -> str:
        return self._partner if self._partner is not None else p.partner_code()

    # --- what the merchant (congso) sends ------------------------------------------------------------

    def init_message(self, request: p.InitRequest) -> dict:
        message = {
            "LoaiBanTin": "INIT",
            "PhienBan": p.VERSION,
            "MaDoiTac": self.partner,
            "MaThamChieu": request.reference,
            "SoTien": str(request.amount_vnd),
            "LoaiHinhThanhToan": p.PAY,
            "MaTienTe": p.VND,
            "ThoiGianGD": p.timestamp(),
            "Ip": request.client_ip,
        }
        return {**p.sign(message, p.INIT_FIELDS, self.secret), "ThongTinBienLai": request.bill.as_dict()}

    def init(self, request: p.InitRequest) -> str:
        return self.receive_init(self.init_message(request))

    # --- what the platform does ----------------------------------------------------------------------

    def receive_init(self, message: Mapping) -> str:
        if not p.verify(message, p.INIT_FIELDS, self.secret):
            raise p.GatewayError("Cổng thanh toán từ chối: sai chữ ký.", code="bad_hash")
        amount = str(message.get("SoTien", ""))
        if (
            message.get("PhienBan") != p.VERSION
            or message.get("LoaiHinhThanhToan") != p.PAY
            or message.get("MaTienTe") != p.VND
            or not amount.isdigit()
            or int(amount) <= 0
            or not message.get("MaThamChieu")
        ):
            raise p.GatewayError(
                "Cổng thanh toán từ chối: thông tin giao dịch không hợp lệ.", code="bad_init"
            )
        reference = str(message["MaThamChieu"])
        if cache.get(self._key(reference)) is not None:
            raise p.GatewayError("Cổng thanh toán từ chối: mã tham chiếu đã dùng.", code="duplicate_ref")
        cache.set(self._key(reference), {"init": dict(message), "status": "pending"}, SESSION_TTL)
        return PAGE.format(ref=reference)

    def session(self, reference: str) -> dict | None:
        return cache.get(self._key(reference))

    def complete(self, reference: str, choice: str, *, amount_vnd: int | None = None) -> dict[str, str]:
        """The citizen chose on the fake page: record it and return the signed CONFIRM to send back.
        `amount_vnd` lets a test forge a different amount under a valid signature."""
        state = self.session(reference)
        if state is None or choice not in CHOICES:
            raise p.GatewayError("Phiên thanh toán không tồn tại hoặc đã hết hạn.", code="no_session")
        if state["status"] == "pending":
            state["status"] = choice
            state["txn"] = "GD" + secrets.token_hex(6).upper() if choice == "success" else ""
            cache.set(self._key(reference), state, SESSION_TTL)
        message = {
            "LoaiBanTin": "CONFIRM",
            "PhienBan": p.VERSION,
            "MaDoiTac": self.partner,
            "MaThamChieu": reference,
            "MaGiaoDich": state.get("txn", ""),
            "SoTien": str(amount_vnd if amount_vnd is not None else state["init"]["SoTien"]),
            "MaLoi": CHOICES[state["status"]],
            "ThoiGianGD": p.timestamp(),
        }
        return p.sign(message, p.CONFIRM_FIELDS, self.secret)

    def settle_silently(self, reference: str, choice: str) -> None:
        """The citizen paid but the CONFIRM never arrived: only QUERY can tell (for the reconciler)."""
        self.complete(reference, choice)

    # --- the merchant's side of CONFIRM, QUERY, GET_BILL -------------------------------------------

    def verify_confirm(self, params: Mapping[str, str]) -> p.Confirm:
        if params.get("LoaiBanTin", "CONFIRM") != "CONFIRM" or not p.verify(
            params, p.CONFIRM_FIELDS, self.secret
        ):
            raise ValueError("MaXacThuc does not verify")
        amount = str(params.get("SoTien", ""))
        return p.Confirm(
            reference=str(params.get("MaThamChieu", "")),
            gateway_txn=str(params.get("MaGiaoDich", "")),
            amount_vnd=int(amount) if amount.isdigit() else None,
            error_code=str(params.get("MaLoi", "")),
            status=p.status_of(str(params.get("MaLoi", ""))),
            raw=dict(params),
        )

    def confirm_reply(self, *, error_code: str, reference: str) -> dict[str, str]:
        reply = {"MaLoi": error_code, "MaDoiTac": self.partner, "MaThamChieu": reference}
        return p.sign(reply, p.REPLY_FIELDS, self.secret)

    def query(self, reference: str) -> p.QueryResult:
        state = self.session(reference)
        status = "unknown" if state is None else state["status"]
        answer = p.sign(
            {
                "MaLoi": QUERY_CODES[status],
                "MaDoiTac": self.partner,
                "MaThamChieu": reference,
                "MaGiaoDich": (state or {}).get("txn", ""),
                "SoTien": (state or {}).get("init", {}).get("SoTien", ""),
                "TrangThai": status,
            },
            p.QUERY_RESULT_FIELDS,
            self.secret,
        )
        if not p.verify(answer, p.QUERY_RESULT_FIELDS, self.secret):  # as the real adapter must
            raise p.GatewayError("Kết quả tra soát sai chữ ký.", code="bad_hash")
        amount = str(answer["SoTien"])
        return p.QueryResult(
            reference=reference,
            status=status,
            amount_vnd=int(amount) if amount.isdigit() else None,
            gateway_txn=answer["MaGiaoDich"],
            error_code=answer["MaLoi"],
            raw=answer,
        )

    def get_bill(self, reference: str) -> dict | None:
        state = self.session(reference)
        if state is None or state["status"] != "success":
            return None
        return {
            "MaThamChieu": reference,
            "MaGiaoDich": state.get("txn", ""),
            "SoTien": state["init"]["SoTien"],
            "ThongTinBienLai": state["init"].get("ThongTinBienLai", {}),
        }

    @staticmethod
    def _key(reference: str) -> str:
        # Only the characters a MaThamChieu can have reach the cache key (junk URLs stay harmless).
        return "fakepay:" + "".join(ch for ch in reference[:40] if ch.isascii() and ch.isalnum())


FAKE = FakeNationalPaymentPlatform()
