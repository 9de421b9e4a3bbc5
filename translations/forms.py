from django import forms
from django.utils.translation import gettext_lazy as _


class TranslatorCheckForm(forms.Form):
    checked = forms.BooleanField(
        label=_("Checked by a translator"),
        required=False,
        help_text=_(
            "Tick only when you, or a translator you work with, have read the whole "
            "translation against the Swedish page. A change to the text or to the Swedish "
            "page removes the tick."
        ),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Translated PO file"), required=False)
    publish = forms.BooleanField(
        label=_("Publish the translation at once"),
        required=False,
        help_text=_("Otherwise the imported text is saved as a draft of the translated page."),
    )
