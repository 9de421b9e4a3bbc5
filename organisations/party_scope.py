"""An editor keeps their own county's parties: the admin's party listing, forms, chooser,
bulk actions and the contact function report show and change the parties of the county of
the editor's own party, and a party of another county is not found (404) or refused (403).
Administrators (superusers) keep every county's. The role's model permissions (add and
change party) say what an editor may do; this says on which parties."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import chooser, snippets

from .models import County, Party


def counties_of(user):
    """The counties whose parties the user may keep in the admin."""
    if user.is_superuser:
        return County.objects.all()
    if not user.is_authenticated or not user.party_id:
        return County.objects.none()
    return County.objects.filter(parties=user.party_id)


def parties_for(user, queryset=None):
    queryset = Party.objects.all() if queryset is None else queryset
    if user.is_superuser:
        return queryset
    return queryset.filter(county__in=counties_of(user))


class OwnCountyPartyPolicy(ModelPermissionPolicy):
    """Wagtail asks the policy about each party (edit, copy, delete, bulk actions)."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            user.is_superuser or counties_of(user).filter(pk=instance.county_id).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        return parties_for(user, super().instances_user_has_any_permission_for(user, actions))


class OwnCountyParty:
    """For the party edit and delete views, which look their party up through Django's
    get_queryset: among the user's parties, so another county's party is not found. (The
    copy view asks OwnCountyPartyPolicy.)"""

    def get_queryset(self):
        return parties_for(self.request.user, super().get_queryset())


class OwnCountyPartyListing:
    """For the party's history and usage listings, whose get_queryset lists their rows:
    their party is looked up through get_base_object_queryset."""

    def get_base_object_queryset(self):
        return parties_for(self.request.user, super().get_base_object_queryset())


class PartyForm(WagtailAdminModelForm):
    """A party is placed in one of the user's counties only: an editor cannot add a party to
    another county or move theirs there."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "county" in self.fields:
            self.fields["county"].queryset = counties_of(self.for_user)


class OwnCountyChooserParties:
    """The party chooser lists, and returns, the user's parties only."""

    def get_object_list(self):
        return parties_for(self.request.user, super().get_object_list())


class EditView(OwnCountyParty, snippets.EditView):
    pass


class DeleteView(OwnCountyParty, snippets.DeleteView):
    pass


class UsageView(OwnCountyPartyListing, snippets.UsageView):
    pass


class HistoryView(OwnCountyPartyListing, snippets.HistoryView):
    pass


class ChooseView(OwnCountyChooserParties, chooser.ChooseView):
    pass


class ChooseResultsView(OwnCountyChooserParties, chooser.ChooseResultsView):
    pass


class ChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return parties_for(self.request.user).get(pk=pk)


class ChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return parties_for(self.request.user).filter(pk__in=pks)


class PartyChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
