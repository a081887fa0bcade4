"""Export one fiscal year of the register in the report layout (CSV, XLSX, PDF) or as JSON."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects.models import Form
from projects.report.files import report_file
from projects.report.writers import ENCODINGS, UnencodableError
from projects.selectors import projects_for_report
from projects.wareki import fiscal_year_label

FORMATS = ("csv", "xlsx", "json", "pdf")


class Command(BaseCommand):
    help = (
        "年度の協働事業を報告書の形式（CSV・XLSX・PDF）または構造化データ（JSON）で書き出します。"
    )
    # A read-only command run by scripts: the system checks (which import every admin module)
    # belong to deployment (`check --deploy`), not to each export.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="年度（西暦、例 2023）")
        parser.add_argument("--form", help="協働の形態（例 共催）。省略するとすべて")
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--encoding", choices=ENCODINGS, default="utf-8-sig")
        parser.add_argument("--output", help="出力ファイル。省略すると標準出力（csv・jsonのみ）")

    def handle(self, *args, fiscal_year, form, format, encoding, output, **options):
        if format in ("xlsx", "pdf") and not output:
            raise CommandError(f"{format.upper()}は --output でファイルを指定してください。")
        if form is not None and not Form.objects.filter(name=form.strip()).exists():
            known = "、".join(Form.objects.values_list("name", flat=True))
            raise CommandError(f"協働の形態「{form}」は登録されていません（登録済み：{known}）。")
        projects = projects_for_report(fiscal_year=fiscal_year, form=form)
        label = fiscal_year_label(fiscal_year)
        title = f"{label} {form}" if form else label
        try:
            # The one writer per format that publishing an edition uses too.
            data = report_file(format, projects, title=title, encoding=encoding)
        except UnencodableError as error:
            raise CommandError(
                f"{encoding}で書けない文字があるため、CSVを書き出しませんでした。\n{error}"
            ) from None
        if not data:
            raise CommandError(self._nothing(label, form))
        self._write(data, output, encoding=encoding if format == "csv" else "utf-8")

    @staticmethod
    def _nothing(label: str, form: str | None) -> str:
        where = f"{label}の「{form}」" if form else label
        return f"{where}の協働事業は登録されていません。"

    def _write(self, data: bytes, output: str | None, *, encoding: str = "utf-8") -> None:
        """To the file, or to stdout as the very bytes (BOM, cp932) when stdout is a real stream."""
        if output:
            path = Path(output)
            path.write_bytes(data)
            self.stderr.write(f"{path} に書き出しました。")
            return
        stream = getattr(self.stdout, "_out", self.stdout)
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            stream.flush()
            buffer.write(data)
            buffer.flush()
        else:  # a StringIO (call_command in tests): the text, decoded as it was encoded
            self.stdout.write(data.decode(encoding), ending="")
