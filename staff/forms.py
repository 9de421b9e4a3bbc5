from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from organisations.models import Party


class PartyFieldMixin(forms.Form):
    party = forms.ModelChoiceField(
        queryset=Party.objects.all(),
        required=False,
        label=_("Party"),
        help_text=_("Professionals and coordinators belong to one party."),
    )


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
