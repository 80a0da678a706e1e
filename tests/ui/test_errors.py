"""Error dialogs and the unexpected-exception hook."""

from __future__ import annotations

import logging
import sys

from greendesign.errors import ModelValidationError, Problem, ProjectFileError
from ui.errors import UnexpectedErrorHook, build_error_box, configure_logging, error_summary


def test_error_box_shows_message_hint_and_problems(qtbot):
    exc = ModelValidationError(
        "kettle.gdproj has 2 invalid values; nothing was loaded.",
        problems=[Problem("mass must be > 0", location="$.product.bom[0].mass_kg"),
                  Problem("unknown joint 'glue'", location="$.product.bom[1].joint")],
        hint="Fix them in a text editor.")
    box = build_error_box(None, exc, "Cannot open the project")
    qtbot.addWidget(box)
    assert box.windowTitle() == "Cannot open the project"
    assert box.text() == "kettle.gdproj has 2 invalid values; nothing was loaded."
    assert box.informativeText() == "Fix them in a text editor."
    assert box.detailedText().splitlines() == [
        "$.product.bom[0].mass_kg: mass must be > 0",
        "$.product.bom[1].joint: unknown joint 'glue'"]


def test_error_summary_for_the_status_bar():
    exc = ProjectFileError("x.gdproj does not exist.")
    assert error_summary(exc) == "x.gdproj does not exist."
    exc = ModelValidationError("Invalid Part: 2 problems.",
                               problems=[Problem("a"), Problem("b")], hint="Fix it.")
    assert error_summary(exc) == "Invalid Part: 2 problems. a (and 1 more) Fix it."


def test_unexpected_errors_are_logged_and_shown_once(qapp, greendesign_home):
    path = configure_logging()
    shown = []
    hook = UnexpectedErrorHook(show=lambda parent, exc: shown.append(exc))
    for _ in range(2):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            hook(*sys.exc_info())
    try:
        raise ValueError("other")
    except ValueError:
        hook(*sys.exc_info())
    assert [str(e) for e in shown] == ["boom", "other"]
    for handler in logging.getLogger("greendesign").handlers:
        handler.flush()
    log = path.read_text(encoding="utf-8")
    assert path == greendesign_home / "logs" / "greendesign.log"
    assert log.count("RuntimeError: boom") == 2
    assert "Traceback" in log


def test_hook_autosaves_first_then_logs_and_shows_one_dialog(qapp, greendesign_home):
    path = configure_logging()
    events = []

    def autosave():
        events.append("autosave")
        return greendesign_home / "autosave" / "copy.gdproj"

    hook = UnexpectedErrorHook(show=lambda parent, exc: events.append(f"shown {exc}"),
                               autosave=autosave)
    for _ in range(3):
        try:
            raise RuntimeError("repeats")
        except RuntimeError:
            hook(*sys.exc_info())
    assert events == ["autosave", "shown repeats", "autosave", "autosave"]
    assert hook.last_autosave.name == "copy.gdproj"
    for handler in logging.getLogger("greendesign").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert text.count("RuntimeError: repeats") == 3
    assert "autosaved after an unexpected error: copy.gdproj" in text


def test_a_failing_autosave_does_not_hide_the_error(qapp):
    shown = []

    def autosave():
        raise OSError("disk full")

    hook = UnexpectedErrorHook(show=lambda parent, exc: shown.append(exc), autosave=autosave)
    try:
        raise ValueError("first")
    except ValueError:
        hook(*sys.exc_info())
    assert [str(e) for e in shown] == ["first"]
    assert hook.last_autosave is None


def test_errors_in_other_threads_reach_the_gui_thread(qapp, qtbot, greendesign_home):
    import threading

    path = configure_logging()
    shown = []
    hook = UnexpectedErrorHook(show=lambda parent, exc: shown.append(exc))
    previous = threading.excepthook
    threading.excepthook = hook.thread_hook
    try:
        def fail():
            raise KeyError("in a worker")

        worker = threading.Thread(target=fail, name="worker-1")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    finally:
        threading.excepthook = previous
    assert isinstance(shown[0], KeyError)
    for handler in logging.getLogger("greendesign").handlers:
        handler.flush()
    assert "unexpected error in thread worker-1" in path.read_text(encoding="utf-8")


def test_the_dialog_says_where_the_log_is(qapp, greendesign_home, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    configure_logging()
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    hook = UnexpectedErrorHook(autosave=lambda: greendesign_home / "autosave" / "x.gdproj")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        hook(*sys.exc_info())
    assert len(boxes) == 1
    assert "RuntimeError: boom" in boxes[0].text()
    assert str(greendesign_home / "logs" / "greendesign.log") in boxes[0].informativeText()
    assert "A copy of your project was saved" in boxes[0].informativeText()
