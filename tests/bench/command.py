"""Run one management command in this process and print its peak memory as JSON (last line)."""

import json
import os
import resource
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

if __name__ == "__main__":
    with open(os.devnull, "w") as quiet:
        call_command(*sys.argv[1:], stdout=quiet, stderr=sys.stderr)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_mib": round(peak)}))
