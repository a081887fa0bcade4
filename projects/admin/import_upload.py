"""The import's upload: the kinds of file offered, the uploaded file kept between the preview
and the confirmation (FileStore), and the two forms of the import page."""

import contextlib
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from django import forms

from projects.admin.unknown_forms import decode
from projects.services.report_import import CSV, KINDS, PDF, TEXT, XLSX, too_large

UNREADABLE = (
    "ファイルを読めませんでした。選んだ形式（報告書テキスト・CSV・XLSX・PDF）と"
    "ファイルが合っているか確かめてください。"
)
GONE = "取り込むファイルが見つかりません。もう一度ファイルを選んでください。"


# --- the kinds of file -----------------------------------------------------------------------


class ImportFormat:
    """A kind of file the upload form offers (its 「形式」), by its place in IMPORT_FORMATS."""

    kind = TEXT

    def get_title(self) -> str:
        return KINDS[self.kind]

    def get_extension(self) -> str:
        return self.kind


class ReportTextFormat(ImportFormat):
    """The report as text extracted from the PDF (UTF-8 or cp932, detected)."""

    kind = TEXT


class ReportCSVFormat(ImportFormat):
    """CSV in the report layout; UTF-8 (with or without BOM) or cp932, detected."""

    kind = CSV


class ReportXLSXFormat(ImportFormat):
    kind = XLSX


class ReportPDFFormat(ImportFormat):
    """The city's report PDF (a text PDF with a ruled table), read by projects.reader.pdf."""

    kind = PDF


IMPORT_FORMATS = [ReportTextFormat, ReportCSVFormat, ReportXLSXFormat, ReportPDFFormat]


# --- the file between the steps ----------------------------------------------------------------


class FileStore:
    """An uploaded file kept on the server from the check to the confirmation.

    Named by 32 random hex digits, in a directory of its own under the system's temporary one;
    a name from a form is checked against that shape, so it cannot point anywhere else. Files
    older than a day (an import never confirmed) are removed when another is kept.
    """

    NAME = re.compile(r"[0-9a-f]{32}")
    MAX_AGE = 24 * 3600

    def __init__(self, directory: Path | None = None):
        self.directory = directory or Path(tempfile.gettempdir()) / "kyodo-import"

    def save(self, data: bytes) -> str:
        self.directory.mkdir(mode=0o700, exist_ok=True)
        self._sweep()
        name = secrets.token_hex(16)
        descriptor = os.open(self.directory / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return name

    def read(self, name: str) -> bytes:
        return self._path(name).read_bytes()

    def remove(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(name).unlink(missing_ok=True)

    def _path(self, name: str) -> Path:
        if not self.NAME.fullmatch(name or ""):
            raise FileNotFoundError(name)
        return self.directory / name

    def _sweep(self) -> None:
        limit = time.time() - self.MAX_AGE
        for old in self.directory.iterdir():
            try:
                if old.stat().st_mtime < limit:
                    old.unlink()
            except OSError:
                pass


# --- the forms -------------------------------------------------------------------------------


def _format_choices():
    return [("", "---")] + [(str(i), f().get_title()) for i, f in enumerate(IMPORT_FORMATS)]


class UploadForm(forms.Form):
    """The file and its kind; a file over the size limit is refused before it is read."""

    import_file = forms.FileField(label="インポートするファイル")
    format = forms.ChoiceField(label="形式", choices=_format_choices)

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if reason := too_large(upload.size):
            raise forms.ValidationError(reason, code="too_large")
        return upload

    def kind(self) -> str:
        return IMPORT_FORMATS[int(self.cleaned_data["format"])].kind


FILE_FIELDS = ("import_file_name", "original_file_name", "format")


class ConfirmForm(forms.Form):
    """The kept file (its stored and its own name, its kind) and the coordinator's answer for
    forms the list lacks, from the preview to the real import. Field names as the choice form's
    (projects/admin/unknown_forms.py), which carries the same file."""

    import_file_name = forms.CharField(widget=forms.HiddenInput)
    original_file_name = forms.CharField(widget=forms.HiddenInput)
    format = forms.TypedChoiceField(
        widget=forms.HiddenInput,
        coerce=int,
        choices=[(str(i), str(i)) for i in range(len(IMPORT_FORMATS))],
    )
    form_choices = forms.CharField(widget=forms.HiddenInput, required=False, initial="")

    def clean_import_file_name(self) -> str:
        name = self.cleaned_data["import_file_name"]
        if not FileStore.NAME.fullmatch(name):
            raise forms.ValidationError(GONE)
        return name

    def clean_form_choices(self):
        return decode(self.cleaned_data.get("form_choices", ""))

    def kind(self) -> str:
        return IMPORT_FORMATS[self.cleaned_data["format"]].kind

    def file_fields(self) -> dict:
        return {name: self.data.get(name, "") for name in FILE_FIELDS}


# --- the views -------------------------------------------------------------------------------
