"""Index profiles (validation, user override), the 0-100 aggregation and suggestions."""

from __future__ import annotations

import json

import pytest

from greendesign.model import ProductCategory
from greendesign.scoring import (
    ProfileError,
    evaluate_index,
    load_profiles,
    parse_profile,
    profile_for,
    read_profile,
)


def indicator(**overrides):
    base = {"id": "rcr", "group": "resource", "name": "Recyclability", "metric":
            "recyclability_rate_pct", "unit": "%", "direction": "higher", "benchmark": 100,
            "scoring": "linear", "zero_at": 0, "weight": 3, "evidence": "BOM",
            "source": "test target"}
    base.update(overrides)
    return base


def profile_data(*indicators, **overrides):
    data = {"id": "test", "name": "Test", "category": "other",
            "indicators": list(indicators) or [indicator()]}
    data.update(overrides)
    return data


def test_bundled_profiles_load_and_cover_the_categories():
    profiles = load_profiles(include_user=False)
    assert {"default", "household_appliance", "furniture", "electronics"} <= set(profiles)
    for category in ("household_appliance", "furniture", "electronics"):
        assert profile_for(ProductCategory(category), profiles).id == category
    assert profile_for(ProductCategory.OTHER, profiles).id == "default"
    for profile in profiles.values():
        groups = {i.group for i in profile.indicators}
        assert groups == {"resource", "energy", "environment", "product"}, profile.id


def test_index_aggregation_by_hand():
    profile = parse_profile(profile_data(
        indicator(),
        indicator(id="subs", group="environment", name="Substances",
                  metric="restricted_substance_findings", direction="lower", benchmark=0,
                  scoring="threshold", zero_at=None, weight=1),
        indicator(id="gwp", group="environment", name="GWP", metric="gwp_kg",
                  direction="lower", benchmark=10, scoring="threshold", zero_at=None, weight=4),
    ))
    result = evaluate_index({"recyclability_rate_pct": 50.0,
                             "restricted_substance_findings": 0.0, "gwp_kg": None}, profile)
    # linear 50/100 = 0.5 (w 3), threshold pass (w 1), GWP not assessed:
    # 100 x (3 x 0.5 + 1 x 1) / 4 = 62.5; coverage 4 / 8 = 50 %
    assert result.index == pytest.approx(62.5)
    assert result.coverage == pytest.approx(50.0)
    assert result.groups["resource"] == pytest.approx(50.0)
    assert result.groups["environment"] == pytest.approx(100.0)
    assert result.groups["energy"] is None
    assert result.indicators[2].score is None


def test_lower_is_better_linear_scoring():
    profile = parse_profile(profile_data(indicator(
        metric="disassembly_time_s", direction="lower", benchmark=100, zero_at=500)))
    assert evaluate_index({"disassembly_time_s": 300.0}, profile).index == pytest.approx(50.0)
    assert evaluate_index({"disassembly_time_s": 50.0}, profile).index == pytest.approx(100.0)
    assert evaluate_index({"disassembly_time_s": 900.0}, profile).index == pytest.approx(0.0)


@pytest.mark.parametrize(("change", "field"), [
    ({"weight": -1}, "weight"),
    ({"metric": "happiness"}, "metric"),
    ({"zero_at": None}, "zero_at"),
    ({"zero_at": 200}, "zero_at"),
    ({"group": "social"}, "group"),
])
def test_profile_errors_name_the_file_and_field(tmp_path, change, field):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(profile_data(indicator(**change))), encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        read_profile(path)
    text = str(info.value)
    assert "bad.json" in text
    assert "indicators[0]" in text
    assert field in text


def test_profile_rejects_unknown_fields_and_bad_json(tmp_path):
    with pytest.raises(ProfileError, match="colour"):
        parse_profile(profile_data(colour="green"), "x.json")
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ProfileError, match="broken.json"):
        read_profile(path)


def test_user_profile_overrides_a_bundled_one(tmp_path):
    data = profile_data(id="furniture", category="furniture", name="My furniture")
    (tmp_path / "mine.json").write_text(json.dumps(data), encoding="utf-8")
    profiles = load_profiles(user_dir=tmp_path)
    assert profiles["furniture"].name == "My furniture"
    assert profile_for("furniture", profiles).name == "My furniture"
