"""Dates and years on the public pages: the 和暦 first, the western form beside it."""

import datetime

from django import template
from django.utils.html import format_html

from projects import display
from projects.wareki import fiscal_year_label, format_date

register = template.Library()


@register.filter
def nendo(fiscal_year: int | None) -> str:
    """2023 → 「令和5年度（2023年度）」."""
    if fiscal_year is None:
        return ""
    return f"{fiscal_year_label(fiscal_year)}（{fiscal_year}年度）"


@register.filter
def wareki_date(date: datetime.date | None) -> str:
    """A <time> reading 「令和5年8月22日（2023年8月22日）」, or 「—」 when there is no date."""
    if date is None:
        return "—"
    western = f"{date.year}年{date.month}月{date.day}日"
    return format_html(
        '<time datetime="{}">{}（{}）</time>', date.isoformat(), format_date(date), western
    )


register.filter("people", display.people)
