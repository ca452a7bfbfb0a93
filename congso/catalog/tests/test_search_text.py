"""Search text handling without a database: folding, spelling variants, question phrasing, input guards."""

from __future__ import annotations

from congso.catalog.search.index import DocRow, build_index
from congso.catalog.search.names import duplicate_key, name_specifiers
from congso.catalog.search.query import analyze
from congso.catalog.search.text import MAX_QUERY_TOKENS, fold_words, query_tokens, sound_alikes


def test_folding_strips_tones_and_d_bar_and_merges_i_y():
    assert fold_words("Đăng ký kết hôn") == ["dang", "ki", "ket", "hon"]
    assert fold_words("ĐĂNG KÍ KẾT HÔN") == ["dang", "ki", "ket", "hon"]
    assert fold_words("Lý lịch tư pháp") == fold_words("lí lịch tư pháp") == ["li", "lich", "tu", "phap"]
    assert fold_words("quý") == fold_words("quí") == ["qui"]
    assert fold_words("mức độ 02") == ["muc", "do", "2"]
    # "y" alone (y tế) and "uy" (thủy) are not the i/y variant
    assert fold_words("y tế thủy sản") == ["y", "te", "thuy", "san"]


def test_decomposed_unicode_folds_like_composed():
    decomposed = "Đăng ký".replace("ă", "a\u0306").replace("ý", "y\u0301")
    assert fold_words(decomposed) == fold_words("Đăng ký")


def test_query_tokens_remember_diacritics_and_are_capped():
    tokens = query_tokens("Cần làm căn cước")
    assert [t.text for t in tokens] == ["can", "lam", "can", "cuoc"]
    assert [t.marked for t in tokens] == [True, True, True, True]
    assert query_tokens("can cuoc")[0].marked is False
    assert len(query_tokens("khai sinh " * 5000)) == MAX_QUERY_TOKENS
    assert query_tokens("😀🎉🙏 !!! ???") == []


def test_sound_alikes_cover_regional_confusions():
    assert "tru" in sound_alikes("chu")
    assert "sinh" in sound_alikes("xinh")
    assert "nong" in sound_alikes("non") and "lam" in sound_alikes("nam")
    assert "thuong" in sound_alikes("thuon")


def _index():
    rows = [
        DocRow(1, "1.000894", "Thủ tục đăng ký kết hôn", field_name="Hộ tịch", levels=("xa",)),
        DocRow(2, "2.000806", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài", field_name="Hộ tịch"),
        DocRow(3, "1.004194", "Đăng ký tạm trú", field_name="Đăng ký, quản lý cư trú", levels=("xa",)),
        DocRow(4, "1.004222", "Đăng ký thường trú", field_name="Đăng ký, quản lý cư trú", levels=("xa",)),
        DocRow(5, "1.014064", "Cấp lại thẻ căn cước", field_name="Cấp, quản lý căn cước", levels=("xa",)),
        DocRow(6, "1.014061", "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", levels=("xa",)),
        DocRow(7, "1.003197", "Xóa đăng ký thường trú", field_name="Đăng ký, quản lý cư trú"),
        DocRow(8, "1.010028", "Xóa đăng ký tạm trú", field_name="Đăng ký, quản lý cư trú"),
        DocRow(9, "1.002755", "Gia hạn tạm trú", field_name="Đăng ký, quản lý cư trú"),
    ]
    return build_index(rows)


def test_question_phrasing_and_fillers_are_dropped():
    index = _index()
    assert analyze("tôi cần làm gì để đăng ký kết hôn ạ?", index).words == ["dang", "ki", "ket", "hon"]
    assert analyze("thủ tục đăng ký tạm trú như thế nào", index).words == ["dang", "ki", "tam", "tru"]


def test_ambiguous_filler_is_kept_where_it_makes_a_catalogue_pair():
    index = _index()
    # typed without tones, "can" may be "cần" (a filler) or "căn" (căn cước): the pair decides
    assert "can" in analyze("cap lai the can cuoc", index).words
    assert "can" not in analyze("toi can dang ky tam tru", index).words


def test_typos_and_slips_are_repaired_from_the_catalogue_vocabulary():
    index = _index()
    assert analyze("dang ky tam chu", index).words[-2:] == ["tam", "tru"]  # ch/tr confusion
    assert analyze("dangky kethon", index).words == ["dang", "ki", "ket", "hon"]  # words run together
    assert analyze("đăng ký thuờng trúu", index).words[-2:] == ["thuong", "tru"]


def test_abbreviations_and_everyday_words_become_catalogue_wording():
    index = _index()
    assert analyze("CCCD", index).words == ["the", "can", "cuoc"]
    assert analyze("nhập hộ khẩu", index).words == ["dang", "ki", "thuong", "tru"]


def test_specifiers_are_read_with_diacritics():
    assert name_specifiers("Cấp lại thẻ căn cước") == (("cap", "lai"),)
    assert name_specifiers("Đăng ký kết hôn có yếu tố nước ngoài") == (("nuoc", "ngoai"),)
    assert name_specifiers("Thủ tục đăng ký khai sinh đối với người đã có hồ sơ") == ()  # "đối" ≠ "đổi"
    # a name naming both cases covers both
    assert name_specifiers("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài") == ()


def test_duplicate_key_ignores_place_prefix_and_notes():
    assert duplicate_key("Đắk Lắk - Đính chính Giấy chứng nhận đã cấp") == duplicate_key(
        "Đính chính Giấy chứng nhận đã cấp (cấp xã)"
    )
