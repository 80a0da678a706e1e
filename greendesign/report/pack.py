"""The evidence pack on disk: one folder (and a zip) an evaluator can check and reproduce.

:func:`export_pack` writes ``<target>/<report id>/``::

    report_<language>.pdf      the report (``zh_CN``, ``en``, or ``zh_CN_en``: one bilingual
                               document), when the PDF writer (greendesign.report.pdf) is there
    pack.json                  every number, the project and the options (greendesign.report
                               .pack_json)
    results.xlsx               the workbook (greendesign.report.workbook)
    charts/<name>.png, .svg    the report's charts, when the chart writer is there
    attachments/<name>         the files of the evidence register (copied from the project's
                               ``<stem>.evidence/`` folder)
    manifest.json              SHA-256 and size of every other file, the report id, the
                               versions, the creation time, and what is missing

and, with ``options.zip``, ``<target>/<report id>.zip`` holding the same folder.

Atomicity: everything is written into a temporary folder inside ``target`` (the same file
system), each file flushed and fsynced; only when all is written are the folder and the zip
moved into place with :func:`os.replace`. A cancelled or failed export (a full disk, a folder
that cannot be written, an exception in a writer) removes the temporary folder: nothing is
left behind, and a pack that exists is complete. Errors are :class:`PackError` naming the file
and how to fix it.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from greendesign import i18n
from greendesign.evidence.attachments import file_sha256
from greendesign.i18n import _
from greendesign.io.atomic import fsync_dir
from greendesign.report.pack_data import ExportOptions, PackData, PackError, gather
from greendesign.report.pack_json import PACK_JSON, pack_json_bytes
from greendesign.report.texts import languages, say

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "greendesign-evidence-pack-manifest"
MANIFEST_SCHEMA = 1
WORKBOOK = "results.xlsx"
CHARTS = "charts"
ATTACHMENTS = "attachments"
CHUNK = 1 << 20
TEMP_PREFIX = ".greendesign-pack-"


@dataclass(frozen=True)
class PackFile:
    """A file of the pack: its path inside the pack folder (``/`` separated), SHA-256, size."""

    path: str
    sha256: str
    size: int

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "size": self.size}


@dataclass
class PackResult:
    """What :func:`export_pack` wrote.

    Attributes
    ----------
    folder, zip_path
        The pack folder and its zip (None without ``options.zip``).
    files
        Every file of the folder but the manifest, as the manifest lists them.
    missing
        What the pack lacks, each ``{"file": ..., "reason": ...}`` (the PDF when the writer
        is not installed, attachments not found ...); also in the manifest.
    warnings
        Files included with a remark (an attachment changed since it entered the register).
    seconds
        Wall time of each part: calculation, charts, pdf, xlsx, json, attachments, zip.
    """

    report_id: str
    folder: Path
    zip_path: Path | None
    files: list[PackFile]
    missing: list[dict[str, str]]
    warnings: list[dict[str, str]]
    seconds: dict[str, float]
    data: PackData = field(repr=False)


def pdf_name(language: str) -> str:
    """``report_zh_CN.pdf``, ``report_en.pdf``, or ``report_zh_CN_en.pdf`` (both)."""
    return f"report_{'_'.join(languages(language))}.pdf"


def write_file(path: Path, content: bytes) -> None:
    """Write ``content`` to a new file, flushed and fsynced."""
    with open(path, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _write_error(exc: OSError, name: str, folder: Path) -> PackError:
    """A :class:`PackError` naming the file, the folder and how to fix it."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return PackError(_("Cannot write {file}: the disk holding {folder} is full.").format(
            file=name, folder=folder),
            hint=_("Free some disk space or choose another folder, then export again; "
                   "nothing was written."))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return PackError(_("Cannot write {file}: {folder} cannot be written to.").format(
            file=name, folder=folder),
            hint=_("Choose a folder you can write to, then export again; nothing was "
                   "written."))
    return PackError(_("Cannot write {file} in {folder}: {reason}.").format(
        file=name, folder=folder, reason=exc.strerror or exc),
        hint=_("Check the folder and export again; nothing was written."))


def pdf_writer() -> Callable[..., Any] | None:
    """``greendesign.report.pdf.write_report``. The report modules (and Typst) are imported
    when a pack is written; a build without them fails the export, naming the file, rather
    than writing a pack without its report. None leaves the PDF out (tests replace this
    function so), and the manifest says so."""
    from greendesign.report.pdf import write_report

    return write_report


def chart_writer() -> Callable[..., Any] | None:
    """``greendesign.report.pdf.charts.draw_charts`` (matplotlib), imported when a pack is
    written, like :func:`pdf_writer`; None leaves the charts out."""
    from greendesign.report.pdf.charts import draw_charts

    return draw_charts


