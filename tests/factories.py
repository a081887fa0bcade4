"""Small builders for test data, shared by the test folders."""

from projects.models import Category, Project


def make_project(*, form, department, number, name, fiscal_year=2023, **fields):
    """A project as the register holds it: 例年実施 and published unless said otherwise."""
    fields.setdefault("category", Category.ANNUAL)
    fields.setdefault("published", True)
    return Project.objects.create(
        fiscal_year=fiscal_year,
        form=form,
        number=number,
        name=name,
        department=department,
        **fields,
    )
