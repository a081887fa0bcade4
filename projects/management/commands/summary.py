"""The yearly summary (年次集計) of one fiscal year, as text, JSON or CSV."""

import json

from django.core.management.base import BaseCommand, CommandError

from projects.report.summary import summary_csv, summary_text, yearly_summary
from projects.wareki import fiscal_year_label


class Command(BaseCommand):
    help = "年度の協働事業の年次集計（形態・実施区分・担当課別、参加人数、関係団体）を出力します。"

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="年度（西暦、例 2023）")
        parser.add_argument("--format", choices=("text", "json", "csv"), default="text")

    def handle(self, *args, fiscal_year, format, **options):
        summary = yearly_summary(fiscal_year)
        if not summary["projects"]:
            raise CommandError(f"{fiscal_year_label(fiscal_year)}の協働事業は登録されていません。")
        if format == "json":
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        elif format == "csv":
            self.stdout.write(summary_csv(summary, encoding="utf-8").decode("utf-8"), ending="")
        else:
            self.stdout.write(summary_text(summary), ending="")