def _attachments(data: PackData, folder: Path, missing: list, warnings: list,
                 stop: Cancelled, state: dict[str, str]) -> None:
    """Copy the register's attached files into ``folder/attachments``."""
    language = data.options.language
    record = getattr(data.project, "evidence", None)
    items = [item for item in getattr(record, "register", []) if item.file]
    if not items:
        return
    from greendesign.evidence.attachments import attachments_dir, check_name  # deferred
    from greendesign.evidence.record import attachment_name_problem

    for item in items:  # every name is checked before anything is copied
        problem = attachment_name_problem(item.file)
        if problem:
            raise PackError(_("Evidence item {id}: {problem}").format(id=item.id,
                                                                      problem=problem),
                            hint=_("Rename the attachment on the Evidence pack page; "
                                   "nothing was written."))
    out = folder / ATTACHMENTS
    out.mkdir()
    for item in items:
        if stop():
            raise PackError(_("The export was cancelled."), hint=_("Nothing was written."))
        name = f"{ATTACHMENTS}/{item.file}"
        if data.project_path is None:
            missing.append({"file": name, "reason": say(language, lambda: _(
                "the project has not been saved, so it has no attachments folder"))})
            continue
        source = attachments_dir(data.project_path) / check_name(item.file)
        if not source.is_file():
            missing.append({"file": name, "reason": say(language, lambda where=source.parent: _(
                "not found in {folder}").format(folder=where))})
            continue
        target = out / item.file
        try:
            src = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise PackError(_("Cannot read the attachment {file}: {reason}.").format(
                file=source, reason=exc.strerror or exc),
                hint=_("Check the file, then export again; nothing was written.")) from exc
        state["file"] = name
        with src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, CHUNK)
            dst.flush()
            os.fsync(dst.fileno())
        sha256, _size = file_sha256(target)
        if item.sha256 and sha256 != item.sha256:
            warnings.append({"file": name, "reason": say(language, lambda: _(
                "its content changed since it was added to the register (SHA-256 differs)"))})


def manifest(data: PackData, files: list[PackFile], missing: list, warnings: list
             ) -> dict[str, Any]:
    """The content of ``manifest.json``."""
    return {"format": MANIFEST_FORMAT, "manifest_schema": MANIFEST_SCHEMA,
            "report_id": data.report_id, "created": data.created.isoformat(),
            "language": data.options.language, "versions": dict(data.versions),
            "files": [f.to_json() for f in sorted(files, key=lambda f: f.path)],
            "missing": missing, "warnings": warnings}


def _zip(folder: Path, report_id: str, target: Path, created: datetime) -> None:
    stamp = (max(created.year, 1980), created.month, created.day, created.hour,
             created.minute, created.second)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{report_id}/{path.relative_to(folder).as_posix()}",
                                   date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(path, "rb") as src, archive.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _temp_folder(target: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=target))


def _check_target(target: Path) -> None:
    if not target.exists():
        raise PackError(_("The folder {folder} does not exist.").format(folder=target),
                        hint=_("Choose an existing folder for the evidence pack."))
    if not target.is_dir():
        raise PackError(_("{folder} is not a folder.").format(folder=target),
                        hint=_("Choose a folder for the evidence pack."))


