from io import StringIO

import pytest
from django.core.management import call_command

from partners.models import Partner, PartnerAlias
from projects.models import Project, Session

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(m.objects.count() for m in (Project, Session, Partner, PartnerAlias))


def test_it_loads_every_seed_file():
    out = StringIO()
    call_command("loadseed", stdout=out)

    assert "r05_kyosai_report.txt: 新規 23件" in out.getvalue()
    assert Project.objects.count() == 23


def test_running_it_twice_changes_nothing():
    call_command("loadseed", stdout=StringIO())
    before = _counts()
    history = Project.history.count()
    out = StringIO()

    call_command("loadseed", stdout=out)

    assert "新規 0件、更新 0件、変更なし 23件" in out.getvalue()
    assert _counts() == before
    assert Project.history.count() == history
