from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Party


class PartyViewSet(SnippetViewSet):
    """The parties and their contact functions, edited by editors and administrators."""

    model = Party
    icon = "group"
    menu_label = _("Parties")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(PartyViewSet)