def export_pack(project, target: Path, options: ExportOptions, *, project_path=None,
                background=None, progress: Progress | None = None,
                cancelled: Cancelled | None = None, created: datetime | None = None
                ) -> PackResult:
    """Compute and write the evidence pack of ``project`` into ``target`` (module docstring).

    Parameters
    ----------
    project
        The project.
    target
        An existing folder; the pack goes to ``target/<report id>/`` (and ``.zip``).
    options
        What the pack holds (:class:`~greendesign.report.pack_data.ExportOptions`).
    project_path
        The project's ``.gdproj`` file: its attachments folder is beside it.
    background
        The fast path's background (loaded when None).
    progress, cancelled
        ``progress(fraction, message)``; ``cancelled()`` true stops the export, leaving
        nothing behind (:class:`PackError`).
    created
        The moment of the pack (now when None), part of the report id.

    Raises
    ------
    PackError
        The folder cannot be written (full, not writable, the pack exists), an attachment
        has an unsafe name, a writer failed, or the export was cancelled; nothing is left.
    """
    report = progress or (lambda _f, _m: None)
    stop = cancelled or (lambda: False)
    target = Path(target)
    _check_target(target)
    seconds: dict[str, float] = {}

    def check() -> None:
        if stop():
            raise PackError(_("The export was cancelled."), hint=_("Nothing was written."))

    def part(start: float, end: float) -> Progress:
        return lambda fraction, message: report(start + (end - start) * fraction, message)

    clock = time.perf_counter()
    report(0.0, _("Computing the results"))
    with i18n.language(languages(options.language)[0]):
        data = gather(project, options, project_path=Path(project_path) if project_path
                      else None, background=background, progress=part(0.0, 0.45),
                      cancelled=stop, created=created)
    seconds["calculation"] = time.perf_counter() - clock
    final = target / data.report_id
    final_zip = target / f"{data.report_id}.zip"
    for existing in (final, final_zip if options.zip else None):
        if existing is not None and existing.exists():
            raise PackError(_("{path} exists already.").format(path=existing),
                            hint=_("Move or delete it, or export again in a moment (the "
                                   "report id holds the time)."))
    check()
    try:
        temp = _temp_folder(target)
    except OSError as exc:
        raise _write_error(exc, data.report_id, target) from exc
    moved = False
    state = {"file": data.report_id}  # the file being written, for the error message
    try:
        folder = temp / data.report_id
        try:
            folder.mkdir()
            result = _write_pack(data, folder, seconds, part, check, stop, report, state)
            state["file"] = MANIFEST
            report(0.95, _("Writing the manifest"))
            write_file(folder / MANIFEST, (json.dumps(
                manifest(data, result[0], result[1], result[2]), ensure_ascii=False, indent=1)
                + "\n").encode("utf-8"))
            check()
            zip_temp = None
            if options.zip:
                state["file"] = final_zip.name
                report(0.97, _("Writing the zip file"))
                clock = time.perf_counter()
                zip_temp = temp / final_zip.name
                _zip(folder, data.report_id, zip_temp, data.created)
                seconds["zip"] = time.perf_counter() - clock
            check()
            state["file"] = data.report_id
            fsync_dir(folder)
            os.replace(folder, final)
            moved = True
            if zip_temp is not None:
                state["file"] = final_zip.name
                os.replace(zip_temp, final_zip)
            fsync_dir(target)
        except OSError as exc:
            raise _write_error(exc, state["file"], target) from exc
        except PackError:
            raise
        except Exception as exc:  # a writer's own error: name it, leave nothing behind
            raise PackError(_("Writing {file} failed: {error}").format(
                file=state["file"], error=f"{type(exc).__name__}: {exc}"),
                hint=_("Nothing was written. Export again; if it fails again, report this "
                       "message.")) from exc
    except BaseException:
        if moved:
            shutil.rmtree(final, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    files, missing, warnings = result
    report(1.0, _("Evidence pack ready"))
    return PackResult(data.report_id, final, final_zip if options.zip else None, files,
                      missing, warnings, seconds, data)


def _write_pack(data: PackData, folder: Path, seconds: dict[str, float], part, check, stop,
                report, state: dict[str, str]
                ) -> tuple[list[PackFile], list[dict], list[dict]]:
    """Write every file but the manifest into ``folder``; (files, missing, warnings)."""
    from greendesign.report.workbook import write_workbook  # deferred: the workbook writer

    options = data.options
    language = options.language
    missing: list[dict[str, str]] = []
    warnings: list[dict[str, str]] = []
    charts: dict[str, tuple[Path, Path]] | None = None
    state["file"] = f"{CHARTS}/"  # a writer that cannot be loaded is named by its file
    draw = chart_writer()
    clock = time.perf_counter()
    if draw is None:
        missing.append({"file": f"{CHARTS}/", "reason": say(language, lambda: _(
            "the chart writer is not installed in this build"))})
    else:
        report(0.45, _("Drawing the charts"))
        (folder / CHARTS).mkdir()
        charts = draw(data, folder / CHARTS, options.language, progress=part(0.45, 0.6),
                      cancelled=stop)
    seconds["charts"] = time.perf_counter() - clock
    check()
    name = pdf_name(options.language)
    state["file"] = name
    write = pdf_writer()
    clock = time.perf_counter()
    if write is None:
        missing.append({"file": name, "reason": say(language, lambda: _(
            "the PDF writer is not installed in this build"))})
    else:
        report(0.6, _("Writing the report"))
        write(data, folder / name, options.language, charts=charts,
              progress=part(0.6, 0.8), cancelled=stop)
    seconds["pdf"] = time.perf_counter() - clock
    check()
    clock = time.perf_counter()
    state["file"] = WORKBOOK
    report(0.8, _("Writing the workbook"))
    write_workbook(data, folder / WORKBOOK, progress=part(0.8, 0.9), cancelled=stop)
    with open(folder / WORKBOOK, "rb+") as handle:
        os.fsync(handle.fileno())
    seconds["xlsx"] = time.perf_counter() - clock
    check()
    clock = time.perf_counter()
    state["file"] = PACK_JSON
    report(0.9, _("Writing {file}").format(file=PACK_JSON))
    write_file(folder / PACK_JSON, pack_json_bytes(data))
    seconds["json"] = time.perf_counter() - clock
    check()
    clock = time.perf_counter()
    report(0.93, _("Copying the attachments"))
    _attachments(data, folder, missing, warnings, stop, state)
    seconds["attachments"] = time.perf_counter() - clock
    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        sha256, size = file_sha256(path)
        files.append(PackFile(path.relative_to(folder).as_posix(), sha256, size))
    return files, missing, warnings
