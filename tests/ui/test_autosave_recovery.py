"""Autosave while modified, and recovery after a crash (an autosave whose writer is gone)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from greendesign.io.autosave import Autosaver, find_recoverable
from greendesign.io.project_file import load_project
from greendesign.paths import autosave_dir
from ui.pages.product.bom_model import Column
from ui.prompts import RecoverChoice


def dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def crash_copy(path, edit) -> Autosaver:
    """Leave an autosave of ``path`` with ``edit`` applied, as a crashed process would."""
    project = load_project(path)
    edit(project)
    saver = Autosaver(path)
    saver.write(project)
    meta_path = saver.path.with_suffix(".json")
    meta = json.loads(meta_path.read_text("utf-8"))
    meta["pid"] = dead_pid()
    meta_path.write_text(json.dumps(meta), "utf-8")
    stamp = path.stat().st_mtime + 5  # newer than the file it copies
    os.utime(saver.path, (stamp, stamp))
    return saver


def set_lid_mass(project):
    project.product.find("lid").mass_kg = 0.077


def test_autosaves_while_modified_and_cleans_up_on_save(window, kettle_file, qtbot):
    assert window.autosave.interval_s == 60  # the default setting
    window.open_file(kettle_file)
    window.autosave.timer.setInterval(20)
    assert window.autosave_now() is None  # nothing to save yet
    page = window.product_page
    page.model.setData(page.model.index(2, Column.MASS), "70 g")
    assert window.autosave.timer.isActive()
    copy = window.autosave.autosaver.path
    qtbot.waitUntil(copy.exists, timeout=2000)
    assert load_project(copy).product.find("lid").mass_kg == pytest.approx(0.07)
    assert find_recoverable() == []  # its writer (this process) is alive
    assert window.commands.save()
    assert not copy.exists() and not window.autosave.timer.isActive()


def test_undoing_back_to_the_saved_state_removes_the_copy(window, kettle_file):
    window.open_file(kettle_file)
    page = window.product_page
    page.model.setData(page.model.index(2, Column.MASS), "70 g")
    copy = window.autosave_now()
    assert copy is not None and copy.exists()
    window.undo_action.trigger()
    assert not copy.exists()


def test_crash_recovery_restores_the_autosaved_content(window, prompts, kettle_file):
    copy = crash_copy(kettle_file, set_lid_mass)
    prompts.recover_choice = RecoverChoice.RECOVER
    assert window.offer_recovery()
    assert len(prompts.recoveries) == 1
    assert prompts.recoveries[0].original == kettle_file.resolve()
    document = window.document
    assert document.path == kettle_file.resolve()
    assert document.product.find("lid").mass_kg == pytest.approx(0.077)
    assert window.isWindowModified()  # recovered changes are not in the file yet
    assert load_project(kettle_file).product.find("lid").mass_kg == pytest.approx(0.06)
    assert copy.path.exists()  # written again at once, by this (living) process
    assert find_recoverable() == []
    assert window.commands.save()
    assert load_project(kettle_file).product.find("lid").mass_kg == pytest.approx(0.077)
    assert list(autosave_dir().iterdir()) == []


def test_open_the_saved_file_discards_the_copy(window, prompts, kettle_file):
    copy = crash_copy(kettle_file, set_lid_mass)
    prompts.recover_choice = RecoverChoice.OPEN_SAVED
    assert window.offer_recovery()
    assert window.document.product.find("lid").mass_kg == pytest.approx(0.06)
    assert not window.isWindowModified()
    assert not copy.path.exists()


def test_decide_later_keeps_the_copy_for_the_next_start(window, prompts, kettle_file):
    copy = crash_copy(kettle_file, set_lid_mass)
    prompts.recover_choice = RecoverChoice.LATER
    assert not window.offer_recovery()
    assert window.document.project is None
    assert copy.path.exists()
    assert len(find_recoverable()) == 1


def test_untitled_project_is_recovered_without_a_file(window, prompts, kettle_file):
    project = load_project(kettle_file)
    project.product.name = "Never saved"
    saver = Autosaver(None)
    saver.write(project)
    meta_path = saver.path.with_suffix(".json")
    meta = json.loads(meta_path.read_text("utf-8"))
    meta["pid"] = dead_pid()
    meta_path.write_text(json.dumps(meta), "utf-8")
    prompts.recover_choice = RecoverChoice.RECOVER
    assert window.offer_recovery()
    assert window.document.path is None
    assert window.document.project.product.name == "Never saved"
    assert window.windowTitle() == "Never saved[*] \u2014 GreenDesign"
    assert not saver.path.exists()  # the new session writes its own copy
