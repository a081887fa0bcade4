import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects.reader.records import ReportReadError
from projects.services.locks import ImportBusy
from projects.services.report_import import (
    CSV,
    PDF,
    TEXT,
    XLSX,
    project_import_dataset,
    read_file,
    too_large,
)
from projects.services.unknown_forms import FormChoices

# Above this many rows a progress bar is shown on a terminal.
PROGRESS_THRESHOLD = 200


class Command(BaseCommand):
    help = (
        "協働事業の報告書（PDFから抽出したテキスト、または報告書の様式のCSV/XLSX）を取り込みます。"
        "エラーが一つでもあれば何も保存しません。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="報告書のファイル（.txt / .csv / .xlsx / .pdf）")
        parser.add_argument(
            "--fiscal-year", type=int, help="年度（西暦）。表題の年度より優先します。"
        )
        parser.add_argument("--form", help="協働の形態（例：共催）。表題の形態より優先します。")
        parser.add_argument(
            "--dry-run", action="store_true", help="確認だけして、データベースは変更しません。"
        )
        parser.add_argument(
            "--add-form",
            action="store_true",
            help="一覧にない協働の形態を、協働の形態の一覧に追加して取り込みます。",
        )
        parser.add_argument(
            "--map-form",
            action="append",
            default=[],
            metavar="ファイルの形態=一覧の形態",
            help="一覧にない協働の形態を、一覧にある形態として読みます（例：実行委員会=実行委員会・"
            "協議会）。何度でも指定できます。",
        )

    def handle(self, *args, path, fiscal_year, form, dry_run, add_form, map_form, **options):
        result = import_report_file(
            Path(path),
            fiscal_year=fiscal_year,
            form=form,
            dry_run=dry_run,
            stdout=self.stdout,
            stderr=self.stderr,
            add_forms=add_form,
            form_mapping=_mapping(map_form),
        )
        totals = result.totals
        summary = (
            f"{Path(path).name}: 新規 {totals['new']}件、更新 {totals['update']}件、"
            f"変更なし {totals['skip']}件"
        )
        if dry_run:
            summary += "（確認のみ：データベースは変更していません）"
        self.stdout.write(self.style.SUCCESS(summary))


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        name, sep, target = pair.partition("=")
        if not sep or not name.strip() or not target.strip():
            raise CommandError(
                f"--map-form は「ファイルの形態=一覧の形態」で書いてください：{pair}"
            )
        mapping[name.strip()] = target.strip()
    return mapping


def import_report_file(
    path: Path,
    *,
    fiscal_year=None,
    form=None,
    dry_run=False,
    stdout=None,
    stderr=None,
    add_forms=False,
    form_mapping=None,
):
    """Read and import one file; on any error print every error and raise CommandError.

    add_forms adds every form the list lacks (and no mapping names); form_mapping reads a form
    the list lacks as a listed one. Without either, an unknown form is an error. A 担当課 the
    register does not know by any name it had in the file's year is registered, as the
    coordinator's confirmed import does, and named in the output (with --dry-run too).
    """
    if not path.is_file():
        raise CommandError(f"ファイルがありません：{path}")
    # The admin's bound on a file's size, so that the command is not the way round it.
    if reason := too_large(path.stat().st_size):
        _refuse(path, [reason], stderr)
    data = path.read_bytes()
    kind = {".xlsx": XLSX, ".csv": CSV, ".pdf": PDF}.get(path.suffix.lower(), TEXT)
    try:
        dataset = read_file(data, kind=kind, fiscal_year=fiscal_year, form=form)
    except ReportReadError as error:
        _refuse(path, [str(e) for e in error.errors], stderr)

    try:
        with _progress(len(dataset), stdout) as progress:
            result = project_import_dataset(
                dataset,
                dry_run=dry_run,
                file_name=path.name,
                fiscal_year=fiscal_year,
                form=form,
                form_choices=FormChoices(mapping=form_mapping or {}, add_unknown=add_forms),
                add_departments=True,  # the operator's command: the coordinator's right
                progress=progress,
            )
    except ImportBusy as busy:
        raise CommandError(f"{path.name}: {busy}") from None
    if result.has_validation_errors():
        messages = [
            message
            for row in result.invalid_rows
            for errors in row.error_dict.values()
            for message in errors
        ]
        if result.unknown_forms:
            messages.append(
                "一覧にない協働の形態は、--add-form で一覧に追加するか、"
                "--map-form ファイルの形態=一覧の形態 で読み替えて取り込めます。"
            )
        _refuse(path, messages, stderr)
    if result.new_departments and stdout is not None:
        done = "登録します（確認のみ）" if dry_run else "登録しました"
        stdout.write(f"新しい担当課を{done}：" + "、".join(result.new_departments))
    return result


def _refuse(path, messages, stderr):
    for message in messages:
        if stderr is not None:
            stderr.write(message)
    raise CommandError(
        f"{path.name} を取り込めませんでした（エラー {len(messages)}件）。"
        "データベースは変更していません。"
    )


class _progress:
    """A tqdm bar on a terminal for long files; nothing otherwise."""

    def __init__(self, total, stdout):
        self.bar = None
        stream = getattr(stdout, "_out", stdout)
        if total > PROGRESS_THRESHOLD and getattr(stream, "isatty", lambda: False)():
            from tqdm import tqdm  # a heavy import a terminal's long file only needs

            self.bar = tqdm(total=total, unit="行", desc="読み込み", file=sys.stderr)

    def __enter__(self):
        return self.bar.update if self.bar is not None else None

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
        return False
