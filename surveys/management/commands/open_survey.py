"""Open a fiscal year's survey from the command line, as 「調査を開始」 does in the admin."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from projects.wareki import format_date
from surveys.services import SurveyError, survey_open


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--deadline {text!r} は YYYY-MM-DD で指定してください。") from None


class Command(BaseCommand):
    help = (
        "年次調査を開始します：使用中の担当課ごとに回答を作り、例年実施などの協働事業の"
        "その年度の下書きを作ります。何度実行しても増えません。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="調査する年度（西暦）")
        parser.add_argument("--deadline", required=True, help="提出期限（YYYY-MM-DD）")
        parser.add_argument("--message", default="", help="各担当課への依頼文")

    def handle(self, *args, fiscal_year, deadline, message, **options):
        try:
            outcome = survey_open(
                fiscal_year=fiscal_year, deadline=_date(deadline), message=message, user=None
            )
        except SurveyError as error:
            raise CommandError(str(error)) from None
        survey = outcome.survey
        said = "を開始しました" if outcome.created else "はすでに開始されています"
        deadline = f"{survey.deadline:%Y-%m-%d}・{format_date(survey.deadline)}"
        self.stdout.write(f"{survey}{said}（提出期限 {deadline}）。")
        self.stdout.write(f"  新しい回答: {len(outcome.answers)}課")
        self.stdout.write(f"  新しい下書き: {len(outcome.drafts)}件")
        for project in outcome.drafts:
            self.stdout.write(f"    {project.department.name}：{project}")
