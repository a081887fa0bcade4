"""Publish the next edition (公表版) of a year's report: its CSV, XLSX and JSON, frozen."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from projects.choices import FileKind
from projects.services.editions import EditionError, edition_publish


class Command(BaseCommand):
    help = (
        "年度の報告書の公表版（第1版、第2版…）を作成します。CSV・XLSX・JSONをそのまま保存し、"
        "ファイルごとに公開先のパスとSHA-256を表示します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="年度（西暦、例 2023）")
        parser.add_argument("--note", default="", help="注記（例：第1版の誤記を訂正）")
        parser.add_argument("--user", help="公表した人として記録する利用者名（省略可）")

    def handle(self, *args, fiscal_year, note, user, **options):
        publisher = None
        if user:
            try:
                publisher = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"利用者「{user}」は登録されていません。") from None
        try:
            edition = edition_publish(fiscal_year=fiscal_year, note=note, user=publisher)
        except EditionError as error:
            raise CommandError(str(error)) from None
        self.stderr.write(f"{edition}を作成しました。")
        # Read back from the database: the lines tell what is stored, in FileKind's order.
        stored = edition.files.defer("content").select_related("edition")
        for file in sorted(stored, key=lambda f: FileKind.values.index(f.kind)):
            self.stdout.write(f"{file.path}  {file.sha256}")
