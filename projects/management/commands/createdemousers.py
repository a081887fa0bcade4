"""Demo accounts for trying the admin: one coordinator and one clerk of 協働・男女平等参画室."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from projects.models import Department
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP, ensure_groups

COORDINATOR = "demo-coordinator"
CLERK = "demo-clerk"
CLERK_DEPARTMENT = "協働・男女平等参画室"


class Command(BaseCommand):
    help = (
        "デモ用の利用者（協働推進担当 demo-coordinator と 担当課職員 demo-clerk）を作ります。"
        "何度実行しても同じ2人で、パスワードは毎回新しくなります（DEMO_PASSWORD があればその値）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="DEBUG が off でも実行します（本番環境では使わないでください）。",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG が off のため、デモ用の利用者は作りません（本番環境の保護）。"
                "どうしても必要なときは --force を付けてください。"
            )
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
        with transaction.atomic():
            groups = ensure_groups()
            coordinators, clerks = groups[COORDINATOR_GROUP], groups[CLERK_GROUP]
            coordinator = self._user(COORDINATOR, "協働推進担当（デモ）", password, coordinators)
            clerk = self._user(CLERK, "担当課職員（デモ）", password, clerks)
            # The clerk's department as it is now (renamed since, perhaps); by name only the
            # first time, so that a rename never leaves a second department of the old name.
            department = clerk.departments.order_by("pk").first()
            if department is None:
                department, _ = Department.objects.get_or_create(name=CLERK_DEPARTMENT)
                department.members.add(clerk)

        self.stdout.write(self.style.SUCCESS("デモ用の利用者を用意しました。"))
        self.stdout.write(f"  協働推進担当: {coordinator.username}")
        self.stdout.write(f"  担当課職員:   {clerk.username}（{department.name}）")
        self.stdout.write(f"  パスワード:   {password}")
        self.stdout.write("  管理画面:     http://127.0.0.1:8000/admin/")

    def _user(self, username, last_name, password, group):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"last_name": last_name}
        )
        user.is_staff = True
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.add(group)
        verb = "作成" if created else "更新"
        self.stdout.write(f"{verb}: {username}")
        return user
