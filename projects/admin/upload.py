"""The admin import's upload form: a file over the size limit is refused before it is read."""

from django import forms
from django.conf import settings
from import_export.forms import ImportForm


def too_large(size: int) -> str | None:
    """Why a file of this many bytes is refused, or None."""
    limit = settings.KYODO_IMPORT_MAX_BYTES
    if size <= limit:
        return None
    return (
        f"ファイルが大きすぎます（{size / 2**20:,.1f} MB）。取り込めるのは "
        f"{limit / 2**20:,.0f} MB までです。年度や協働の形態ごとにファイルを分けてください。"
    )


class ReportImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if reason := too_large(upload.size):
            raise forms.ValidationError(reason, code="too_large")
        return upload
