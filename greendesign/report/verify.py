"""The check of an evidence pack: ``greendesign-cli verify PACK`` (a folder or its zip).

:func:`verify_pack` does two things and reports every difference it finds, each named:

1. **Files.** ``manifest.json`` lists every file of the pack with its SHA-256 and size. A file
   listed but absent is *missing*, a file present but not listed is *extra*, a file whose hash
   or size differs is *changed* (the XLSX with one byte changed, say).
2. **Numbers.** ``pack.json`` holds the project, the options and the creation time. The
   project is loaded from it (validated like a ``.gdproj`` file), the options rebuilt, and
   :func:`greendesign.report.pack_data.gather` run again with the stored creation time on the
   installed inventory; the recomputed ``pack.json`` content is compared with the stored one:
   every number of ``designs`` (summary, stages, parts, materials, processes, LCI, scores,
   carbon footprint, Monte Carlo, tornado, conformity), ``comparison``, ``datasets`` and
   ``product_footprints``. Two numbers agree when ``|a - b| <= 1e-9 max(|a|, |b|)`` or
   ``|a - b| <= 1e-12`` (:data:`RELATIVE_TOLERANCE`, :data:`ABSOLUTE_TOLERANCE`); texts must be
   equal. Each difference names the design, the method, the stage or part. The report id is
   recomputed too (it hashes the project and the creation time).

A pack made with another GreenDesign version or another inventory data version cannot be
expected to give the same numbers: the check says so and compares no recomputed number (it
still checks the files). The completeness list of ``evidence`` is not recomputed (it looks at
the attachments folder beside the project, which the pack does not carry).
"""

from __future__ import annotations

import json
import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from greendesign.errors import GreenDesignError
from greendesign.evidence.attachments import file_sha256, stream_sha256
from greendesign.i18n import _
from greendesign.report.pack import MANIFEST, MANIFEST_FORMAT
from greendesign.report.pack_data import PackError
from greendesign.report.pack_json import PACK_FORMAT, PACK_JSON

RELATIVE_TOLERANCE = 1e-9
ABSOLUTE_TOLERANCE = 1e-12
COMPARED = ("designs", "comparison", "datasets", "product_footprints", "pact_problems",
            "methods")
"""The sections of ``pack.json`` whose recomputed content is compared."""
SKIPPED_KEYS = {("evidence", "completeness")}

_ROW_KEYS = (("part_id", "part"), ("stage", "stage"), ("material", "material"),
             ("process", "process"), ("parameter", "parameter"), ("design", "design"),
             ("dataset", "dataset"), ("id", "id"), ("name", "design"), ("code", "dataset"))
"""Keys that name a row of a list of results (JSON key, the word for it in a finding)."""


@dataclass(frozen=True)
class Finding:
    """One difference: ``kind`` (missing, extra, changed, manifest, recomputed, structure),
    the file it concerns and a message saying what differs and where."""

    kind: str
    file: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "file": self.file, "message": self.message}


@dataclass
class VerifyReport:
    """The result of :func:`verify_pack`.

    ``ok`` is true when nothing differs; ``recomputed`` whether the numbers were recomputed
    and compared (false when the pack comes from another app or inventory data version);
    ``notes`` say what was not compared and why.
    """

    path: Path
    report_id: str = ""
    files_checked: int = 0
    numbers_checked: int = 0
    recomputed: bool = False
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "report_id": self.report_id, "ok": self.ok,
                "files_checked": self.files_checked, "numbers_checked": self.numbers_checked,
                "recomputed": self.recomputed, "notes": list(self.notes),
                "findings": [f.to_json() for f in self.findings]}

    def text(self, limit: int = 50) -> str:
        """The report as lines of text (at most ``limit`` findings, then a count)."""
        lines = [_("Evidence pack {report} ({path})").format(report=self.report_id or "?",
                                                            path=self.path)]
        lines.append(_("{files} files checked against the manifest; {numbers} numbers "
                       "recomputed and compared.").format(files=self.files_checked,
                                                          numbers=self.numbers_checked))
        lines += [f"  {note}" for note in self.notes]
        if self.ok:
            lines.append(_("The pack checks out: every file matches the manifest and every "
                           "number recomputed within the tolerance."))
            return "\n".join(lines)
        lines.append(_("{count} difference(s):").format(count=len(self.findings)))
        for finding in self.findings[:limit]:
            lines.append(f"  - [{finding.kind}] {finding.file}: {finding.message}")
        if len(self.findings) > limit:
            lines.append(_("  ... and {count} more.").format(count=len(self.findings) - limit))
        return "\n".join(lines)


