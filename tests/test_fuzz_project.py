"""Fuzzing of project files: every input loads or raises the app's typed error.

The example count is bounded for the normal suite; ``make fuzz`` raises it
through ``GREENDESIGN_FUZZ_EXAMPLES``.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greendesign.errors import GreenDesignError
from greendesign.io.project_file import dumps_project, parse_project_text
from greendesign.model import Project

EXAMPLES = int(os.environ.get("GREENDESIGN_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])  # fixture is only read

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-10**30, max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def _load_or_typed_error(text: str) -> Project | None:
    try:
        return parse_project_text(text, source="fuzz.gdproj")
    except GreenDesignError as exc:
        assert str(exc)  # every typed error carries a message
        return None


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, prefix + (i,))


def _replace(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(value[head], rest, new)
    return copy


@FUZZ
@given(json_values)
def test_fuzz_random_json(value):
    _load_or_typed_error(json.dumps(value))


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_random_bytes(raw):
    _load_or_typed_error(raw.decode("utf-8", errors="replace"))


@FUZZ
@given(data=st.data(), new=json_values | st.sampled_from(
    [1e308, -1e308, 10**400, "", "NaN", [], {}, -1, 0, True, "x" * 10_000]))
def test_fuzz_single_field_mutations(small_project, data, new):
    valid = json.loads(dumps_project(small_project))
    paths = list(_paths(valid))
    path = data.draw(st.sampled_from(paths))
    mutated = _replace(valid, path, new)
    _load_or_typed_error(json.dumps(mutated))


@FUZZ
@given(st.data())
def test_fuzz_truncated_files(small_project, data):
    text = dumps_project(small_project)
    cut = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    result = _load_or_typed_error(text[:cut])
    # a file cut before its final closing brace can never load
    assert result is None or text[:cut].rstrip().endswith("}")


def test_deeply_nested_bom_is_refused_or_loaded_without_crash(small_project):
    data = json.loads(dumps_project(small_project))
    data["product"]["bom"] = ["@BOM@"]
    depth = 3000
    opening = "".join(f'{{"kind": "assembly", "id": "A{i}", "name": "a", "children": ['
                      for i in range(depth))
    leaf = '{"kind": "part", "id": "LEAF", "name": "leaf", "mass_kg": 1, "material": "pp"}'
    text = json.dumps(data).replace('"@BOM@"', opening + leaf + "]}" * depth)
    assert _load_or_typed_error(text) is None
