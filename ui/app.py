"""Entry point of the desktop app: ``greendesign [PROJECT_FILE] [--screenshot PNG] [--lang L]``.

Qt is imported inside :func:`main`, so importing this module is cheap, and
nothing here imports Brightway: the LCA engine loads it when a calculation
first needs it (a test checks ``bw2data`` stays out of ``sys.modules``).

Start-up order: take the single-writer lock (a second copy of the app opens
read-only, see :mod:`ui.document.instance_lock`), open the log file and write which
versions run, install the error hooks (they autosave first), load the
translation of the chosen language and a bundled font if there is one, show
the window, offer autosaved copies left by a crash, then open the project
given on the command line.
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
    parser.add_argument("--screenshot-pages", metavar="FOLDER",
                        help="once the results are in, save a PNG of every page into FOLDER, "
                             "then quit")
    parser.add_argument("--lang", metavar="LANG", default=None,
                        help="interface language, e.g. en or zh_CN (default: the Language "
                             "setting, else the system's)")
    parser.add_argument("--no-setup", action="store_true",
                        help="do not check or build the local inventory at start")
    from greendesign.cli import VersionAction

    parser.add_argument("--version", action=VersionAction,
                        help="print the app, inventory data, Brightway, PySide6 and Python "
                             "versions, then exit")
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


def load_bundled_fonts() -> list[str]:
    """Add the fonts in ``resources/fonts`` (if any) to the application; returns the families.

    A bundled CJK font makes Chinese text render on systems without one.
    """
    from PySide6.QtGui import QFontDatabase

    families: list[str] = []
    try:
        from greendesign.bundled import resources_dir
        folder = resources_dir() / "fonts"
    except Exception:  # no resources folder
        return families
    if not folder.is_dir():
        return families
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".ttf", ".otf", ".ttc"):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
            else:
                log.warning("could not load the font %s", path.name)
    return families


def load_app_icon():
    """The app icon (a QIcon) from ``resources/icons``: every ``greendesign-<N>.png`` size.

    Falls back to the SVG (when Qt's SVG plugin is there); a null icon when the
    folder is missing, so the app still starts.
    """
    from PySide6.QtGui import QIcon

    icon = QIcon()
    try:
        from greendesign.bundled import resources_dir
        folder = resources_dir() / "icons"
    except Exception:  # no resources folder
        return icon
    for path in sorted(folder.glob("greendesign-*.png")):
        icon.addFile(str(path))
    if icon.isNull() and (folder / "greendesign.svg").is_file():
        icon.addFile(str(folder / "greendesign.svg"))
    if icon.isNull():
        log.warning("no app icon in %s", folder)
    return icon


def has_cjk_font() -> bool:
    """Whether some installed font can show Simplified Chinese."""
    from PySide6.QtGui import QFontDatabase

    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def chosen_language(cli_value: str | None) -> str | None:
    """The ``--lang`` value, else the Language setting, else None (the system's)."""
    if cli_value:
        return cli_value
    try:
        from greendesign.settings import load_settings
        return load_settings().language or None
    except Exception:  # unreadable settings never stop the app
        return None


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


GIL_SWITCH_S = 0.001


def main(argv: list[str] | None = None) -> int:
    """Start the desktop app and return its exit code.

    Parameters
    ----------
    argv
        Command-line arguments without the program name; ``sys.argv[1:]`` when None.
    """
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)

    from PySide6.QtCore import QLocale, QTimer, qVersion
    from PySide6.QtWidgets import QApplication

    from greendesign.logging_setup import configure_logging, log_session_start
    from ui.document.instance_lock import acquire_instance_lock
    from ui.errors import install_excepthook
    from ui.main_window import MainWindow
    from ui.prompts import UserPrompts
    from ui.style import apply_style

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "greendesign"])
    # Scoring and the improvement search are Python work in worker threads; every call from
    # Qt into Python (painting a header, an event filter) waits for the GIL, by default up
    # to 5 ms each, so a page repaint stalled for 100-500 ms at 10,000 parts. With 1 ms it
    # stays under about 100 ms; the worker loses a few per cent.
    sys.setswitchinterval(GIL_SWITCH_S)
    app.setApplicationName("GreenDesign")
    app.setOrganizationName("GreenDesign")
    app.setApplicationDisplayName("GreenDesign")
    app.setDesktopFileName("greendesign")  # matches packaging/greendesign.desktop (Wayland)
    lock = acquire_instance_lock()
    # the second, read-only copy keeps its own log: two writers would break rotation
    configure_logging(file_name="greendesign.log" if lock.acquired else
                      "greendesign-read-only.log")
    log_session_start("GreenDesign app" + ("" if lock.acquired else " (read-only)"),
                      qt_version=qVersion())
    apply_style(app)
    app.setWindowIcon(load_app_icon())
    language = chosen_language(args.lang)
    install_translations(app, language)
    from greendesign.i18n import set_language

    # the core's messages (errors, findings, suggestions) follow the interface language
    set_language(language or QLocale.system().name())
    fonts = load_bundled_fonts()
    if language and language.startswith("zh") and not has_cjk_font():
        log.warning("no font for Chinese could be loaded; Chinese text may not show "
                    "(the bundled resources/fonts/GreenDesignSansSC-*.ttf are missing or "
                    "damaged: reinstall GreenDesign)")
    log.info("bundled fonts: %s", fonts or "none")

    prompts = UserPrompts()
    if not lock.acquired:
        log.info("another GreenDesign (process %s) holds %s", lock.holder_pid, lock.path.name)
        if args.screenshot is None and args.screenshot_pages is None and \
                not prompts.ask_open_read_only(None, lock.holder_pid):
            return 0
    window = MainWindow(prompts=prompts)
    install_excepthook(lambda: QApplication.activeWindow() or window,
                       autosave=window.autosave_now)
    if not lock.acquired:
        window.set_read_only(True)
    window.show()
    recovered = False
    if lock.acquired and args.screenshot is None and args.screenshot_pages is None:
        recovered = window.offer_recovery()
    if args.project and not recovered:
        window.open_file(Path(args.project))
    shown_ms = (time.perf_counter() - started) * 1000
    log.info("main window shown %.0f ms after main() started (epoch %.3f)", shown_ms,
             time.time())
    app.aboutToQuit.connect(window.stop_background_work)
    app.aboutToQuit.connect(lock.release)
    if not args.no_setup and lock.acquired:
        # first run: build the local inventory in the background; the window stays usable
        QTimer.singleShot(0, window.start_inventory_setup)
    if args.screenshot:
        QTimer.singleShot(SCREENSHOT_DELAY_MS,
                          lambda: _grab_and_quit(window, args.screenshot, started))
    elif args.screenshot_pages:
        from ui.screenshots import PageShooter

        stem = Path(args.project).stem if args.project else "start"
        shooter = PageShooter(window, args.screenshot_pages, stem, language or "system")
        shooter.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
