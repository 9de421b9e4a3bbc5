"""Two app servers, one PostgreSQL, one Redis: a change published through one is seen
through the other within a second (the page cache lives in Redis)."""

import http.client
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from organisations.models import Party
from scripts.appserver import free_port, start_gunicorn, stop

from .helpers import clean_environ, make_user, totp_code

pytestmark = [
    # Committed data, so that the servers see it; tests/conftest.py runs this before the
    # browser tests, which flush the database.
    pytest.mark.django_db(transaction=True),
    # Its accounts sign in to the demo's staff area.
    pytest.mark.usefixtures("demo"),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL (DATABASE_URL), as in CI",
    ),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server, as in CI"),
]


class FormFields(HTMLParser):
    """The fields a browser would send for the first form posting to `action`."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.done, self.fields = action, False, False, []
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and attrs.get("action") == self.action:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                # A browser sends "on" for a ticked box without a value of its own.
                default = "on" if kind in ("checkbox", "radio") else ""
                self.fields.append((attrs["name"], attrs.get("value", default)))
        elif tag == "select":
            self.select = attrs.get("name")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and attrs.get("name"):
            self.fields.append((attrs["name"], ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        if tag == "form" and self.inside:
            self.inside, self.done = False, True


class Browser:
    """A tiny HTTP client that keeps cookies itself: the production cookies are marked
    Secure, which a standard cookie jar would not send over loopback HTTP."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def csrf(self):
        return self.cookies["csrftoken"]

    def request(self, method, path, fields=None):
        host, port = self.base.removeprefix("http://").split(":")
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for _ in range(5):
            conn = http.client.HTTPConnection(host, int(port), timeout=10)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            conn.close()
            if response.status in (301, 302, 303):
                path, method, body = response.headers["Location"], "GET", None
                headers.pop("Content-Type", None)
                continue
            return path, response, content
        raise AssertionError("too many redirects")

    def get(self, path):
        return self.request("GET", path)[2]

    def post(self, path, fields):
        final_path, _, content = self.request("POST", path, fields)
        return final_path, content


@pytest.fixture
def cluster(tmp_path):
    """Redis and two gunicorn app servers on the test database."""
    from demo.public import load_public_content

    load_public_content()
    redis_port, ports = free_port(), []
    processes = [
        subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
    ]
    db = connection.settings_dict
    env = {
        **clean_environ(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SECRET_KEY": "multi-server-test-secret-key-" + "x" * 30,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS)
        or Fernet.generate_key().decode(),
        "PERSON_KEY_SECRET": settings.PERSON_KEY_SECRET,
        "STATIC_ROOT": str(tmp_path / "static"),
        "MFA_REQUIRED": "true",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
        timeout=600,
    )
    try:
        for number in (1, 2):
            server, port = start_gunicorn(env, workers=2, log=tmp_path / f"gunicorn-{number}.log")
            processes.append(server)
            ports.append(port)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            stop(process, grace=30)


def test_change_through_one_server_is_seen_through_the_other(cluster):
    server_a, server_b = cluster
    admin = make_user("chef@example.org", superuser=True)
    # The servers run production settings, whose hashers do not read the tests' fast MD5.
    hasher = PBKDF2PasswordHasher()
    admin.password = hasher.encode("rätt-lösenord-123", hasher.salt())
    admin.save(update_fields=["password"])
    party = Party.objects.get(slug="krokom")

    # Server B has the finder page in the shared cache.
    finder = "/hitta-hjalp/krokom/"
    reader = Browser(server_b)
    assert party.name in reader.get(finder)
    assert reader.request("GET", finder)[1].headers["X-Cache"] == "hit"

    # An administrator logs in on server A (with the second factor) and renames the party.
    editor = Browser(server_a)
    editor.get("/accounts/login/")
    url, _ = editor.post(
        "/accounts/login/",
        {
            "csrfmiddlewaretoken": editor.csrf(),
            "login": admin.email,
            "password": "rätt-lösenord-123",
        },
    )
    assert url.endswith("/accounts/2fa/authenticate/")
    editor.post(
        "/accounts/2fa/authenticate/",
        {"csrfmiddlewaretoken": editor.csrf(), "code": totp_code(admin.totp_secret)},
    )
    edit_path = f"/admin/snippets/organisations/party/edit/{party.pk}/"
    form = FormFields(edit_path)
    form.feed(editor.get(edit_path))
    fields = [(name, value) for name, value in form.fields if name != "name"]
    fields.append(("name", "Krokoms kommun (ändrat)"))
    # The party's and its functions' translations are StreamFields, whose inputs the admin's
    # JavaScript writes: without a browser the form posts them as empty.
    functions = int(dict(fields)["contact_functions-TOTAL_FORMS"])
    fields += [(f"contact_functions-{i}-translations-count", "0") for i in range(functions)]
    fields.append(("translations-count", "0"))
    editor.post(edit_path, fields)
    changed_at = time.monotonic()
    assert Party.objects.get(pk=party.pk).name == "Krokoms kommun (ändrat)"

    # Server B shows the new name within a second.
    while "Krokoms kommun (ändrat)" not in reader.get(finder):
        assert time.monotonic() - changed_at < 1.0, "server B still serves the old page"
        time.sleep(0.05)
