"""A survey's status per department, as text for people or JSON for other programs."""

import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from projects.display import people
from projects.wareki import format_date
from surveys.mail import days_left_text
from surveys.management.commands._common import survey_of
from surveys.selectors import status_counts, status_rows


def _local_date(value) -> str | None:
    return timezone.localtime(value).date().isoformat() if value else None


def status_document(survey) -> dict:
    """The JSON document: fiscal_year, deadline, state, counts and one entry per department."""
    return {
        "fiscal_year": survey.fiscal_year,
        "deadline": survey.deadline.isoformat(),
        "state": survey.state,
        "counts": {c["label"]: c["count"] for c in status_counts(survey)},
        "departments": [
            {
                "department": row.department.name,
                "status": row.get_status_display(),
                "projects": row.project_count,
                "participants": row.participants,
                "submitted_at": _local_date(row.submitted_at),
                "confirmed_at": _local_date(row.confirmed_at),
                "comment": row.comment,
            }
            for row in status_rows(survey)
        ],
    }


class Command(BaseCommand):
    help = "年次調査の状況を担当課ごとに表示します（--format text または json）。"

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True, help="年度（西暦）")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, fiscal_year, format, **options):
        survey = survey_of(fiscal_year)
        document = status_document(survey)
        if format == "json":
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        state = "受付中" if survey.is_open else "締切済"
        self.stdout.write(
            f"{survey}（{state}）提出期限 {document['deadline']}（{format_date(survey.deadline)}"
            + (f"・{days_left_text(survey.deadline)}" if survey.is_open else "")
            + "）"
        )
        self.stdout.write("  " + "  ".join(f"{k} {v}" for k, v in document["counts"].items()))
        total = sum(d["projects"] for d in document["departments"])
        self.stdout.write(f"  担当課 {len(document['departments'])}課・協働事業 {total}件")
        width = max((len(d["department"]) for d in document["departments"]), default=0)
        for entry in document["departments"]:
            participants = people(entry["participants"])
            self.stdout.write(
                f"  {entry['department']:\u3000<{width}}  {entry['status']:\u3000<4}"
                f"  {entry['projects']:>3}件  {participants:>8}"
                + (f"  提出 {entry['submitted_at']}" if entry["submitted_at"] else "")
                + (f"  確認 {entry['confirmed_at']}" if entry["confirmed_at"] else "")
            )
