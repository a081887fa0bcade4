"""The model fields' validator against invisible format characters and controls.

Set on the text fields of every model a clerk writes (project, session, partner link, partner,
department, form): the admin's forms take a model field's validators, so a form and the
importer (which checks the same kyodo.characters rule while reading) refuse the same text.
A CheckConstraint cannot say this portably: SQLite has no regular expressions, and
PostgreSQL's would have to list the format characters of one Unicode version by hand.
"""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from kyodo.characters import BREAKS, forbidden_character


@deconstructible
class VisibleText:
    """Refuses format characters and controls; multiline=True allows tab and line breaks."""

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        reason = forbidden_character(value, allow=BREAKS if self.multiline else "")
        if reason:
            raise ValidationError(reason, code="invisible_character")

    def __eq__(self, other) -> bool:
        return isinstance(other, VisibleText) and other.multiline == self.multiline


visible_text = VisibleText()
visible_lines = VisibleText(multiline=True)