# --- reading a folder or a zip ----------------------------------------------------------------

class _Pack:
    """The files of a pack folder or zip, by their path inside the pack."""

    def __init__(self, path: Path):
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._prefix = ""
        if path.is_dir():
            self.names = sorted(p.relative_to(path).as_posix() for p in path.rglob("*")
                                if p.is_file())
        elif zipfile.is_zipfile(path):
            self._zip = zipfile.ZipFile(path)
            members = [i.filename for i in self._zip.infolist() if not i.is_dir()]
            tops = {PurePosixPath(m).parts[0] for m in members if "/" in m}
            if len(tops) == 1 and all("/" in m for m in members):
                self._prefix = f"{tops.pop()}/"
            self.names = sorted(m[len(self._prefix):] for m in members)
        elif path.exists():
            raise PackError(_("{path} is neither an evidence pack folder nor its zip.").format(
                path=path), hint=_("Give the folder named after the report id, or its .zip."))
        else:
            raise PackError(_("{path} does not exist.").format(path=path))

    def read(self, name: str) -> bytes:
        if self._zip is not None:
            return self._zip.read(self._prefix + name)
        return (self.path / name).read_bytes()

    def digest(self, name: str) -> tuple[str, int]:
        if self._zip is not None:
            with self._zip.open(self._prefix + name) as handle:
                return stream_sha256(handle)
        return file_sha256(self.path / name)

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


def _check_files(pack: _Pack, manifest: dict[str, Any], report: VerifyReport) -> None:
    listed = {entry["path"]: entry for entry in manifest.get("files", [])}
    present = set(pack.names) - {MANIFEST}
    for name in sorted(set(listed) - present):
        report.findings.append(Finding("missing", name, _(
            "listed in the manifest but not in the pack")))
    for name in sorted(present - set(listed)):
        report.findings.append(Finding("extra", name, _(
            "in the pack but not listed in the manifest")))
    for name in sorted(present & set(listed)):
        report.files_checked += 1
        sha256, size = pack.digest(name)
        entry = listed[name]
        if size != entry.get("size"):
            report.findings.append(Finding("changed", name, _(
                "size {found} bytes, the manifest says {expected}").format(
                found=size, expected=entry.get("size"))))
        elif sha256 != entry.get("sha256"):
            report.findings.append(Finding("changed", name, _(
                "SHA-256 {found}, the manifest says {expected}: the content changed").format(
                found=sha256[:16] + "...", expected=str(entry.get("sha256"))[:16] + "...")))


# --- comparing the recomputed numbers --------------------------------------------------------

def close_enough(a: float, b: float) -> bool:
    """Whether two numbers agree within the tolerance (module docstring)."""
    if a == b:
        return True
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    gap = abs(a - b)
    return gap <= RELATIVE_TOLERANCE * max(abs(a), abs(b)) or gap <= ABSOLUTE_TOLERANCE


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):  # PACT decimals are strings
        try:
            return float(value) if value.strip() and value.strip()[0] in "+-0123456789" \
                else None
        except ValueError:
            return None
    return None


def _row_label(row: dict[str, Any]) -> str | None:
    method = row.get("method")
    if isinstance(method, list):
        design = row.get("design")
        joined = " | ".join(map(str, method))
        if design is None:
            return _("method {method}").format(method=joined)
        return _("design {design}, method {method}").format(design=design, method=joined)
    if isinstance(method, str) and "design" in row:
        return _("design {design}, method {method}").format(design=row["design"],
                                                            method=method)
    if isinstance(method, str):
        return _("method {method}").format(method=method)
    if "code" in row and "compartment" in row:
        return _("flow {flow} ({compartment})").format(flow=row.get("flow") or row["code"],
                                                       compartment=row["compartment"])
    for key, label in _ROW_KEYS:
        if key in row and isinstance(row[key], str | int):
            name = row.get("name") if key == "part_id" and row.get("name") else None
            text = f"{label} {row[key]}"
            return f"{text} ({name})" if name else text
    return None


