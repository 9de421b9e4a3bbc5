"""The login limits count the client's own address, and no log names it.

X-Forwarded-For is believed only from a trusted proxy; gunicorn listens on 127.0.0.1
unless told otherwise; its error log names neither the client's address nor a query."""

import logging
import runpy

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from gunicorn.config import Config

from portal.access_log import EscapedPathLogger

pytestmark = pytest.mark.django_db

LIMITED = "För många misslyckade inloggningsförsök"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def failed_login(client, number, **headers):
    return client.post(
        "/accounts/login/",
        {"login": f"okand{number}@example.org", "password": "fel-lösenord-123"},
        **headers,
    )


def test_a_client_reaching_gunicorn_directly_cannot_rotate_its_forwarded_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    client = Client(REMOTE_ADDR="203.0.113.9")
    answers = [
        failed_login(client, n, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").content.decode()
        for n in range(12)
    ]
    # 10 failed logins a minute per address (ACCOUNT_RATE_LIMITS): the 11th is refused.
    assert [LIMITED in answer for answer in answers] == [False] * 10 + [True] * 2


def test_behind_the_trusted_proxy_each_client_has_its_own_limit(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    proxy = Client(REMOTE_ADDR="10.0.0.5")
    for n in range(10):
        failed_login(proxy, n, HTTP_X_FORWARDED_FOR="203.0.113.9")
    blocked = failed_login(proxy, 11, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert LIMITED in blocked.content.decode()
    # Another client behind the same proxy is not blocked; what a client writes before
    # the proxy's own entry does not count.
    other = failed_login(proxy, 12, HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.1")
    assert LIMITED not in other.content.decode()


@pytest.mark.parametrize("header", ["garbage", "", ",", "1.2.3", "::::", "\x00"])
def test_a_forwarded_address_that_is_not_one_is_no_403(settings, header):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    response = failed_login(Client(), 1, HTTP_X_FORWARDED_FOR=header)
    assert response.status_code == 200
    assert 'class="errorlist nonfield"' in response.content.decode()


def gunicorn_conf(monkeypatch, **env):
    for name in ("BIND", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(settings.BASE_DIR / "portal" / "gunicorn.conf.py"))


def test_gunicorn_listens_on_the_loopback_unless_told(monkeypatch):
    assert gunicorn_conf(monkeypatch)["bind"] == ["127.0.0.1:8000"]
    assert gunicorn_conf(monkeypatch, PORT="9000")["bind"] == ["127.0.0.1:9000"]
    assert gunicorn_conf(monkeypatch, BIND="0.0.0.0:8000")["bind"] == ["0.0.0.0:8000"]


def test_the_error_log_names_no_client_address_nor_query(caplog):
    logger = EscapedPathLogger(Config())
    logger.error_log.propagate = True
    with caplog.at_level(logging.INFO, logger="gunicorn.error"):
        # What gunicorn's worker writes for a malformed request and for a crash.
        logger.warning("Invalid request from ip=203.0.113.9: Invalid HTTP method")
        logger.warning("Invalid request from ip=2001:db8::1: Invalid HTTP method")
        logger.exception("Error handling request %s", "/sok/?q=skyddat+boende+Krokom")
    text = caplog.text
    assert "203.0.113.9" not in text and "2001:db8::1" not in text
    assert "skyddat" not in text and "Krokom" not in text
    assert "Invalid request from ip=[not logged]: Invalid HTTP method" in text
    assert "Error handling request /sok/" in text
