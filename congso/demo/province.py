"""The demo province: Khánh Hòa as it stands since 01/07/2025 (including former Ninh Thuận).

The departments follow the 2025 restructuring of provincial departments (Resolution 190/2025/QH15
and Decree 45/2025/NĐ-CP on specialised agencies of provincial People's Committees). Agency codes
follow the shape of QCVN 102:2016 (V1V2V3.Z1Z2.Y1Y2.MX1X2) but the province part "H34" and the
numbering are DEMO PLACEHOLDERS: domain.md §6 says to load codes from the official list and never
derive them, so a real installation imports its agency list instead of this one.
"""

from __future__ import annotations

PROVINCE_CODE = "56"
PROVINCE_SUFFIX = "H34"  # placeholder, see the module docstring

# (level-2 number, name, short name, field keywords (folded) whose provincial procedures it handles)
DEPARTMENTS: list[tuple[int, str, str, tuple[str, ...]]] = [
    (
        16,
        "Sở Tư pháp",
        "STP",
        (
            "cong chung",
            "luat su",
            "thua phat lai",
            "tro giup phap ly",
            "giam dinh tu phap",
            "dau gia",
            "ho tich",
            "nuoi con nuoi",
            "quoc tich",
            "ly lich tu phap",
            "hoa giai",
            "trong tai",
            "quan tai vien",
            "tu van phap luat",
            "boi thuong nha nuoc",
            "dang ky bien phap bao dam",
            "chung thuc",
        ),
    ),
    (10, "Sở Tài chính", "STC", ("doanh nghiep", "dau tu", "cong san", "hop tac xa", "tai chinh")),
    (
        11,
        "Sở Xây dựng",
        "SXD",
        (
            "xay dung",
            "nha o",
            "kien truc",
            "quy hoach",
            "ha tang",
            "duong bo",
            "duong thuy",
            "hang hai",
            "dang kiem",
            "giay phep lai xe",
            "duong sat",
            "bat dong san",
            "vat lieu",
            "giao thong",
        ),
    ),
    (
        12,
        "Sở Nông nghiệp và Môi trường",
        "SNNMT",
        (
            "dat dai",
            "tai nguyen",
            "moi truong",
            "dia chat",
            "khoang san",
            "thuy san",
            "thu y",
            "lam nghiep",
            "kiem lam",
            "thuy loi",
            "trong trot",
            "chan nuoi",
            "nong nghiep",
            "bien va hai dao",
            "khi tuong",
            "bien doi khi hau",
            "bao ton",
            "nong thon",
            "nong lam san",
        ),
    ),
    (
        13,
        "Sở Nội vụ",
        "SNV",
        (
            "nguoi co cong",
            "lao dong",
            "viec lam",
            "bao tro xa hoi",
            "tre em",
            "giam nghieo",
            "cong chuc",
            "to chuc",
            "thi dua",
            "ton giao",
            "tin nguong",
            "hoi, quy",
            "an toan lao dong",
            "chinh sach",
            "cai nghien",
        ),
    ),
    (14, "Sở Y tế", "SYT", ("y te", "kham benh", "duoc", "an toan thuc pham", "dan so")),
    (15, "Sở Giáo dục và Đào tạo", "SGDĐT", ("giao duc", "dao tao", "van bang")),
    (
        17,
        "Sở Công Thương",
        "SCT",
        (
            "cong thuong",
            "thuong mai",
            "dien",
            "hoa chat",
            "xuc tien",
            "kinh doanh khi",
            "xang dau",
            "cong nghiep",
        ),
    ),
    (
        18,
        "Sở Văn hóa, Thể thao và Du lịch",
        "SVHTTDL",
        ("van hoa", "the thao", "du lich", "di san", "gia dinh", "bao chi", "xuat ban"),
    ),
    (
        19,
        "Sở Khoa học và Công nghệ",
        "SKHCN",
        ("khoa hoc", "cong nghe", "buu chinh", "vien thong", "tan so", "so huu tri tue", "tieu chuan"),
    ),
    (
        20,
        "Công an tỉnh Khánh Hòa",
        "CA",
        ("xuat nhap canh", "vu khi", "phong chay", "can cuoc", "cu tru", "phuong tien giao thong"),
    ),
]
SERVICE_CENTRE = (1, "Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa", "TTPVHCC")
FIRST_COMMUNE_NUMBER = 21

DEMO_PASSWORD = "congso-demo"  # noqa: S105 — printed for the demo; real installations have no such account
