"""Vietnamese display filters: {% load vn %} {{ n|so }} {{ amount|vnd }} {{ moment|ngay }} {{ moment|thoi_diem }}.

Django's `vi` locale defines "." as thousands separator but no grouping, so intcomma prints 3697; these
filters print 3.697 as Vietnamese documents do."""

from django import template

from congso.core.text import format_date, format_moment, format_number, format_vnd

register = template.Library()
register.filter("so", format_number)
register.filter("vnd", format_vnd)
register.filter("ngay", format_date)
register.filter("thoi_diem", format_moment)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def gio_lam_viec(value) -> str:
    """A working-time duration as Vietnamese hours and minutes: '2 giờ 15 phút'."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{format_number(hours)} giờ {minutes} phút"
    return f"{format_number(hours)} giờ" if hours else f"{minutes} phút"


STEP_NAMES = {
    "receive": "Tiếp nhận",
    "specialist": "Chuyên viên xử lý",
    "head": "Lãnh đạo phòng",
    "leader": "Lãnh đạo cơ quan",
    "return": "Trả kết quả",
}


@register.filter
def buoc(code: str) -> str:
    """A process step's code as the officer names it."""
    return STEP_NAMES.get(code, code) if code else "—"
