"""What the survey commands share: reading the year and finding its survey."""

from django.core.management.base import CommandError

from projects.wareki import fiscal_year_label
from surveys.models import Survey


def survey_of(fiscal_year: int) -> Survey:
    survey = Survey.objects.filter(fiscal_year=fiscal_year).first()
    if survey is None:
        raise CommandError(
            f"{fiscal_year_label(fiscal_year)}の調査はまだ開始されていません"
            f"（python manage.py open_survey --fiscal-year {fiscal_year} --deadline YYYY-MM-DD）。"
        )
    return survey
