"""`make loadtest`: 20 concurrent clients for 30 s against `make serve`'s stack, 10,000 projects.

It fills the database DATABASE_URL names (a generated report of LOAD_PROJECTS projects, imported
once; later runs reuse it), starts gunicorn with DEBUG off on the loopback, logs one coordinator
in, then runs LOAD_CLIENTS threads for LOAD_SECONDS seconds, each asking in turn for the public
list, a project page and the admin list over a kept-alive connection. It prints requests per
second, median and p95 per page and every error, writes the figures to load-results.json, and
stops the server. Traffic goes to 127.0.0.1 only; the loop is bounded in time and count.
"""

import http.client
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("LOAD_PORT", "8765"))
PROJECTS = int(os.environ.get("LOAD_PROJECTS", "10000"))
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "20"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "30"))
MAX_REQUESTS = 200_000  # a hard stop, whatever the speed
USER, PASSWORD = "load-coordinator", secrets.token_urlsafe(16)


def _env(**extra) -> dict:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return {**base, **extra}


def _manage(*args, env=None):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare() -> None:
    """Migrate, import the generated report unless the database holds it, make the user."""
    sys.path.insert(0, str(ROOT))
    from tests.report_text import report_text

    env = _env(DEBUG="1")
    _manage("migrate", "--noinput", "--verbosity", "0", env=env)
    count = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from projects.models import Project; print(Project.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    if int(count) < PROJECTS:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as report:
            report.write(report_text(PROJECTS))
            report.flush()
            print(f"importing {PROJECTS:,} generated projects…", flush=True)
            _manage("import_report", report.name, env=env)
    script = (
        "from django.contrib.auth import get_user_model;"
        "from projects.permissions import COORDINATOR_GROUP, ensure_groups;"
        f"u, _ = get_user_model().objects.get_or_create(username={USER!r});"
        f"u.is_staff = True; u.set_password({PASSWORD!r}); u.save();"
        "u.groups.add(ensure_groups()[COORDINATOR_GROUP])"
    )
    _manage("shell", "--verbosity", "0", "-c", script, env=env)


def start_server(env: dict) -> subprocess.Popen:
    _manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "kyodo.wsgi:application",
            "--config",
            "kyodo/gunicorn_conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("HEAD", "/")
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def login() -> str:
    """A session cookie of the coordinator, through the real login form."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    connection.request("GET", "/admin/login/")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = " ".join(response.headers.get_all("Set-Cookie") or [])
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookies).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = f"csrfmiddlewaretoken={token}&username={USER}&password={PASSWORD}&next=/admin/"
    connection.request(
        "POST",
        "/admin/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Referer": f"http://127.0.0.1:{PORT}/",
        },
    )
    response = connection.getresponse()
    response.read()
    session = re.search(
        r"sessionid=([^;]+)", " ".join(response.headers.get_all("Set-Cookie") or [])
    )
    if response.status != 302 or session is None:
        raise SystemExit(f"login failed: {response.status}")
    return f"csrftoken={csrf_cookie}; sessionid={session.group(1)}"


def first_project_path() -> str:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    connection.request("GET", "/")
    page = connection.getresponse().read().decode()
    return re.search(r'href="(/projects/\d+/)"', page).group(1)


def run(paths: dict[str, str], cookie: str) -> dict:
    latencies = {name: [] for name in paths}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS
    budget = iter(range(MAX_REQUESTS))

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        names = list(paths)
        turn = offset
        while time.monotonic() < deadline and next(budget, None) is not None:
            name = names[turn % len(names)]
            turn += 1
            started = time.perf_counter()
            try:
                connection.request("GET", paths[name], headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status, connection = (
                    repr(error),
                    http.client.HTTPConnection("127.0.0.1", PORT, timeout=30),
                )
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    latencies[name].append(elapsed)
                else:
                    errors.append(f"{name}: {status}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    ok = sum(len(v) for v in latencies.values())
    result = {
        "clients": CLIENTS,
        "seconds": round(wall, 1),
        "projects": PROJECTS,
        "requests": ok + len(errors),
        "errors": len(errors),
        "error_samples": errors[:10],
        "requests_per_second": round((ok + len(errors)) / wall, 1),
        "pages": {},
    }
    for name, values in latencies.items():
        values.sort()
        result["pages"][name] = {
            "path": paths[name],
            "requests": len(values),
            "median_ms": round(statistics.median(values) * 1000, 1) if values else None,
            "p95_ms": round(values[int(len(values) * 0.95) - 1] * 1000, 1) if values else None,
        }
    return result


def main() -> None:
    prepare()
    env = _env(
        DEBUG="0",
        KYODO_HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        STATIC_ROOT=str(ROOT / "staticfiles"),
        AXES_FAILURE_LIMIT="1000",
    )
    server = start_server(env)
    try:
        cookie = login()
        paths = {
            "public list": "/",
            "project page": first_project_path(),
            "admin list": "/admin/projects/project/",
        }
        result = run(paths, cookie)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"{result['clients']} clients, {result['seconds']} s, {PROJECTS:,} projects: "
        f"{result['requests']:,} requests, {result['requests_per_second']} req/s, "
        f"{result['errors']} errors"
    )
    print(f"{'page':<14}{'requests':>10}{'median ms':>11}{'p95 ms':>9}")
    for name, page in result["pages"].items():
        print(f"{name:<14}{page['requests']:>10,}{page['median_ms']:>11}{page['p95_ms']:>9}")
    for sample in result["error_samples"]:
        print("error:", sample)
    (ROOT / "load-results.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    if result["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
