"""The admin's StreamField and rich-text editors read only what their own scripts post.

Wagtail reads a StreamField from the post with data["body-count"], int(...) and the
editor's JSON with json.loads(...): a post without a "-count" field, with a letter where
a number goes or with text where the editor sends JSON was a KeyError or a ValueError,
so a 500. No browser sends such a post; it is a bad request (400), said as Django says
it (BadRequest). Installed with Wagtail's public hooks: the form field override for
StreamField (register_form_field_override) and the rich-text editor setting
(WAGTAILADMIN_RICH_TEXT_EDITORS in portal/settings/base.py).
"""

from contextlib import contextmanager

from django.core.exceptions import BadRequest
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.blocks import BlockField, BlockWidget
from wagtail.fields import StreamField

# What reading a post the editor did not send raises: a missing field (KeyError), a
# number or JSON that does not parse (ValueError), JSON of another shape (the others).
MALFORMED = (LookupError, ValueError, TypeError, AttributeError)


@contextmanager
def as_the_editor_sends_it(name):
    try:
        yield
    except MALFORMED as error:
        raise BadRequest(
            f"The field {name!r} is not posted as the admin's editor sends it."
        ) from error


class StreamFieldWidget(BlockWidget):
    def value_from_datadict(self, data, files, name):
        with as_the_editor_sends_it(name):
            return super().value_from_datadict(data, files, name)


class StreamFormField(BlockField):
    """Wagtail's StreamField form field, reading the post through StreamFieldWidget."""

    def __init__(self, block=None, **kwargs):
        kwargs.setdefault("widget", StreamFieldWidget(block))
        super().__init__(block=block, **kwargs)


class RichTextArea(DraftailRichTextArea):
    """Wagtail's rich-text editor (Draftail), refusing a post that is not its JSON."""

    def value_from_datadict(self, data, files, name):
        with as_the_editor_sends_it(name):
            return super().value_from_datadict(data, files, name)


def register():
    """Every StreamField of an admin form (pages, snippets, settings) reads through it."""
    register_form_field_override(StreamField, override={"form_class": StreamFormField})
