from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from projects.management.commands.import_report import import_report_file

SEED_SUFFIXES = {".txt", ".csv", ".xlsx"}


class Command(BaseCommand):
    help = "seeds/ にあるすべての報告書を取り込みます。二度実行しても何も変わりません。"

    def handle(self, *args, **options):
        folder = settings.BASE_DIR / "seeds"
        paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in SEED_SUFFIXES)
        if not paths:
            raise CommandError(f"{folder} に報告書のファイルがありません。")
        for path in paths:
            result = import_report_file(path, stdout=self.stdout, stderr=self.stderr)
            totals = result.totals
            self.stdout.write(
                f"{path.name}: 新規 {totals['new']}件、更新 {totals['update']}件、"
                f"変更なし {totals['skip']}件"
            )
