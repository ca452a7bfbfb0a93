"""search_procedures / suggest over a small real-shaped catalogue, imported through the catalogue service."""

from __future__ import annotations

import time

import pytest

from congso.catalog import search
from congso.catalog.models import AgencyProcedure, Field, Procedure
from congso.catalog.search import search_procedures, suggest
from congso.catalog.services import import_procedures
from congso.core.errors import InvalidInput
from congso.identity.choices import AgencyKind
from congso.identity.models import Agency

DOCS = ["Tờ khai theo mẫu", "Giấy tờ tùy thân"]


def _record(code: str, name: str, field: str, level: list[str], documents: list[str] | None = DOCS) -> dict:
    record = {"code": code, "name": name, "field": field, "level": level}
    if documents:
        record["documents"] = documents
    return record


# Names, codes and fields as in the national catalogue (../shared/data/procedures.jsonl).
SMALL_CATALOGUE = [
    _record("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", ["xa"]),
    _record("1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch", ["xa"]),
    _record("1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch", ["xa"]),
    _record("2.000806", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch", ["xa"]),
    _record("1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", ["xa"]),
    _record("1.004194", "Đăng ký tạm trú", "Đăng ký, quản lý cư trú", ["xa"]),
    _record("1.010028", "Xóa đăng ký tạm trú", "Đăng ký, quản lý cư trú", ["xa"]),
    _record("1.004222", "Đăng ký thường trú", "Đăng ký, quản lý cư trú", ["xa"]),
    _record("1.014061", "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", "Cấp, quản lý căn cước", ["xa"]),
    _record("1.014064", "Cấp lại thẻ căn cước", "Cấp, quản lý căn cước", ["xa"]),
    _record("3.000346", "Cấp giấy phép lái xe", "Sát hạch, cấp giấy phép lái xe", ["bo"]),
    _record("3.000348", "Cấp lại giấy phép lái xe", "Sát hạch, cấp giấy phép lái xe", ["bo", "tinh"]),
    _record("1.012786", "Cấp lại Giấy chứng nhận do bị mất", "Đất đai", ["tinh"]),
    _record(
        "1.012783",
        "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "Đất đai",
        ["tinh"],
    ),
    # A provincial copy with a name only: must not outrank the national record it copies.
    _record("1.115321", "Đắk Lắk - Cấp lại Giấy chứng nhận do bị mất", "Đất đai", ["xa"], documents=None),
    _record(
        "1.001612", "Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động doanh nghiệp", ["bo", "xa"]
    ),
    _record("1.008498", "Đăng ký thuế lần đầu đối với người nộp thuế là cá nhân", "Thuế", ["tinh", "xa"]),
]


@pytest.fixture(autouse=True)
def _fresh_index():
    search.invalidate()  # another test may have left an index of another catalogue
    yield
    search.invalidate()


def load_small_catalogue(write_jsonl):
    path = write_jsonl(SMALL_CATALOGUE)
    with path.open(encoding="utf-8") as lines:
        report = import_procedures(lines, source_name="search-test")
    assert report.errors == []
    return report


@pytest.fixture
def small_catalogue(db, write_jsonl):
    return load_small_catalogue(write_jsonl)


def codes(query: str, **filters) -> list[str]:
    return [h.code for h in search_procedures(query, **filters)]


@pytest.mark.parametrize(
    "query",
    ["Đăng ký kết hôn", "dang ky ket hon", "ĐĂNG KÍ KẾT HÔN", "đăng kí kêt hôn", "dangky kethon", "cưới vợ"],
)
def test_folding_spelling_variants_typos_and_everyday_words(small_catalogue, query):
    assert codes(query)[0] == "1.000894"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cấp lại CCCD", "1.014064"),
        ("làm CCCD", "1.014061"),
        ("GPLX bị mất", "3.000348"),
        ("bằng lái xe", "3.000346"),
        ("nhập hộ khẩu", "1.004222"),
        ("giấy độc thân", "1.004873"),
        ("MST cá nhân", "1.008498"),
        ("mở hộ kinh doanh", "1.001612"),
        ("đăng kí tạm chú", "1.004194"),
    ],
)
def test_abbreviations_and_everyday_names(small_catalogue, query, expected):
    assert codes(query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tôi cần làm gì để đăng ký khai sinh cho con?", "1.001193"),
        ("xin giấy xác nhận độc thân ở đâu?", "1.004873"),
        ("người thân mất thì làm giấy chứng tử thế nào ạ", "1.000656"),
        ("toi can lam gi de dang ky tam tru", "1.004194"),
    ],
)
def test_whole_questions(small_catalogue, query, expected):
    assert codes(query)[0] == expected


