"""The files of the evidence register, kept beside the project.

A project ``kettle.gdproj`` keeps its attachments in the folder ``kettle.evidence/`` next to
it. :func:`add_attachment` copies a file there atomically: the bytes go to a temporary file in
that folder while their SHA-256 is computed, the file is flushed and fsynced, then renamed to
its final name (:func:`os.replace`), and the folder entry is fsynced, so a crash leaves either
no file or the whole file, never a part under the final name.

Names are plain file names (:func:`greendesign.evidence.record.attachment_name_problem`):
``../x.pdf``, ``/tmp/x.pdf``, ``a/b.pdf`` and names with NUL or reserved characters are
refused, naming the file. A file whose name is already taken by *other* content is kept under
a new name, ``report (2).pdf`` (never overwriting the attachment an evidence item points to);
the same content under the same name is recognised and not copied again.

:func:`check_attachments` lists, by name, the attachments of a register that are missing from
the folder and those whose content changed since they were added (SHA-256 differs).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from greendesign.errors import GreenDesignError, SaveError
from greendesign.evidence.record import EvidenceItem, attachment_name_problem
from greendesign.i18n import _
from greendesign.io.atomic import fsync_dir

SUFFIX = ".evidence"
CHUNK = 1 << 20
MAX_RENAMES = 999


class AttachmentError(GreenDesignError):
    """An attachment cannot be added or read (unsafe name, missing file, no project file)."""


@dataclass(frozen=True)
class Attachment:
    """A file in the attachments folder: its name, SHA-256 and size in bytes."""

    name: str
    sha256: str
    size: int
    copied: bool = True
    """False when the same content was already there under this name."""


@dataclass
class AttachmentCheck:
    """The result of :func:`check_attachments`: names missing and names changed."""

    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.changed


def attachments_dir(project_path: str | os.PathLike[str]) -> Path:
    """``<project stem>.evidence/`` beside the project file (may not exist yet)."""
    path = Path(project_path)
    return path.with_name(path.stem + SUFFIX)


def check_name(name: str) -> str:
    """``name`` when it is a safe attachment name; :class:`AttachmentError` otherwise."""
    problem = attachment_name_problem(name)
    if problem:
        raise AttachmentError(problem, hint=_("Rename the file and add it again."))
    return name


def stream_sha256(handle: BinaryIO) -> tuple[str, int]:
    """SHA-256 (hex) and size in bytes of what an open binary file holds, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def file_sha256(path: str | os.PathLike[str]) -> tuple[str, int]:
    """SHA-256 (hex) and size in bytes of a file, read in chunks."""
    with open(path, "rb") as handle:
        return stream_sha256(handle)


def _free_name(folder: Path, name: str, sha256: str) -> tuple[str, bool]:
    """The name to store under and whether the content must be copied."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, extension = name, ""
    candidate, number = name, 1
    while (folder / candidate).exists():
        if (folder / candidate).is_file() and file_sha256(folder / candidate)[0] == sha256:
            return candidate, False
        number += 1
        if number > MAX_RENAMES:
            raise AttachmentError(_("There are too many files named like {name} in the "
                                    "attachments folder.").format(name=name))
        candidate = f"{stem} ({number}){'.' + extension if extension else ''}"
    return candidate, True


def add_attachment(project_path: str | os.PathLike[str] | None,
                   source: str | os.PathLike[str], name: str | None = None) -> Attachment:
    """Copy ``source`` into the project's attachments folder; returns name, SHA-256, size.

    Parameters
    ----------
    project_path
        The ``.gdproj`` file; the project must have been saved once (None: refused).
    source
        The file to attach.
    name
        The name to keep it under (default: the source's own name); a plain file name.

    Raises
    ------
    AttachmentError
        No project file yet, an unsafe name, or a source that is not a readable file.
    SaveError
        The copy could not be written; nothing is left under the final name.
    """
    if project_path is None:
        raise AttachmentError(_("Save the project first: attachments are kept in a folder "
                                "beside the project file."))
    source = Path(source)
    name = check_name(source.name if name is None else name)
    if not source.is_file():
        raise AttachmentError(_("{path} is not a file that can be attached.").format(
            path=str(source)))
    folder = attachments_dir(project_path)
    try:
        folder.mkdir(exist_ok=True)
        sha256, size = file_sha256(source)
    except OSError as exc:
        raise AttachmentError(_("Cannot read {path}: {error}.").format(
            path=str(source), error=exc.strerror or exc)) from None
    final, needed = _free_name(folder, name, sha256)
    if not needed:
        return Attachment(final, sha256, size, copied=False)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".attach.", suffix=".tmp", dir=folder)
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, open(source, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise AttachmentError(_("{path} changed while it was being copied; add it again."
                                    ).format(path=str(source)))
        os.replace(tmp_name, folder / final)
        tmp_name = None
        fsync_dir(folder)
    except OSError as exc:
        raise SaveError(_("Cannot copy {name} into {folder}: {error}.").format(
            name=name, folder=str(folder), error=exc.strerror or exc),
            hint=_("Check free disk space and write permission, then add the file again."),
        ) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return Attachment(final, sha256, size)


def attachment_path(project_path: str | os.PathLike[str], name: str) -> Path:
    """The path of an attachment (the name is checked first)."""
    return attachments_dir(project_path) / check_name(name)


Digest = Callable[[Path], tuple[str, int]]


def check_attachments(project_path: str | os.PathLike[str] | None,
                      register: Iterable[EvidenceItem], digest: Digest | None = None
                      ) -> AttachmentCheck:
    """Attachments of ``register`` missing from the folder, and those whose SHA-256 or size
    differs from the one recorded (by name, in register order).

    Without a project file every attachment counts as missing. ``digest`` (default
    :func:`file_sha256`) lets a caller that checks often keep the hashes of unchanged files.
    """
    digest = digest or file_sha256
    check = AttachmentCheck()
    for item in register:
        if not item.file:
            continue
        if project_path is None:
            check.missing.append(item.file)
            continue
        path = attachments_dir(project_path) / item.file
        if not path.is_file():
            check.missing.append(item.file)
            continue
        try:
            sha256, size = digest(path)
        except OSError:
            check.missing.append(item.file)
            continue
        if sha256 != item.sha256 or (item.size is not None and size != item.size):
            check.changed.append(item.file)
    return check
