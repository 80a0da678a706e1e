"""The log file: a rotating file in the app's log directory, and what goes in it.

The desktop app and the command line write to ``log_dir()/greendesign.log``
(1 MB per file, 5 old files kept, so at most 6 MB). The first lines of a
session say which versions run where (GreenDesign, platform, Python and,
for the app, Qt), so a log sent with a bug report can be read without asking.

No personal data goes in beyond file names: every message passes through a
filter that writes the user's home directory as ``~`` and the user name, where
it is a folder of a path (``/tmp/alice/...``), as ``<user>``, so paths name the
file but not who works on it.
"""

from __future__ import annotations

import getpass
import logging
import os
import platform
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from greendesign import __version__
from greendesign.paths import log_dir

LOG_FILE_NAME = "greendesign.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOGGER_NAME = "greendesign"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

_MARK = "_greendesign_log"


class RedactPersonalData(logging.Filter):
    """Write the home directory as ``~`` and the user name, as a path folder, as ``<user>``.

    The user name is replaced only between path separators, so a user called
    ``root`` or ``data`` does not blank out those words elsewhere in a message.
    """

    def __init__(self) -> None:
        super().__init__()
        home = str(Path.home())
        self.home = home if len(home) > 1 else ""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no user name on this system
            user = ""
        self.user = re.compile(rf"(?<=[/\\]){re.escape(user)}(?=[/\\])") if user else None

    def redact(self, text: str) -> str:
        """``text`` without the home directory and the user name."""
        if self.home:
            text = text.replace(self.home, "~")
        if self.user is not None:
            text = self.user.sub("<user>", text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = self.redact(record.getMessage())
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        record.msg, record.args = message, None
        return True


def configure_logging(level: int = logging.INFO, file_name: str = LOG_FILE_NAME) -> Path:
    """Send the ``greendesign`` loggers to a rotating file in :func:`log_dir`.

    Safe to call twice: the handler on the same file is kept; one on another
    file (``GREENDESIGN_HOME`` changed, as in tests) is replaced.

    Parameters
    ----------
    level
        The lowest level written.
    file_name
        The log file's name in the log directory.

    Returns
    -------
    Path
        The log file.
    """
    path = log_dir() / file_name
    root = logging.getLogger(LOGGER_NAME)
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            if Path(handler.baseFilename) == path:
                return path
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                  encoding="utf-8")
    setattr(handler, _MARK, True)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactPersonalData())
    root.addHandler(handler)
    return path


def log_file() -> Path | None:
    """The file the ``greendesign`` loggers write to, or None before :func:`configure_logging`."""
    for handler in logging.getLogger(LOGGER_NAME).handlers:
        if getattr(handler, _MARK, False):
            return Path(handler.baseFilename)
    return None


def environment_lines(qt_version: str | None = None) -> list[str]:
    """What runs where: GreenDesign, platform, Python and (when given) Qt versions."""
    lines = [
        f"GreenDesign {__version__}",
        f"platform {platform.platform()} ({platform.machine() or 'unknown machine'})",
        f"Python {platform.python_version()} ({platform.python_implementation()}, "
        f"{'frozen' if getattr(sys, 'frozen', False) else 'source'})",
    ]
    if qt_version:
        lines.append(f"Qt {qt_version}")
    lines.append(f"process {os.getpid()}")
    return lines


def log_session_start(what: str, qt_version: str | None = None) -> None:
    """Write the session banner: ``what`` started, then :func:`environment_lines`."""
    log = logging.getLogger(LOGGER_NAME)
    log.info("=== %s started: %s", what, "; ".join(environment_lines(qt_version)))
