"""Apply the personnel section's list (人事異動) to the accounts: a preview unless --apply."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from projects.reader.records import ReportReadError
from projects.services.transfer_lists import transfers_read
from projects.services.transfers import transfers_apply, transfers_carry_out_due


class Command(BaseCommand):
    help = (
        "人事異動の一覧（CSV・XLSX。列: ユーザー名, 氏名, メール, 新しい担当課, 異動日）を読み、"
        "変わる内容を表示します。--apply で適用します（全部か、何もしないか）。"
        "新しい担当課が空欄の行は退職・転出としてアカウントを無効にします。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="人事異動の一覧のファイル（.csv / .xlsx）")
        parser.add_argument("--apply", action="store_true", help="確認のあと、実際に適用します")
        parser.add_argument(
            "--user", help="適用した人として記録する利用者名（--apply と --due では必須）"
        )
        parser.add_argument(
            "--due", action="store_true", help="異動日を迎えた予定の行を適用します（毎日の実行用）"
        )

    def handle(self, *args, file, apply, user, due, **options):
        by = None
        if (apply or due) and not user:
            raise CommandError(
                "--user で適用する人（協働推進担当の利用者名）を指定してください"
                "（記録に残ります）。"
            )
        if user:
            try:
                by = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"利用者「{user}」は登録されていません。") from None
        if due:
            done = transfers_carry_out_due(by=by)
            for transfer in done:
                self.stdout.write(f"{transfer.username}: {transfer.change}")
            self.stderr.write(f"予定の人事異動を{len(done)}件適用しました。")
            return
        if not file:
            raise CommandError("人事異動の一覧のファイルを指定してください。")
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"ファイル「{file}」を読めません: {error.strerror}") from None
        try:
            plan = transfers_read(data=data, file_name=path.name)
            for row in plan.rows:
                when = "" if row.due else "（予定）"
                self.stdout.write(
                    f"{row.row}行目  {row.username}  {row.kind_label}{when}  {row.change}"
                )
            if not apply:
                self.stderr.write(
                    f"確認のみです（{len(plan.rows)}行、何も変えていません）。"
                    "適用するには --apply を付けてください。"
                )
                return
            record = transfers_apply(data=data, file_name=path.name, by=by)
        except ReportReadError as error:
            raise CommandError(
                f"{path.name} は適用できません（何も変えていません）:\n"
                + "\n".join(str(e) for e in error.errors)
            ) from None
        self.stderr.write(f"適用しました: {record}（{record.transfers.count()}行）")
