"""One writer at a time: the lock file, stale locks, and the read-only second window."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from greendesign.paths import data_home
from ui.document.instance_lock import LOCK_FILE_NAME, acquire_instance_lock
from ui.pages.product.bom_model import Column


def test_second_instance_does_not_get_the_lock(qapp):
    first = acquire_instance_lock()
    try:
        assert first.acquired
        assert first.path == data_home() / LOCK_FILE_NAME
        second = acquire_instance_lock(timeout_ms=0)
        assert not second.acquired
        assert second.holder_pid == os.getpid()
    finally:
        first.release()
    third = acquire_instance_lock(timeout_ms=0)
    assert third.acquired
    third.release()


def test_a_stale_lock_of_a_dead_process_is_taken_over(qapp):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    path = data_home() / LOCK_FILE_NAME
    path.write_text(f"{child.pid}\ngreendesign\n{socket.gethostname()}\n", encoding="utf-8")
    lock = acquire_instance_lock(timeout_ms=0)
    assert lock.acquired
    lock.release()


def test_read_only_window_shows_but_does_not_change(window, kettle_file, tmp_path):
    window.set_read_only(True)
    assert window.open_file(kettle_file)
    assert window.windowTitle().endswith("(read-only)")
    assert not window.commands.save_action.isEnabled()
    assert not window.commands.import_action.isEnabled()
    assert window.commands.export_action.isEnabled()
    page = window.product_page
    assert not page.editor.add_part_action.isEnabled()
    index = page.model.index(2, Column.MASS)
    assert not page.model.setData(index, "70 g")
    page.editor.delete_action.trigger()
    assert window.document.undo_stack.count() == 0
    assert not page.fields.editors["name"].isEnabled()
    assert window.autosave_now() is None
    assert window.offer_recovery() is False
