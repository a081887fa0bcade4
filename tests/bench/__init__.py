"""`make bench`: the figures of kyodo's speed and memory, on SQLite and PostgreSQL.

Figures only: nothing here is asserted, and the test suite never times anything. Each database
is measured in a child process (`python -m tests.bench.database`) so that every import and
export runs as the whole management command a coordinator would type, with its own peak memory.
"""
