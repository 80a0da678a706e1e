"""One writer at a time: a lock file in the app data directory.

GreenDesign keeps state that two running copies would corrupt: the autosave
folder (each would offer the other's copies as crashed), the settings and
window state, and above all the local Brightway project, whose SQLite files
and pickled metadata have no multi-process lock. The first copy of the app
takes ``data_home()/greendesign.lock`` (a :class:`QLockFile`); a second copy
finds it taken, says which process holds it, and opens read-only: it can show
and export projects but does not edit, save, autosave or touch the inventory.
A lock left by a process that died is stale and taken over at once (Qt checks
that the process named in the file no longer runs); time alone never makes a
lock stale, since a window may stay open for days.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from greendesign.paths import data_home

LOCK_FILE_NAME = "greendesign.lock"


@dataclass
class InstanceLock:
    """The outcome of trying to become the writing instance."""

    path: Path
    acquired: bool
    holder_pid: int | None = None
    holder_host: str = ""
    _lock: QLockFile | None = None

    def release(self) -> None:
        """Give the lock back (at quit)."""
        if self._lock is not None and self.acquired:
            self._lock.unlock()
            self.acquired = False


def acquire_instance_lock(path: Path | None = None, timeout_ms: int = 200) -> InstanceLock:
    """Try to take the app's lock; a stale lock of a dead process is removed first.

    Parameters
    ----------
    path
        The lock file; ``data_home()/greendesign.lock`` by default.
    timeout_ms
        How long to wait for a lock held by another process.
    """
    path = Path(path) if path is not None else data_home() / LOCK_FILE_NAME
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    if lock.tryLock(timeout_ms):
        return InstanceLock(path, True, _lock=lock)
    info = lock.getLockInfo()  # (pid, host name, app name); a bool first in some bindings
    if isinstance(info, tuple) and info and isinstance(info[0], bool):
        info = info[1:] if info[0] else ()
    pid = int(info[0]) if isinstance(info, tuple) and info and info[0] else None
    host = str(info[1]) if isinstance(info, tuple) and len(info) > 1 else ""
    return InstanceLock(path, False, pid, host)
