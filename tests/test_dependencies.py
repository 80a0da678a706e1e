"""Dependency hygiene: every dependency has an upper bound, ``requirements.lock`` pins a
version inside each range, and the environment the tests run in is the locked one."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
BOUNDED = {"bw2data", "bw2calc", "bw2io", "pyside6-essentials", "pandas", "numpy",
           "pyqtgraph", "pydantic"}
"""Fast-moving libraries that must have an upper bound (a new major breaks installs)."""


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(r) for r in project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        requirements.extend(Requirement(r) for r in extra)
    return requirements


def locked() -> dict[str, Version]:
    """The pins of requirements.lock that apply to this interpreter and platform."""
    pins = {}
    environment = default_environment()
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        (spec,) = requirement.specifier
        assert spec.operator == "==", line
        pins[canonicalize_name(requirement.name)] = Version(spec.version)
    return pins


def test_fast_moving_dependencies_have_upper_bounds():
    by_name = {canonicalize_name(r.name): r for r in declared()}
    assert set(by_name) >= BOUNDED
    unbounded = [str(by_name[n]) for n in sorted(BOUNDED)
                 if not any(s.operator in ("<", "<=", "~=", "==") for s in by_name[n].specifier)]
    assert unbounded == []


def test_the_lock_pins_every_declared_dependency_inside_its_range():
    pins = locked()
    assert len(pins) > 40  # the whole tree, not just the direct dependencies
    outside = []
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        if not requirement.specifier.contains(pins[name], prereleases=True):
            outside.append(f"{requirement} locked at {pins[name]}")
    assert outside == [], "requirements.lock is older than pyproject.toml: run make lock"


def test_the_test_environment_is_the_locked_one():
    pins = locked()
    installed = {canonicalize_name(d.metadata["Name"]): Version(d.version)
                 for d in metadata.distributions()}
    different = {name: (str(pins[name]), str(installed.get(name)))
                 for name in pins if installed.get(name) != pins[name]}
    assert different == {}, "the venv is not the locked set: make installs requirements.lock"


def test_the_makefile_installs_from_the_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"pip install .*-r requirements\.lock", makefile)
    assert re.search(r"pip install .*--no-deps -e \.", makefile)
