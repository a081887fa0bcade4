"""Run one management command in this process and print its peak memory as JSON (last line)."""

import json
import os
import resource
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402


def _peak_kib() -> int:
    """This program's peak resident memory. Linux's VmHWM starts afresh at exec; ru_maxrss
    keeps the high-water mark of the parent the child was forked from (the bench, holding the
    rows of the baseline), so it is the fallback only."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    with open(os.devnull, "w") as quiet:
        call_command(*sys.argv[1:], stdout=quiet, stderr=sys.stderr)
    print(json.dumps({"peak_mib": round(_peak_kib() / 1024)}))
