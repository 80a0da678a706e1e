"""Writing the evidence pack: every file hashed in the manifest, and a cancelled or failed
export leaves nothing behind."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import sys
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from greendesign import i18n
from greendesign.bundled import demo_products
from greendesign.evidence.attachments import add_attachment
from greendesign.evidence.record import EvidenceItem
from greendesign.io.project_file import load_project, save_project
from greendesign.report import pack as pack_module
from greendesign.report import xlsx_stream
from greendesign.report.pack import MANIFEST, export_pack, pdf_name
from greendesign.report.pack_data import ExportOptions, PackError

MOMENT = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
OPTIONS = ExportOptions(designs=("baseline", "pp-body"), iterations=20, language="en")

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture
def no_writers(monkeypatch):
    """The pack without the PDF and chart writers (they are tested on their own)."""
    monkeypatch.setattr(pack_module, "pdf_writer", lambda: None)
    monkeypatch.setattr(pack_module, "chart_writer", lambda: None)


@pytest.fixture(scope="module")
def kettle():
    return load_project(next(p for p in demo_products() if p.stem == "electric_kettle"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def everything(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_the_manifest_lists_every_file_with_its_hash(kettle, bg, tmp_path, no_writers):
    seen = []
    result = export_pack(kettle, tmp_path, OPTIONS, background=bg, created=MOMENT,
                         progress=lambda f, m: seen.append((f, m)))
    folder = tmp_path / result.report_id
    assert result.folder == folder and result.zip_path == tmp_path / f"{result.report_id}.zip"
    assert sorted(os.listdir(tmp_path)) == sorted([result.report_id, f"{result.report_id}.zip"])
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    assert manifest["report_id"] == result.report_id
    assert manifest["created"] == MOMENT.isoformat()
    assert manifest["versions"]["inventory_data"] == bg.data_version
    listed = {f["path"]: f for f in manifest["files"]}
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {MANIFEST} == {"pack.json", "results.xlsx"}
    for name, entry in listed.items():
        assert entry["sha256"] == sha256(folder / name)
        assert entry["size"] == (folder / name).stat().st_size
    # the PDF and the charts are missing, and say so
    missing = {m["file"]: m["reason"] for m in manifest["missing"]}
    assert set(missing) == {pdf_name("en"), "charts/"}
    assert "not installed" in missing[pdf_name("en")]
    assert result.missing == manifest["missing"]
    # the zip holds the same files, byte for byte, under the report id
    with zipfile.ZipFile(result.zip_path) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(f"{result.report_id}/{n}" for n in on_disk)
        for name in on_disk:
            assert archive.read(f"{result.report_id}/{name}") == (folder / name).read_bytes()
    # progress rises to 1 with messages
    fractions = [f for f, _m in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(m for _f, m in seen)
    assert not any(p.name.startswith(pack_module.TEMP_PREFIX) for p in tmp_path.iterdir())


def test_without_zip_and_with_the_same_moment(kettle, bg, tmp_path, no_writers):
    options = ExportOptions(iterations=0, zip=False, language="en")
    result = export_pack(kettle, tmp_path, options, background=bg, created=MOMENT)
    assert result.zip_path is None and os.listdir(tmp_path) == [result.report_id]
    with pytest.raises(PackError, match="exists already"):
        export_pack(kettle, tmp_path, options, background=bg, created=MOMENT)
    assert os.listdir(tmp_path) == [result.report_id]


def test_the_pdf_and_charts_when_their_writers_are_there(kettle, bg, tmp_path):
    if pack_module.pdf_writer() is None or pack_module.chart_writer() is None:
        pytest.skip("the PDF and chart writers are not in this build")
    options = ExportOptions(iterations=20, language="both", zip=False)
    result = export_pack(kettle, tmp_path, options, background=bg, created=MOMENT)
    pdf = result.folder / pdf_name("both")
    assert pdf.name == "report_zh_CN_en.pdf" and pdf.read_bytes()[:5] == b"%PDF-"
    charts = [f.path for f in result.files if f.path.startswith("charts/")]
    assert any(c.endswith(".png") for c in charts) and any(c.endswith(".svg") for c in charts)
    assert result.missing == []


def _assert_nothing_left(target: Path) -> None:
    assert everything(target) == []


def test_a_cancelled_export_leaves_nothing(kettle, bg, tmp_path, no_writers):
    for after in (0, 2, 5, 8, 12, 15):
        calls = []

        def cancelled(calls=calls, after=after) -> bool:
            calls.append(1)
            return len(calls) > after

        target = tmp_path / f"cancel-{after}"
        target.mkdir()
        with pytest.raises(PackError, match="cancelled"):
            export_pack(kettle, target, OPTIONS, background=bg, created=MOMENT,
                        cancelled=cancelled)
        _assert_nothing_left(target)


def test_a_full_disk_leaves_nothing_and_names_the_file(kettle, bg, tmp_path, monkeypatch,
                                                       no_writers):
    real = pack_module.write_file

    def full(path, content):
        if Path(path).name == "pack.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, content)

    monkeypatch.setattr(pack_module, "write_file", full)
    with pytest.raises(PackError, match="pack.json") as error:
        export_pack(kettle, tmp_path, OPTIONS, background=bg, created=MOMENT)
    assert "full" in str(error.value) and "Free some disk space" in str(error.value)
    _assert_nothing_left(tmp_path)

    monkeypatch.setattr(pack_module, "write_file", real)

    def full_book(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx_stream.XlsxBook, "close", full_book)
    with pytest.raises(PackError, match="results.xlsx"):
        export_pack(kettle, tmp_path, OPTIONS, background=bg, created=MOMENT)
    _assert_nothing_left(tmp_path)


def test_an_unwritable_folder_is_named_with_the_fix(kettle, bg, tmp_path, monkeypatch,
                                                    no_writers):
    target = tmp_path / "read-only"
    target.mkdir()
    target.chmod(stat.S_IRUSR | stat.S_IXUSR)
    if os.geteuid() == 0:  # root writes anywhere: make the folder refuse as it would others
        real = tempfile.mkdtemp

        def refuse(*args, dir=None, **kwargs):  # noqa: A002 - tempfile's own name
            if dir is not None and Path(dir) == target:
                raise PermissionError(errno.EACCES, "Permission denied", str(target))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    try:
        with pytest.raises(PackError) as error:
            export_pack(kettle, target, OPTIONS, background=bg, created=MOMENT)
        assert str(target) in str(error.value)
        assert "Choose a folder you can write to" in str(error.value)
        assert everything(target) == []
    finally:
        target.chmod(stat.S_IRWXU)
    with pytest.raises(PackError, match="does not exist"):
        export_pack(kettle, tmp_path / "nowhere", OPTIONS, background=bg)


def test_an_exception_in_a_writer_leaves_nothing(kettle, bg, tmp_path, monkeypatch,
                                                 no_writers):
    def broken(data, path, language, charts=None, progress=None, cancelled=None):
        Path(path).write_bytes(b"%PDF-half")
        raise RuntimeError("the layout engine crashed")

    monkeypatch.setattr(pack_module, "pdf_writer", lambda: broken)
    with pytest.raises(PackError, match="report_en.pdf") as error:
        export_pack(kettle, tmp_path, OPTIONS, background=bg, created=MOMENT)
    assert "the layout engine crashed" in str(error.value)
    _assert_nothing_left(tmp_path)


@pytest.mark.parametrize(("module", "file"), [("greendesign.report.pdf.charts", "charts/"),
                                              ("greendesign.report.pdf", "report_en.pdf")])
def test_a_build_without_a_writer_fails_and_names_the_file(kettle, bg, tmp_path, monkeypatch,
                                                          module, file):
    # as a build without matplotlib or Typst would: the import of the writer fails
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(PackError, match=file) as error:
        export_pack(kettle, tmp_path, OPTIONS, background=bg, created=MOMENT)
    assert "ImportError" in str(error.value) or "ModuleNotFoundError" in str(error.value)
    _assert_nothing_left(tmp_path)


def test_attachments_are_copied_and_unsafe_names_refused(kettle, bg, tmp_path, no_writers):
    project_path = tmp_path / "project" / "kettle.gdproj"
    project_path.parent.mkdir()
    project = kettle.model_copy(deep=True)
    save_project(project, project_path)
    source = tmp_path / "test report.pdf"
    source.write_bytes(b"%PDF-1.4 a test report")
    attached = add_attachment(project_path, source)
    project.evidence.register = [
        EvidenceItem(id="EV-1", kind="test_report", title="Noise test", file=attached.name,
                     sha256=attached.sha256, size=attached.size),
        EvidenceItem(id="EV-2", kind="declaration", title="Declaration", file="gone.pdf",
                     sha256="0" * 64, size=3)]
    out = tmp_path / "out"
    out.mkdir()
    result = export_pack(project, out, OPTIONS, project_path=project_path, background=bg,
                         created=MOMENT)
    copied = result.folder / "attachments" / attached.name
    assert copied.read_bytes() == source.read_bytes()
    listed = {f.path: f.sha256 for f in result.files}
    assert listed[f"attachments/{attached.name}"] == sha256(source) == attached.sha256
    assert [m["file"] for m in result.missing if m["file"].startswith("attachments/")] == \
        ["attachments/gone.pdf"]
    # a name with folder parts never leaves the attachments folder: refused, nothing written
    unsafe = project.model_copy(deep=True)
    unsafe.evidence.register = [unsafe.evidence.register[0].model_copy(
        update={"file": "../../etc/passwd"})]  # model_copy skips validation, as a bug might
    target = tmp_path / "unsafe"
    target.mkdir()
    with pytest.raises(PackError, match="folder parts"):
        export_pack(unsafe, target, OPTIONS, project_path=project_path, background=bg,
                    created=MOMENT)
    _assert_nothing_left(target)


def test_progress_messages_are_translated(kettle, bg, tmp_path, no_writers):
    seen = []
    with i18n.language("zh_CN"):
        export_pack(kettle, tmp_path, ExportOptions(iterations=0, language="en", zip=False),
                    background=bg, created=MOMENT, progress=lambda f, m: seen.append(m))
    assert "证据包已生成" in seen[-1]
