"""Build the part tree of a BOM table from its ``level`` or ``parent`` column.

The base of :class:`greendesign.io.bom_rows._TreeBuilder`: the cells of a row (unescaped,
padded), the problems with their row and column, the ids (checked, or generated), and the
tree, from the ``level`` column (integers or SAP-style dotted levels) or the ``parent``
column, with the rows in tree order. The cells of each row are checked in
:mod:`greendesign.io.bom_rows`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from greendesign.errors import BomImportError, Problem
from greendesign.i18n import _, ngettext
from greendesign.io.bom_table import fail

if TYPE_CHECKING:
    from greendesign.io.bom_table import BomTable

MAX_DEPTH = 100
MAX_PROBLEMS = 500
_ESCAPED = ("'=", "'+", "'-", "'@", "'\t", "'\r", "''")
_ID_PATTERN = re.compile(r"^[^\s/\\]{1,64}$")
#: Columns read by the row checks; a column the file does not map reads as empty.
_READ_COLUMNS = ("id", "level", "parent", "name", "name_zh", "module", "notes", "quantity",
                 "joint", "joint_count", "process", "process_amount", "mass", "mass_unit",
                 "material", "recycled_content", "scrap_rate", "priority_part", "plastic_marking")


class _Row:
    """One row of the table: its place in the file and in the tree, then its node."""

    __slots__ = ("number", "pos", "id", "level", "parent", "children", "node", "mass_kg",
                 "given_mass")

    def __init__(self, number: int, pos: int) -> None:
        self.number = number
        self.pos = pos  # index of the row in the table
        self.id = ""
        self.level = 1
        self.parent: _Row | None = None
        self.children: list[_Row] | tuple[()] = ()  # a list once it has one
        self.node: Any = None  # the checked values (a dict), then the Part or Assembly
        self.mass_kg = 0.0
        self.given_mass: tuple[float, str, str] | None = None  # kg, unit, cell text


def _adopt(parent: _Row, row: _Row) -> None:
    if parent.children:
        parent.children.append(row)
    else:
        parent.children = [row]


class _TreeRows:
    """The rows of a mapped table: their cells, their problems, their ids and their tree."""

    def __init__(self, table: BomTable, used: dict[str, str], warnings: list[Problem]) -> None:
        self.table = table
        self.warnings = warnings
        self.problems: list[Problem] = []
        self.header = {column: header for header, column in used.items()}
        self.index = {column: table.headers.index(header) for column, header in
                      self.header.items()}
        self.unescape = table.sheet is None  # CSV cells may carry an injection guard quote
        # where each read column is in a row of cells(): -1, always '', when not mapped
        self.at = {column: self.index.get(column, -1) for column in _READ_COLUMNS}
        self.width = max(self.index.values(), default=-1) + 1
        self.pads = [[""] * (missing + 1) for missing in range(self.width + 1)]
        self.quoted: set[int] = set()  # rows with a cell that may start with the guard quote
        if self.unescape:
            self.quoted = {pos for pos, text in enumerate(map("".join, table.rows))
                           if "'" in text}
        # the locations of problems, in the language of the import
        self.at_cell, self.at_row = _("row {row}, column {column!r}"), _("row {row}")

    def error(self, row: _Row | int, column: str | None, message: str, hint: str = "",
              part_id: str | None = None, warn: bool = False) -> None:
        number = row.number if isinstance(row, _Row) else row
        part_id = part_id or (row.id if isinstance(row, _Row) and row.id else None)
        header = self.header.get(column) if column else None
        where = self.at_cell.format(row=number, column=header) if header \
            else self.at_row.format(row=number)
        problem = Problem(message=message, location=where, hint=hint, part_id=part_id,
                          field=column, row=number, column=header)
        (self.warnings if warn else self.problems).append(problem)

    def cells(self, pos: int) -> list[str]:
        """The cells of row ``pos``, unescaped, with at least :attr:`width` cells and a last ''.

        ``cells(pos)[self.at[column]]`` is the text of ``column`` in the row.
        """
        cells = self.table.rows[pos]
        missing = self.width - len(cells)
        cells = cells + self.pads[missing if missing > 0 else 0]
        if pos in self.quoted:
            return [text[1:] if text.startswith(_ESCAPED) else text for text in cells]
        return cells

    def cell(self, row: _Row, column: str) -> str:
        return self.cells(row.pos)[self.at[column]]

    def column(self, column: str) -> list[str]:
        """The text of ``column`` in every row of the table."""
        index, rows = self.index.get(column), self.table.rows
        if index is None:
            return [""] * len(rows)
        texts = [cells[index] if index < len(cells) else "" for cells in rows]
        for pos in self.quoted:
            if texts[pos].startswith(_ESCAPED):
                texts[pos] = texts[pos][1:]
        return texts

    def row_numbers(self) -> list[int]:
        table, count = self.table, len(self.table.rows)
        if not table.row_numbers:
            return list(range(table.header_row + 1, table.header_row + 1 + count))
        if len(table.row_numbers) >= count:
            return table.row_numbers[:count]
        return [table.row_number(i) for i in range(count)]  # raises as row_number does

    # -- structure ---------------------------------------------------------------------
    def tree(self, rows: list[_Row],
             level_of: Mapping[str, tuple[Any, Any]]) -> tuple[list[_Row], list[_Row]]:
        """The top-level rows and every row in the order its cells are checked.

        ``level_of[text]`` is ``(level, None)`` or ``(None, error)`` for a ``level`` cell
        (:func:`~greendesign.io.bom_columns.parse_level`).
        """
        width = len(self.table.headers)
        for row, cells in zip(rows, self.table.rows, strict=True):
            if len(cells) <= width:
                continue
            extra = [c for c in cells[width:] if c]
            if extra:
                self.error(row, None, _(
                    "the row has {count} or more cells but the header has {width}; extra cell "
                    "{cell!r}").format(count=width + len(extra), width=width, cell=extra[0]),
                    _("quote cells that contain the delimiter, or add a header for the extra "
                      "column"))
        self.assign_ids(rows)
        if "level" in self.index:
            roots, rows = self.tree_by_level(rows, level_of)
        elif "parent" in self.index:
            roots = self.tree_by_parent(rows)
        else:
            roots = rows
        if not rows:
            raise self.failure(_("the file has a header but no part rows."))
        if self.problems:
            order = rows
        elif "level" in self.index:
            order = rows  # a tree of levels, read in tree order already (each row follows its
            # parent, and a row's subtree is the deeper rows right after it)
        else:
            order = self.preorder(roots)
        return roots, order

    def failure(self, message: str, problems: list[Problem] | None = None) -> BomImportError:
        return fail(self.table.source, message, problems=problems)

    def raise_problems(self) -> None:
        if not self.problems:
            return
        count = len(self.problems)
        problems = self.problems[:MAX_PROBLEMS]
        if count > MAX_PROBLEMS:
            more = count - MAX_PROBLEMS
            problems.append(Problem(ngettext("... and {count} more problem",
                                             "... and {count} more problems", more).format(
                count=more)))
        raise self.failure(ngettext("{count} problem in the BOM; nothing was imported.",
                                    "{count} problems in the BOM; nothing was imported.",
                                    count).format(count=count), problems=problems)

    def assign_ids(self, rows: list[_Row]) -> None:
        first: dict[str, _Row] = {}
        ids, valid = self.column("id"), _ID_PATTERN.match
        for row in rows:
            row.id = ids[row.pos]
            if not row.id:
                continue
            if not valid(row.id):
                self.error(row, "id", _("id {id!r} is not valid").format(id=row.id),
                           _("an id has 1 to 64 characters and no spaces or slashes"))
            elif row.id in first:
                self.error(row, "id", _("id {id!r} is used twice, in rows {first} and "
                                        "{second}").format(id=row.id, first=first[row.id].number,
                                                           second=row.number),
                           _("give every part and assembly its own id"))
            else:
                first[row.id] = row
        counter = 0
        for row in rows:
            if not row.id:
                counter += 1
                while f"P{counter:03d}" in first:
                    counter += 1
                row.id = f"P{counter:03d}"

    def tree_by_level(self, rows: list[_Row],
                      level_of: Mapping[str, tuple[Any, Any]]) -> tuple[list[_Row], list[_Row]]:
        roots: list[_Row] = []
        stack: list[_Row] = []
        kept: list[_Row] = []
        previous: _Row | None = None
        levels = self.column("level")
        for position, row in enumerate(rows):
            text = levels[row.pos]
            if not text:
                self.error(row, "level", _("the level is empty"), _(
                    "write 1 for a top-level row, 2 for a row inside it, and so on"))
                level = previous.level if previous else 1
            else:
                level, exc = level_of[text]
                if exc is not None:
                    self.error(row, "level", exc.message, exc.hint)
                    level = previous.level if previous else 1
            if level == 0:
                if position == 0:
                    name = self.cell(row, "name")
                    self.error(row, "level", _(
                        "row {row} (level 0, {name!r}) is the product itself; it was skipped "
                        "and the level-1 rows are its BOM").format(row=row.number, name=name),
                        warn=True)
                    continue
                self.error(row, "level", _("level 0 is only allowed once, in the first row, "
                                           "for the product itself"),
                           _("number the levels of parts from 1"))
                level = 1
            above = previous.level if previous else 0
            if level > above + 1:
                message = _("level {level} jumps more than one level down: row {row} above it "
                            "is at level {above}").format(level=level, row=previous.number,
                                                          above=above) if previous else _(
                    "level {level} jumps more than one level down: it is the first "
                    "row").format(level=level)
                self.error(row, "level", message, _(
                    "a row can be at most one level deeper than the row above; write {level} or "
                    "add the missing assembly row").format(level=above + 1))
                level = above + 1
            if level > MAX_DEPTH:
                self.error(row, "level", _("level {level} is deeper than {most} "
                                           "levels").format(level=level, most=MAX_DEPTH))
            row.level = level
            while stack and stack[-1].level >= level:
                stack.pop()
            if stack:
                parent = row.parent = stack[-1]
                if parent.children:
                    parent.children.append(row)
                else:
                    parent.children = [row]
            else:
                roots.append(row)
            stack.append(row)
            kept.append(row)
            previous = row
        return roots, kept

    def tree_by_parent(self, rows: list[_Row]) -> list[_Row]:
        by_id = {}
        for row in rows:
            by_id.setdefault(row.id, row)
        parents = self.column("parent")
        if "id" not in self.index and any(parents[row.pos] for row in rows):
            raise self.failure(_("the file has a parent column but no id column."), problems=[
                Problem(_("the parent column names ids, but no column gives the ids"),
                        location=_("column {column!r}").format(column=self.header["parent"]),
                        hint=_("add an id column (or map one), or use a level column instead"),
                        field="parent", column=self.header["parent"])])
        for row in rows:
            parent = parents[row.pos]
            if parent and parent not in by_id:
                self.error(row, "parent", _("parent {parent!r} is not the id of any "
                                            "row").format(parent=parent),
                           _("write the id of an assembly row, or leave it empty for a "
                             "top-level row"))
            elif parent:
                row.parent = by_id[parent]
        state: dict[int, int] = {}
        for row in rows:
            path: list[_Row] = []
            current: _Row | None = row
            while current is not None and id(current) not in state:
                state[id(current)] = 1
                path.append(current)
                current = current.parent
            if current is not None and state[id(current)] == 1:
                cycle = path[path.index(current):]
                chain = " > ".join(r.id for r in reversed(cycle)) + f" > {current.id}"
                rows_text = ", ".join(str(r.number) for r in sorted(cycle, key=lambda r: r.number))
                self.error(current, "parent", ngettext(
                    "part {id!r} is its own ancestor ({chain}; row {rows})",
                    "part {id!r} is its own ancestor ({chain}; rows {rows})", len(cycle)).format(
                        id=current.id, chain=chain, rows=rows_text),
                    _("change one of these parent cells so the chain ends at a top-level row"))
            for member in path:
                state[id(member)] = 2
        roots = []  # links are made even after errors: rows with children are assemblies
        for row in rows:
            if row.parent:
                _adopt(row.parent, row)
            else:
                roots.append(row)
        return roots

    def preorder(self, roots: list[_Row]) -> list[_Row]:
        order: list[_Row] = []
        stack = [(row, 1) for row in reversed(roots)]
        by_parent = "level" not in self.index
        while stack:
            row, depth = stack.pop()
            if by_parent and depth == MAX_DEPTH + 1:
                self.error(row, "parent", _("the tree is deeper than {most} levels").format(
                    most=MAX_DEPTH))
            order.append(row)
            if row.children:
                stack.extend((child, depth + 1) for child in reversed(row.children))
        return order
