from django.db import models


class StepCode(models.TextChoices):
    RECEIVE = "receive", "Tiếp nhận, chuyển hồ sơ"
    SPECIALIST = "specialist", "Chuyên viên thẩm định, xử lý"
    HEAD = "head", "Lãnh đạo phòng xem xét"
    LEADER = "leader", "Lãnh đạo cơ quan phê duyệt"
    RETURN = "return", "Trả kết quả"
