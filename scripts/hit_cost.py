#!/usr/bin/env python3
"""The CPU time, in one process, of a page-cache hit against WhiteNoise's static CSS file.

    .venv/bin/python scripts/hit_cost.py [--requests 20000] [--redis-url URL] [--profile FILE]

scripts/benchmark.py measures the whole server (gunicorn, the network, wrk on the same
cores), and on a busy machine its requests/s say little. This calls the WSGI application
directly, as gunicorn does, with the production settings (a throw-away SQLite database,
collectstatic and the page cache in a temporary directory; the file cache, or Redis with
--redis-url), and prints the CPU time (time.process_time) per request of the static CSS
file and of the home page, a party page and the finder answered by the page cache, with
and without gzip. The time Redis itself takes is not counted (another process). Each URL
is called --requests times in 3 rounds; the fastest round counts, the least disturbed by
other processes. --profile writes cProfile statistics of the home page's hits.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PAGES = [("home", "/"), ("party page", "/stod/polisen/"), ("finder", "/hitta-hjalp/krokom/")]
ENCODINGS = ("gzip, br", "identity")  # what wrk sends in the benchmark, and none
ROUNDS = 3


def set_up(tmp, redis_url):
    from cryptography.fernet import Fernet

    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        PERSON_KEY_SECRET=secrets.token_urlsafe(32),
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        CACHE_DIR=str(tmp / "cache"),
        REDIS_URL=redis_url,
    )
    sys.path.insert(0, str(BASE_DIR))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    call_command("collectstatic", "--noinput", verbosity=0)


def caller():
    """call(path, accept_encoding) -> (status, headers, body), as gunicorn calls the app."""
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()

    def call(path, encoding):
        environ = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1:8000",
            "HTTP_ACCEPT_ENCODING": encoding,
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        started = []
        result = application(
            environ, lambda status, headers, exc_info=None: started.extend([status, headers])
        )
        body = b"".join(result)
        result.close()
        return started[0], dict(started[1]), body

    return call


def check(call, name, path, encoding):
    """Warm the URL up and check that it is answered as the benchmark's requests are."""
    call(path, encoding)
    status, headers, body = call(path, encoding)
    if not status.startswith("200"):
        raise SystemExit(f"{name} {path}: {status}")
    if name != "static CSS" and (headers.get("X-Cache") != "hit" or "Set-Cookie" in headers):
        raise SystemExit(f"{name} {path}: not a page-cache hit: {headers}")
    return f"{len(body)} bytes, Content-Encoding {headers.get('Content-Encoding', '-')}"


def cpu_us(call, path, encoding, requests, profiler=None):
    best = None
    for _ in range(ROUNDS):
        n = requests // ROUNDS
        if profiler:
            profiler.enable()
        start = time.process_time()
        for _ in range(n):
            call(path, encoding)
        elapsed = (time.process_time() - start) / n * 1e6
        if profiler:
            profiler.disable()
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20000, help="per URL and encoding")
    parser.add_argument("--redis-url", default="", help="the page cache in this Redis")
    parser.add_argument("--profile", help="write cProfile statistics of the home page here")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="norrsken-hit-cost."))
    try:
        set_up(tmp, args.redis_url)
        from django.conf import settings

        call = caller()
        home = call("/", "identity")[2]
        css = re.search(rb'href="(/static/css/site[^"]+\.css)"', home).group(1).decode()
        urls = [("static CSS", css), *PAGES]
        backend = settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"].rsplit(".", 1)[-1]
        print(f"page cache: {backend}; CPU time per request, fastest of {ROUNDS} rounds\n")
        print("| URL | Accept-Encoding | response | µs | rate, % of the static file's |")
        print("|---|---|---|---:|---:|")
        profiler = cProfile.Profile() if args.profile else None
        for encoding in ENCODINGS:
            static_us = None
            for name, path in urls:
                response = check(call, name, path, encoding)
                profile = profiler if name == "home" and encoding == ENCODINGS[0] else None
                us = cpu_us(call, path, encoding, args.requests, profile)
                static_us = static_us or us
                print(f"| {name} | {encoding} | {response} | {us:.1f} | {static_us / us:.0%} |")
        if profiler:
            profiler.dump_stats(args.profile)
            pstats.Stats(args.profile).sort_stats("cumulative").print_stats(40)
    finally:
        if "django.db" in sys.modules:  # set up, at least in part
            from django.db import connections

            connections.close_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
