"""Offline set-up of the app's Brightway project: complete, idempotent, repairable,
cancellable, and never touching the network or the user's other projects."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from greendesign.inventory import brightway_setup as setup
from greendesign.inventory.datasets import GREENDESIGN_DB


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory):
    return tmp_path_factory.mktemp("bw-home")


@pytest.fixture(autouse=True)
def _app_home(shared_home, monkeypatch):  # overrides the per-test home of conftest
    monkeypatch.setenv("GREENDESIGN_HOME", str(shared_home))
    # this module tests the build from lca_data, not the ready-built template
    monkeypatch.setenv("GREENDESIGN_INVENTORY_TEMPLATE", str(shared_home / "no-template.zip"))
    return shared_home


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted during inventory set-up")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _independent_method_count() -> int:
    import bw2io

    archive = Path(bw2io.__file__).parent / "data" / "lcia" / "lcia_39_ecoinvent.zip"
    with zipfile.ZipFile(archive) as handle:
        names = [m["name"] for m in json.load(handle.open("data.json"))]
    return sum(1 for n in names if n[0] in {
        "IPCC 2021", "EF v3.1", "ReCiPe 2016 v1.03, midpoint (H)", "CML v4.8 2016",
        "Cumulative Energy Demand (CED)"})


def test_first_install_is_complete_and_offline(no_network):
    fractions = []
    result = setup.ensure_inventory(progress=lambda f, m: fractions.append(f))
    assert result.rebuilt
    assert result.methods == _independent_method_count() == 98
    assert result.biosphere_flows > 4000
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert setup.check_integrity() == []


def test_ipcc_2021_factors_match_ar6():
    """IPCC AR6 WG1 table 7.15: GWP100 of fossil methane 29.8, of N2O 273; CO2 is 1."""
    bd = setup.activate()
    bd.projects.set_current(setup.INVENTORY_PROJECT)
    method = bd.Method(("IPCC 2021", "climate change", "global warming potential (GWP100)"))
    factors = {}
    for key, amount in method.load():
        flow = bd.get_node(id=key) if isinstance(key, int) else bd.get_node(database=key[0],
                                                                           code=key[1])
        factors[(flow["name"], flow["categories"][0])] = amount
    assert factors[("Carbon dioxide, fossil", "air")] == pytest.approx(1.0)
    assert factors[("Methane, fossil", "air")] == pytest.approx(29.8)
    assert factors[("Dinitrogen monoxide", "air")] == pytest.approx(273.0)


def test_second_call_changes_nothing(no_network):
    stamp_before = setup.read_stamp()
    result = setup.ensure_inventory()
    assert not result.rebuilt and result.reason == "complete"
    assert setup.read_stamp() == stamp_before


def test_unchanged_inventory_is_checked_without_importing_brightway(shared_home):
    """The start of the app checks an unchanged inventory from its files alone."""
    assert setup.check_integrity() == []  # records the files of a passing check
    code = ("import sys; from greendesign.inventory.brightway_setup import check_integrity; "
            "print(check_integrity(), 'bw2data' in sys.modules)")
    env = {**os.environ, "GREENDESIGN_HOME": str(shared_home)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout.split("\n")[-2]
    assert out == "[] False"


def test_inventory_changed_after_a_passing_check_is_checked_again(no_network):
    assert setup.check_integrity() == []
    bd = setup.open_inventory()
    victim = next(iter(bd.Database(GREENDESIGN_DB)))
    victim.delete()
    problems = setup.check_integrity()
    assert problems == [f"the inventory database {GREENDESIGN_DB} is incomplete"]
    result = setup.ensure_inventory()
    assert result.rebuilt and setup.check_integrity() == []


def test_damaged_project_is_detected_and_rebuilt_without_touching_user_projects(no_network):
    bd = setup.activate()
    bd.projects.set_current("designer-own-project")
    bd.Database("my-data").write({("my-data", "a"): {"name": "my activity", "unit": "kg",
                                                      "exchanges": []}})
    bd.projects.set_current(setup.INVENTORY_PROJECT)
    name = ("IPCC 2021", "climate change", "global warming potential (GWP100)")
    bd.Method(name).filepath_processed().unlink()
    problems = setup.check_integrity()
    assert problems and "processed data of method" in problems[0]
    result = setup.ensure_inventory()
    assert result.rebuilt and "processed data" in result.reason
    assert setup.check_integrity() == []
    bd.projects.set_current("designer-own-project")
    assert "my-data" in bd.databases and len(bd.Database("my-data")) == 1


def test_cancel_leaves_no_stamp_and_next_run_rebuilds(no_network):
    stamp = setup._stamp_path()  # noqa: SLF001
    stamp.write_text(json.dumps({"setup_version": 0}), "utf-8")  # an older version's install
    calls = []

    def cancel_after_three():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(setup.SetupCancelled):
        setup.ensure_inventory(cancelled=cancel_after_three)
    assert setup.read_stamp() is None
    assert setup.check_integrity() == ["no complete installation is recorded"]
    result = setup.ensure_inventory()
    assert result.rebuilt and result.methods == 98


def test_second_writer_is_refused(tmp_path):
    import fcntl

    lock = setup.paths.brightway_dir() / ".greendesign-setup.lock"
    with open(lock, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        # flock locks are per open file description: a second open in this process conflicts
        with pytest.raises(setup.InventoryBusyError, match="Another GreenDesign window"):
            setup.ensure_inventory()
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
