"""One runner per journal: a lock file beside it, held for the whole of a run or a resume.

Two processes working the same journal would both see a step pending and both send it; the
deterministic key and the ``external_ref`` keep that from paying twice, but the journal would
no longer say what happened. The lock is the operating system's (``flock`` on POSIX, a byte
lock on Windows), so a runner killed with SIGKILL lets go at once: a crash never leaves a
stale lock for ``resume`` to trip over. The file stays beside the journal (removing it would
race with a process about to lock it); it holds the pid of the last runner, for the message.
"""

from __future__ import annotations

import os
import pathlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from ._errors import CampaignError

__all__ = ["hold_journal", "lock_path"]


def lock_path(journal: pathlib.Path) -> pathlib.Path:
    """``campaign.journal.sqlite`` -> ``campaign.journal.sqlite-lock`` (beside SQLite's own
    ``-wal`` and ``-shm`` files)."""
    return journal.with_name(journal.name + "-lock")


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[str]) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def hold_journal(journal: pathlib.Path) -> Iterator[None]:
    """Hold ``journal`` for one runner, or raise :class:`CampaignError` naming the process
    that holds it."""
    path = lock_path(journal)
    try:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held across the yield
    except OSError as exc:
        raise CampaignError(f"{path}: cannot open the journal's lock file ({exc})") from None
    try:
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise CampaignError(
                f"the journal {journal} is in use by {holder}: one run or resume at a time "
                "(wait for it to end, or stop it; a killed runner lets go at once)"
            )
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}")
            handle.flush()
            yield
        finally:
            _unlock(handle)
    finally:
        handle.close()
