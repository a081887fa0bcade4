"""The public pages' data (tests/public/conftest.py) serves the API's tests too."""

from tests.public.conftest import concert, kouen, meeting, older

__all__ = ["concert", "kouen", "meeting", "older"]
