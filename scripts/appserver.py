"""Start the portal's web process as production runs it: gunicorn with
portal/gunicorn.conf.py, on a free loopback port. The one way the benchmark
(scripts/benchmark.py) and the multi-server test (tests/test_multi_server.py) start it."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except (OSError, TypeError):
        return "(no log)"


def get_status(port, path, timeout=2):
    """The status of GET `path` on HOST:port, or None when it does not answer."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": f"{HOST}:{port}"})
        response = conn.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()


def healthy(port):
    return get_status(port, "/healthz/") == 200


def start_gunicorn(env, *, workers=2, log=None, timeout=90, cwd=BASE_DIR):
    """gunicorn with `env` (DJANGO_SETTINGS_MODULE, DATABASE_URL, ...) and `workers` workers
    on HOST and a free port, started in its own session and answering /healthz/; `cwd`, the
    checkout it serves (scripts/benchmark_pair.py serves another one too).
    Returns (process, port); stop it with stop(). Raises RuntimeError, with the end of the
    log (`log`: a file for its output, else it is discarded), when it does not come up."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "portal/gunicorn.conf.py",
        "--workers",
        str(workers),
        "portal.wsgi",
    ]
    with open(log, "w") if log else contextlib.nullcontext(subprocess.DEVNULL) as out:
        process = subprocess.Popen(  # noqa: S603 (the project's own server)
            cmd,
            cwd=cwd,
            env={**env, "BIND": f"{HOST}:{port}"},
            stdout=out,
            stderr=subprocess.STDOUT,
            # Its own session: Ctrl-C in the terminal reaches the caller, which stops it.
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{tail(log)}")
        if healthy(port):
            return process, port
        time.sleep(0.3)
    stop(process)
    raise RuntimeError(f"gunicorn did not answer /healthz/ within {timeout} s:\n{tail(log)}")


def stop(process, grace=40):
    """SIGTERM (graceful: requests in flight finish), then SIGKILL to its process group."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
