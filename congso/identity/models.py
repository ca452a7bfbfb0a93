"""Who acts: agencies (a tree per province), officers with roles scoped to an agency, applicants."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from congso.core.models import TimeStamped
from congso.identity.choices import AgencyKind, ApplicantKind, IdKind, Role


class User(AbstractUser):
    """A login: an officer, an administrator or a citizen. What it may do comes from its role grants."""

    full_name = models.CharField("họ và tên", max_length=200, blank=True)
    phone = models.CharField("số điện thoại", max_length=20, blank=True)

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def __str__(self) -> str:
        return self.full_name or self.username


class Agency(TimeStamped):
    # QCVN 102:2016 code (000.00.16.H56) or a Decision 20/2020/QĐ-TTg id; loaded from official lists,
    # never derived (domain.md §6).
    code = models.CharField("mã cơ quan", max_length=40, unique=True)
    name = models.CharField("tên cơ quan", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    kind = models.CharField("loại", max_length=12, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Tenant key (architecture principle 14): the current-era province this agency belongs to.
    province = models.ForeignKey(
        "places.Province", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="agencies"
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name="xã",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    imported = models.BooleanField("tạo khi nhập dữ liệu cũ", default=False)
    active = models.BooleanField("đang hoạt động", default=True)
    # The 2025 reorganisation (Resolution 202/2025/QH15 merged provinces; Resolution 1211/2016 as
    # amended set the commune tier) closed agencies and gave their dossiers to new ones. A closed
    # agency keeps its code and its dossiers; `successor` says which current agency its figures roll
    # up into, and `former_province` which pre-merger province it belonged to (Ninh Thuận for a
    # former Ninh Thuận department now under Khánh Hòa). Reports show either view.
    successor = models.ForeignKey(
        "self",
        verbose_name="cơ quan tiếp nhận sau sáp nhập",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    former_province = models.ForeignKey(
        "places.Province",
        verbose_name="tỉnh trước sáp nhập",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="former_agencies",
    )

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Officer(TimeStamped):
    user = models.OneToOneField(
        User, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="officer"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="officers"
    )
    title = models.CharField("chức danh", max_length=100, blank=True)
    division = models.CharField("phòng ban", max_length=150, blank=True)

    class Meta:
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"

    def __str__(self) -> str:
        return f"{self.user} — {self.agency.short_name or self.agency.name}"


class RoleGrant(TimeStamped):
    """A role held in one agency. Permissions are checked against these rows only (identity.permissions)."""

    officer = models.ForeignKey(
        Officer, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="grants"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="tại cơ quan", on_delete=models.CASCADE, related_name="grants"
    )
    role = models.CharField("vai trò", max_length=24, choices=Role.choices)

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [models.UniqueConstraint(fields=["officer", "agency", "role"], name="role_grant_uniq")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.agency}"


class Applicant(TimeStamped):
    """A citizen or an organisation that submits dossiers (chủ hồ sơ)."""

    kind = models.PositiveSmallIntegerField(
        "loại đối tượng", choices=ApplicantKind.choices, default=ApplicantKind.CITIZEN
    )
    full_name = models.CharField("họ tên / tên tổ chức", max_length=255)
    id_kind = models.PositiveSmallIntegerField(
        "loại giấy tờ", choices=IdKind.choices, default=IdKind.PERSONAL_ID
    )
    id_number = models.CharField("số định danh / mã số thuế", max_length=20, db_index=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    commune = models.ForeignKey(
        "places.Commune", verbose_name="xã", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        User,
        verbose_name="tài khoản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applicants",
    )

    class Meta:
        verbose_name = "người nộp hồ sơ"
        verbose_name_plural = "người nộp hồ sơ"
        constraints = [
            models.UniqueConstraint(fields=["id_kind", "id_number"], name="applicant_identity_uniq")
        ]

    def __str__(self) -> str:
        return self.full_name
