"""Shared fixtures: every test gets its own app data directory."""

from __future__ import annotations

import os
import tempfile

import pytest

from greendesign.model import Assembly, Part, Product, Project

# Before any fixture runs: module- and session-scoped fixtures (set up before the per-test
# home below) and collection never read or write the user's own app data, such as the
# user databases a developer imported.
os.environ["GREENDESIGN_HOME"] = tempfile.mkdtemp(prefix="gd-test-session-")


@pytest.fixture(autouse=True)
def _app_home(request, tmp_path, monkeypatch):
    """The test's own app home, or the module's installed inventory for tests marked
    ``inventory`` (``pytestmark = pytest.mark.inventory``)."""
    if request.node.get_closest_marker("inventory"):
        home = request.getfixturevalue("inventory_home")  # it sets the template as well
        monkeypatch.setenv("GREENDESIGN_HOME", str(home))
        return home
    home = tmp_path / "gd-home"
    monkeypatch.setenv("GREENDESIGN_HOME", str(home))
    # tests build the inventory from lca_data unless they ask for the session's template
    # (inventory_home), whatever a developer's checkout has in build/
    monkeypatch.setenv("GREENDESIGN_INVENTORY_TEMPLATE", str(tmp_path / "no-template.zip"))
    return home


@pytest.fixture
def small_product() -> Product:
    """A three-level product whose mass is easy to check by hand: 2.5 kg."""
    lid = Part(id="LID", name="Lid", mass="250 g", material="pp", joint="snap-fit")
    screws = Part(id="SCR", name="Screw M4", mass_kg=0.002, material="steel_carbon",
                  quantity=4, joint="screw")
    body = Part(id="BODY", name="Body", mass_kg=1.0, material="steel_stainless_304",
                recycled_content=0.3, scrap_rate=0.1)
    top = Assembly(id="TOP", name="Top assembly", children=[lid, screws])
    # 0.25 + 4 * 0.002 = 0.258 kg per top assembly; two of them = 0.516 kg
    top.quantity = 2
    base = Part(id="BASE", name="Base", mass_kg=0.984, material="pp")
    return Product(name="Test product", functional_unit="one unit used for 5 years",
                   service_life_years=5, bom=[top, body, base])


@pytest.fixture
def small_project(small_product) -> Project:
    project = Project(product=small_product)
    variant = project.add_variant("light", description="thinner body")
    variant.product.find("BODY").mass_kg = 0.8
    return project


@pytest.fixture(scope="session")
def inventory_template(tmp_path_factory):
    """A ready-built inventory made once per test session (the real build path, offline).

    Tests that need an installed inventory unpack it into their own home with
    :func:`inventory_home`; building it takes a while, unpacking about a second.
    """
    import os

    from greendesign.inventory.template import build_template

    home = tmp_path_factory.mktemp("template-build")
    saved = os.environ.get("GREENDESIGN_HOME")
    os.environ["GREENDESIGN_HOME"] = str(home / "home")
    try:
        path = build_template(home / "inventory.zip")
    finally:
        if saved is None:
            os.environ.pop("GREENDESIGN_HOME", None)
        else:
            os.environ["GREENDESIGN_HOME"] = saved
    return path


@pytest.fixture(scope="module")
def inventory_home(inventory_template, tmp_path_factory):
    """A module-wide app home with the inventory installed from the session's template."""
    import os

    from greendesign.inventory.brightway_setup import ensure_inventory

    home = tmp_path_factory.mktemp("inventory-home")
    saved = {k: os.environ.get(k) for k in ("GREENDESIGN_HOME", "GREENDESIGN_INVENTORY_TEMPLATE")}
    os.environ["GREENDESIGN_HOME"] = str(home)
    os.environ["GREENDESIGN_INVENTORY_TEMPLATE"] = str(inventory_template)
    try:
        result = ensure_inventory()
        assert result.reason == "installed the ready-built inventory"
        yield home
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="module")
def bg(inventory_home):
    """The installed inventory's background matrices, loaded once per module."""
    from greendesign.lca.background import load_background

    return load_background()
