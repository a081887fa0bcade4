"""The printable report's sections: the register's table, one section per 協働の形態."""

from itertools import groupby

from projects.report.cells import category_cell, name_cell, partners_lines, sessions_lines
from projects.report.summary import circled, form_heading


def report_sections(projects) -> list[dict]:
    """The printable report's sections: one per form, headed 「① 協働の形態：共催（23件）」."""
    sections = []
    for index, (form, members) in enumerate(groupby(projects, key=lambda p: p.form_name), start=1):
        rows = [
            {
                "number": project.number,
                "name": name_cell(project),
                "category": category_cell(project),
                "purpose": project.purpose,
                "partners": partners_lines(project),
                "sessions": sessions_lines(project),
                "effect": project.effect,
            }
            for project in members
        ]
        sections.append(
            {
                "heading": f"{circled(index)} 協働の形態：{form_heading(form, len(rows))}",
                "rows": rows,
            }
        )
    return sections
