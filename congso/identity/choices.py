from django.db import models


class AgencyKind(models.TextChoices):
    PROVINCE_COMMITTEE = "ubnd_tinh", "UBND tỉnh"
    DEPARTMENT = "so", "Sở, ban, ngành cấp tỉnh"
    SERVICE_CENTRE = "tt_phvhc", "Trung tâm Phục vụ hành chính công"
    COMMUNE_COMMITTEE = "ubnd_xa", "UBND xã, phường, đặc khu"
    BRANCH = "chi_nhanh", "Chi nhánh, đơn vị trực thuộc"
    CENTRAL = "trung_uong", "Cơ quan ngành dọc, trung ương"
    OTHER = "khac", "Khác"


class Role(models.TextChoices):
    RECEIVING_OFFICER = "receiving_officer", "Cán bộ tiếp nhận (một cửa)"
    SPECIALIST = "specialist", "Chuyên viên xử lý"
    HEAD_OF_DIVISION = "head_of_division", "Lãnh đạo phòng"
    LEADER = "leader", "Lãnh đạo cơ quan"
    AGENCY_ADMIN = "agency_admin", "Quản trị cơ quan"
    PROVINCE_ADMIN = "province_admin", "Quản trị cấp tỉnh"
    STATISTICS_VIEWER = "statistics_viewer", "Xem thống kê"


class ApplicantKind(models.IntegerChoices):
    # LoaiDoiTuong of the national portal (domain.md §7).
    CITIZEN = 1, "Công dân"
    ENTERPRISE = 2, "Doanh nghiệp, tổ chức"
    STATE_AGENCY = 3, "Cơ quan nhà nước"
    OTHER = 4, "Khác"


class IdKind(models.IntegerChoices):
    # LoaiDinhDanh: 1 = 12-digit personal identification number, 2 = 9-digit old identity card.
    PERSONAL_ID = 1, "Số định danh cá nhân (12 số)"
    OLD_ID_CARD = 2, "Chứng minh nhân dân (9 số)"
    TAX_CODE = 3, "Mã số thuế / mã số doanh nghiệp"
