"""The app icon: loaded from resources/icons and shown by the main window."""

from __future__ import annotations

import pytest

SIZES = {16, 32, 48, 64, 128, 256}


@pytest.fixture
def app_icon(qapp):
    """The app's icon loader run on the application, as ``ui.app.main`` does."""
    from ui.app import load_app_icon

    previous = qapp.windowIcon()
    icon = load_app_icon()
    qapp.setWindowIcon(icon)
    yield icon
    qapp.setWindowIcon(previous)


def test_icon_loader_finds_every_size(app_icon):
    assert not app_icon.isNull()
    assert {size.width() for size in app_icon.availableSizes()} >= SIZES
    assert not app_icon.pixmap(16, 16).isNull()


def test_main_window_shows_the_app_icon(app_icon, window):
    icon = window.windowIcon()
    assert not icon.isNull()
    assert icon.cacheKey() == app_icon.cacheKey()
