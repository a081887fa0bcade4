"""A year's report as a PDF in the published layout: A4 landscape, the table of each 協働の形態.

Rendered by WeasyPrint from templates/projects/report_pdf.html, with the very cells the CSV has
(projects.report.cells): the title lines, the header row repeated on every page, a row kept on
one page when it fits, page numbers and the city and year in the footer, the IPA Gothic font
embedded (fonts-ipafont-gothic), the text selectable and tagged for screen readers (PDF/UA-1).

Each cell is printed with its spaces kept (white-space: pre-wrap), so a space at a line's end is
in the text layer and projects.reader.pdf joins the lines of kyodo's own PDF exactly. A bullet
「・」 and each session group or role run of partners begin a line of their own.
"""

import re
from collections.abc import Iterable
from itertools import groupby

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string

from projects.models import Project
from projects.querysets import ProjectQuerySet
from projects.report.cells import category_cell, name_cell, partners_lines, sessions_lines
from projects.report.plain import plain_projects
from projects.report.summary import circled, form_heading
from projects.wareki import fiscal_year_label

# The PDF's Creator: projects.reader.pdf reads a PDF that names it as one whose spaces are kept.
GENERATOR = "kyodo"

# A bullet after a space, or after 。、） (where the reader's rules drop the space again),
# begins a line of its own; a space before it stays at the end of the line above.
_BULLET = re.compile(r"(?:(?<=[。、）)])|(?<= ))(?=・)")


def _lines(text: str) -> str:
    return _BULLET.sub("\n", text)


# The characters a line of each column holds (8.5pt IPA Gothic, full width), and the lines a
# page holds below the header: a row estimated taller may break over pages (WeasyPrint would
# otherwise push a row that fits no page onto pages of its own, without the header).
_LINE_CHARS = {
    "name": 13,
    "category": 7,
    "purpose": 19,
    "partners": 12,
    "sessions": 13,
    "effect": 20,
}
_PAGE_LINES = 30


def _taller_than_a_page(row: dict) -> bool:
    def lines(text: str, width: int) -> int:
        return sum(len(part) // width + 1 for part in text.split("\n"))

    return max(lines(row[column], width) for column, width in _LINE_CHARS.items()) > _PAGE_LINES


def pdf_sections(projects: Iterable[Project]) -> list[dict]:
    """One section per form: its heading 「① 協働の形態：共催（23件）」 and its rows' cells."""
    sections = []
    for index, (form, members) in enumerate(groupby(projects, key=lambda p: p.form_name), start=1):
        rows = [
            row | {"long": _taller_than_a_page(row)}
            for row in (
                {
                    "number": project.number,
                    "name": name_cell(project),
                    "category": category_cell(project),
                    "purpose": _lines(project.purpose),
                    "partners": " \n".join(partners_lines(project)),
                    "sessions": " \n".join(sessions_lines(project)),
                    "effect": _lines(project.effect),
                }
                for project in members
            )
        ]
        sections.append(
            {
                "heading": f"{circled(index)} 協働の形態：{form_heading(form, len(rows))}",
                "rows": rows,
            }
        )
    return sections


def report_pdf(projects: QuerySet | Iterable[Project], *, title: str = "") -> bytes:
    """The projects (one fiscal year, report order) as a PDF; b"" when there are none."""
    every = list(plain_projects(projects) if isinstance(projects, ProjectQuerySet) else projects)
    if not every:
        return b""
    # Here, not at the top: WeasyPrint (Pango, fonts) loads only for a PDF.
    import weasyprint  # type: ignore[import-untyped]

    label = fiscal_year_label(every[0].fiscal_year)
    html = render_to_string(
        "projects/report_pdf.html",
        {
            "city_name": settings.KYODO_CITY_NAME,
            "label": label,
            "title": title or label,
            "generator": GENERATOR,
            "sections": pdf_sections(every),
        },
    )
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
