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
