"""Export and summary run the same number of queries for 1 project as for 200."""

from io import StringIO

import pytest
from django.core.management import call_command

from partners.models import Partner
from projects.models import Department, Form, Project, ProjectPartner, Session
from projects.report.export import report_dataset, report_records
from projects.report.summary import yearly_summary
from projects.report.writers import dataset_to_csv, dataset_to_xlsx
from projects.selectors import projects_for_report
from tests.factories import day

pytestmark = pytest.mark.django_db

# Measured: the report needs projects (with form and department), partner links (with their
# partner) and sessions; the summary 5 aggregates covering the year and the one before, after
# the years' tokens (read, created the first time, read again). Counted once, the figures are
# kept: the next summary reads the tokens only.
EXPORT_QUERIES = 3
SUMMARY_QUERIES = 3 + 5
SUMMARY_KEPT_QUERIES = 1


def build(count: int) -> None:
    form = Form.objects.get(name="共催")
    departments = [Department.objects.create(name=f"課{i}") for i in range(5)]
    partners = [Partner.objects.create(name=f"団体{i}") for i in range(7)]
    projects = Project.objects.bulk_create(
        Project(
            fiscal_year=2023,
            form=form,
            number=n,
            name=f"事業{n}",
            department=departments[n % 5],
            category="annual",
            since_year=2000,
        )
        for n in range(1, count + 1)
    )
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=p, partner=partners[(p.number + k) % 7], order=k, role="役" * k)
        for p in projects
        for k in range(3)
    )
    Session.objects.bulk_create(
        Session(project=p, order=k, group=k, start=day(2023, 6, 1 + k), participants=10 + k)
        for p in projects
        for k in range(2)
    )


@pytest.mark.parametrize("count", [1, 200])
def test_the_csv_and_xlsx_export_runs_a_constant_number_of_queries(
    count, django_assert_num_queries
):
    build(count)
    with django_assert_num_queries(EXPORT_QUERIES):
        dataset = report_dataset(projects_for_report(fiscal_year=2023))
    assert dataset.height == count
    dataset_to_csv(dataset)
    dataset_to_xlsx(dataset)


@pytest.mark.parametrize("count", [1, 200])
def test_the_json_records_run_a_constant_number_of_queries(count, django_assert_num_queries):
    build(count)
    with django_assert_num_queries(EXPORT_QUERIES):
        records = report_records(projects_for_report(fiscal_year=2023))
    assert len(records) == count


@pytest.mark.parametrize("count", [1, 200])
def test_the_export_command_runs_a_constant_number_of_queries(
    count, django_assert_num_queries, tmp_path
):
    build(count)
    # + 1: the command checks that the --form exists
    with django_assert_num_queries(EXPORT_QUERIES + 1):
        call_command(
            "export_report",
            "--fiscal-year",
            "2023",
            "--form",
            "共催",
            "--output",
            str(tmp_path / "r.csv"),
            stderr=StringIO(),
        )


@pytest.mark.parametrize("count", [1, 200])
def test_the_summary_runs_a_constant_number_of_queries(count, django_assert_num_queries):
    build(count)
    with django_assert_num_queries(SUMMARY_QUERIES):
        summary = yearly_summary(2023)
    assert summary["projects"] == count
    assert summary["participants_total"] == count * 21
    with django_assert_num_queries(SUMMARY_KEPT_QUERIES):
        assert yearly_summary(2023) == summary
