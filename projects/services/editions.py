"""Publishing an edition (公表版) of a year's report, and recording a correction (訂正)."""

import hashlib

from django.db import IntegrityError, transaction
from django.db.models import Max

from projects.choices import FileKind
from projects.models import Correction, Edition, EditionFile, Project
from projects.report.files import report_file
from projects.selectors import projects_for_report
from projects.wareki import fiscal_year_label


class EditionError(Exception):
    """Why an edition could not be published, in Japanese for the coordinator."""


def edition_publish(*, fiscal_year: int, note: str = "", user=None) -> Edition:
    """Freeze the next edition of the year: every file kind, as export_report writes it for the
    whole year, stored with its SHA-256.

    Refused when the year has no project, or has projects citizens may not see yet (公開 off):
    an edition is public at once, and a draft must not reach citizens through it.
    """
    label = fiscal_year_label(fiscal_year)
    year = Project.objects.for_year(fiscal_year)
    if not year.exists():
        raise EditionError(f"{label}の協働事業は登録されていません。")
    drafts = list(year.filter(published=False).order_by("form__order", "number")[:6])
    if drafts:
        names = "、".join(f"{p.form} No.{p.number}" for p in drafts[:5])
        more = "ほか" if len(drafts) > 5 else ""
        raise EditionError(
            f"{label}には公開していない協働事業があります（{names}{more}）。"
            "公開するか削除してから公表してください。"
        )
    try:
        with transaction.atomic():
            return _publish(fiscal_year, label, note.strip(), user)
    except IntegrityError:
        # Two publishers took the same number at once: the constraint kept one; this one
        # is refused rather than renumbered behind the coordinator's back.
        raise EditionError(
            f"{label}の公表版を同時に作成しようとしました。画面を開き直して確認してください。"
        ) from None


def _publish(fiscal_year: int, label: str, note: str, user) -> Edition:
    last = Edition.objects.filter(fiscal_year=fiscal_year).aggregate(n=Max("number"))["n"]
    edition = Edition.objects.create(
        fiscal_year=fiscal_year, number=(last or 0) + 1, note=note, published_by=user
    )
    projects = projects_for_report(fiscal_year=fiscal_year)
    files = []
    for kind in FileKind.values:
        content = report_file(kind, projects, title=label)
        files.append(
            EditionFile(
                edition=edition,
                kind=kind,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
            )
        )
    EditionFile.objects.bulk_create(files)
    return edition


def project_record_correction(*, project: Project, reason: str, user) -> Correction:
    """訂正: a project of a published year was saved; the reason stays with it for good."""
    return Correction.objects.create(
        project=project, fiscal_year=project.fiscal_year, reason=reason.strip(), user=user
    )
