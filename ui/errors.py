"""Errors shown to the user: typed core errors as dialogs, and a last-resort hook
that logs unexpected exceptions to the rotating log file and shows them once.

The core raises :class:`~greendesign.errors.GreenDesignError` with a message,
a list of problems (where and what) and a hint (how to fix it). The dialog puts
the message and hint in front and the problems in the expandable details.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from greendesign.errors import GreenDesignError
from greendesign.paths import log_dir

LOG_FILE_NAME = "greendesign.log"
log = logging.getLogger("greendesign.ui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErrorDialog", text)


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
    """Send the ``greendesign`` loggers to ``log_dir()/greendesign.log`` (rotating).

    Safe to call twice: the handler on the same file is kept, one on another
    file (``GREENDESIGN_HOME`` changed) is replaced.

    Returns
    -------
    Path
        The log file.
    """
    path = log_dir() / LOG_FILE_NAME
    root = logging.getLogger("greendesign")
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_greendesign_log", False):
            if Path(handler.baseFilename) == path:
                return path
            root.removeHandler(handler)  # GREENDESIGN_HOME moved (tests): follow it
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler._greendesign_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


class UnexpectedErrorHook:
    """A ``sys.excepthook`` that logs every unexpected exception with its traceback
    and shows each distinct one (type and message) once per session.

    Parameters
    ----------
    parent
        Returns the window to attach the dialog to (or None).
    show
        Shows the dialog; tests pass a recorder instead of a modal box.
    """

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None,
                 show: Callable[[QWidget | None, BaseException], None] | None = None) -> None:
        self._parent = parent
        self._show = show or self._show_box
        self._seen: set[tuple[str, str]] = set()
        self._showing = False
        self.previous = sys.excepthook

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, exc, tb)
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        key = (kind.__name__, str(exc))
        if key in self._seen or self._showing or QApplication.instance() is None:
            return
        self._seen.add(key)
        self._showing = True
        try:
            self._show(self._parent(), exc)
        finally:
            self._showing = False

    @staticmethod
    def _show_box(parent: QWidget | None, exc: BaseException) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_tr("Unexpected error"))
        box.setText(_tr("Something went wrong that GreenDesign did not expect. Your project "
                        "is still open; save it under a new name to be safe."))
        box.setInformativeText(_tr("The details are in the log file:\n{path}").format(
            path=log_dir() / LOG_FILE_NAME))
        box.setDetailedText("".join(traceback.format_exception(exc)))
        box.exec()


def install_excepthook(parent: Callable[[], QWidget | None] = lambda: None
                       ) -> UnexpectedErrorHook:
    """Configure the log file and install :class:`UnexpectedErrorHook` as ``sys.excepthook``.

    Returns
    -------
    UnexpectedErrorHook
        The installed hook (its ``previous`` attribute holds the old one).
    """
    configure_logging()
    hook = UnexpectedErrorHook(parent)
    sys.excepthook = hook
    return hook
