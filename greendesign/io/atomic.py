"""Crash-safe file writes.

The new content goes to a temporary file in the destination's own directory
(so the final rename never crosses filesystems), is flushed and fsynced, then
renamed over the destination with :func:`os.replace`, which is atomic on POSIX
and Windows; finally the directory entry is fsynced. A reader, or the file left
behind by a crash at any point, sees either the old or the new content in full.
If anything fails before the rename, the temporary file is removed and the old
file is untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from greendesign.errors import SaveError
from greendesign.i18n import _


def fsync_dir(directory: Path) -> None:
    """Flush a folder's entries (a file created, renamed or moved into it) to disk, where
    the system allows it; an error is ignored (the data itself was flushed already)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see the module docstring).

    Raises
    ------
    SaveError
        The file could not be written; the previous version is intact.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise SaveError(_("Cannot save {file}: the folder {folder} does not exist.").format(
            file=target, folder=directory), hint=_("Choose an existing folder."))
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            # mkstemp creates 0600; keep the old file's mode, or the usual mode of a new file
            os.chmod(tmp_name, target.stat().st_mode & 0o777 if target.exists()
                     else 0o666 & ~_umask())
        os.replace(tmp_name, target)
        tmp_name = None
        fsync_dir(directory)
    except OSError as exc:
        raise SaveError(_("Cannot save {file}: {reason}.").format(
            file=target, reason=exc.strerror or exc),
            hint=_("The previous version of the file is unchanged; check free disk space and "
                   "write permission, then save again.")) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))
