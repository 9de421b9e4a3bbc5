#!/usr/bin/env python3
"""The uncached public pages of two checkouts, measured in turn and compared pair by pair.

scripts/benchmark.py measures one checkout; two of its runs, minutes apart, differ by up to
half on an uncached row on a shared machine, more than a change to the request path does.
This script serves both checkouts at once and measures each row for A, then for B (B, then
A in every other round), so that both meet the same machine, and takes the ratio B/A of
each pair: its median says whether B is slower, its spread how far to trust it.

    .venv/bin/python scripts/benchmark_pair.py A_CHECKOUT B_CHECKOUT [--rounds 8]
                                               [--duration 3] [--connections 4 1]

Each checkout is set up as scripts/benchmark.py sets up its own: its own database in one
throw-away PostgreSQL cluster (`migrate`, `load_demo_content`, `collectstatic`, run with
this Python from the checkout), its own file cache, gunicorn with its own
portal/gunicorn.conf.py and 2 workers on a free loopback port. A checkout is a directory
such as `git worktree add ../before 59e06c2`. The rows are scripts/benchmark.py's public
pages, uncached (a unique, ignored query parameter on every request), at each number of
connections. It prints one Markdown table; it is a measurement and always exits 0 once it
has measured.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import appserver
from benchmark import (
    PUBLIC_PAGES,
    WRK_LUA,
    SetupError,
    django_env,
    log,
    plural,
    run,
    run_wrk,
    start_postgres,
)


def set_up(checkout, database_url, tmp):
    """Migrate, load the demo and collect the static files of `checkout` into its own
    database and directories; returns the environment its gunicorn gets."""
    env = django_env(database_url, tmp, redis_url=None)
    env["STATIC_ROOT"] = str(tmp / "static")
    for command in (
        ["migrate", "--noinput"],
        ["load_demo_content"],
        ["collectstatic", "--noinput"],
    ):
        what = f"{checkout}: manage.py {command[0]}"
        run([sys.executable, "manage.py", *command], env=env, what=what, cwd=checkout)
    return env


def create_database(database_url, name):
    import psycopg

    server = database_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path, help="checkout A (the baseline)")
    parser.add_argument("b", type=Path, help="checkout B (the change)")
    parser.add_argument("--rounds", type=int, default=8, help="pairs per row (8)")
    parser.add_argument("--duration", type=int, default=3, help="seconds of wrk per run (3)")
    parser.add_argument("--connections", type=int, nargs="+", default=[4, 1])
    args = parser.parse_args()
    args.wrk_threads = 2  # what run_wrk reads, as in scripts/benchmark.py
    checkouts = {"A": args.a.resolve(), "B": args.b.resolve()}
    for label, checkout in checkouts.items():
        if not (checkout / "manage.py").exists():
            parser.error(f"{label}: {checkout} has no manage.py")
    with contextlib.ExitStack() as stack:
        tmp = Path(tempfile.mkdtemp(prefix="norrsken-pair."))
        stack.callback(shutil.rmtree, tmp, ignore_errors=True)
        lua = tmp / "unique.lua"
        lua.write_text(WRK_LUA)
        cluster_url, _description = start_postgres(stack)
        ports = {}
        for label, checkout in checkouts.items():
            log(f"setting up {label}: {checkout}")
            workdir = tmp / label
            workdir.mkdir()
            env = set_up(checkout, create_database(cluster_url, f"pair_{label.lower()}"), workdir)
            process, port = appserver.start_gunicorn(
                env, workers=2, log=workdir / "gunicorn.log", cwd=checkout
            )
            stack.callback(appserver.stop, process)
            ports[label] = port
        for label, port in ports.items():  # every page rendered once before it is measured
            for _name, path in PUBLIC_PAGES:
                status = appserver.get_status(port, path, timeout=30)
                if status != 200:
                    raise SetupError(f"{label} {path}: {status}")
        rates = {}
        for round_number in range(args.rounds):
            order = ["A", "B"] if round_number % 2 == 0 else ["B", "A"]
            for connections in args.connections:
                for name, path in PUBLIC_PAGES:
                    for label in order:
                        url = f"http://{appserver.HOST}:{ports[label]}{path}"
                        result = run_wrk(args, lua, url, True, connections, appserver.HOST)
                        if result["errors"]:
                            raise SetupError(f"{label} {path}: {result['errors_detail']}")
                        rates.setdefault((name, connections, label), []).append(result["rate"])
            log(f"round {round_number + 1} of {args.rounds} done")
        print(f"A: {checkouts['A']}\nB: {checkouts['B']}\n")
        print(
            "| row | A req/s, median | B req/s, median | B/A, median of pairs | B/A, lowest–highest |"
        )
        print("|---|---:|---:|---:|---:|")
        for connections in args.connections:
            for name, _path in PUBLIC_PAGES:
                a, b = rates[(name, connections, "A")], rates[(name, connections, "B")]
                ratios = [y / x for x, y in zip(a, b, strict=True)]
                row = f"{name}, uncached, {plural(connections, 'connection')}"
                print(
                    f"| {row} | {statistics.median(a):.0f} | {statistics.median(b):.0f} "
                    f"| {statistics.median(ratios):.3f} | {min(ratios):.2f}–{max(ratios):.2f} |"
                )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    try:
        sys.exit(main())
    except SetupError as error:
        log(str(error))
        sys.exit(1)
