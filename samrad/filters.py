"""The coordinator's inbox filter. InboxFilterForm declares the fields (labels, choices,
the checks of the dates); each filter here says how its value narrows the requests."""

import django_filters

from .forms import InboxFilterForm
from .models import SamradRequest


class InboxFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter()
    kind = django_filters.ChoiceFilter()
    urgency = django_filters.ChoiceFilter()
    municipality = django_filters.ModelChoiceFilter(field_name="home_municipality")
    party = django_filters.ModelChoiceFilter(field_name="referring_party")
    start = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    end = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = SamradRequest
        fields = []
        form = InboxFilterForm

    def get_form_class(self):
        # The form's own fields, not ones built from the filters: one declaration of each
        # (django-filter's documented way to customise the form).
        return self._meta.form
