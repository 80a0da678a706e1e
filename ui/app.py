"""Entry point of the desktop app: ``greendesign [PROJECT_FILE] [--screenshot PNG] [--lang L]``.

Qt is imported inside :func:`main`, so importing this module is cheap, and
nothing here imports Brightway: the LCA engine loads it when a calculation
first needs it (a test checks ``bw2data`` stays out of ``sys.modules``).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

log = logging.getLogger("greendesign.ui")

SCREENSHOT_DELAY_MS = 400
"""Time for the first layout and paint before a ``--screenshot`` is grabbed."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line (``argv`` without the program name)."""
    parser = argparse.ArgumentParser(
        prog="greendesign",
        description="GreenDesign: green product design and cradle-to-grave LCA.")
    parser.add_argument("project", nargs="?", metavar="PROJECT_FILE",
                        help="a .gdproj project to open; the start page is shown without one")
    parser.add_argument("--screenshot", metavar="PATH",
                        help="save the main window as a PNG once it is shown, then quit")
    parser.add_argument("--lang", metavar="LANG", default=None,
                        help="interface language, e.g. en or zh_CN (default: the system's)")
    parser.add_argument("--no-setup", action="store_true",
                        help="do not check or build the local inventory at start")
    return parser.parse_args(argv)


def install_translations(app, language: str | None) -> list[str]:
    """Load Qt's and GreenDesign's translations for ``language``.

    Returns the names of the translation files loaded (empty for English or
    when no translation is installed yet).
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    locale = QLocale(language) if language else QLocale.system()
    QLocale.setDefault(locale)
    loaded: list[str] = []
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return loaded
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [("qtbase", qt_dir)]
    try:
        from greendesign.bundled import resources_dir
        candidates.append(("greendesign", str(resources_dir() / "translations")))
    except Exception:  # no resources folder: run untranslated
        pass
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            loaded.append(name)
    log.info("language %s: loaded %s", locale.name(), loaded or "no translations")
    return loaded


def _grab_and_quit(window, path: str, started: float) -> None:
    from PySide6.QtWidgets import QApplication

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(target), "PNG")
    log.info("screenshot %s saved=%s after %.0f ms", target, ok,
             (time.perf_counter() - started) * 1000)
    if not ok:
        print(f"greendesign: could not write the screenshot {target}", file=sys.stderr)
    QApplication.instance().exit(0 if ok else 1)


def main(argv: list[str] | None = None) -> int:
    """Start the desktop app and return its exit code.

    Parameters
    ----------
    argv
        Command-line arguments without the program name; ``sys.argv[1:]`` when None.
    """
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.errors import install_excepthook
    from ui.main_window import MainWindow
    from ui.style import apply_style

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "greendesign"])
    app.setApplicationName("GreenDesign")
    app.setOrganizationName("GreenDesign")
    app.setApplicationDisplayName("GreenDesign")
    apply_style(app)
    install_excepthook(lambda: QApplication.activeWindow())
    install_translations(app, args.lang)

    window = MainWindow()
    if args.project:
        window.open_file(Path(args.project))
    window.show()
    shown_ms = (time.perf_counter() - started) * 1000
    log.info("main window shown %.0f ms after main() started (epoch %.3f)", shown_ms,
             time.time())
    app.aboutToQuit.connect(window.stop_background_work)
    if not args.no_setup:
        # first run: build the local inventory in the background; the window stays usable
        QTimer.singleShot(0, window.start_inventory_setup)
    if args.screenshot:
        QTimer.singleShot(SCREENSHOT_DELAY_MS,
                          lambda: _grab_and_quit(window, args.screenshot, started))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
