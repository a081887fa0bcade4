"""The command refuses the large hostile files within bounded memory and time.

Each runs `manage.py import_report` in a child process, which reports its peak resident memory
(VmHWM of /proc/self/status) as it exits. The bounds asserted are generous (the machine is
shared): a refusal within seconds and far under the gigabytes the files once cost (the 1 GiB
bomb took 3.3 GB and 96 s in the admin, a MemoryError in the command).
"""

import sys
import time

import pytest

from tests import hostile_files as hostile
from tests.processes import child_env, run_python

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/status"),
]

_MEASURED = """
import atexit, runpy, sys

def _peak():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                sys.stderr.write("\\nPEAK_KB " + line.split()[1] + "\\n")

atexit.register(_peak)
sys.argv = ["manage.py", "import_report", *sys.argv[1:]]
runpy.run_path("manage.py", run_name="__main__")
"""

PEAK_MB = 500
SECONDS = 30


def _import_measured(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    env = child_env(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    began = time.monotonic()
    result = run_python("-c", _MEASURED, str(path), env=env, timeout=300)
    seconds = time.monotonic() - began
    peak_mb = int(result.stderr.rsplit("PEAK_KB ", 1)[1].split()[0]) / 1024
    return result, peak_mb, seconds


@pytest.mark.parametrize(
    ("name", "build", "message"),
    [
        ("bomb.xlsx", lambda: hostile.bomb_xlsx(mib=1024), "部品 xl/sharedStrings.xml："),
        ("claimed.xlsx", hostile.claimed_rows_xlsx, "1,048,576行"),
        ("written.xlsx", lambda: hostile.claimed_rows_xlsx(written=True), "行が多すぎます"),
    ],
)
def test_a_large_hostile_xlsx_is_refused_in_seconds_and_bounded_memory(
    tmp_path, name, build, message
):
    data = build()

    result, peak_mb, seconds = _import_measured(tmp_path, name, data)

    assert result.returncode == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert peak_mb < PEAK_MB, f"peak {peak_mb:.0f} MB"
    assert seconds < SECONDS, f"{seconds:.1f} s"
    print(f"{name}: {len(data) / 2**20:.1f} MB refused in {seconds:.1f} s, peak {peak_mb:.0f} MB")
