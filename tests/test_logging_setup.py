"""The rotating log file: where, how big, what it says at start, and what it leaves out."""

from __future__ import annotations

import logging
import platform
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from greendesign import __version__
from greendesign.logging_setup import (
    BACKUP_COUNT,
    MAX_BYTES,
    RedactPersonalData,
    configure_logging,
    environment_lines,
    log_file,
    log_session_start,
)

LOGGER = logging.getLogger("greendesign")


def ours() -> list[RotatingFileHandler]:
    return [h for h in LOGGER.handlers if getattr(h, "_greendesign_log", False)]


@pytest.fixture(autouse=True)
def _restore_handlers():
    before = list(LOGGER.handlers)
    yield
    for handler in list(LOGGER.handlers):
        if handler not in before:
            LOGGER.removeHandler(handler)
            handler.close()


def flushed_text(path: Path) -> str:
    for handler in LOGGER.handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_log_file_rotates_in_the_log_dir(_app_home):
    path = configure_logging()
    assert path == _app_home / "logs" / "greendesign.log"
    assert log_file() == path
    [handler] = ours()
    assert handler.maxBytes == MAX_BYTES == 1_000_000
    assert handler.backupCount == BACKUP_COUNT == 5
    assert configure_logging() == path and len(ours()) == 1  # idempotent


def test_log_follows_a_new_data_home(tmp_path, monkeypatch):
    first = configure_logging()
    monkeypatch.setenv("GREENDESIGN_HOME", str(tmp_path / "other"))
    second = configure_logging()
    assert second != first and len(ours()) == 1
    assert log_file() == second


def test_session_start_names_versions(_app_home):
    path = configure_logging()
    log_session_start("GreenDesign app", qt_version="6.12.0")
    text = flushed_text(path)
    assert f"GreenDesign {__version__}" in text
    assert f"Python {platform.python_version()}" in text
    assert "Qt 6.12.0" in text
    assert "platform " in text
    lines = environment_lines()
    assert not any(line.startswith("Qt") for line in lines)


def test_rotation_keeps_five_old_files(_app_home):
    path = configure_logging()
    [handler] = ours()
    handler.maxBytes = 2000  # rotate quickly for the test
    for i in range(400):
        logging.getLogger("greendesign.test").info("line %d %s", i, "x" * 40)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["greendesign.log"] + [f"greendesign.log.{i}" for i in range(1, 6)]


def test_home_directory_and_user_name_are_not_written(_app_home, monkeypatch):
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: Path("/home/alice")))
    monkeypatch.setattr("getpass.getuser", lambda: "alice")
    redact = RedactPersonalData()
    assert redact.redact("opened /home/alice/work/kettle.gdproj") == \
        "opened ~/work/kettle.gdproj"
    assert redact.redact("/tmp/alice/x.gdproj and alice's note") == \
        "/tmp/<user>/x.gdproj and alice's note"

    path = configure_logging()
    [handler] = ours()
    handler.filters[:] = [redact]
    logging.getLogger("greendesign.test").info("saved %s", "/home/alice/p.gdproj")
    try:
        raise ValueError("cannot read /home/alice/secret/p.gdproj")
    except ValueError:
        logging.getLogger("greendesign.test").exception("failed")
    text = flushed_text(path)
    assert "~/p.gdproj" in text and "~/secret/p.gdproj" in text
    assert "/home/alice" not in text
