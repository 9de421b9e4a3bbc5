"""The apps form layers, each importing only from the layers below it:

    base (base page, blocks, site settings)  <  organisations (parties, contact functions)
    <  outbox (e-mail outbox, daily reminders)  <  guidance (public pages)
    <  staff (staff area, accounts, roles)
    <  recordkeeping (retention decisions, privacy notices)  <  samrad (requests, meetings, records)
    <  translations (the translators' workflow)  <  demo (the demo content of them all)

Each app is its own layer: the staff area knows nothing of samråd (samråd adds its links
to the staff menu through the "register_staff_menu_items" hook), and the outbox knows
nothing of who sends reminders (they register with its "register_daily_reminders" hook).

and portal's shared plumbing (cache, middleware, env) imports none of them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [
    "base",
    "organisations",
    "outbox",
    "guidance",
    "staff",
    "recordkeeping",
    "samrad",
    "translations",
    "demo",
]
PLUMBING = [
    "portal/cache.py",
    "portal/email_addresses.py",
    "portal/env.py",
    "portal/languages.py",
    "portal/middleware",
    "portal/settings",
]


def imported_apps(path):
    """The project apps a Python file imports (at any place in the file)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & set(LAYERS)
    return found


def python_files(location):
    path = ROOT / location
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_from_the_apps_below_it(app):
    allowed = set(LAYERS[: LAYERS.index(app) + 1])
    for path in python_files(app):
        wrong = imported_apps(path) - allowed
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


def test_the_shared_plumbing_imports_no_app():
    for location in PLUMBING:
        for path in python_files(location):
            assert not imported_apps(path), path.relative_to(ROOT)


def test_the_base_app_names_no_app_above_it():
    """Not even by name: the page types that may go below the home page say so themselves."""
    for path in python_files("base"):
        text = path.read_text()
        for app in LAYERS[1:]:
            assert f'"{app}.' not in text, f"{path.relative_to(ROOT)} names {app}"


@pytest.mark.django_db
def test_the_home_page_takes_the_same_page_types_as_before():
    from base.models import HomePage

    # Wagtail's plain Page is allowed too, but cannot be created (Page.is_creatable).
    allowed = {model._meta.label for model in HomePage.creatable_subpage_models()}
    assert allowed == {
        "guidance.PartyIndexPage",
        "guidance.FinderPage",
        "guidance.ArticlePage",
        "guidance.EasyReadPage",
        "staff.StaffHomePage",
    }
