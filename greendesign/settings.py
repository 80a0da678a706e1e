"""App settings: a versioned, validated model stored as JSON in the app data dir.

A damaged or unreadable settings file never stops the app: it is kept aside as
``settings.json.bad`` and the defaults are used.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from typing import Annotated, Literal

from pydantic import Field

from greendesign.errors import GreenDesignError
from greendesign.io.atomic import atomic_write_text
from greendesign.model.base import GDModel
from greendesign.paths import settings_file

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


class AppSettings(GDModel):
    """User preferences of the desktop app and the CLI."""

    settings_version: Literal[1] = SETTINGS_VERSION
    language: Literal["", "en", "zh_CN"] = ""
    autosave_interval_s: Annotated[int, Field(ge=10, le=3600)] = 60
    default_grid: Annotated[str, Field(min_length=1, max_length=40)] = "CN"
    default_eol_region: Annotated[str, Field(min_length=1, max_length=40)] = "CN"
    #: a Dask scheduler (``tcp://host:8786``) that runs design-space sweeps; empty: on
    #: this workstation
    dask_scheduler: Annotated[str, Field(max_length=200)] = ""


def load_settings() -> AppSettings:
    """Read the settings; defaults when there is no file or it is damaged."""
    path = settings_file()
    if not path.exists():
        return AppSettings()
    try:
        return AppSettings.model_validate(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, GreenDesignError) as exc:
        log.warning("settings file %s is unreadable (%s); using defaults", path, exc)
        with contextlib.suppress(OSError):
            os.replace(path, path.with_name(path.name + ".bad"))
        return AppSettings()


def dask_scheduler() -> str:
    """The Dask scheduler address sweeps use: ``GREENDESIGN_DASK_SCHEDULER``, else the
    setting; empty when none is configured."""
    return os.environ.get("GREENDESIGN_DASK_SCHEDULER", "").strip() or \
        load_settings().dask_scheduler.strip()


def save_settings(settings: AppSettings) -> None:
    """Write the settings atomically."""
    atomic_write_text(settings_file(), settings.model_dump_json(indent=1) + "\n")
