"""`make run`'s embedded default: SQLite, eager Celery, no service to install."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from json import loads
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET on the local server."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
        return response.status, response.headers["Content-Type"], response.read()


def test_migrate_load_seed_and_serve_on_sqlite(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "EMAIL_URL"}
    }
    env.update(
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["load_reference_data"], ["seed_demo"]):
        done = subprocess.run(
            manage + command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    assert "secretariat@example.org" in done.stdout
    assert (
        "Demo drafts for International Migration Review Forum 2026: MEX (es), PHL (en)"
        in done.stdout
    )
    for published in (
        "Demo publication: /en/regional/regional-2024/ECE/\n",
        "Demo publication: /ar/regional/regional-2024/ESCWA/\n",
        "Demo publication: /en/regional/regional-2024/ECE/inputs/",
    ):
        assert published in done.stdout
    assert "layla@example.org" in done.stdout and "demo-reporter-2026" in done.stdout
    # Again: nothing new is drafted or published.
    again = subprocess.run(
        [*manage, "seed_demo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 0, again.stderr
    assert "reporter@example.org" in again.stdout
    assert "Demo drafts" not in again.stdout and "Demo publication" not in again.stdout
    # The demo's secretariat must use two-factor authentication too: its code, without a phone.
    code = subprocess.run(
        [*manage, "demo_code", "secretariat@example.org"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert re.fullmatch(r"\d{6}\n", code.stdout), code.stderr

    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        health = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    health = loads(r.read())
                break
            except OSError:
                time.sleep(0.2)
        assert health == {"status": "ok"}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=5) as response:
            assert response.status == 200
            assert "GCM Review Portal" in response.read().decode()
        # The regional demo: both reports (the synthesis table inserted into (iii) is a real
        # table), ECE's PDF rendered by the eager worker, and the input with its IMRF practice.
        for path, texts in [
            ("/en/regional/", ["Economic Commission for Europe", "Economic and Social Commission"]),
            (
                "/en/regional/regional-2024/ECE/",
                ["Skills partnerships", "<th>Median priority</th>", "Geneva"],
            ),
            ("/ar/regional/regional-2024/ESCWA/", ["منصات إلكترونية لتوثيق عقود العمل", "<table"]),
        ]:
            status, _type, body = fetch(port, path)
            assert status == 200 and all(text in body.decode() for text in texts), path
        report = fetch(port, "/en/regional/regional-2024/ECE/")[2].decode()
        input_path = re.search(r'href="(/en/regional/regional-2024/ECE/inputs/\d+/)"', report)
        status, _type, body = fetch(port, input_path.group(1))
        assert status == 200
        assert "Shared register of licensed recruitment agencies" in body.decode()
        assert "Training of labour inspectors on fair recruitment." in body.decode()
        status, content_type, body = fetch(port, "/en/regional/regional-2024/ECE/pdf")
        assert (status, content_type) == (200, "application/pdf") and body.startswith(b"%PDF")
        # An objective's entries, read sorted with their names then their HTML by id (issue 17),
        # in SQL that SQLite speaks too: this page answered 500 on SQLite alone.
        for path in ("/en/objectives/5/", "/ar/objectives/5/?page=1"):
            status, _type, body = fetch(port, path)
            assert status == 200 and body.decode().count("<article") >= 1, path
        # A review page reads the State's reviews in one hand-written statement (issue 17),
        # its dates and JSON through SQLite's converters: Ghana's links to its 2022 review
        # and shows what changed since, from the diff stored at publication.
        for path in ("/en/reviews/imrf-2026/GHA/", "/ar/reviews/imrf-2026/GHA/"):
            status, _type, body = fetch(port, path)
            html = body.decode()
            assert status == 200, path
            assert f'href="{path[:4]}reviews/imrf-2022/GHA/"' in html, path
            assert html.count('id="changes-heading"') == 1, path
        # Search on SQLite: the simpler fallback still finds the demo's published text, in
        # Chinese too, and never the Philippines' draft.
        for query, found, absent in [
            ("diaspora investment", ">Ghana</a>", ">Philippines</a>"),
            ("%E7%A7%BB%E6%B0%91%E6%95%B0%E6%8D%AE", ">China</a>", ">Ghana</a>"),  # 移民数据
            ("social security agreements", "0 reviews found", ">Philippines</a>"),
        ]:
            url = f"http://127.0.0.1:{port}/en/reviews/?q={query.replace(' ', '+')}"
            with urllib.request.urlopen(url, timeout=5) as response:
                html = response.read().decode()
            assert found in html and absent not in html, query
    finally:
        server.terminate()
        server.wait(timeout=10)
