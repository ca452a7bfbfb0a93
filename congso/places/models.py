"""Administrative units, current (two tiers since 01/07/2025) and pre-merger (three tiers), with the mapping.

Codes are those of the General Statistics Office (Decision 19/2025/QĐ-TTg for current units). A code
alone is ambiguous across eras (52 was Bình Định, is now Gia Lai), so the natural key is (era, code).
Historical records keep their legacy unit; `successor` rolls them up into the current one.
"""

from __future__ import annotations

import re

from django.db import models

from congso.core.text import vn_fold
from congso.places.choices import CommuneKind, DistrictKind, Era, ProvinceKind

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def search_key(text: str | None) -> str:
    """Folded, punctuation-free form used to match unit names typed without tones or hyphens:
    'Phường Phan Rang–Tháp Chàm' and 'phuong phan rang thap cham' give the same key."""
    return _NOT_ALNUM.sub(" ", vn_fold(text)).strip()


class Province(models.Model):
    era = models.CharField("thời kỳ", max_length=8, choices=Era.choices)
    code = models.CharField("mã tỉnh", max_length=2)
    name = models.CharField("tên", max_length=100)
    short_name = models.CharField("tên ngắn", max_length=100)
    kind = models.CharField("loại", max_length=12, choices=ProvinceKind.choices)
    successor = models.ForeignKey(
        "self",
        verbose_name="sáp nhập vào",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = "tỉnh, thành phố"
        verbose_name_plural = "tỉnh, thành phố"
        constraints = [models.UniqueConstraint(fields=["era", "code"], name="province_era_code_uniq")]
        ordering = ["era", "code"]

    def __str__(self) -> str:
        suffix = " (trước 01/07/2025)" if self.era == Era.LEGACY else ""
        return f"{self.name}{suffix}"


class District(models.Model):
    """Districts existed only before 01/07/2025; kept so old records and seed statistics stay queryable."""

    code = models.CharField("mã huyện", max_length=3, unique=True)
    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=12, choices=DistrictKind.choices)
    province = models.ForeignKey(
        Province, verbose_name="tỉnh", on_delete=models.PROTECT, related_name="districts"
    )
    # Five island districts had no communes at all (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) and
    # became special zones (đặc khu) whole, so their succession is district → commune, not commune → commune.
    successor = models.ForeignKey(
        "Commune",
        verbose_name="thành đặc khu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="district_predecessors",
    )

    class Meta:
        verbose_name = "quận, huyện (trước 01/07/2025)"
        verbose_name_plural = "quận, huyện (trước 01/07/2025)"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    era = models.CharField("thời kỳ", max_length=8, choices=Era.choices)
    code = models.CharField("mã xã", max_length=5)
    name = models.CharField("tên", max_length=100)
    short_name = models.CharField("tên ngắn", max_length=100)
    kind = models.CharField("loại", max_length=10, choices=CommuneKind.choices)
    province = models.ForeignKey(
        Province, verbose_name="tỉnh", on_delete=models.PROTECT, related_name="communes"
    )
    district = models.ForeignKey(
        District,
        verbose_name="huyện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="communes",
    )
    # Shadow text for tone-less search (architecture.md, "text search"); kept in step by save() and the loader.
    search_name = models.CharField("tên không dấu", max_length=100, blank=True, default="", editable=False)
    successors = models.ManyToManyField(
        "self",
        verbose_name="thuộc xã mới",
        through="CommuneSuccession",
        symmetrical=False,
        related_name="predecessors",
        blank=True,
    )

    class Meta:
        verbose_name = "xã, phường, đặc khu"
        verbose_name_plural = "xã, phường, đặc khu"
        constraints = [models.UniqueConstraint(fields=["era", "code"], name="commune_era_code_uniq")]
        ordering = ["era", "code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_name = search_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


class CommuneSuccession(models.Model):
    """A legacy commune went (wholly or in part) into a current one; a divided commune has several rows,
    one of them the default used when a record must be rolled up without an address."""

    old = models.ForeignKey(
        Commune, verbose_name="xã cũ", on_delete=models.CASCADE, related_name="successions_out"
    )
    new = models.ForeignKey(
        Commune, verbose_name="xã mới", on_delete=models.CASCADE, related_name="successions_in"
    )
    is_default = models.BooleanField("mặc định khi chia tách", default=True)

    class Meta:
        verbose_name = "sáp nhập xã"
        verbose_name_plural = "sáp nhập xã"
        constraints = [models.UniqueConstraint(fields=["old", "new"], name="commune_succession_uniq")]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"
