from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from organisations.models import Party

from .county_groups import county_groups

PARTY_REQUIRED = _(
    "Choose the account's party: every account but an administrator's belongs to one party, "
    "and reaches its county's data and pages only."
)


class PartyFieldMixin(forms.Form):
    party = forms.ModelChoiceField(
        queryset=Party.objects.all(),
        required=False,
        label=_("Party"),
        help_text=_(
            "Every account belongs to one party, whose county's data and pages it reaches; "
            "only an administrator may have none."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            # A county's editor and coordinator groups follow the roles and the party
            # (staff.county_groups); they are not chosen by hand.
            self.fields["groups"].queryset = self.fields["groups"].queryset.exclude(
                pk__in=county_groups()
            )

    def clean(self):
        cleaned_data = super().clean()
        # The field is absent when administrators edit their own account.
        superuser = cleaned_data.get("is_superuser", self.instance.is_superuser)
        if not superuser and not cleaned_data.get("party"):
            self.add_error("party", PARTY_REQUIRED)
        return cleaned_data


class StaffUserCreationForm(PartyFieldMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"party"}

    def save(self, commit=True):
        user = super().save(commit=False)
        # The user chooses a password through the link e-mailed after creation.
        user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class StaffUserEditForm(PartyFieldMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"party"}
