"""The start page's titles of project files: read from a file's head, the same as read whole."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bench.synthetic import synthetic_product
from greendesign.bundled import demo_products
from greendesign.io.project_file import save_project
from greendesign.model import Project
from ui.pages.start import start_page
from ui.pages.start.start_page import HEAD_BYTES, PATH_ROLE, StartPage, project_title


def whole_file_title(path: Path) -> str:
    """The title as the whole file gives it: every byte decoded, all of it parsed."""
    fallback = path.stem.replace("_", " ").capitalize()
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        product = data.get("product", {})
        name = str(product.get("name") or fallback)
        name_zh = str(product.get("name_zh") or "")
    except (OSError, ValueError, AttributeError):
        return fallback
    return f"{name}  \u00b7  {name_zh}" if name_zh else name


@pytest.fixture
def parses(monkeypatch) -> list[int]:
    """The length of every text :func:`json.loads` is given."""
    calls: list[int] = []
    real = json.loads

    def counting(text, *args, **kwargs):
        calls.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting)
    return calls


@pytest.fixture
def bytes_read(monkeypatch) -> list[int]:
    """The size of every read from a file the start page opens."""
    reads: list[int] = []
    real_open = Path.open

    class CountingFile(io.FileIO):
        def read(self, size=-1):
            data = super().read(size)
            reads.append(len(data))
            return data

    def counting_open(self, mode="r", *args, **kwargs):
        if mode == "rb":
            return CountingFile(self, "rb")
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting_open)
    return reads


@pytest.fixture(scope="module")
def synthetic_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("synthetic") / "synthetic_20k.gdproj"
    save_project(Project(product=synthetic_product(20_000)), path)
    return path


def test_demo_titles_are_the_whole_file_titles(parses):
    demos = demo_products()
    assert len(demos) == 3
    for path in demos:
        assert path.stat().st_size > HEAD_BYTES  # so the head is all that is read
        title = project_title(path)
        assert parses == []
        assert title == whole_file_title(path)
        product = json.loads(path.read_text(encoding="utf-8"))["product"]
        assert title == f"{product['name']}  \u00b7  {product['name_zh']}"
        parses.clear()


def test_synthetic_title_is_the_whole_file_title_from_its_head(synthetic_file, parses,
                                                               bytes_read):
    size = synthetic_file.stat().st_size
    assert size > 100 * HEAD_BYTES
    assert project_title(synthetic_file) == "Synthetic 20000-part product"
    assert parses == []
    assert 0 < sum(bytes_read) <= HEAD_BYTES + 1 + 64  # the head and the last bytes
    assert whole_file_title(synthetic_file) == "Synthetic 20000-part product"
    assert parses == [size]  # the reference does parse it all


def test_any_head_size_gives_the_whole_file_title(synthetic_file):
    """A head that ends inside the names (or before them) is not enough: the title is
    then read from the whole file, never from a cut-off name."""
    for path in demo_products():
        expected = whole_file_title(path)
        for head_bytes in [*range(0, 700, 3), 4096, 10**8]:
            assert project_title(path, head_bytes=head_bytes) == expected, (path, head_bytes)
    # the synthetic file is large to read whole: heads around the end of its names only
    head = synthetic_file.read_bytes()[:4096]
    after_names = head.index(b'"name_zh": ""') + len(b'"name_zh": ""')
    expected = whole_file_title(synthetic_file)
    for head_bytes in (0, 60, after_names - 1, after_names, after_names + 1, after_names + 2,
                       4096):
        assert project_title(synthetic_file, head_bytes=head_bytes) == expected, head_bytes


def test_a_long_head_without_the_product_is_read_whole(tmp_path, parses):
    padding = ["x" * 100] * 2000
    path = tmp_path / "reordered.gdproj"
    path.write_text(json.dumps({"variants": padding, "product": {"name": "Late", "name_zh":
                                                                "迟"}}), encoding="utf-8")
    assert path.stat().st_size > HEAD_BYTES
    assert project_title(path) == "Late  \u00b7  迟"
    assert parses == [path.stat().st_size]


KETTLE = {"format": "greendesign-project", "schema_version": 3,
          "product": {"name": "Kettle", "name_zh": "水壶", "model_number": "K1",
                      "bom": [{"id": f"P{i}", "name": f"Part {i}"} for i in range(300)]},
          "variants": []}


def damaged_files(folder: Path) -> dict[str, bytes]:
    """File names and contents: the files the start page may meet besides saved ones."""
    text = json.dumps(KETTLE, ensure_ascii=False, indent=1)
    good = text.encode("utf-8")
    product = KETTLE["product"]
    bom = json.dumps(product["bom"])

    def with_product(fields: str) -> bytes:
        return ('{"format": "greendesign-project", "product": {' + fields
                + f', "bom": {bom}}}}}').encode("utf-8")

    return {
        "saved.gdproj": good,
        "with_bom.gdproj": b"\xef\xbb\xbf" + good,
        "two_boms.gdproj": b"\xef\xbb\xbf\xef\xbb\xbf" + good,
        "cut_in_the_middle.gdproj": good[:len(good) // 2],
        "cut_at_the_end.gdproj": good.rstrip()[:-1],
        "trailing_text.gdproj": good + b" x",
        "trailing_space.gdproj": good + b" \r\n\t" * 30,
        "bad_utf8_in_head.gdproj": good.replace(b"Kettle", b"Ke\xfftle"),
        "bad_utf8_at_end.gdproj": good.rstrip()[:-1] + b"\xff}",
        "latin1.gdproj": text.replace("水壶", "Bouilloire à thé").encode("latin-1"),
        "top_level_list.gdproj": json.dumps([KETTLE]).encode(),
        "spaces_first.gdproj": b" " * 2000 + good,
        "product_is_text.gdproj": b'{"product": "Kettle", "x": ' + bom.encode() + b"}",
        "product_is_null.gdproj": b'{"product": null, "x": ' + bom.encode() + b"}",
        "no_product.gdproj": b'{"products": {"name": "Kettle"}, "x": ' + bom.encode() + b"}",
        "no_name.gdproj": with_product('"name_zh": "水壶"'),
        "empty_name.gdproj": with_product('"name": "", "name_zh": "水壶"'),
        "no_name_zh.gdproj": with_product('"name": "Kettle"'),
        "name_last.gdproj": ('{"product": {"bom": ' + bom + ', "name": "Kettle"}}').encode(),
        "numbers.gdproj": with_product('"name": 1234567, "name_zh": -0.5e3'),
        "not_a_number.gdproj": with_product('"name": NaN, "name_zh": Infinity'),
        "nested_name.gdproj": with_product('"name": {"en": "Kettle"}, "name_zh": ["水壶"]'),
        "twice.gdproj": with_product('"name": "First", "name": "Kettle", "name_zh": "水壶"'),
        "escapes.gdproj": with_product(r'"name": "K\u00e9ttle \"1.7\"", "name_zh": "\u6c34"'),
        "bad_escape.gdproj": with_product(r'"name": "K\qettle", "name_zh": "水壶"'),
        "control_character.gdproj": with_product('"name": "Ket\ntle", "name_zh": "水壶"'),
        "trailing_comma.gdproj": with_product('"name": "Kettle", "name_zh": "水壶",'),
        "single_quotes.gdproj": with_product("'name': 'Kettle'"),
        "empty.gdproj": b"",
        "binary.gdproj": bytes(range(256)) * 40,
    }


def test_damaged_files_get_the_title_of_a_whole_read(tmp_path):
    files = damaged_files(tmp_path)
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "a_folder.gdproj").mkdir()
    paths = [tmp_path / name for name in files] + [tmp_path / "a_folder.gdproj",
                                                   tmp_path / "gone_away.gdproj"]
    expected = {path.name: whole_file_title(path) for path in paths}
    # what the cases are: the file name for the unreadable ones, the names for the others
    assert expected["saved.gdproj"] == "Kettle  \u00b7  水壶"
    assert expected["cut_in_the_middle.gdproj"] == "Cut in the middle"
    assert expected["cut_at_the_end.gdproj"] == "Cut at the end"
    assert expected["bad_utf8_at_end.gdproj"] == "Bad utf8 at end"
    assert expected["trailing_text.gdproj"] == "Trailing text"
    assert expected["gone_away.gdproj"] == "Gone away"
    assert expected["a_folder.gdproj"] == "A folder"
    assert expected["no_name.gdproj"] == "No name  \u00b7  水壶"
    assert expected["twice.gdproj"] == "Kettle  \u00b7  水壶"
    assert expected["numbers.gdproj"] == "1234567  \u00b7  -500.0"
    assert expected["spaces_first.gdproj"] == "Kettle  \u00b7  水壶"
    for path in paths:
        for head_bytes in (0, 1, 40, 100, 200, 1000, 3000, HEAD_BYTES):
            assert project_title(path, head_bytes=head_bytes) == expected[path.name], (
                path.name, head_bytes)


def test_the_recent_list_names_a_large_file_without_reading_it_whole(qtbot, synthetic_file,
                                                                      parses, monkeypatch):
    monkeypatch.setattr(start_page, "demo_products", lambda: [])
    page = StartPage()
    qtbot.addWidget(page)
    page.refresh([synthetic_file, synthetic_file.with_name("missing_file.gdproj")])
    texts = [page.recent.item(row).text() for row in range(page.recent.count())]
    assert texts == [f"Synthetic 20000-part product    \u2014  {synthetic_file.parent}",
                     f"Missing file    \u2014  {synthetic_file.parent}"]
    assert page.recent.item(0).data(PATH_ROLE) == str(synthetic_file)
    assert parses == []
