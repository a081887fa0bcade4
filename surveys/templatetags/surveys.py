"""Template helpers of the survey pages: dates with their 和暦, days left, the index panel."""

import datetime

from django import template
from django.utils import timezone

from projects.permissions import is_coordinator
from projects.wareki import WarekiError, format_date
from surveys import mail, selectors

register = template.Library()


@register.filter
def wareki_date(value) -> str:
    """2025-05-31（令和7年5月31日）."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    if not isinstance(value, datetime.date):
        return ""
    try:
        return mail.date_text(value)
    except WarekiError:
        return value.isoformat()


@register.filter
def wareki_datetime(value) -> str:
    """2025-05-01 14:03（令和7年5月1日）."""
    if not isinstance(value, datetime.datetime):
        return ""
    local = timezone.localtime(value)
    try:
        return f"{local:%Y-%m-%d %H:%M}（{format_date(local.date())}）"
    except WarekiError:
        return f"{local:%Y-%m-%d %H:%M}"


@register.filter
def days_left(deadline) -> str:
    return mail.days_left_text(deadline) if isinstance(deadline, datetime.date) else ""


@register.filter
def number(value) -> str:
    """3,600: thousands separated, as the report writes counts."""
    return f"{value:,}" if isinstance(value, int) else ""


@register.filter
def overdue(deadline) -> bool:
    return isinstance(deadline, datetime.date) and deadline < timezone.localdate()


@register.filter
def person(user) -> str:
    """The name a colleague knows (full name, else the login name); 「-」 for nobody."""
    if user is None:
        return "-"
    return user.get_full_name() or user.get_username()


@register.inclusion_tag("admin/surveys/index_panel.html", takes_context=True)
def surveys_index_panel(context):
    """The admin index's part about open surveys: a clerk's answers, the coordinator's counts."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"answers": [], "surveys": []}
    return {
        "answers": selectors.index_answers(user),
        "surveys": selectors.index_surveys(user),
        "may_open": user.has_perm("surveys.add_survey") and is_coordinator(user),
    }
