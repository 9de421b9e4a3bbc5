"""Staff data isolated by county, in one place.

Every model that holds case data (a samråd request and what hangs on it, the meetings, the
audit log) has CountyScopedManager as its default manager: whatever a query forgets to
filter, it returns the rows of one county only. Which county is set here, never in a view:

- in a web request, the county of the signed-in user's party (CountyScopeMiddleware); an
  anonymous visitor or an account without a party sees nothing;
- outside a request nothing, unless the code says otherwise: across_counties() for the
  purge, the re-encryption, the daily reminders and the demo, county_scope(county) for
  work on one county's behalf.

Django's base manager (saving, deleting with its cascades, following a foreign key from an
object already reached) is left unscoped: it only reaches rows through one already found.
"""

import contextvars
from contextlib import contextmanager
from functools import cached_property

from django.db import models

# The whole installation: code that works for every county on purpose.
ALL = object()
# What is in force: None (nothing), ALL, a county's id, or a _UserScope.
_scope = contextvars.ContextVar("samrad_county_scope", default=None)


class _UserScope:
    """The signed-in user's county, looked up on the first query of case data (public
    pages and requests that read none cost nothing)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def county_id(self):
        if not self.user.is_authenticated:
            return None
        return self.user.county_id


def current_county_id():
    """The county whose case data may be read now: an id, ALL, or None for nothing."""
    scope = _scope.get()
    return scope.county_id if isinstance(scope, _UserScope) else scope


@contextmanager
def county_scope(county):
    """Read and write one county's case data (a County, its id, or None for nothing)."""
    token = _scope.set(getattr(county, "pk", county))
    try:
        yield
    finally:
        _scope.reset(token)


@contextmanager
def across_counties():
    """Read every county's case data: for work that is the whole installation's."""
    token = _scope.set(ALL)
    try:
        yield
    finally:
        _scope.reset(token)


@contextmanager
def user_scope(user):
    token = _scope.set(_UserScope(user))
    try:
        yield
    finally:
        _scope.reset(token)


class CountyScopeMiddleware:
    """Each request reads the case data of its user's county, and nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with user_scope(request.user):
            return self.get_response(request)


class CountyScopedQuerySet(models.QuerySet):
    def for_county(self, county):
        """The rows of one county, whatever scope is in force (for code that works across
        counties and takes them one at a time)."""
        return self.filter(**{self.model.COUNTY_PATH: getattr(county, "pk", county)})

    def bulk_create(self, objs, *args, **kwargs):
        # Rows written in bulk skip save(): their county is filled in the same way.
        objs = list(objs)
        fill_county = getattr(self.model, "fill_county", None)
        if fill_county:
            fill_county(objs)
        return super().bulk_create(objs, *args, **kwargs)


class CountyScopedManager(models.Manager.from_queryset(CountyScopedQuerySet)):
    """The one filter by county. A model using it names the path to its county
    (COUNTY_PATH); tests/test_county_isolation.py fails for a model with case data that
    does not use it."""

    def get_queryset(self):
        queryset = super().get_queryset()
        county_id = current_county_id()
        if county_id is ALL:
            return queryset
        if county_id is None:
            return queryset.none()
        return queryset.filter(**{self.model.COUNTY_PATH: county_id})


def county_parties():
    """The parties of the county in scope (every party across counties): the statistics
    and the choices of parties are the county's own."""
    from organisations.models import Party

    county_id = current_county_id()
    return Party.objects.all() if county_id is ALL else Party.objects.filter(county=county_id)


def is_scoped(model):
    return isinstance(model._default_manager, CountyScopedManager)
