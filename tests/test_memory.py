"""The collector pause of kyodo.memory: counted, so threads and nesting never leave it off."""

import gc
import threading

import pytest

from kyodo.memory import cyclic_gc_paused, without_cyclic_gc
from projects.report import export


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_on_again_after():
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on():
    with pytest.raises(ValueError), cyclic_gc_paused():
        raise ValueError
    assert gc.isenabled()


def test_nested_pauses_end_with_the_outer_one():
    with cyclic_gc_paused():
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off():
    gc.disable()
    with cyclic_gc_paused():
        pass
    assert not gc.isenabled()


def test_two_threads_overlapping_leave_it_on_only_when_both_are_done():
    first_in, second_done, states = threading.Event(), threading.Event(), []

    def first():
        with cyclic_gc_paused():
            first_in.set()
            second_done.wait(10)
            states.append(("first, after the second ended", gc.isenabled()))

    def second():
        first_in.wait(10)
        with cyclic_gc_paused():
            pass
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert states == [("first, after the second ended", False)]
    assert gc.isenabled()


def test_the_exports_rows_are_made_with_the_collector_paused(monkeypatch):
    seen = []
    monkeypatch.setattr(export, "_prepared", lambda projects: seen.append(gc.isenabled()) or [])
    assert export.report_rows([]) == []
    assert seen == [False]
    assert gc.isenabled()


def test_the_decorator_keeps_the_functions_name_and_result():
    @without_cyclic_gc
    def answer():
        """The answer."""
        return gc.isenabled()

    assert (answer(), answer.__name__, answer.__doc__) == (False, "answer", "The answer.")
