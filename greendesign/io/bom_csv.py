"""Read a CSV BOM file: its text encoding, its delimiter and its rows.

The encoding is UTF-8 (with or without byte order mark) tried strictly, then
GB18030 (which includes GBK and GB2312); UTF-16 and UTF-32 files are recognised
by their byte order mark, and a caller may name the encoding. The delimiter
(comma, semicolon or tab) is the one that splits the first lines into the most
cells. Cells are stripped of surrounding spaces; empty lines are left out but
still counted in the row numbers.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from greendesign.i18n import N_, _, translate
from greendesign.io import bom_table
from greendesign.io.bom_table import BomTable, fail, make_table, paused_gc, too_many_rows

_SAVE_HINT = N_("Save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8).")
_FIELD_LIMIT = re.compile(r"field larger than field limit \((\d+)\)")


def decode(source: Path, raw: bytes, encoding: str | None) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in.

    Raises
    ------
    BomImportError
        The encoding is unknown, the bytes are not text in it, or the file holds
        binary data.
    """
    save_hint = translate(_SAVE_HINT)
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except LookupError:
            raise fail(source, _("unknown text encoding {encoding!r}.").format(
                encoding=encoding), hint=_("Use utf-8, utf-8-sig or gb18030.")) from None
        except UnicodeDecodeError as exc:
            raise fail(source, _("the file is not {encoding} text (byte {byte}).").format(
                encoding=encoding, byte=exc.start), hint=save_hint) from None
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: same start
        try:
            return raw.decode("utf-32"), "utf-32"
        except UnicodeDecodeError:
            raise fail(source, _("the file is damaged UTF-32 text."), hint=save_hint) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise fail(source, _("the file is damaged UTF-16 text."), hint=save_hint) from None
    if b"\x00" in raw[:65536]:
        raise fail(source, _("the file is not a CSV text file (it holds binary data)."),
                   hint=_("Choose a .csv or .xlsx file. {save_hint}").format(save_hint=save_hint))
    try:
        text = raw.decode("utf-8-sig")
        return text, "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise fail(source, _("the file is neither UTF-8 nor GBK/GB18030 text (byte {byte}).").format(
            byte=exc.start), hint=save_hint) from None


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one giving the most cells in a line of the first 30."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_count = ",", 0
    for delimiter in (",", ";", "\t"):
        try:
            counts = [len(cells) for cells in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # e.g. a cell over the field size limit: the reader reports it
            continue
        count = max(counts, default=0)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def read_csv(source: Path, encoding: str | None) -> BomTable:
    """Read a CSV BOM file (see the module docstring).

    Raises
    ------
    BomImportError
        The file cannot be read or decoded, a line's quotes are unbalanced, or it
        has more than :data:`~greendesign.io.bom_table.MAX_ROWS` rows.
    """
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise fail(source, _("cannot read the file: {reason}.").format(
            reason=exc.strerror or exc)) from None
    text, used = decode(source, raw, encoding)
    del raw
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    records: list[tuple[int, list[str]]] = []
    limit = bom_table.record_limit()
    last_line = 0
    try:
        with paused_gc():  # a list per row, none of them garbage
            for cells in reader:
                start, last_line = last_line + 1, reader.line_num
                cells = list(map(str.strip, cells))
                if any(cells):
                    records.append((start, cells))
                    if len(records) > limit:
                        raise too_many_rows(source)
    except csv.Error as exc:
        raise fail(source, _("line {line}: {reason}.").format(
            line=reader.line_num, reason=_csv_reason(exc)),
            hint=_("Check the quotes on that line.")) from None
    return make_table(source, records, encoding=used, sheet=None)


def _csv_reason(exc: csv.Error) -> str:
    """What the CSV reader says is wrong, in the current language where it is known."""
    found = _FIELD_LIMIT.fullmatch(str(exc))
    if found:
        return _("field larger than field limit ({limit})").format(limit=found.group(1))
    return str(exc)
