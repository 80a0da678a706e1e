"""The evidence pack's report (PDF), typeset with Typst from a :class:`PackData`.

:func:`write_report` writes the report in Chinese, English or both (see
:mod:`.document` for the layout of both), with the charts of :mod:`.charts` (drawn here when
none are given). The structure follows the applicant's self-evaluation report of GB/T 32161
and the category specifications (基本信息, 符合性评价, 生命周期评价, 结论, 附件) and covers the
reporting items of ISO 14044 5.2 and ISO 14067 7.3; the clause matrix at the end gives the
section and page of each.

Typst runs in-process (the ``typst`` package), offline, with only the bundled fonts
(GreenDesign Sans SC regular and bold, TrueType, embedded as subsets) and no fallback font, so
every glyph in the PDF comes from the bundled font. The PDF is written atomically.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from greendesign.i18n import _

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


def _cancelled_error():
    from greendesign.report.pack_data import PackError

    return PackError(_("The export was cancelled."), hint=_("Nothing was written."))


def compile_source(source: str, folder: Path) -> bytes:
    """Typeset ``source`` (written to ``folder/report.typ`` beside its images) to PDF bytes."""
    import typst  # deferred: loads the Typst compiler

    from greendesign.report.pdf.markup import font_dir

    main = folder / "report.typ"
    main.write_text(source, encoding="utf-8")
    try:
        return typst.compile(str(main), root=str(folder), font_paths=[str(font_dir())],
                             ignore_system_fonts=True)
    except Exception as exc:  # typst.TypstError and its kin
        from greendesign.report.pack_data import PackError

        raise PackError(_("The report could not be typeset: {error}").format(error=exc),
                        hint=_("This is a defect of GreenDesign; please report it with the "
                               "project file.")) from exc


def write_report(data, path: Path, language: str,
                 charts: dict[str, tuple[Path, Path]] | None = None,
                 progress: Progress | None = None, cancelled: Cancelled | None = None) -> Path:
    """Write the report of ``data`` to ``path`` (PDF) and return ``path``.

    Parameters
    ----------
    data
        The :class:`~greendesign.report.pack_data.PackData` of the pack.
    path
        The PDF to write (atomically: a temporary file beside it, then renamed).
    language
        ``"zh_CN"``, ``"en"`` or ``"both"`` (Chinese, then English, in one document).
    charts
        The charts of :func:`greendesign.report.pdf.charts.draw_charts` (name ->
        (PNG, SVG)); None: they are drawn here, in a temporary folder.
    progress, cancelled
        ``progress(fraction, message)``; ``cancelled()`` true stops the work with a
        :class:`~greendesign.report.pack_data.PackError` and nothing is written.
    """
    from greendesign.io.atomic import atomic_write_bytes
    from greendesign.report.pack_data import LANGUAGES, PackError
    from greendesign.report.pdf.document import build_source

    if language not in LANGUAGES:
        raise PackError(_("Unknown report language {language!r}.").format(language=language),
                        hint=_("Use zh_CN, en or both."))
    report = progress or (lambda _f, _m: None)
    stop = cancelled or (lambda: False)
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="gd-report-") as tmp:
        folder = Path(tmp)
        if charts is None:
            from greendesign.report.pdf.charts import draw_charts

            charts = draw_charts(data, folder / "charts", language,
                                 progress=lambda f, msg: report(0.5 * f, msg), cancelled=stop)
        if stop():
            raise _cancelled_error()
        files = {}
        for name, (_png, svg) in charts.items():
            target = folder / f"chart-{name}.svg"
            if Path(svg).resolve() != target.resolve():
                shutil.copyfile(svg, target)
            files[name] = target.name
        report(0.55, _("Writing the report"))
        source, _contexts = build_source(data, language, files, cancelled=stop)
        if stop():
            raise _cancelled_error()
        report(0.65, _("Typesetting the report"))
        pdf = compile_source(source, folder)
    if stop():
        raise _cancelled_error()
    atomic_write_bytes(path, pdf)
    report(1.0, _("Report written"))
    return path
