"""Trigram indexes for the keyword search on PostgreSQL (pg_trgm).

A search for 「苫小牧」 is a substring match (icontains: UPPER(column) LIKE UPPER('%苫小牧%')),
which no ordinary index serves: every project, partner and spelling was read. GIN indexes of the
trigrams of UPPER(column) let PostgreSQL find the rows of any substring of three characters or
more. They cost on write (each insert updates them); the figures are in the benchmark. SQLite
has no such index and searches by reading the table, which is fine at its size.
"""

from django.db import migrations

INDEXES = [
    ("projects_project_name_trgm", "projects_project", "name"),
    ("projects_project_purpose_trgm", "projects_project", "purpose"),
    ("projects_project_effect_trgm", "projects_project", "effect"),
    ("projects_projectpartner_written_as_trgm", "projects_projectpartner", "written_as"),
    ("partners_partner_name_trgm", "partners_partner", "name"),
    ("partners_partneralias_name_trgm", "partners_partneralias", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f'USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_department_active"),
        ("partners", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
