"""Every partner link gets the spelling it is printed under: a blank written_as used to print the
partner's current name, so a rename or a merge changed reports already published. The name a
blank link printed until now is the partner's name today; it is written in, and the change kept
in the link's history like any other."""

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.utils import timezone

REASON = "報告書での表記を正式名称で補完（移行）"
CHUNK = 2000


def fill(apps, schema_editor):
    link_model = apps.get_model("projects", "ProjectPartner")
    history_model = apps.get_model("projects", "HistoricalProjectPartner")
    partner_model = apps.get_model("partners", "Partner")
    blank = link_model.objects.filter(written_as="")
    ids = list(blank.values_list("pk", flat=True))
    if not ids:
        return
    # One UPDATE: the partner's name read by a subquery, not a query per link.
    blank.update(
        written_as=Subquery(partner_model.objects.filter(pk=OuterRef("partner_id")).values("name")[:1])
    )
    now = timezone.now()
    fields = ("id", "project_id", "partner_id", "order", "role", "count", "written_as")
    for start in range(0, len(ids), CHUNK):
        rows = link_model.objects.filter(pk__in=ids[start : start + CHUNK]).values_list(*fields)
        history_model.objects.bulk_create(
            history_model(
                history_date=now,
                history_change_reason=REASON,
                history_type="~",
                **dict(zip(fields, row, strict=True)),
            )
            for row in rows
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("projects", "0011_names_over_the_years"),
    ]

    # Reversing leaves the spellings filled: they are what the reports printed.
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
