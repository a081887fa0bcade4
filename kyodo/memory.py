"""Pausing Python's cyclic garbage collector while a whole report is read, written or exported.

Those steps make hundreds of thousands of small tuples, dicts and lists that hold no cycles:
reference counting frees them, yet each few hundred allocations start a collection that walks
the young objects, and the larger the heap of live objects (openpyxl's cells, the previous
year's projects an import links to) the more each full one walks. Paused, an import and an XLSX
export take less time, with the same peak memory (`BENCH_PIECES=1 make bench` measures it).

The collector is process-wide and gunicorn runs threads: the pause is counted, so it ends
when the last paused step ends, and only if the collector was on when the first began.
"""

import contextlib
import functools
import gc
import threading

_lock = threading.Lock()
_paused = 0
_was_enabled = False


@contextlib.contextmanager
def cyclic_gc_paused():
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()


def without_cyclic_gc(function):
    """The function runs with the collector paused (cyclic_gc_paused)."""

    @functools.wraps(function)
    def paused(*args, **kwargs):
        with cyclic_gc_paused():
            return function(*args, **kwargs)

    return paused
