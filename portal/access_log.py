"""gunicorn's access log with the path escaped, so that no request can forge a line.

gunicorn logs PATH_INFO as decoded: "/a%0A127.0.0.1 GET /admin/ 200" would write a second,
made-up line. Here every character outside printable ASCII is percent-encoded again.
"""

from urllib.parse import quote

from gunicorn.glogging import Logger

# Characters a path may show as they are; everything else (controls, spaces, non-ASCII,
# quotes, backslashes) is percent-encoded.
PATH_SAFE = "/:@!$&'()*+,;=-._~"


def escaped_path(path):
    return quote(path or "", safe=PATH_SAFE, errors="backslashreplace")


class EscapedPathLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = escaped_path(environ.get("PATH_INFO"))
        return atoms
