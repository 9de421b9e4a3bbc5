"""Requests no person types: refused before any view or query sees them."""

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string


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
