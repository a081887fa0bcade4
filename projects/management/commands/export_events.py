"""Write a year's sessions as the national 「イベント一覧」 dataset, as /opendata/events/ does."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from projects.models import Project
from projects.opendata.events import event_projects, event_rows, events_csv
from projects.wareki import fiscal_year_label


class Command(BaseCommand):
    help = (
        "公開している協働事業の実施日を、自治体標準オープンデータセット「イベント一覧」の"
        "CSV（UTF-8、BOM付き）で書き出します。"
    )
    requires_system_checks = []  # a read-only export run by scripts, as export_report

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="年度（西暦、例 2023）")
        parser.add_argument("--output", required=True, help="出力ファイル")
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "KYODO_SITE_URL", ""),
            help="URL列に使う公開サイトのアドレス（例 https://kyodo.example.jp）。"
            "省略時は KYODO_SITE_URL、それもなければURL列は空欄",
        )

    def handle(self, *args, fiscal_year, output, base_url, **options):
        if not Project.objects.published().for_year(fiscal_year).exists():
            raise CommandError(
                f"{fiscal_year_label(fiscal_year)}の公開している協働事業はありません。"
            )
        base_url = (base_url or "").rstrip("/")
        if base_url and not base_url.startswith(("http://", "https://")):
            raise CommandError(f"--base-url は http:// か https:// で始めてください：{base_url}")

        def url_for(pk: int) -> str:
            return f"{base_url}{reverse('public:project', args=[pk])}" if base_url else ""

        rows = list(event_rows(event_projects(fiscal_year), url_for=url_for))
        path = Path(output)
        path.write_bytes(events_csv(rows))
        self.stderr.write(
            f"{path} に{len(rows)}件（{fiscal_year_label(fiscal_year)}）を書き出しました。"
        )
        if not base_url:
            self.stderr.write(
                "公開サイトのアドレスが分からないため、URL列は空欄です（--base-url）。"
            )
