"""The fixed lists of the register's columns, below the models so that querysets, the reader's
callers and forms can name a choice without importing a model."""

from django.db import models


class Category(models.TextChoices):
    """実施区分, worded exactly as the report prints it."""

    ANNUAL = "annual", "例年実施"
    NEW = "new", "単年度(新規)実施"
    BIENNIAL = "biennial", "2年に一度実施"
    OTHER = "other", "その他"


class FileKind(models.TextChoices):
    """The files of a published edition (公表版) of a year's report, one row each.

    A new kind is one more choice here, its writer in projects.report.files, and a migration
    for the constraint that keeps the stored kinds to this list (0015 added the PDF)."""

    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    JSON = "json", "JSON"
    PDF = "pdf", "PDF"
