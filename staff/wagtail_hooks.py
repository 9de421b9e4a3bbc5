from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail import hooks
from wagtail.models import Collection

from .counties import county_of_collection, county_of_page, may_read_county_content
from .models import StaffPage
from .panels import RoutinesDueForReviewPanel
from .reminders import send_routine_reminders
from .roles import may_read_staff_area, refuse_unless
from .viewsets import DeleteUsersBulkAction


def refuse_without_staff_role(request):
    return refuse_unless(request, may_read_staff_area)


# What a page is decides its privacy, not whether someone remembered a view restriction:
# every staff page type needs a staff role, whatever restrictions exist or were removed,
# and is its county's (the site holding it): another county's staff get 403.
@hooks.register("before_serve_page", order=-2)
def staff_pages_need_a_staff_role(page, request, serve_args, serve_kwargs):
    if isinstance(page, StaffPage):
        county = county_of_page(page)
        return refuse_unless(
            request,
            lambda user: may_read_staff_area(user) and may_read_county_content(user, county),
        )
    return None


# Wagtail sends everyone who fails a view restriction to the login page; a user who
# is already signed in but lacks the role gets a plain 403 instead of a login loop.
@hooks.register("before_serve_page", order=-1)
def forbid_page_to_signed_in_users_without_role(page, request, serve_args, serve_kwargs):
    if request.user.is_authenticated:
        for restriction in page.get_view_restrictions():
            if not restriction.accept_request(request):
                raise PermissionDenied


def is_public_collection(collection):
    """In a public documents collection or below it: publishing is a deliberate move. Each
    county has one (County.public_documents); the first county's is the top-level
    collection of that name, public before there were counties."""
    public = Collection.objects.filter(
        Q(name=settings.PUBLIC_DOCUMENT_COLLECTION, depth=2) | Q(public_documents_of__isnull=False)
    ).values_list("path", flat=True)
    # A materialised path: the collection itself or any below it starts with its path.
    return any(collection.path.startswith(path) for path in public)


# Documents are private unless they were put in the public collection: one uploaded with
# the defaults (the root collection) or anywhere else needs a staff role, and one in a
# county's collection (staff/setup.py ensure_county_collection) is that county's staff's.
@hooks.register("before_serve_document", order=-2)
def documents_are_private_unless_published(document, request):
    if is_public_collection(document.collection):
        return None
    county = county_of_collection(document.collection)
    if county is None:
        return refuse_without_staff_role(request)
    return refuse_unless(
        request, lambda user: may_read_staff_area(user) and may_read_county_content(user, county)
    )


@hooks.register("before_serve_document", order=-1)
def forbid_document_to_signed_in_users_without_role(document, request):
    if request.user.is_authenticated:
        for restriction in document.collection.get_view_restrictions():
            if not restriction.accept_request(request):
                raise PermissionDenied


@hooks.register("construct_homepage_panels")
def routines_due_for_review(request, panels):
    panel = RoutinesDueForReviewPanel.for_user(request.user)
    if panel is not None:
        panels.append(panel)


# After Wagtail's own (order 0), so it replaces the user model's "delete" bulk action.
hooks.register("register_bulk_action", DeleteUsersBulkAction, order=1)


# The outbox's daily reminders (manage.py send_daily_reminders): routines due for review.
hooks.register("register_daily_reminders", send_routine_reminders)
