"""Running the edition commands and export_report as a user runs them."""

from io import StringIO

from django.core.management import call_command


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def export(fiscal_year: int, kind: str, tmp_path) -> bytes:
    """What `export_report` writes for the whole year."""
    target = tmp_path / f"export.{kind}"
    call_command(
        "export_report",
        "--fiscal-year",
        str(fiscal_year),
        "--format",
        kind,
        "--output",
        str(target),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    return target.read_bytes()
