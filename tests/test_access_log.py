"""The access log cannot be forged through the path."""

import runpy
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.utils.module_loading import import_string
from gunicorn.config import Config

from portal.access_log import EscapedPathLogger


def log_line(path):
    conf = runpy.run_path(str(settings.BASE_DIR / "portal" / "gunicorn.conf.py"))
    logger_class = import_string(conf["logger_class"])
    assert logger_class is EscapedPathLogger
    logger = logger_class(Config())
    atoms = logger.atoms(
        SimpleNamespace(status="200 OK", sent=123, headers=[]),
        SimpleNamespace(headers=[]),
        {"REQUEST_METHOD": "GET", "PATH_INFO": path, "RAW_URI": path, "SERVER_PROTOCOL": "1.1"},
        timedelta(milliseconds=4),
    )
    return conf["access_log_format"] % atoms


def test_newlines_nul_and_escapes_in_paths_stay_on_one_line():
    for path in [
        "/a\nGET /admin/ 200 1 1",
        "/a\r\nx",
        "/\x00",
        "/\x1b[31mred",
        '/"quoted" \\back',
    ]:
        line = log_line(path)
        assert line.isprintable() and line.isascii(), repr(line)
        assert line.startswith("GET /") and line.endswith(" 200 123 4"), line


def test_ordinary_paths_are_readable():
    assert log_line("/hitta-hjalp/krokom/") == "GET /hitta-hjalp/krokom/ 200 123 4"
    assert log_line("/stöd/") == "GET /st%C3%B6d/ 200 123 4"
