"""The session's 備考 is typed in a two-line box but stays one line in the report's cell."""

import datetime

import pytest

from projects.forms import SessionInlineForm

pytestmark = pytest.mark.django_db


def test_line_breaks_in_the_note_become_spaces():
    form = SessionInlineForm(
        data={
            "order": "1",
            "start": datetime.date(2023, 8, 22).isoformat(),
            "unit": "人",
            "group": "0",
            "note": "16地区にて開催\r\n（町内会館ほか）\n",
        }
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == "16地区にて開催 （町内会館ほか）"
    assert 'rows="2"' in str(form["note"])
