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
