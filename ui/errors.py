"""Errors shown to the user: typed core errors as dialogs, and a last-resort hook
that autosaves, logs unexpected exceptions to the rotating log file and shows
each one once.

The core raises :class:`~greendesign.errors.GreenDesignError` with a message,
a list of problems (where and what) and a hint (how to fix it). The dialog puts
the message and hint in front and the problems in the expandable details.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from greendesign.errors import GreenDesignError
from greendesign.logging_setup import LOG_FILE_NAME, log_file
from greendesign.logging_setup import configure_logging as _configure_logging
from greendesign.paths import log_dir
from ui.i18n import _tr

log = logging.getLogger("greendesign.ui")



def error_summary(exc: BaseException) -> str:
    """One or two lines for a status bar: message, first problem, and hint.

    Parameters
    ----------
    exc
        Any exception; a :class:`GreenDesignError` gives its message, problems
        and hint, others their ``str``.
    """
    if isinstance(exc, GreenDesignError):
        parts = [exc.message]
        if exc.problems:
            parts.append(str(exc.problems[0]))
            if len(exc.problems) > 1:
                parts.append(_tr("(and {count} more)").format(count=len(exc.problems) - 1))
        if exc.hint:
            parts.append(exc.hint)
        return " ".join(parts)
    return str(exc) or type(exc).__name__


def build_error_box(parent: QWidget | None, exc: BaseException,
                    title: str | None = None) -> QMessageBox:
    """Build (but do not show) the message box for an error.

    The main text is the error message, the informative text its hint, and the
    detailed text lists every problem with its location.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or _tr("GreenDesign"))
    if isinstance(exc, GreenDesignError):
        box.setText(exc.message)
        if exc.hint:
            box.setInformativeText(exc.hint)
        if exc.problems:
            lines = [str(problem) for problem in exc.problems]
            box.setDetailedText("\n".join(lines))
            if not exc.hint:
                box.setInformativeText(
                    _tr("{count} problem(s); see the details.").format(count=len(lines)))
    else:
        box.setText(str(exc) or type(exc).__name__)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """Show an error in a modal dialog with its problems in the details.

    Parameters
    ----------
    parent
        The window the dialog belongs to.
    exc
        The error; a :class:`GreenDesignError` shows message, hint and problems.
    title
        The dialog title; "GreenDesign" when omitted.
    """
    log.info("shown to user: %s", error_summary(exc))
    build_error_box(parent, exc, title).exec()


def configure_logging(level: int = logging.INFO) -> Path:
    """Send the ``greendesign`` loggers to the rotating log file (see
    :func:`greendesign.logging_setup.configure_logging`) and return its path."""
    return _configure_logging(level)


class _MainThreadRelay(QObject):
    """Carries an exception raised in another thread to the GUI thread."""

    raised = Signal(object, object, object)


class UnexpectedErrorHook:
    """The last resort for exceptions nobody caught, in any thread.

    It first autosaves the open project (the error may have left the app in a
    bad state), then logs the traceback, then shows a dialog saying what
    happened and where the log is: once per distinct error (type and message)
    and never while another such dialog is open, so an error that repeats on
    every repaint does not bury the user in dialogs. Errors of other threads are
    logged at once and handed to the GUI thread for the autosave and the dialog.

    Parameters
    ----------
    parent
        Returns the window to attach the dialog to (or None).
    show
        Shows the dialog; tests pass a recorder instead of a modal box. Called
        with the parent and the exception; :attr:`last_autosave` holds the
        recovery copy written just before (or None).
    autosave
        Saves a recovery copy of the open project and returns its path (or
        None when there was nothing to save).
    """

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None,
                 show: Callable[..., None] | None = None,
                 autosave: Callable[[], Path | None] | None = None) -> None:
        self._parent = parent
        self._show = show or self._show_box
        self._autosave = autosave
        self.last_autosave: Path | None = None
        self._seen: set[tuple[str, str]] = set()
        self._showing = False
        self.previous = sys.excepthook
        self.previous_thread_hook = threading.excepthook
        self._relay: _MainThreadRelay | None = None
        if QCoreApplication.instance() is not None:
            self._relay = _MainThreadRelay()
            self._relay.raised.connect(
                lambda kind, exc, tb: self._handle(kind, exc, tb, logged=True),
                Qt.ConnectionType.QueuedConnection)

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, exc, tb)
            return
        self._handle(kind, exc, tb)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: log now, autosave and show in the GUI thread."""
        if args.exc_type is SystemExit:
            return
        if threading.current_thread() is threading.main_thread() or self._relay is None:
            self._handle(args.exc_type, args.exc_value, args.exc_traceback)
            return
        thread = args.thread.name if args.thread else "?"
        log.error("unexpected error in thread %s:\n%s", thread, "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)))
        self._relay.raised.emit(args.exc_type, args.exc_value, None)

    def _handle(self, kind: type[BaseException], exc: BaseException | None,
                tb: TracebackType | None, logged: bool = False) -> None:
        self.last_autosave = self._autosave_first()
        if not logged:
            log.error("unexpected error:\n%s", "".join(
                traceback.format_exception(kind, exc, tb)))
        key = (kind.__name__, str(exc))
        if key in self._seen or self._showing or QApplication.instance() is None:
            return
        self._seen.add(key)
        self._showing = True
        try:
            self._show(self._parent(), exc)
        finally:
            self._showing = False

    def _autosave_first(self) -> Path | None:
        if self._autosave is None:
            return None
        try:
            path = self._autosave()
        except Exception:  # the autosave must never hide the first error
            log.exception("autosave after an unexpected error failed")
            return None
        if path is not None:
            log.info("autosaved after an unexpected error: %s", path.name)
        return path

    def _show_box(self, parent: QWidget | None, exc: BaseException) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_tr("Unexpected error"))
        box.setText(_tr("Something went wrong that GreenDesign did not expect: {error}").format(
            error=f"{type(exc).__name__}: {exc}"))
        saved_note = _tr("A copy of your project was saved; if GreenDesign closes, it is "
                         "offered for recovery at the next start.") if self.last_autosave else _tr(
            "Your project is still open; save it under a new name to be safe.")
        path = log_file() or log_dir() / LOG_FILE_NAME
        box.setInformativeText(saved_note + "\n\n" + _tr(
            "The details are in the log file:\n{path}").format(path=path))
        box.setDetailedText("".join(traceback.format_exception(exc)))
        box.exec()


def install_excepthook(parent: Callable[[], QWidget | None] = lambda: None,
                       autosave: Callable[[], Path | None] | None = None
                       ) -> UnexpectedErrorHook:
    """Configure the log file and install :class:`UnexpectedErrorHook` as
    ``sys.excepthook`` and ``threading.excepthook``.

    Returns
    -------
    UnexpectedErrorHook
        The installed hook (its ``previous`` attributes hold the old hooks).
    """
    if log_file() is None:
        configure_logging()
    hook = UnexpectedErrorHook(parent, autosave=autosave)
    sys.excepthook = hook
    threading.excepthook = hook.thread_hook
    return hook
