"""gunicorn's access log with the path escaped, so that no request can forge a line.

gunicorn logs PATH_INFO as decoded: "/a%0A127.0.0.1 GET /admin/ 200" would write a second,
made-up line. Here every character outside printable ASCII is percent-encoded again.
"""

import logging
import re
from urllib.parse import quote

from gunicorn.glogging import Logger

# Characters a path may show as they are; everything else (controls, spaces, non-ASCII,
# quotes, backslashes) is percent-encoded.
PATH_SAFE = "/:@!$&'()*+,;=-._~"


def escaped_path(path):
    return quote(path or "", safe=PATH_SAFE, errors="backslashreplace")


class EscapedPathLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(PrivateErrorLog())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = escaped_path(environ.get("PATH_INFO"))
        return atoms


class PrivateErrorLog(logging.Filter):
    """gunicorn's error log without the client's address or the query string.

    gunicorn writes "Invalid request from ip=<address>: ..." for a malformed request and
    "Error handling request <path?query>" for a crash; a visitor's address or search words
    say more about a person at risk than the error does."""

    ADDRESS = re.compile(r"\bip=\S+?(?=:\s|\s|$)")
    QUERY = re.compile(r"(Error handling request \S*?)\?\S*")

    def filter(self, record):
        message = record.getMessage()
        cleaned = self.QUERY.sub(r"\1", self.ADDRESS.sub("ip=[not logged]", message))
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
