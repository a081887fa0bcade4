"""The reminder e-mail: Django's e-mail framework, configured in kyodo/settings.py.

The console backend prints mails in development; SMTP comes from EMAIL_URL or EMAIL_HOST & co.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from projects.wareki import format_date
from surveys.models import Answer


def days_left_text(deadline, today=None) -> str:
    """「あと12日」「今日が提出期限」「提出期限を3日過ぎています」."""
    today = today or timezone.localdate()
    days = (deadline - today).days
    if days > 0:
        return f"あと{days}日"
    if days == 0:
        return "今日が提出期限"
    return f"提出期限を{-days}日過ぎています"


def date_text(date) -> str:
    """「2025-05-31（令和7年5月31日）」: the western date with its 和暦 beside it."""
    return f"{date.isoformat()}（{format_date(date)}）"


def answer_link(answer: Answer, site_url: str) -> str:
    path = reverse("admin:surveys_answer_change", args=[answer.pk])
    return site_url.rstrip("/") + path


def reminder_message(answer: Answer, addresses: list[str], *, site_url: str) -> EmailMessage:
    survey = answer.survey
    context = {
        "city_name": settings.KYODO_CITY_NAME,
        "answer": answer,
        "survey": survey,
        "deadline": date_text(survey.deadline),
        "days_left": days_left_text(survey.deadline),
        "link": answer_link(answer, site_url),
    }
    subject = (
        f"【{settings.KYODO_CITY_NAME}】{survey.fiscal_year_label}協働事業の調査："
        f"回答のお願い（提出期限 {format_date(survey.deadline)}）"
    )
    body = render_to_string("admin/surveys/reminder_mail.txt", context)
    return EmailMessage(subject=subject, body=body, to=addresses)


def send_all(messages: list[EmailMessage]) -> int:
    """Send over one connection; an error is raised (nothing is recorded as sent then)."""
    with get_connection(fail_silently=False) as connection:
        return connection.send_messages(messages)