class _Comparer:
    def __init__(self, methods: list[str], report: VerifyReport):
        self.methods = methods
        self.report = report

    def differ(self, where: list[str], message: str) -> None:
        self.report.findings.append(Finding("recomputed", PACK_JSON,
                                            f"{', '.join(where)}: {message}"))

    def compare(self, stored: Any, fresh: Any, where: list[str], key: str = "") -> None:
        if isinstance(stored, dict) and isinstance(fresh, dict):
            for name in stored.keys() | fresh.keys():
                if name not in fresh or name not in stored:
                    self.differ([*where, name], _("present only in the {side}").format(
                        side=_("pack") if name in stored else _("recomputation")))
                    continue
                self.compare(stored[name], fresh[name], [*where, name], name)
            return
        if isinstance(stored, list) and isinstance(fresh, list):
            self._lists(stored, fresh, where, key)
            return
        a, b = _number(stored), _number(fresh)
        if a is not None and b is not None:
            self.report.numbers_checked += 1
            if not close_enough(a, b):
                scale = max(abs(a), abs(b))
                self.differ(where, _("pack {stored}, recomputed {fresh} (relative difference "
                                     "{gap:.3g})").format(stored=stored, fresh=fresh,
                                                          gap=abs(a - b) / scale if scale
                                                          else math.inf))
            return
        if stored != fresh:
            self.differ(where, _("pack {stored!r}, recomputed {fresh!r}").format(
                stored=_short(stored), fresh=_short(fresh)))

    def _lists(self, stored: list, fresh: list, where: list[str], key: str) -> None:
        if key in ("values", "rolled_up") and len(stored) == len(self.methods):
            where = where[:-1] + ([_("with its children")] if key == "rolled_up" else [])
            for label, a, b in zip(self.methods, stored, fresh, strict=False):
                self.compare(a, b, [*where, _("method {method}").format(method=label)])
            if len(stored) != len(fresh):
                self.differ(where, _("{stored} values in the pack, {fresh} recomputed").format(
                    stored=len(stored), fresh=len(fresh)))
            return
        if stored and all(isinstance(r, dict) for r in stored + fresh):
            labels = [_row_label(r) for r in stored]
            fresh_labels = [_row_label(r) for r in fresh]
            if None not in labels and len(set(labels)) == len(labels) and \
                    None not in fresh_labels and len(set(fresh_labels)) == len(fresh_labels):
                by_label = dict(zip(fresh_labels, fresh, strict=True))
                if key == "designs":
                    where = where[:-1]
                for label, row in zip(labels, stored, strict=True):
                    if label not in by_label:
                        self.differ([*where, label], _("not in the recomputation"))
                        continue
                    self.compare(row, by_label[label], [*where, label])
                for label in set(fresh_labels) - set(labels):
                    self.differ([*where, label], _("recomputed but not in the pack"))
                return
        if len(stored) != len(fresh):
            self.differ(where, _("{stored} items in the pack, {fresh} recomputed").format(
                stored=len(stored), fresh=len(fresh)))
        for i, (a, b) in enumerate(zip(stored, fresh, strict=False)):
            self.compare(a, b, [*where, f"[{i}]"], key)


def _short(value: Any) -> Any:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


def _recompute(stored: dict[str, Any], report: VerifyReport) -> None:
    """Recompute ``stored`` (the pack's ``pack.json``) and compare (module docstring)."""
    # deferred: the engine, the scores and the inventory load pandas, scipy and Brightway
    from greendesign import i18n
    from greendesign.io.project_file import project_from_dict
    from greendesign.lca.background import load_background
    from greendesign.report.pack_data import ExportOptions, gather, report_id
    from greendesign.report.pack_json import pack_json
    from greendesign.report.texts import languages
    from greendesign.versions import versions

    here = versions()
    made = stored.get("versions") or {}
    for key, name in (("greendesign", "GreenDesign"), ("inventory_data", _("inventory data"))):
        if made.get(key) != here.get(key):
            report.notes.append(_(
                "The pack was made with {name} {made}; this installation has {here}. Its "
                "numbers are not recomputed (they may differ by design); the files were "
                "checked.").format(name=name, made=made.get(key), here=here.get(key)))
    if report.notes:
        return
    for key in ("numpy", "pandas", "bw2calc", "python"):
        if made.get(key) != here.get(key):
            report.notes.append(_("The pack was made with {name} {made}; this installation "
                                  "has {here}.").format(name=key, made=made.get(key),
                                                        here=here.get(key)))
    project = project_from_dict(stored["project"], source=f"{PACK_JSON} $.project")
    options = ExportOptions.from_json(stored["options"])
    created = datetime.fromisoformat(stored["created"])
    if report_id(project, created) != stored.get("report_id"):
        report.findings.append(Finding("recomputed", PACK_JSON, _(
            "the report id {stored} does not belong to this project and creation time "
            "(recomputed: {fresh})").format(stored=stored.get("report_id"),
                                            fresh=report_id(project, created))))
    background = load_background()
    if background.data_version != (stored.get("calculation") or {}).get(
            "inventory_data_version", background.data_version):
        report.notes.append(_("The installed inventory differs from the pack's; its numbers "
                              "are not compared."))
        return
    with i18n.language(languages(options.language)[0]):
        data = gather(project, options, background=background, created=created)
        fresh = pack_json(data)
    methods = [m.get("label", "") for m in stored.get("methods", [])]
    comparer = _Comparer(methods, report)
    for section in COMPARED:
        comparer.compare(stored.get(section), fresh.get(section), [section], section)
    evidence, fresh_evidence = stored.get("evidence"), fresh.get("evidence")
    if isinstance(evidence, dict) and isinstance(fresh_evidence, dict):
        for key in evidence.keys() | fresh_evidence.keys():
            if ("evidence", key) not in SKIPPED_KEYS:
                comparer.compare(evidence.get(key), fresh_evidence.get(key), ["evidence", key],
                                 key)
    elif evidence != fresh_evidence:
        comparer.differ(["evidence"], _("present only in the {side}").format(
            side=_("pack") if evidence else _("recomputation")))
    report.recomputed = True


