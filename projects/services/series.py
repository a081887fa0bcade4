"""Series: one recurring project across fiscal years, each year linked to the one before."""


def previous_link_error(project, previous) -> str | None:
    """Why ``previous`` cannot be the project's previous year, or None when it can."""
    if previous is None:
        return None
    if project.pk is not None and previous.pk == project.pk:
        return "前年度の協働事業に自分自身は指定できません。"
    if project.fiscal_year is not None and previous.fiscal_year >= project.fiscal_year:
        return "前年度の協働事業には、この協働事業より前の年度のものを指定してください。"
    return None
