"""Link the register's projects to their previous years (the series), as an import would."""

from django.core.management.base import BaseCommand

from projects.models import Project
from projects.services.series import links_to_make, series_link
from projects.wareki import fiscal_year_label

BATCH = 500


class Command(BaseCommand):
    help = (
        "前年度の同じ協働事業（担当課・協働の形態が同じで、名称の年度を除けば同じもの）と"
        "関連付けます。関連付け済みのもの、手作業で解除したものは変えません。何度実行しても同じです。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, help="この年度だけ（西暦、例 2023）")
        parser.add_argument(
            "--dry-run", action="store_true", help="関連付けるものを表示するだけで保存しません"
        )

    def handle(self, *args, fiscal_year, dry_run, **options):
        queryset = Project.objects.filter(previous__isnull=True).order_by("fiscal_year", "pk")
        if fiscal_year is not None:
            queryset = queryset.for_year(fiscal_year)
        ids = list(queryset.values_list("pk", flat=True))
        linked = []
        for start in range(0, len(ids), BATCH):
            batch = list(Project.objects.filter(pk__in=ids[start : start + BATCH]))
            if dry_run:
                for project, previous in links_to_make(batch):
                    project.previous = previous
                    linked.append(project)
            else:
                linked += series_link(batch)
        for project in linked:
            self.stdout.write(
                f"{fiscal_year_label(project.fiscal_year)} {project.name} ← "
                f"{fiscal_year_label(project.previous.fiscal_year)} {project.previous.name}"
            )
        verb = "関連付けられます" if dry_run else "関連付けました"
        self.stdout.write(f"{len(linked)}件を前年度の協働事業と{verb}。")
