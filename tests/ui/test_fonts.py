"""The bundled Chinese font: it covers every character the app shows, and Qt uses it
on a machine that has no font of its own (fontconfig pointed at an empty folder)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "resources" / "fonts"
FAMILY = "GreenDesign Sans SC"
STYLES = ("Regular", "Bold")


def translated_text() -> str:
    """Every Chinese translation of the interface catalogue."""
    root = ET.parse(ROOT / "resources" / "translations" / "greendesign_zh_CN.ts").getroot()
    return "".join(m.findtext("translation") or "" for m in root.iter("message"))


def shown_characters() -> set[str]:
    """Characters a user can see: translations, demo products, lca_data names and notes."""
    text = translated_text()
    for path in sorted((ROOT / "resources" / "demo").glob("*.gdproj")):
        text += path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "lca_data").rglob("*.csv")):
        text += path.read_text(encoding="utf-8")
    return {c for c in text if c.isprintable() and not c.isspace()}


def gb2312() -> set[str]:
    """GB 2312, enumerated from Python's codec (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((high, low)).decode("gb2312"))
    return chars


@pytest.mark.parametrize("style", STYLES)
def test_the_font_file_covers_gb2312_and_every_shown_character(style):
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / f"GreenDesignSansSC-{style}.ttf")
    cmap = font.getBestCmap()
    assert font["name"].getDebugName(1) == FAMILY
    assert "glyf" in font, "TrueType outlines, so that PDF writers can embed the font"
    codes = gb2312()
    assert len(codes) > 7400  # 6,763 hanzi and 682 other characters
    assert sorted(c for c in codes if ord(c) not in cmap) == []
    shown = shown_characters()
    assert "绿" in shown and "钢" in shown  # the sources are read
    missing = sorted(c for c in shown if ord(c) not in cmap)
    assert missing == [], ("characters outside the bundled font; run "
                           "packaging/build_cjk_font.py again: " + "".join(missing))


def test_the_licence_is_beside_the_font():
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Noto Sans CJK SC" in licence


PROBE = textwrap.dedent("""
    import json, sys
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QImage, QPainter, QColor
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from ui.app import has_cjk_font, load_bundled_fonts
    report = {"before": has_cjk_font(), "system_families": QFontDatabase.families()}
    report["loaded"] = load_bundled_fonts()
    report["after"] = has_cjk_font()
    report["styles"] = QFontDatabase.styles("%(family)s")
    text = open(sys.argv[1], encoding="utf-8").read()
    metrics = QFontMetrics(QFont("%(family)s"))
    report["not_in_font"] = sorted({c for c in text if not metrics.inFontUcs4(ord(c))})
    # paint the Chinese names of the pages with the application's default font
    image = QImage(400, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(QFont())
    painter.drawText(10, 40, "产品 生命周期 结果 绿色设计")
    painter.end()
    image.save(sys.argv[2])
    dark = sum(1 for x in range(400) for y in range(60) if image.pixelColor(x, y).value() < 128)
    report["dark_pixels"] = dark
    print(json.dumps(report))
""")


def test_qt_shows_chinese_with_no_system_font(tmp_path):
    """With fontconfig given an empty font folder, only the bundled font can draw Chinese."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>
""", encoding="utf-8")
    sample = tmp_path / "text.txt"
    sample.write_text("".join(sorted(shown_characters())), encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    env.pop("FONTCONFIG_PATH", None)
    script = tmp_path / "probe.py"
    script.write_text(PROBE % {"family": FAMILY}, encoding="utf-8")
    picture = tmp_path / "chinese.png"
    result = subprocess.run([sys.executable, str(script), str(sample), str(picture)],
                            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["before"] is False, ("the probe must see no system CJK font: "
                                       f"{report['system_families']}")
    assert FAMILY in report["loaded"]
    assert report["after"] is True
    assert {"Regular", "Bold"} <= set(report["styles"])
    assert report["not_in_font"] == []
    # 13 hanzi at the default size leave hundreds of dark pixels; boxes of missing glyphs
    # do too, so the coverage check above is what proves they are real glyphs
    assert report["dark_pixels"] > 300
