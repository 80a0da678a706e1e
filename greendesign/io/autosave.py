"""Autosave and crash recovery.

While a project is open, the app writes a copy of it every few seconds to the
autosave folder of the app data dir (atomically, like any save), with a small
JSON sidecar naming the original file, the time and the writing process. A
clean save or close removes the copy. At the next start, a copy whose writer is
no longer running and which is newer than its original file is offered for
recovery.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from greendesign.io.atomic import atomic_write_text
from greendesign.io.project_file import dumps_project, load_project
from greendesign.model import Project
from greendesign.paths import autosave_dir


@dataclass(frozen=True)
class Recovery:
    """An autosaved copy that can be recovered."""

    autosave: Path
    original: Path | None
    saved_at: datetime
    product_name: str

    def load(self) -> Project:
        """Load the autosaved project."""
        return load_project(self.autosave)


def _key(original: Path | None, session: str) -> str:
    if original is None:
        return f"untitled-{session}"
    digest = hashlib.sha256(str(original.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{original.stem[:40]}-{digest}"


class Autosaver:
    """Writes and removes the autosave copy of one open project."""

    def __init__(self, original: Path | None = None) -> None:
        self.session = f"{os.getpid()}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"
        self.original = original

    @property
    def path(self) -> Path:
        return autosave_dir() / f"{_key(self.original, self.session)}.gdproj"

    def write(self, project: Project) -> Path:
        """Write the autosave copy and its sidecar; returns the copy's path."""
        path = self.path
        atomic_write_text(path, dumps_project(project))
        meta = {
            "original": str(self.original.resolve()) if self.original else None,
            "saved_at": datetime.now(UTC).isoformat(),
            "pid": os.getpid(),
            "product": project.product.name,
        }
        atomic_write_text(path.with_suffix(".json"), json.dumps(meta, ensure_ascii=False))
        return path

    def discard(self) -> None:
        """Remove the copy (after a clean save or close)."""
        for path in (self.path, self.path.with_suffix(".json")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def rename(self, original: Path | None) -> None:
        """The project was saved under a new name: move on to that name's copy."""
        self.discard()
        self.original = original


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def find_recoverable() -> list[Recovery]:
    """Autosaved copies left by a process that is gone and newer than their original."""
    found: list[Recovery] = []
    for meta_path in sorted(autosave_dir().glob("*.json")):
        copy = meta_path.with_suffix(".gdproj")
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            saved_at = datetime.fromisoformat(meta["saved_at"])
            pid = int(meta["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not copy.exists() or _alive(pid):
            continue
        original = Path(meta["original"]) if meta.get("original") else None
        if original is not None and original.exists() and \
                original.stat().st_mtime >= copy.stat().st_mtime:
            continue
        found.append(Recovery(copy, original, saved_at, str(meta.get("product", ""))))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


def discard_recovery(recovery: Recovery) -> None:
    """Delete a recoverable copy the user declined."""
    for path in (recovery.autosave, recovery.autosave.with_suffix(".json")):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