def test_priors_prefer_plain_documented_national_records(small_catalogue):
    # "sổ đỏ bị mất": the national record with components, not the Đắk Lắk name-only copy
    found = codes("sổ đỏ bị mất")
    assert found[0] == "1.012786"
    assert found.index("1.115321") > found.index("1.012786")
    # nothing asked about foreigners: the plain procedure first
    assert codes("đăng ký kết hôn")[:2] == ["1.000894", "2.000806"]
    assert codes("kết hôn với người nước ngoài")[0] == "2.000806"
    # an inactive procedure comes after an active one that matches as well
    Procedure.objects.filter(code="1.000894").update(active=False)
    search.invalidate()
    assert codes("kết hôn")[0] == "2.000806"


def test_typed_code_comes_first(small_catalogue):
    assert codes("1.000656")[0] == "1.000656"
    assert codes("thủ tục 1.004194 là gì")[0] == "1.004194"


def test_filters_level_and_field(small_catalogue):
    at_province = codes("giấy phép lái xe", level="tinh")
    assert at_province[0] == "3.000348" and "3.000346" not in at_province  # 3.000346 is central only
    assert set(codes("đăng ký", field="Hộ tịch")) <= {"1.001193", "1.000656", "1.000894", "2.000806"}
    field_id = Field.objects.get(name="Đăng ký, quản lý cư trú").pk
    assert set(codes("đăng ký", field=field_id)) == {"1.004194", "1.010028", "1.004222"}
    assert set(codes("dang ky", field="dang ky, quan ly cu tru")) == {"1.004194", "1.010028", "1.004222"}
    with pytest.raises(InvalidInput) as bad_level:
        search_procedures("kết hôn", level="huyen")
    assert bad_level.value.code == "invalid_level"
    with pytest.raises(InvalidInput) as bad_field:
        search_procedures("kết hôn", field="Không có lĩnh vực này")
    assert bad_field.value.code == "unknown_field"


def test_agency_and_offered_only_filters(small_catalogue, agency, province):
    other = Agency.objects.create(
        code="H56.99", name="UBND xã thử", kind=AgencyKind.COMMUNE_COMMITTEE, province=province
    )
    AgencyProcedure.objects.create(agency=agency, procedure=Procedure.objects.get(code="1.000894"))
    AgencyProcedure.objects.create(agency=other, procedure=Procedure.objects.get(code="1.004194"))
    AgencyProcedure.objects.create(
        agency=other, procedure=Procedure.objects.get(code="2.000806"), active=False
    )  # no longer offered

    assert codes("kết hôn", agency=agency.code) == ["1.000894"]
    assert codes("kết hôn", agency=str(agency.pk)) == ["1.000894"]
    assert codes("kết hôn", agency=other.code) == []
    assert set(codes("đăng ký", offered_only=True)) == {"1.004194", "1.000894"}
    assert codes("khai sinh", offered_only=True) == []
    with pytest.raises(InvalidInput) as unknown:
        search_procedures("kết hôn", agency="000.00.00.H99")
    assert unknown.value.code == "unknown_agency"


@pytest.mark.parametrize(
    "query",
    ["", "   ", None, "😀🎉🙏" * 3000, "x" * 10_000, "đăng ký " * 2000, "\x00\x1f<script>", "?!.,;" * 500],
)
def test_hostile_or_empty_input_returns_quickly_without_error(small_catalogue, query):
    started = time.perf_counter()
    hits = search_procedures(query)
    assert time.perf_counter() - started < 1.0
    assert isinstance(hits, list) and len(hits) <= 10


def test_emoji_only_and_empty_queries_find_nothing(small_catalogue):
    assert search_procedures("😀🎉🙏") == []
    assert search_procedures("") == []


def test_limit_is_clamped(small_catalogue):
    assert len(search_procedures("đăng ký", limit=2)) == 2
    assert len(search_procedures("đăng ký", limit=0)) == 1
    assert len(search_procedures("đăng ký", limit=10_000)) <= 50


def test_index_follows_catalogue_changes(small_catalogue, write_jsonl):
    assert "1.001662" not in codes("khai thác nước dưới đất")
    path = write_jsonl([_record("1.001662", "Đăng ký khai thác nước dưới đất", "Tài nguyên nước", ["xa"])])
    with path.open(encoding="utf-8") as lines:
        import_procedures(lines, source_name="search-test-2")
    assert codes("khoan giếng")[0] == "1.001662"  # no invalidate(): the signature changed


def test_warm_search_costs_one_query(small_catalogue, django_assert_num_queries):
    search_procedures("kết hôn")
    with django_assert_num_queries(1):  # the staleness check
        search_procedures("đăng ký tạm trú")


def test_suggest_completes_the_word_being_typed(small_catalogue):
    assert suggest("đăng ký kết h")[0].code == "1.000894"
    assert suggest("dang ky tam tr")[0].code == "1.004194"
    assert suggest("sổ đ")[0].code in {"1.012786", "1.012783"}
    assert suggest("cc")[0].code in {"1.014061", "1.014064"}
    assert suggest("") == [] and suggest("a") == []
    assert len(suggest("đăng ký", limit=3)) == 3
