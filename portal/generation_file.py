"""The content generation (portal/cache.py) in a file of its own, beside the file-based page
cache's entries, for an installation on one machine (no REDIS_URL).

Every page-cache hit reads the generation. Read through the file cache, that is a hashed
file name, an open, two unpicklings and a decompression, a fifth of a hit's time
(scripts/hit_cost.py); here it is one read of 20 bytes from a file each process keeps open,
so a change written by any process is seen by the next request of every other, as before.
"""

import fcntl
import os
import threading

WIDTH = 20
FILE_NAME = "content-generation"


class GenerationFile:
    def __init__(self, directory):
        self.path = os.path.join(directory, FILE_NAME)
        self.opened = None  # (process id, file descriptor)
        self.lock = threading.Lock()

    def fd(self):
        opened = self.opened
        # A forked process opens its own: a lock (flock) on an inherited descriptor is
        # shared with the parent and would not keep the two apart.
        if opened is not None and opened[0] == os.getpid():
            return opened[1]
        with self.lock:
            if self.opened is None or self.opened[0] != os.getpid():
                os.makedirs(os.path.dirname(self.path), exist_ok=True)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                self.opened = (os.getpid(), fd)
            return self.opened[1]

    def reopen_if_removed(self, fd):
        """The file was deleted (its directory emptied by hand): the others open a new one.
        The old descriptor is left open, not closed: another thread may be reading it."""
        if os.fstat(fd).st_nlink == 0:
            with self.lock:
                if self.opened is not None and self.opened[1] == fd:
                    self.opened = None
            return self.fd()
        return fd

    def read(self, first):
        """The generation; `first()` written if the file is new or unreadable."""
        fd = self.reopen_if_removed(self.fd())
        try:
            return int(os.pread(fd, WIDTH, 0))
        except ValueError:  # empty: new
            return self.bump(first)

    def bump(self, first):
        """A generation never used before: above the current one and no lower than `first()`
        (time-based), so one that a cleared file started again cannot match an old key."""
        fd = self.reopen_if_removed(self.fd())
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            try:
                current = int(os.pread(fd, WIDTH, 0))
            except ValueError:
                current = 0
            value = max(current + 1, first())
            # One write of a fixed width at the start. A read that meets it halfway gets a
            # number no page is cached under: a miss, never another generation's page.
            os.pwrite(fd, b"%0*d" % (WIDTH, value), 0)
            return value
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


_files = {}


def generation_file(directory):
    """The GenerationFile for the page cache's directory, one per process."""
    found = _files.get(directory)
    if found is None:
        found = _files.setdefault(directory, GenerationFile(directory))
    return found
