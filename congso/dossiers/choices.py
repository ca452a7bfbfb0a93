from django.db import models


class Status(models.IntegerChoices):
    # TrangThaiHoSo, verbatim from the national portal (domain.md §4.1). Numeric: never compare to strings.
    SUBMITTED = 1, "Mới đăng ký"
    RECEIVED = 2, "Được tiếp nhận"
    REFUSED = 3, "Không được tiếp nhận"
    PROCESSING = 4, "Đang xử lý"
    SUPPLEMENT_REQUESTED = 5, "Yêu cầu bổ sung giấy tờ"
    FINANCIAL_OBLIGATION = 6, "Yêu cầu thực hiện nghĩa vụ tài chính"
    WITHDRAWN = 7, "Công dân yêu cầu rút hồ sơ"
    STOPPED = 8, "Dừng xử lý"
    FINISHED = 9, "Đã xử lý xong"
    RETURNED = 10, "Đã trả kết quả"


PAUSED = frozenset({Status.SUPPLEMENT_REQUESTED, Status.FINANCIAL_OBLIGATION, Status.STOPPED})
OPEN = frozenset({Status.RECEIVED, Status.PROCESSING, *PAUSED})
TERMINAL = frozenset({Status.REFUSED, Status.RETURNED})


class Channel(models.IntegerChoices):
    # KenhThucHien (domain.md §7): 1 direct, 2 online, 3 post.
    COUNTER = 1, "Trực tiếp"
    ONLINE = 2, "Trực tuyến"
    POSTAL = 3, "Dịch vụ bưu chính"


class Source(models.TextChoices):
    COUNTER = "counter", "Quầy một cửa"
    PORTAL = "portal", "Cổng dịch vụ công của tỉnh"
    NATIONAL_PORTAL = "dvcqg", "Cổng Dịch vụ công quốc gia"
    POSTAL = "postal", "Bưu chính công ích"
    IMPORT = "import", "Nhập từ hệ thống cũ"


class Outcome(models.TextChoices):
    # Form 06 compares calendar dates (Circular 01/2020/TT-VPCP, domain.md §9.1).
    EARLY = "early", "Trước hạn"
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Quá hạn"


class Action(models.TextChoices):
    SUBMIT = "submit", "Nộp hồ sơ trực tuyến"
    RECEIVE = "receive", "Tiếp nhận hồ sơ"
    REFUSE = "refuse", "Từ chối tiếp nhận"
    ASSIGN = "assign", "Phân công xử lý"
    FORWARD = "forward", "Chuyển bước tiếp theo"
    SEND_BACK = "send_back", "Trả lại bước trước"
    REQUEST_SUPPLEMENT = "request_supplement", "Yêu cầu bổ sung hồ sơ"
    RECEIVE_SUPPLEMENT = "receive_supplement", "Nhận hồ sơ bổ sung"
    EXPIRE_SUPPLEMENT = "expire_supplement", "Hết hạn bổ sung, không tiếp nhận"
    REQUEST_PAYMENT = "request_payment", "Yêu cầu thực hiện nghĩa vụ tài chính"
    RECORD_PAYMENT = "record_payment", "Đã thực hiện nghĩa vụ tài chính"
    STOP = "stop", "Dừng xử lý"
    RESUME = "resume", "Tiếp tục xử lý"
    WITHDRAW = "withdraw", "Công dân rút hồ sơ"
    FINISH = "finish", "Kết thúc xử lý"
    RETURN_RESULT = "return_result", "Trả kết quả"
    APOLOGISE = "apologise", "Xin lỗi và hẹn lại ngày trả kết quả"
    IMPORT = "import", "Nhập lịch sử từ hệ thống cũ"


class PauseKind(models.IntegerChoices):
    SUPPLEMENT = 5, "Bổ sung hồ sơ"
    FINANCIAL = 6, "Nghĩa vụ tài chính"
    STOP = 8, "Dừng xử lý"
