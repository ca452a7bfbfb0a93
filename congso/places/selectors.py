"""Reads of administrative units: look-ups by code, roll-ups from pre-merger units, name search.

Codes are the GSO ones (Decision 19/2025/QĐ-TTg for current units: province 2 digits, commune 5).
The same code may name different units in the two eras, so every look-up states its era.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from congso.core.errors import InvalidInput, NotFound
from congso.places.choices import Era
from congso.places.models import Commune, Province, search_key

PROVINCE_CODE_WIDTH = 2
COMMUNE_CODE_WIDTH = 5


def _code(code: str | int, width: int) -> str:
    # Spreadsheets and old systems drop leading zeros ("1" for Hà Nội 01, "4" for commune 00004).
    text = str(code).strip()
    return text.zfill(width) if text.isdigit() else text


def _era(era: str) -> str:
    if era not in Era.values:
        raise InvalidInput(
            "unknown_era", f"Thời kỳ không hợp lệ: {era}.", fields={"era": "current hoặc legacy"}
        )
    return era


def _unknown(code: str, era: str) -> NotFound:
    suffix = " (trước 01/07/2025)" if era == Era.LEGACY else ""
    return NotFound("unknown_unit", f"Không tìm thấy đơn vị hành chính mã {code}{suffix}.")


def province_for(era: str, code: str | int) -> Province:
    code = _code(code, PROVINCE_CODE_WIDTH)
    try:
        return Province.objects.select_related("successor").get(era=_era(era), code=code)
    except Province.DoesNotExist:
        raise _unknown(code, era) from None


def current_province(code: str | int) -> Province:
    """A province or centrally-run city as it exists since 01/07/2025 (Resolution 202/2025/QH15)."""
    return province_for(Era.CURRENT, code)


def commune_for(era: str, code: str | int) -> Commune:
    code = _code(code, COMMUNE_CODE_WIDTH)
    try:
        return Commune.objects.select_related("province", "district").get(era=_era(era), code=code)
    except Commune.DoesNotExist:
        raise _unknown(code, era) from None


def roll_up_province(province: Province) -> Province:
    """The current province a unit belongs to today: a legacy one's successor, a current one itself."""
    if province.era == Era.CURRENT:
        return province
    if province.successor_id is None:
        raise NotFound("no_successor", f"Chưa có đơn vị kế thừa cho {province.name} (chạy load_places).")
    return province.successor


def roll_up_commune(commune: Commune) -> Commune:
    """The current commune a unit belongs to today. A legacy commune split between several new ones
    rolls up to the default successor (the one holding most of it, as flagged by the data set); a record
    with a street address should be placed by that address instead."""
    if commune.era == Era.CURRENT:
        return commune
    successor = (
        Commune.objects.select_related("province")
        .filter(successions_in__old=commune, successions_in__is_default=True)
        .first()
    )
    if successor is None:
        raise NotFound("no_successor", f"Chưa có đơn vị kế thừa cho {commune.name} (chạy load_places).")
    return successor


def communes_of(province: Province) -> QuerySet[Commune]:
    """The communes of a province in the province's own era, in code order."""
    return Commune.objects.filter(province=province).select_related("district").order_by("code")


# The type words as they appear folded at the start of a commune's name ("phuong nha trang").
_TYPE_WORDS = ("xa", "phuong", "thi tran", "dac khu")


def _ranked(key: str) -> Case:
    """0 the full name, 1 the bare name without its type word, 2 a prefix, 3 a whole-word start, 4 any part."""
    return Case(
        When(search_name=key, then=Value(0)),
        When(search_name__in=[f"{word} {key}" for word in _TYPE_WORDS], then=Value(1)),
        When(search_name__startswith=key, then=Value(2)),
        When(search_name__contains=f" {key}", then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )


def search_communes(
    text: str, province: Province | None = None, *, era: str | None = None, limit: int = 20
) -> list[Commune]:
    """Communes whose name contains the text, tones, case and punctuation ignored, best match first:
    the full name ("phuong nha trang"), then the bare name ("nha trang"), then a prefix, then a word.
    Each result carries its `rank` (0 best).

    Searches the province's communes when one is given, else every current commune (or `era`'s).
    Ranked and cut in the database, so a one-letter query stays one small query.
    """
    key = search_key(text)
    if not key:
        return []
    rows = Commune.objects.filter(search_name__contains=key).select_related("province")
    if province is not None:
        rows = rows.filter(province=province)
    if era is not None or province is None:
        rows = rows.filter(era=_era(era or Era.CURRENT))
    return list(rows.annotate(rank=_ranked(key)).order_by("rank", "province__code", "code")[:limit])


def find_commune(text: str, province: Province | None = None, *, era: str | None = None) -> Commune:
    """The one commune a name designates (an imported address, a form field typed without tones).

    Raises NotFound when nothing matches and InvalidInput("ambiguous_unit") when the best matches tie
    (several provinces have a "Xã Tân Thành": pass the province).
    """
    found = search_communes(text, province, era=era, limit=6)
    if not found:
        raise NotFound("unknown_unit", f"Không tìm thấy đơn vị hành chính tên {text!r}.")
    tied = [c for c in found if c.rank == found[0].rank]
    if len(tied) > 1:
        names = ", ".join(f"{c.name} ({c.province.short_name})" for c in tied[:5])
        raise InvalidInput("ambiguous_unit", f"Tên {text!r} ứng với nhiều đơn vị: {names}.")
    return found[0]