def _attachment_notes(pack: _Pack, stored: dict[str, Any], report: VerifyReport) -> None:
    register = ((stored.get("evidence") or {}).get("register")) or []
    names = set(pack.names)
    for item in register:
        name = f"attachments/{item.get('file')}" if item.get("file") else None
        if name and name in names and item.get("sha256"):
            sha256, _size = pack.digest(name)
            if sha256 != item["sha256"]:
                report.notes.append(_("{file} differs from the file the register recorded "
                                      "for {id} (as the manifest's warnings say).").format(
                    file=name, id=item.get("id")))


def verify_pack(path: str | Path, *, recompute: bool = True) -> VerifyReport:
    """Check an evidence pack folder or zip (module docstring); see :class:`VerifyReport`.

    Raises
    ------
    PackError
        ``path`` is not a pack (no folder or zip, no readable manifest).
    """
    path = Path(path)
    report = VerifyReport(path)
    pack = _Pack(path)
    try:
        if MANIFEST not in pack.names:
            raise PackError(_("{path} has no {manifest}: it is not an evidence pack, or the "
                              "manifest was removed.").format(path=path, manifest=MANIFEST))
        try:
            manifest = json.loads(pack.read(MANIFEST).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PackError(_("{manifest} of {path} is not valid JSON: {error}.").format(
                manifest=MANIFEST, path=path, error=exc)) from None
        if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
            raise PackError(_("{manifest} of {path} is not an evidence pack manifest.").format(
                manifest=MANIFEST, path=path))
        report.report_id = str(manifest.get("report_id", ""))
        _check_files(pack, manifest, report)
        if PACK_JSON not in pack.names:
            return report
        try:
            stored = json.loads(pack.read(PACK_JSON).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            report.findings.append(Finding("changed", PACK_JSON, _(
                "not valid JSON ({error}); nothing could be recomputed").format(error=exc)))
            return report
        if not isinstance(stored, dict) or stored.get("format") != PACK_FORMAT:
            report.findings.append(Finding("changed", PACK_JSON, _(
                "not the data of an evidence pack")))
            return report
        for key in ("report_id", "created"):
            if stored.get(key) != manifest.get(key):
                report.findings.append(Finding("manifest", MANIFEST, _(
                    "{key} is {manifest} in the manifest and {pack} in {file}").format(
                    key=key, manifest=manifest.get(key), pack=stored.get(key),
                    file=PACK_JSON)))
        _attachment_notes(pack, stored, report)
        if recompute:
            try:
                _recompute(stored, report)
            except GreenDesignError as exc:
                report.findings.append(Finding("recomputed", PACK_JSON, _(
                    "cannot be recomputed: {error}").format(error=exc)))
            except (KeyError, TypeError, ValueError) as exc:
                report.findings.append(Finding("structure", PACK_JSON, _(
                    "cannot be recomputed, its content is damaged: {error}").format(
                    error=f"{type(exc).__name__}: {exc}")))
        else:
            report.notes.append(_("The numbers were not recomputed (asked so)."))
    finally:
        pack.close()
    return report


def iter_findings(report: VerifyReport) -> Iterator[str]:
    """Each finding as one line of text."""
    for finding in report.findings:
        yield f"[{finding.kind}] {finding.file}: {finding.message}"
