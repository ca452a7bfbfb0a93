"""How citizens say it, and how the catalogue says it.

Every phrase is written with diacritics for readability and folded when loaded, so "sổ đỏ", "so do" and
"sỗ đõ" all match. Matching is on whole words, longest phrase first. Entries are general everyday
wording (the names people use at the one-stop counter), never the wording of one test question.
"""

from __future__ import annotations

# What citizens type → the catalogue's wording (the typed words are replaced). Words in [brackets] are
# weaker: the catalogue often leaves them out ("Cấp lại Giấy chứng nhận do bị mất" is about a sổ đỏ).
SYNONYMS: tuple[tuple[str, str], ...] = (
    # Identity, residence, travel documents
    ("cccd", "thẻ căn cước"),
    ("căn cước gắn chip", "thẻ căn cước"),
    ("thẻ chip", "thẻ căn cước"),
    ("làm căn cước", "cấp thẻ căn cước"),
    ("căn cước cho con", "thẻ căn cước cho người dưới 14 tuổi"),
    ("căn cước cho bé", "thẻ căn cước cho người dưới 14 tuổi"),
    ("căn cước cho trẻ em", "thẻ căn cước cho người dưới 14 tuổi"),
    ("cmnd", "chứng minh nhân dân"),
    ("cmt", "chứng minh nhân dân"),
    ("vneid", "tài khoản định danh điện tử"),
    ("định danh mức", "tài khoản định danh điện tử mức độ"),
    ("passport", "hộ chiếu"),
    ("visa", "thị thực"),
    ("gia hạn visa", "gia hạn tạm trú người nước ngoài"),
    ("xnc", "xuất nhập cảnh"),
    ("hộ khẩu", "thường trú"),
    ("nhập hộ khẩu", "đăng ký thường trú"),
    ("nhập khẩu cho", "đăng ký thường trú"),
    ("nhập khẩu vào", "đăng ký thường trú"),
    ("tách hộ khẩu", "tách hộ"),
    ("tách khẩu", "tách hộ"),
    ("cắt khẩu", "xóa đăng ký thường trú"),
    ("cắt hộ khẩu", "xóa đăng ký thường trú"),
    ("xóa hộ khẩu", "xóa đăng ký thường trú"),
    ("chuyển khẩu", "xóa đăng ký thường trú"),
    ("sổ hộ khẩu", "xác nhận thông tin cư trú"),
    ("xác nhận hộ khẩu", "xác nhận thông tin cư trú"),
    ("xác nhận cư trú", "xác nhận thông tin cư trú"),
    ("xác nhận nơi cư trú", "xác nhận thông tin cư trú"),
    ("giấy xác nhận cư trú", "xác nhận thông tin cư trú"),
    ("thuê trọ", "tạm trú"),
    ("ở trọ", "tạm trú"),
    ("phòng trọ", "tạm trú"),
    ("nhà trọ", "tạm trú"),
    ("báo tạm trú", "đăng ký tạm trú"),
    ("báo lưu trú", "thông báo lưu trú"),
    ("khách ở nhà", "thông báo lưu trú"),
    ("đi làm xa", "tạm vắng"),
    # Civil status
    ("làm giấy khai sinh", "đăng ký khai sinh"),
    ("giấy khai sinh cho con", "đăng ký khai sinh"),
    ("khai sinh cho con", "đăng ký khai sinh"),
    ("khai sinh cho bé", "đăng ký khai sinh"),
    ("em bé mới sinh", "đăng ký khai sinh"),
    ("con mới sinh", "khai sinh"),
    ("trẻ sơ sinh", "khai sinh"),
    ("làm lại giấy khai sinh", "đăng ký lại khai sinh"),
    ("giấy chứng tử", "đăng ký khai tử"),
    ("chứng tử", "khai tử"),
    ("báo tử", "đăng ký khai tử"),
    ("cưới vợ", "kết hôn"),
    ("cưới chồng", "kết hôn"),
    ("lấy vợ", "kết hôn"),
    ("lấy chồng", "kết hôn"),
    ("cưới", "kết hôn"),
    ("giấy độc thân", "xác nhận tình trạng hôn nhân"),
    ("xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("chứng nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("độc thân", "xác nhận tình trạng hôn nhân"),
    ("ly dị", "ly hôn"),
    ("việt kiều", "người việt nam định cư ở nước ngoài"),
    ("hàn quốc", "nước ngoài"),
    ("nhật bản", "nước ngoài"),
    ("đài loan", "nước ngoài"),
    ("sửa tên", "thay đổi cải chính thông tin hộ tịch"),
    ("đổi tên cho con", "thay đổi cải chính thông tin hộ tịch"),
    ("đổi họ", "thay đổi cải chính thông tin hộ tịch"),
    ("sửa ngày sinh", "cải chính thông tin hộ tịch"),
    ("sai ngày sinh", "cải chính thông tin hộ tịch"),
    ("nhận con nuôi", "đăng ký việc nuôi con nuôi"),
    ("xin con nuôi", "đăng ký việc nuôi con nuôi"),
    ("nhận con", "đăng ký nhận cha mẹ con"),
    ("nhận cha", "đăng ký nhận cha mẹ con"),
    ("nhận bố", "đăng ký nhận cha mẹ con"),
    ("con ngoài giá thú", "nhận cha mẹ con"),
    ("không tiền án", "phiếu lý lịch tư pháp"),
    ("tiền án tiền sự", "phiếu lý lịch tư pháp"),
    ("lltp", "lý lịch tư pháp"),
    # Certification (citizens say "công chứng" for what communes certify)
    ("sao y", "chứng thực bản sao từ bản chính"),
    ("photo công chứng", "chứng thực bản sao từ bản chính"),
    ("công chứng bản sao", "chứng thực bản sao từ bản chính"),
    ("công chứng giấy tờ", "chứng thực bản sao từ bản chính"),
    ("công chứng chữ ký", "chứng thực chữ ký"),
    ("công chứng di chúc", "chứng thực di chúc"),
    ("công chứng hợp đồng", "chứng thực giao dịch"),
    ("hợp đồng mua bán", "giao dịch"),
    ("khai nhận thừa kế", "khai nhận di sản"),
    ("khai nhận di sản thừa kế", "khai nhận di sản"),
    ("từ chối nhận thừa kế", "từ chối nhận di sản"),
    ("từ chối thừa kế", "từ chối nhận di sản"),
    ("chia thừa kế", "phân chia di sản [quyền sử dụng đất]"),
    # Land
    ("sổ đỏ", "giấy chứng nhận [quyền sử dụng đất]"),
    ("sổ hồng", "giấy chứng nhận [quyền sử dụng đất]"),
    ("bìa đỏ", "giấy chứng nhận [quyền sử dụng đất]"),
    ("giấy đỏ", "giấy chứng nhận [quyền sử dụng đất]"),
    ("gcnqsdđ", "giấy chứng nhận [quyền sử dụng đất]"),
    ("gcn qsdđ", "giấy chứng nhận [quyền sử dụng đất]"),
    ("qsdđ", "quyền sử dụng đất"),
    ("gcn", "giấy chứng nhận"),
    ("làm sổ đỏ", "đăng ký đất đai cấp giấy chứng nhận [quyền sử dụng đất] lần đầu"),
    ("làm sổ hồng", "đăng ký đất đai cấp giấy chứng nhận [quyền sử dụng đất] lần đầu"),
    ("đổi sổ đỏ", "cấp đổi giấy chứng nhận [quyền sử dụng đất]"),
    ("sang tên sổ đỏ", "đăng ký biến động chuyển nhượng [quyền sử dụng đất]"),
    ("sang tên đất", "đăng ký biến động chuyển nhượng [quyền sử dụng đất]"),
    ("sang tên nhà đất", "đăng ký biến động chuyển nhượng [quyền sử dụng đất]"),
    ("mua bán đất", "đăng ký biến động chuyển nhượng [quyền sử dụng đất]"),
    ("mua đất", "đăng ký biến động chuyển nhượng [quyền sử dụng đất]"),
    ("bán đất", "đăng ký biến động chuyển nhượng [quyền sử dụng đất]"),
    ("tặng cho đất", "đăng ký biến động tặng cho [quyền sử dụng đất]"),
    ("cho tặng đất", "đăng ký biến động tặng cho [quyền sử dụng đất]"),
    ("thừa kế đất", "đăng ký biến động thừa kế [quyền sử dụng đất]"),
    ("gộp thửa", "hợp thửa"),
    ("nhập thửa", "hợp thửa"),
    ("tách sổ", "tách thửa"),
    ("chia đất", "tách thửa"),
    ("thổ cư", "đất ở"),
    ("lên đất ở", "chuyển mục đích sử dụng đất"),
    ("sang đất ở", "chuyển mục đích sử dụng đất"),
    ("chuyển đất nông nghiệp", "chuyển mục đích sử dụng đất"),
    ("chuyển đất", "chuyển mục đích sử dụng đất"),
    ("sổ đỏ ghi sai", "đính chính giấy chứng nhận"),
    ("sửa sổ đỏ", "đính chính giấy chứng nhận"),
    ("thế chấp sổ đỏ", "đăng ký biện pháp bảo đảm bằng [quyền sử dụng đất]"),
    ("xóa thế chấp", "xóa đăng ký biện pháp bảo đảm bằng [quyền sử dụng đất]"),
    ("thế chấp", "biện pháp bảo đảm"),
    ("lấn đất", "tranh chấp đất đai"),
    ("tranh chấp đất", "tranh chấp đất đai"),
    # Building
    ("gpxd", "giấy phép xây dựng"),
    ("xây nhà", "giấy phép xây dựng nhà ở riêng lẻ"),
    ("làm nhà", "giấy phép xây dựng nhà ở riêng lẻ"),
    ("xây dựng nhà", "giấy phép xây dựng nhà ở riêng lẻ"),
    ("xin phép xây", "giấy phép xây dựng"),
    ("sửa nhà", "giấy phép xây dựng sửa chữa cải tạo"),
    ("sửa chữa nhà", "giấy phép xây dựng sửa chữa cải tạo"),
    ("cải tạo nhà", "giấy phép xây dựng sửa chữa cải tạo"),
    ("biển số nhà", "giấy chứng nhận số nhà"),
    ("nhà xã hội", "nhà ở xã hội"),
    # Business and tax
    ("hkd", "hộ kinh doanh"),
    ("hộ cá thể", "hộ kinh doanh"),
    ("kinh doanh cá thể", "hộ kinh doanh"),
    ("mở quán", "đăng ký hộ kinh doanh"),
    ("mở cửa hàng", "đăng ký hộ kinh doanh"),
    ("mở tiệm", "đăng ký hộ kinh doanh"),
    ("giấy phép kinh doanh hộ", "giấy chứng nhận đăng ký hộ kinh doanh"),
    ("giấy phép kinh doanh công ty", "giấy chứng nhận đăng ký doanh nghiệp"),
    ("đkkd", "đăng ký kinh doanh"),
    ("đkdn", "đăng ký doanh nghiệp"),
    ("tạm nghỉ kinh doanh", "tạm ngừng kinh doanh"),
    ("nghỉ kinh doanh", "tạm ngừng kinh doanh"),
    ("đóng cửa hộ kinh doanh", "chấm dứt hoạt động hộ kinh doanh"),
    ("cty", "công ty"),
    ("dn", "doanh nghiệp"),
    ("công ty cp", "công ty cổ phần"),
    ("đổi tên công ty", "đổi tên doanh nghiệp"),
    ("mst", "mã số thuế"),
    ("mã số thuế cá nhân", "đăng ký thuế lần đầu cá nhân"),
    ("mã số thuế người phụ thuộc", "đăng ký thuế lần đầu người phụ thuộc"),
    ("lptb", "lệ phí trước bạ"),
    ("vat", "gtgt"),
    # Social insurance and welfare
    ("rút bảo hiểm", "hưởng bhxh 1 lần"),
    ("rút bhxh", "hưởng bhxh 1 lần"),
    ("rút sổ bảo hiểm", "hưởng bhxh 1 lần"),
    ("nghỉ sinh", "chế độ thai sản"),
    ("nghỉ đẻ", "chế độ thai sản"),
    ("nghỉ ốm", "chế độ ốm đau"),
    ("thẻ bảo hiểm", "thẻ bhyt"),
    ("người già", "người cao tuổi"),
    ("tiền mai táng", "hỗ trợ chi phí mai táng"),
    ("chôn cất", "hỗ trợ chi phí mai táng"),
    ("ma chay", "hỗ trợ chi phí mai táng"),
    ("xét hộ nghèo", "công nhận hộ nghèo"),
    ("sổ hộ nghèo", "công nhận hộ nghèo"),
    ("da cam", "nhiễm chất độc hóa học"),
    ("bốc mộ", "di chuyển hài cốt"),
    ("cải táng", "di chuyển hài cốt"),
    ("thăm mộ", "thăm viếng mộ"),
    ("nvqs", "nghĩa vụ quân sự"),
    ("đi bộ đội", "nghĩa vụ quân sự"),
    ("đi lính", "nghĩa vụ quân sự"),
    ("tgpl", "trợ giúp pháp lý"),
    ("luật sư miễn phí", "trợ giúp pháp lý"),
    # Vehicles and transport
    ("xe máy chuyên dùng", "xe máy chuyên dùng"),
    ("xe máy", "xe mô tô [xe gắn máy]"),
    ("gplx", "giấy phép lái xe"),
    ("bằng lái xe", "giấy phép lái xe"),
    ("bằng lái", "giấy phép lái xe"),
    ("bằng xe máy", "giấy phép lái xe"),
    ("thi bằng lái xe", "cấp giấy phép lái xe"),
    ("thi bằng lái", "cấp giấy phép lái xe"),
    ("học bằng lái", "cấp giấy phép lái xe"),
    ("thi bằng", "cấp giấy phép lái xe"),
    ("học bằng", "cấp giấy phép lái xe"),
    ("cà vẹt", "chứng nhận đăng ký xe"),
    ("cavet", "chứng nhận đăng ký xe"),
    ("giấy đăng ký xe", "chứng nhận đăng ký xe"),
    ("giấy tờ xe", "chứng nhận đăng ký xe"),
    ("đkx", "đăng ký xe"),
    ("biển xe", "biển số xe"),
    ("xe mới mua", "đăng ký xe lần đầu"),
    ("mua xe mới", "đăng ký xe lần đầu"),
    ("xe máy mới", "đăng ký xe lần đầu"),
    ("ô tô mới", "đăng ký xe lần đầu"),
    ("xe mới", "đăng ký xe lần đầu"),
    ("sang tên xe", "đăng ký xe thay đổi chủ xe sang tên xe"),
    ("mua xe cũ", "đăng ký xe thay đổi chủ xe sang tên xe"),
    ("nộp lại biển số", "thu hồi chứng nhận đăng ký xe biển số xe"),
    ("xe hỏng", "thu hồi chứng nhận đăng ký xe"),
    ("đăng kiểm xe", "kiểm định xe cơ giới"),
    ("đăng kiểm ô tô", "kiểm định xe cơ giới"),
    ("xe khách", "vận tải hành khách bằng xe ô tô"),
    ("flycam", "tàu bay không người lái"),
    ("drone", "tàu bay không người lái"),
    ("uav", "tàu bay không người lái"),
    ("máy bay không người lái", "tàu bay không người lái"),
    ("xin phép bay", "cấp phép bay"),
    ("ghe cá", "tàu cá"),
    ("thuyền đánh cá", "tàu cá"),
    # Security, safety, environment, health
    ("súng hơi", "vũ khí thể thao"),
    ("dao kiếm", "vũ khí thô sơ"),
    ("roi điện", "công cụ hỗ trợ"),
    ("cứu hỏa", "pccc"),
    ("khắc dấu", "đăng ký mẫu con dấu"),
    ("làm con dấu", "đăng ký mẫu con dấu"),
    ("con dấu mới", "mẫu con dấu mới"),
    ("attp", "an toàn thực phẩm"),
    ("quán ăn", "cơ sở kinh doanh dịch vụ ăn uống"),
    ("nhà hàng", "cơ sở kinh doanh dịch vụ ăn uống"),
    ("bếp ăn", "cơ sở kinh doanh dịch vụ ăn uống"),
    ("gpmt", "giấy phép môi trường"),
    ("khoan giếng", "khai thác nước dưới đất"),
    ("giếng khoan", "khai thác nước dưới đất"),
    ("nước ngầm", "nước dưới đất"),
    ("phòng khám", "cơ sở kcb"),
    ("hành nghề y", "hành nghề kcb"),
    ("work permit", "giấy phép lao động"),
    ("online", "trực tuyến"),
)

# Words that hint at a procedure without naming it: they are kept, and the catalogue words after them
# (alternatives separated by |, one or two words each) may stand in for them, a little weaker.
HINTS: tuple[tuple[str, str], ...] = (
    ("mất", "cấp lại|trình báo"),
    ("làm lại", "cấp lại|đăng ký lại|cấp đổi"),  # "làm lại bằng lái" asks for a re-issue, not a first one
    ("làm", "cấp"),
    ("mở", "thành lập"),
    ("công ty", "doanh nghiệp"),
    ("trích lục", "bản sao"),
    ("taxi", "vận tải"),
    ("hết hạn", "cấp đổi|gia hạn"),
    ("hư hỏng", "cấp đổi|cấp lại"),
    ("ghi sai", "đính chính|cải chính"),
    ("sai thông tin", "điều chỉnh|cải chính"),
    ("người nước ngoài", "yếu tố"),
    ("chết", "khai tử"),
    ("gà", "động vật"),
    ("heo", "động vật"),
    ("lợn", "động vật"),
    ("trâu", "động vật"),
    ("bò", "động vật"),
)

# What a procedure does to something that already exists (an action opening the name), or the special
# case it covers (a qualifier anywhere in it). A name carrying one the citizen did not ask for ("Cấp lại
# …", "… lưu động", "… có yếu tố nước ngoài") comes after the plain procedure: people who want a renewal
# or a special case say so ("làm lại", "mất", "nước ngoài"). "phrase in the name=words that ask for it"
# when the two differ.
ACTIONS: tuple[str, ...] = tuple(
    p.strip()
    for p in """
    cấp lại, cấp đổi, đổi, gia hạn, thu hồi, điều chỉnh, cấp điều chỉnh, xóa, chấm dứt, tạm ngừng, hủy,
    đình chỉ, miễn nhiệm, giải thể, sửa đổi, bổ sung, đăng ký lại, khôi phục, trả lại, dừng, hiệu đính,
    thay đổi, chuyển đổi, sáp nhập, hợp nhất, chia, tiếp tục, đính chính, trình báo mất, rút, thôi,
    liên thông, ghi vào sổ, mở khóa, khóa
    """.split(",")
)
QUALIFIERS: tuple[str, ...] = tuple(
    p.strip()
    for p in """
    lưu động, nước ngoài, khu vực biên giới, tạm thời, giai đoạn chuyển tiếp, kết hợp, tạm vắng, lần hai,
    đối với tổ chức=tổ chức, cho tổ chức=tổ chức, tổ chức đang sử dụng=tổ chức, cho cơ quan=cơ quan
    """.split(",")
)
ACTION_WORDS = 6  # an action counts when it opens the name (within its first words)

# A name that also names the other case covers both ("công dân Việt Nam, người nước ngoài").
COVERS_BOTH: dict[str, tuple[str, ...]] = {"nước ngoài": ("việt nam", "trong nước")}

# The usual case, when the citizen does not say which: first registration, a new issue, at home.
DEFAULT_CASES: tuple[str, ...] = ("lần đầu", "cấp mới", "trong nước")

# Equivalent spellings folded to one form on BOTH sides (catalogue and query), so an abbreviation in a
# name ("TNLĐ, BNN") meets the words a citizen types, and the other way round.
CANON: tuple[tuple[str, str], ...] = (
    ("bảo hiểm xã hội", "bhxh"),
    ("bảo hiểm y tế", "bhyt"),
    ("bảo hiểm thất nghiệp", "bhtn"),
    ("tai nạn lao động", "tnlđ"),
    ("bệnh nghề nghiệp", "bnn"),
    ("trách nhiệm hữu hạn", "tnhh"),
    ("thu nhập cá nhân", "tncn"),
    ("thu nhập doanh nghiệp", "tndn"),
    ("giá trị gia tăng", "gtgt"),
    ("phòng cháy chữa cháy", "pccc"),
    ("phòng cháy và chữa cháy", "pccc"),
    ("khám bệnh chữa bệnh", "kcb"),
    ("khám chữa bệnh", "kcb"),
    ("dưỡng sức phục hồi sức khỏe", "dsphsk"),
    ("ủy ban nhân dân", "ubnd"),
    ("căn cước công dân", "căn cước"),
    ("chứng minh thư", "chứng minh nhân dân"),
    ("một thành viên", "1 thành viên"),
    ("hai thành viên", "2 thành viên"),
    ("một lần", "1 lần"),
    ("hằng tháng", "hàng tháng"),
    ("hằng năm", "hàng năm"),
)

# Question phrasing removed before anything else ("… cần những giấy tờ gì?", "… mất bao lâu?").
STOP_PHRASES: tuple[str, ...] = tuple(
    p.strip()
    for p in """
    cho tôi hỏi, cho em hỏi, cho mình hỏi, xin hỏi, tôi muốn hỏi, xin chào, chào bạn,
    như thế nào, thế nào, ra sao, làm sao để, làm sao, làm thế nào để, làm thế nào,
    phải làm gì, cần làm gì, làm những gì, làm gì, cần làm những thủ tục gì,
    cần những giấy tờ gì, cần giấy tờ gì, những giấy tờ gì, giấy tờ gì, gồm những giấy tờ gì,
    cần những gì, gồm những gì, những gì, cần hồ sơ gì, hồ sơ gồm, hồ sơ cần, hồ sơ gì,
    cần mang theo gì, mang theo gì, cần mang gì, cần chuẩn bị gì, chuẩn bị gì,
    nộp hồ sơ ở đâu, nộp ở đâu, làm ở đâu, ở đâu, đến đâu, chỗ nào, nơi nào, cơ quan nào,
    mất bao lâu, bao lâu, bao nhiêu ngày, bao nhiêu tiền, lệ phí bao nhiêu, phí bao nhiêu, bao nhiêu,
    có được không, được không, có cần, có phải, hay không, không ạ, khi nào, lúc nào,
    điều kiện gì, thủ tục gì, thủ tục hành chính, thủ tục, hướng dẫn, trình tự, quy trình, cách làm,
    mình muốn, tôi muốn, tôi cần, em muốn, tại sao, vì sao, thời gian giải quyết, thời hạn giải quyết,
    thành phần hồ sơ, số lượng hồ sơ, trình tự thực hiện, cách thức thực hiện, căn cứ pháp lý,
    cơ quan thực hiện, cơ quan giải quyết, đối tượng thực hiện, yêu cầu điều kiện, kết quả thực hiện,
    mẫu đơn, mất phí, tốn bao nhiêu, hết bao nhiêu, được bao nhiêu, là gì, gồm những, cần những
    """.split(",")
)

# Single words that carry no procedure meaning in a question. Typed with diacritics they are dropped;
# typed without, they are dropped unless they form a catalogue phrase with a neighbour ("can cuoc").
STOP_WORDS: tuple[str, ...] = tuple(
    """
    tôi tui em mình anh chị ạ à ơi nhé nha nhỉ vậy thì là mà ấy đó này gì nào đâu không chưa hả
    cần muốn phải nên được có xin làm hỏi giúp giùm cách những các cho của và với để khi bị đã
    rồi ở tại về theo đi ra thế
    """.split()
)
