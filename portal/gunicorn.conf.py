"""Gunicorn settings for the portal's web process.

    DJANGO_SETTINGS_MODULE=portal.settings.production gunicorn -c portal/gunicorn.conf.py portal.wsgi

Everything can be tuned from the environment (see README "Deployment"); command-line
options given after `-c` win over this file.
"""

import gc
import multiprocessing
import os

# gunicorn puts its working directory (the project) on sys.path before reading this file.
from portal.env import env_int, env_list, env_str

# Only the proxy on this machine reaches the app server by default: a client that could
# reach gunicorn directly could send its own X-Forwarded-* headers. On $PORT as most
# platforms expect; BIND (e.g. "0.0.0.0:8000" in a container behind a load balancer, or
# "unix:/run/norrsken.sock") overrides.
bind = env_list("BIND") or [f"127.0.0.1:{env_int('PORT', 8000)}"]

# Processes: the usual 2 x cores + 1, capped because every worker holds a full copy of
# Django and Wagtail (about 100-150 MB) and its own database connections.
workers = env_int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))

# Sync workers, one request at a time each: rendering a page is mostly CPU work (a few
# short queries once a worker has its fragments cached, see README "Caching"), so more
# requests at once in one process only wait for each other on Python's GIL. A busy sync
# worker also takes no new connection, so the idle one gets it; a gthread worker keeps each
# keep-alive connection, and three of four could land on one worker while the other core
# idled. Measured on 2 cores at 4 connections: search p99 47 ms with sync workers, 88-124
# ms with 2 x 2 threads (scripts/benchmark.py, README "Benchmark"). Sync workers need a
# buffering proxy in front (README "Processes"); without one, GUNICORN_WORKER_CLASS=gthread
# with GUNICORN_THREADS.
# Each thread keeps its own database connection: app servers x workers x threads, plus
# the task worker, must stay below PostgreSQL's max_connections.
worker_class = env_str("GUNICORN_WORKER_CLASS", "sync")
threads = env_int("GUNICORN_THREADS", 1)

# A request that takes longer than this is stuck; its worker is restarted. Graceful
# shutdown (deploys, max_requests) lets requests in flight finish within the same time.
timeout = 30
graceful_timeout = 30
# gthread only (sync workers close the connection after each response): idle keep-alive
# connections are closed after 5 s, so set the load balancer's idle timeout to less, or it
# may send a request on a connection gunicorn is just closing.
keepalive = 5

# No periodic worker restarts by default: the portal has no known leak, and a gthread
# worker that restarts drops the connections it has accepted but not yet read (in the
# benchmark, with gthread workers, every restart cost one failed request). GUNICORN_MAX_REQUESTS turns them on
# (with 10 % jitter, so the workers do not restart together) should memory grow.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
# Workers fork from an app that is already loaded: a restarted worker serves at once
# instead of spending seconds importing Django and Wagtail while requests queue.
preload_app = True


def pre_fork(server, worker):
    # The preloaded app (Django, Wagtail, the portal: about 160,000 objects) lives
    # as long as the worker. Frozen, Python's full garbage collections in the worker skip it:
    # each took about 150 ms on 2 cores before (spikes in the benchmark's p99), 20-60 ms
    # after. Collected first, so no garbage is frozen with it.
    gc.collect()
    gc.freeze()


# The heartbeat file lives in memory: a slow or full disk must not get workers killed.
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# Only the proxy may say a request came over HTTPS (X-Forwarded-Proto and friends).
# Comma-separated addresses of the proxies/load balancers; "*" trusts every peer, so use it
# only when nothing but the proxy can reach the app servers.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs go to stdout/stderr for the service manager or container platform to collect.
# The error log names no client address and no query string (portal.access_log).
# The access log holds method, path, status, bytes and duration (ms) only: no client
# address, no query string (a search like /sok/?q=... can say more about a visitor at
# risk than the page does), no referrer, no user agent. Request bodies are never logged.
accesslog = "-"
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)s"
# The path percent-encoded again: a decoded newline or NUL would forge log lines.
logger_class = "portal.access_log.EscapedPathLogger"
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", "info")
