"""The demo's survey: the year after the seed's, opened, a few departments in each status.

Run by `make run` after loadseed and createdemousers, so a newcomer who logs in sees the
cycle at work: the demo clerk's department is 入力中 with its checklist, others have submitted,
been sent back, confirmed or answered 該当なし, the rest have not started.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from projects.management.commands.createdemousers import CLERK, CLERK_DEPARTMENT, COORDINATOR
from projects.models import Project, Session
from projects.wareki import fiscal_year_label
from surveys.models import Survey
from surveys.services import (
    answer_confirm,
    answer_mark_in_progress,
    answer_mark_none,
    answer_return,
    answer_submit,
    survey_open,
)

MESSAGE = (
    "各担当課の皆様\n"
    "昨年度に実施した協働事業について、提出期限までに入力・提出をお願いします。\n"
    "例年実施の事業は下書きを用意しています。実施日・参加人数・取組の効果を入力してください。\n"
    "協働推進担当"
)


def _complete(project: Project, user, people: int) -> None:
    """What a department would enter: a session with its count and the effect."""
    Session.objects.create(
        project=project,
        start=datetime.date(project.fiscal_year, 7, 1 + project.number % 28),
        participants=people,
    )
    project.effect = "参加者から好評で、来年度も続けてほしいとの声が寄せられた。"
    project._history_user = user
    project.save()


class Command(BaseCommand):
    help = "デモ用の年次調査（シードの翌年度）を開始し、いくつかの担当課を各状況にします。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="DEBUG が off でも実行します。")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG が off のため、デモ用の調査は作りません（本番環境の保護）。")
        # The seed's projects are published; the survey's drafts are not.
        year = Project.objects.published().aggregate(last=Max("fiscal_year"))["last"]
        if year is None:
            raise CommandError("協働事業がありません。先に python manage.py loadseed を。")
        fiscal_year = year + 1
        if Survey.objects.filter(fiscal_year=fiscal_year).exists():
            self.stdout.write(f"デモ用の調査（{fiscal_year_label(fiscal_year)}）はすでにあります。")
            return
        coordinator = get_user_model().objects.filter(username=COORDINATOR).first()
        if coordinator is None:
            raise CommandError("先に python manage.py createdemousers を実行してください。")
        with transaction.atomic():
            outcome = survey_open(
                fiscal_year=fiscal_year,
                deadline=timezone.localdate() + datetime.timedelta(days=30),
                message=MESSAGE,
                user=coordinator,
            )
            steps = self._play(outcome.survey, coordinator)
        self.stdout.write(self.style.SUCCESS(f"{outcome.survey}を開始しました（デモ）。"))
        for line in steps:
            self.stdout.write(f"  {line}")

    def _play(self, survey, coordinator) -> list[str]:
        answers = {a.department.name: a for a in survey.answers.select_related("department")}
        drafts: dict[str, list[Project]] = {}
        for project in Project.objects.for_year(survey.fiscal_year).select_related("department"):
            drafts.setdefault(project.department.name, []).append(project)
        done, lines = set(), []

        # The demo clerk's own department (as it is called now): started.
        clerk = get_user_model().objects.filter(username=CLERK).first()
        own = clerk.departments.order_by("pk").first() if clerk is not None else None
        own_name = own.name if own is not None else CLERK_DEPARTMENT
        room = answers.get(own_name)
        if room is not None and drafts.get(own_name):
            answer_mark_in_progress(answer=room, user=coordinator)
            done.add(own_name)
            lines.append(f"{own_name}：入力中")

        # Departments with drafts, in name order: submitted, sent back, confirmed.
        others = sorted(n for n in drafts if n not in done and n in answers)
        plays = [("提出済", 1200), ("差戻し", 80), ("確認済", 450)]
        for (label, people), name in zip(plays, others, strict=False):
            for project in drafts[name]:
                _complete(project, coordinator, people)
            answer = answer_submit(answer=answers[name], user=coordinator, explanations={})
            if label == "差戻し":
                answer_return(
                    answer=answer,
                    user=coordinator,
                    comment="参加人数が昨年度より大きく減っています。数え方を確かめてください。",
                )
            elif label == "確認済":
                answer_confirm(answer=answer, user=coordinator, comment="ありがとうございました。")
            done.add(name)
            lines.append(f"{name}：{label}")

        # A department without projects this year answers 該当なし.
        empty = sorted(n for n in answers if n not in drafts and n not in done)
        if empty:
            answer_mark_none(answer=answers[empty[0]], user=coordinator)
            lines.append(f"{empty[0]}：該当なし")
        lines.append(f"ほか {len(answers) - len(lines)}課：未着手")
        return lines
