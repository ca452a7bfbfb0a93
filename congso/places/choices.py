from django.db import models


class Era(models.TextChoices):
    # Resolution 202/2025/QH15 and the 2025 commune mergers took effect on 1 July 2025.
    CURRENT = "current", "Từ 01/07/2025 (hai cấp)"
    LEGACY = "legacy", "Trước 01/07/2025 (ba cấp)"


class ProvinceKind(models.TextChoices):
    PROVINCE = "tinh", "Tỉnh"
    CITY = "thanh_pho", "Thành phố trực thuộc trung ương"


class DistrictKind(models.TextChoices):
    URBAN_DISTRICT = "quan", "Quận"
    RURAL_DISTRICT = "huyen", "Huyện"
    TOWN = "thi_xa", "Thị xã"
    CITY = "thanh_pho", "Thành phố thuộc tỉnh"


class CommuneKind(models.TextChoices):
    COMMUNE = "xa", "Xã"
    WARD = "phuong", "Phường"
    SPECIAL_ZONE = "dac_khu", "Đặc khu"
    TOWNLET = "thi_tran", "Thị trấn"
