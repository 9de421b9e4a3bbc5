from django.core.exceptions import PermissionDenied
from wagtail import hooks


# Wagtail sends everyone who fails a view restriction to the login page; a user who
# is already signed in but lacks the role gets a plain 403 instead of a login loop.
@hooks.register("before_serve_page", order=-1)
def forbid_page_to_signed_in_users_without_role(page, request, serve_args, serve_kwargs):
    if request.user.is_authenticated:
        for restriction in page.get_view_restrictions():
            if not restriction.accept_request(request):
                raise PermissionDenied


@hooks.register("before_serve_document", order=-1)
def forbid_document_to_signed_in_users_without_role(document, request):
    if request.user.is_authenticated:
        for restriction in document.collection.get_view_restrictions():
            if not restriction.accept_request(request):
                raise PermissionDenied
