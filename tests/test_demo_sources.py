"""The bundled demo projects are what their generators (``resources/demo/make_demos.py``)
write: the scripts run, every code resolves, and the saved files are current."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from greendesign.i18n import language
from greendesign.io.project_file import load_project, project_to_dict

DEMO_DIR = Path(__file__).resolve().parents[1] / "resources" / "demo"


@pytest.fixture(scope="module")
def make_demos():
    sys.path.insert(0, str(DEMO_DIR))
    try:
        import make_demos

        yield make_demos
    finally:
        sys.path.remove(str(DEMO_DIR))


def _without_header(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("saved_at", "generator")}


@pytest.mark.parametrize("file_name", ["electric_kettle.gdproj", "office_chair.gdproj",
                                       "bluetooth_speaker.gdproj"])
def test_each_demo_file_is_what_its_script_writes(make_demos, file_name):
    built = make_demos.DEMOS[file_name]()
    saved = json.loads((DEMO_DIR / file_name).read_text(encoding="utf-8"))
    assert _without_header(project_to_dict(built)) == _without_header(saved), \
        f"run: .venv/bin/python resources/demo/make_demos.py ({file_name} is out of date)"


@pytest.mark.parametrize("file_name", ["electric_kettle.gdproj", "office_chair.gdproj",
                                       "bluetooth_speaker.gdproj"])
def test_the_demos_describe_themselves_in_both_languages(file_name):
    project = load_project(DEMO_DIR / file_name)
    designs = [project.product, *(v.product for v in project.variants)]
    for product in designs:
        assert product.name_zh and product.functional_unit_zh and product.description_zh
        with language("zh_CN"):
            assert product.display_functional_unit == product.functional_unit_zh
        with language("en"):
            assert product.display_functional_unit == product.functional_unit
        for leg in product.scenario.distribution:
            assert leg.description_zh, leg.description
    for variant in project.variants:
        assert variant.description_zh, variant.name
        with language("zh_CN"):
            assert variant.display_description == variant.description_zh
