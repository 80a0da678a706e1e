"""The ready-built inventory: first run from it, refusal of unsafe archives, data updates."""

from __future__ import annotations

import json
import os
import socket
import zipfile

import pytest

from greendesign import paths
from greendesign.inventory import brightway_setup as setup
from greendesign.inventory.template_install import (
    MAX_UNPACKED_BYTES,
    _template_id,
    install_template,
    template_is_current,
)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _current_id() -> str:
    from greendesign.inventory.datasets import data_version

    return _template_id(data_version())


def test_first_run_from_the_template_is_complete_and_offline(inventory_template, monkeypatch,
                                                            no_network):
    monkeypatch.setenv("GREENDESIGN_INVENTORY_TEMPLATE", str(inventory_template))
    assert template_is_current(inventory_template)
    result = setup.ensure_inventory()
    assert result.rebuilt and result.reason == "installed the ready-built inventory"
    assert setup.check_integrity() == []
    assert setup.ensure_inventory().reason == "complete"


def test_template_is_not_unpacked_over_existing_projects(inventory_template, monkeypatch):
    base = paths.brightway_dir()
    (base / "projects.db").write_bytes(b"a user's Brightway projects")
    assert install_template(inventory_template) is None
    assert (base / "projects.db").read_bytes() == b"a user's Brightway projects"


def _evil_zip(path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.comment = _current_id().encode()
        for name, data in members.items():
            archive.writestr(name, data)


def test_template_member_escaping_the_target_is_refused(tmp_path):
    evil = tmp_path / "evil.zip"
    _evil_zip(evil, {"ok.txt": b"x", "../../escaped.txt": b"owned"})
    with pytest.raises(ValueError, match="escapes"):
        install_template(evil)
    assert not (paths.brightway_dir().parent.parent / "escaped.txt").exists()
    assert [p.name for p in paths.brightway_dir().iterdir()] == []


def test_template_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.comment = _current_id().encode()
        archive.writestr("zeros.bin", b"\0" * (8 * 1024 * 1024))  # 8 MB that packs to ~8 kB
    monkeypatch.setattr("greendesign.inventory.template_install.MAX_UNPACKED_BYTES", 1024 * 1024)
    assert MAX_UNPACKED_BYTES > 1024 * 1024
    with pytest.raises(ValueError, match="size"):
        install_template(bomb)
    assert [p.name for p in paths.brightway_dir().iterdir()] == []


def test_outdated_template_is_ignored(tmp_path):
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(old, "w") as archive:
        archive.comment = b"greendesign-inventory setup=0 data=0"
        archive.writestr("x", b"y")
    assert not template_is_current(old)
    assert install_template(old) is None


def test_changed_lca_data_rewrites_only_the_databases(inventory_template, monkeypatch):
    monkeypatch.setenv("GREENDESIGN_INVENTORY_TEMPLATE", str(inventory_template))
    setup.ensure_inventory()
    stamp_path = paths.brightway_dir() / f"{setup.INVENTORY_PROJECT}.json"
    stamp = json.loads(stamp_path.read_text())
    stamp["data_version"] = "an older version"
    stamp_path.write_text(json.dumps(stamp))
    bd = setup.activate()
    bd.projects.set_current(setup.INVENTORY_PROJECT)
    method = bd.Method(setup.expected_method_names()[0])
    before = os.stat(method.filepath_processed()).st_mtime_ns
    result = setup.ensure_inventory()
    assert result.reason == "lca_data changed"
    assert os.stat(method.filepath_processed()).st_mtime_ns == before  # methods kept
    assert setup.check_integrity() == []
    assert json.loads(stamp_path.read_text())["data_version"] != "an older version"
