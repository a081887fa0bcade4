"""Demo accounts for trying the admin: the coordinator, a member of the coordinating office
(協働・男女平等参画室), and a clerk of another department (生涯学習課), so that the clerk meets
projects of a department not their own: read only, and the 403 page on their delete pages."""

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
COORDINATOR_DEPARTMENT = "協働・男女平等参画室"
CLERK_DEPARTMENT = "生涯学習課"


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
            office = self._department(coordinator, COORDINATOR_DEPARTMENT)
            # A demo made before the clerk moved out of the coordinator's office moves now.
            office.members.remove(clerk)
            department = self._department(clerk, CLERK_DEPARTMENT)

        self.stdout.write(self.style.SUCCESS("デモ用の利用者を用意しました。"))
        self.stdout.write(f"  協働推進担当: {coordinator.username}（{office.name}）")
        self.stdout.write(f"  担当課職員:   {clerk.username}（{department.name}）")
        self.stdout.write(f"  パスワード:   {password}")
        port = os.environ.get("PORT") or "8000"
        self.stdout.write(f"  管理画面:     http://127.0.0.1:{port}/admin/")

    def _department(self, user, name):
        # The user's department as it is now (renamed since, perhaps); by name only the first
        # time, so that a rename never leaves a second department of the old name.
        department = user.departments.order_by("pk").first()
        if department is None:
            department, _ = Department.objects.get_or_create(name=name)
            department.members.add(user)
        return department

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
