"""Requests no person types: a clear refusal (400, 405), never a 500 and never a way
around a framework's own checks."""

from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.utils.datastructures import MultiValueDictKeyError
from django.views.generic.edit import DeletionMixin


def has_nul(text):
    return "\x00" in text


class RejectNulBytesMiddleware:
    """A NUL byte in the path or a query parameter is 400, never a 500.

    PostgreSQL refuses NUL in text, so `?kommun=%00` reached the database as an error.
    Form fields refuse NUL with a message of their own (Django's CharField), so what a
    person typed is kept; this covers the addresses, which no form checks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request.path_info) or any(
            has_nul(key) or any(has_nul(value) for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(render_to_string("400.html"))
        return self.get_response(request)


class DeleteByPostOnlyMiddleware:
    """HTTP DELETE to a view built on Django's DeletionMixin is 405.

    DeletionMixin answers DELETE by deleting the object at once. Wagtail's generic delete
    views inherit it, so DELETE skipped Wagtail's own deletion: its check that nothing
    protects the object, its hooks and its audit log entry. The admin's pages delete with
    POST; the views that mean DELETE (wagtail-localize's string editor) are not built on it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if (
            request.method == "DELETE"
            and view_class is not None
            and issubclass(view_class, DeletionMixin)
        ):
            allowed = [
                method.upper()
                for method in view_class.http_method_names
                if method != "delete" and hasattr(view_class, method)
            ]
            return HttpResponseNotAllowed(allowed)
        return None


class MissingFieldMiddleware:
    """A request without a field its view reads straight from request.POST or GET is 400,
    never a 500: Wagtail's StreamField forms read "<name>-count" and wagtail-localize's
    string editor "value" that way, and a hand-made POST without them raised
    MultiValueDictKeyError."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, MultiValueDictKeyError):
            return HttpResponseBadRequest(render_to_string("400.html"))
        return None
