"""Projects across years, made with the ORM."""

import pytest

from tests.factories import make_project


@pytest.fixture
def juku(kyosai, lifelong):
    """令和4年度 and 令和5年度 市民塾 of 生涯学習課 (共催), not yet linked."""
    return {
        2022: make_project(
            form=kyosai, department=lifelong, number=1, name="令和4年度 市民塾", fiscal_year=2022
        ),
        2023: make_project(
            form=kyosai, department=lifelong, number=3, name="令和5年度 市民塾", fiscal_year=2023
        ),
    }


@pytest.fixture
def chain(kyosai, kyodo_room):
    """まちかどミーティング over three years, linked 2021 ← 2022 ← 2023."""
    years = {}
    previous = None
    for year in (2021, 2022, 2023):
        previous = years[year] = make_project(
            form=kyosai,
            department=kyodo_room,
            number=1,
            name="まちかどミーティング",
            fiscal_year=year,
            since_year=1987,
            previous=previous,
        )
    return years
