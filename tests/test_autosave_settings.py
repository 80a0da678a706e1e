"""Autosave and recovery, app settings, and crash-safety of saves under SIGKILL."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from greendesign.io.autosave import Autosaver, discard_recovery, find_recoverable
from greendesign.io.project_file import dumps_project, load_project, save_project
from greendesign.paths import autosave_dir, data_home
from greendesign.settings import AppSettings, load_settings, save_settings


def test_data_home_follows_env(tmp_path, monkeypatch):
    monkeypatch.setenv("GREENDESIGN_HOME", str(tmp_path / "elsewhere"))
    assert data_home() == tmp_path / "elsewhere"
    assert autosave_dir() == tmp_path / "elsewhere" / "autosave"


def test_settings_round_trip_and_damage(tmp_path):
    assert load_settings() == AppSettings()
    save_settings(AppSettings(language="zh_CN", autosave_interval_s=30))
    assert load_settings().language == "zh_CN"
    settings_path = data_home() / "settings.json"
    settings_path.write_text("{not json", "utf-8")
    assert load_settings() == AppSettings()  # defaults, and the bad file is kept aside
    assert (data_home() / "settings.json.bad").read_text("utf-8") == "{not json"


def _fake_dead_pid(meta_path):
    meta = json.loads(meta_path.read_text("utf-8"))
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    meta["pid"] = int(proc.stdout)  # a process that has exited: like a crashed app
    meta_path.write_text(json.dumps(meta), "utf-8")


def test_autosave_of_crashed_session_is_offered(tmp_path, small_project):
    original = tmp_path / "chair.gdproj"
    save_project(small_project, original)
    time.sleep(0.01)
    small_project.product.name = "Edited after the last save"
    saver = Autosaver(original)
    path = saver.write(small_project)
    assert find_recoverable() == []  # the writer (this process) is still running
    _fake_dead_pid(path.with_suffix(".json"))
    found = find_recoverable()
    assert len(found) == 1
    assert found[0].original == original.resolve()
    assert found[0].product_name == "Edited after the last save"
    assert found[0].load().product.name == "Edited after the last save"
    discard_recovery(found[0])
    assert find_recoverable() == []


def test_autosave_older_than_original_is_not_offered(tmp_path, small_project):
    original = tmp_path / "p.gdproj"
    saver = Autosaver(original)
    path = saver.write(small_project)
    _fake_dead_pid(path.with_suffix(".json"))
    save_project(small_project, original)
    os.utime(path, (time.time() - 60, time.time() - 60))
    assert find_recoverable() == []


def test_clean_close_discards_autosave(small_project):
    saver = Autosaver(None)
    path = saver.write(small_project)
    assert path.exists()
    saver.discard()
    assert not path.exists() and not path.with_suffix(".json").exists()


_WRITER = """
import sys
from greendesign.io.atomic import atomic_write_bytes
a = open(sys.argv[2], 'rb').read()
b = open(sys.argv[3], 'rb').read()
print('ready', flush=True)
i = 0
while True:
    atomic_write_bytes(sys.argv[1], a if i % 2 else b)
    i += 1
"""


def test_sigkill_during_saves_never_corrupts(tmp_path, small_project):
    """Kill a process that saves in a loop 100 times at random moments: the file on
    disk is always, byte for byte, one of the two complete versions."""
    kills = int(os.environ.get("GREENDESIGN_KILLS", "100"))
    version_a = dumps_project(small_project).encode("utf-8")
    small_project.product.name = "Version B"
    small_project.product.description = "x" * 5000  # a different length too
    version_b = dumps_project(small_project).encode("utf-8")
    (tmp_path / "a").write_bytes(version_a)
    (tmp_path / "b").write_bytes(version_b)
    target = tmp_path / "project.gdproj"
    target.write_bytes(version_a)
    rng = random.Random(20261122)
    outcomes = {"a": 0, "b": 0}
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target), str(tmp_path / "a"),
                                 str(tmp_path / "b")], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        content = target.read_bytes()
        assert content in (version_a, version_b), "file on disk is neither version"
        outcomes["a" if content == version_a else "b"] += 1
    assert load_project(target).product.name in ("Test product", "Version B")
    # leftover temp files from killed writers are only ever hidden .tmp files, never the target
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".project.gdproj.")]
    assert all(name.endswith(".tmp") for name in leftovers)
    assert outcomes["a"] + outcomes["b"] == kills


@pytest.mark.parametrize("value", [5, 10_000])
def test_settings_bounds(value):
    from greendesign.errors import ModelValidationError

    with pytest.raises(ModelValidationError, match="autosave_interval_s"):
        AppSettings(autosave_interval_s=value)
