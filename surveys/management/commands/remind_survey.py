"""Send the reminder e-mail to every department that has not submitted, as the admin's button."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from surveys.management.commands._common import survey_of
from surveys.services import SurveyError, survey_remind


class Command(BaseCommand):
    help = (
        "未提出（未着手・入力中・差戻し）の担当課の所属職員に督促メールを送り、回答に記録します。"
        "リンクの宛先は --site-url か KYODO_SITE_URL。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="年度（西暦）")
        parser.add_argument(
            "--site-url", default="", help="登録簿のURL（例：https://kyodo.example.jp）"
        )

    def handle(self, *args, fiscal_year, site_url, **options):
        site_url = site_url or settings.KYODO_SITE_URL
        if not site_url.startswith(("http://", "https://")):
            raise CommandError(
                "メールに載せるURLがありません：--site-url か KYODO_SITE_URL を設定してください。"
            )
        survey = survey_of(fiscal_year)
        try:
            outcome = survey_remind(survey=survey, user=None, site_url=site_url)
        except SurveyError as error:
            raise CommandError(str(error)) from None
        for reminder in outcome.sent:
            self.stdout.write(f"送信: {reminder.answer.department.name} → {reminder.recipients}")
        for answer in outcome.without_address:
            self.stdout.write(
                f"宛先なし: {answer.department.name}（所属職員のメールアドレスがありません）"
            )
        self.stdout.write(f"{len(outcome.sent)}課に督促メールを送りました。")
