"""The cells of a year's report that changed since its latest edition (公表版)."""

import json

from django.core.management.base import BaseCommand, CommandError

from projects.report.changes import edition_changes
from projects.wareki import fiscal_year_label, format_date_with_western


class Command(BaseCommand):
    help = "最新の公表版と現在の登録簿とで異なるセルを一覧にします（text または json）。"
    requires_system_checks = []  # a read-only command, like export_report

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="年度（西暦、例 2023）")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args, fiscal_year, format, **options):
        found = edition_changes(fiscal_year)
        if found is None:
            raise CommandError(f"{fiscal_year_label(fiscal_year)}の公表版はまだありません。")
        if format == "json":
            records = [change.as_dict() for change in found.changes]
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=2))
            return
        edition = found.edition
        self.stdout.write(
            f"{edition}（{format_date_with_western(edition.published_on)}）以降の変更："
            f"{len(found.changes)}件"
        )
        for change in found.changes:
            self.stdout.write(f"{change.form} No.{change.no}「{change.column}」")
            self.stdout.write(f"  公表版：{change.published or '（空欄）'}")
            self.stdout.write(f"  現在　：{change.now or '（空欄）'}")
