"""The content generation in its own file beside the file-based page cache (one machine,
no Redis): portal/generation_file.py, read by every page-cache hit."""

import os

import pytest
from django.core.cache import caches

from guidance.models import PartyPage
from portal.cache import GENERATION_KEY, read_generation
from portal.generation_file import FILE_NAME, GenerationFile


def first():
    return 1000


def test_a_bump_in_one_process_is_read_by_the_next_request_of_another(tmp_path):
    mine, theirs = GenerationFile(str(tmp_path)), GenerationFile(str(tmp_path))
    start = mine.read(first)
    assert start == 1000 and theirs.read(first) == start
    bumped = theirs.bump(first)
    assert bumped > start
    assert mine.read(first) == bumped


def test_a_bump_in_a_forked_process_is_seen_by_its_parent(tmp_path):
    file = GenerationFile(str(tmp_path))
    start = file.read(first)
    child = os.fork()
    if child == 0:  # the child bumps through the descriptor it opens itself
        try:
            file.bump(first)
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    assert file.read(first) == start + 1


def test_a_deleted_or_garbled_file_starts_a_generation_never_used_before(tmp_path):
    file = GenerationFile(str(tmp_path))
    used = file.bump(lambda: 5000)
    os.remove(tmp_path / FILE_NAME)
    # Started again from the time-based first generation, not from 1.
    assert file.read(lambda: 6000) == 6000 != used
    (tmp_path / FILE_NAME).write_bytes(b"\x00garbled")
    assert GenerationFile(str(tmp_path)).read(lambda: 7000) == 7000


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
def test_with_the_file_cache_a_publish_drops_the_cached_page(client, settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
    }
    caches["page_copies"].clear()
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="krokom")
    assert client.get(page.url)["X-Cache"] == "miss"
    assert client.get(page.url)["X-Cache"] == "hit"
    # The generation is in its own file, not among the cache's entries.
    assert caches["default"].get(GENERATION_KEY) is None
    assert int((tmp_path / "cache" / FILE_NAME).read_bytes()) == read_generation()

    page.title = "Krokom – ny rubrik"
    page.save_revision().publish()
    again = client.get(page.url)
    assert again["X-Cache"] == "miss"
    assert "Krokom – ny rubrik" in again.content.decode()
