"""Check the rows of a BOM table and build the part tree from them.

Used by :func:`greendesign.io.bom_import.import_bom` after the headers are mapped:
ids are checked or generated, the tree is built from the ``level`` column (integers
or SAP-style dotted levels) or the ``parent`` column, every cell is read with the
parsers of :mod:`greendesign.io.bom_columns`, and the nodes are made bottom-up.
Every problem is collected with its row and column before anything is returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from greendesign.errors import BomImportError, ModelValidationError, Problem, UnitError
from greendesign.io.bom_columns import (
    CellError,
    header_unit,
    parse_fraction,
    parse_joint,
    parse_level,
    parse_number,
    parse_priority,
    parse_quantity,
)
from greendesign.model import Assembly, Part, ProcessUse
from greendesign.units import normalise_mass_unit, parse_mass, to_kg

if TYPE_CHECKING:
    from greendesign.io.bom_import import BomTable

MAX_DEPTH = 100
MAX_PROBLEMS = 500
MASS_TOLERANCE = 0.05
_PART_ONLY = ("material", "recycled_content", "scrap_rate", "priority_part", "plastic_marking")
_FIELD_COLUMN = {"mass_kg": "mass", "processes": "process", "priority_kind": "priority_part"}
_ESCAPED = ("'=", "'+", "'-", "'@", "'\t", "'\r", "''")
_ID_PATTERN = re.compile(r"^[^\s/\\]{1,64}$")


@dataclass(eq=False)
class _Row:
    number: int
    cells: list[str]
    id: str = ""
    level: int = 1
    parent: _Row | None = None
    children: list[_Row] = field(default_factory=list)
    node: Part | Assembly | None = None
    mass_kg: float = 0.0
    given_mass: tuple[float, str, str] | None = None  # kg, unit, cell text


class _TreeBuilder:
    """Checks every row of a mapped table and builds the BOM tree from it."""

    def __init__(self, table: BomTable, used: dict[str, str], warnings: list[Problem]) -> None:
        self.table = table
        self.warnings = warnings
        self.problems: list[Problem] = []
        self.header = {column: header for header, column in used.items()}
        self.index = {column: table.headers.index(header) for column, header in
                      self.header.items()}
        self.unescape = table.sheet is None  # CSV cells may carry an injection guard quote

    def error(self, row: _Row | int, column: str | None, message: str, hint: str = "",
              part_id: str | None = None, warn: bool = False) -> None:
        number = row.number if isinstance(row, _Row) else row
        part_id = part_id or (row.id if isinstance(row, _Row) and row.id else None)
        header = self.header.get(column) if column else None
        where = f"row {number}" + (f", column {header!r}" if header else "")
        problem = Problem(message=message, location=where, hint=hint, part_id=part_id,
                          field=column, row=number, column=header)
        (self.warnings if warn else self.problems).append(problem)

    def cell(self, row: _Row, column: str) -> str:
        index = self.index.get(column)
        if index is None or index >= len(row.cells):
            return ""
        text = row.cells[index]
        if self.unescape and text.startswith(_ESCAPED):
            return text[1:]
        return text

    # -- structure ---------------------------------------------------------------------
    def build(self) -> list[Part | Assembly]:
        rows = [_Row(self.table.row_number(i), cells) for i, cells in enumerate(self.table.rows)]
        width = len(self.table.headers)
        for row in rows:
            extra = [c for c in row.cells[width:] if c]
            if extra:
                self.error(row, None, f"the row has {width + len(extra)} or more cells but the "
                           f"header has {width}; extra cell {extra[0]!r}",
                           "quote cells that contain the delimiter, or add a header for the "
                           "extra column")
        self.assign_ids(rows)
        if "level" in self.index:
            roots, rows = self.tree_by_level(rows)
        elif "parent" in self.index:
            roots = self.tree_by_parent(rows)
        else:
            roots = rows
        if not rows:
            raise self.failure("the file has a header but no part rows.")
        order = self.preorder(roots) if not self.problems else rows
        for row in order:
            self.parse(row)
        self.raise_problems()
        for row in reversed(order):
            self.make_node(row)
        self.raise_problems()
        return [row.node for row in roots]  # type: ignore[misc]

    def failure(self, message: str, problems: list[Problem] | None = None) -> BomImportError:
        return BomImportError(f"{self.table.source}: {message}", problems=problems)

    def raise_problems(self) -> None:
        if not self.problems:
            return
        count = len(self.problems)
        problems = self.problems[:MAX_PROBLEMS]
        if count > MAX_PROBLEMS:
            problems.append(Problem(f"... and {count - MAX_PROBLEMS} more problems"))
        noun = "problem" if count == 1 else "problems"
        raise self.failure(f"{count} {noun} in the BOM; nothing was imported.",
                    problems=problems)

    def assign_ids(self, rows: list[_Row]) -> None:
        first: dict[str, _Row] = {}
        for row in rows:
            row.id = self.cell(row, "id")
            if not row.id:
                continue
            if not _ID_PATTERN.match(row.id):
                self.error(row, "id", f"id {row.id!r} is not valid",
                           "an id has 1 to 64 characters and no spaces or slashes")
            elif row.id in first:
                self.error(row, "id", f"id {row.id!r} is used twice, in rows "
                           f"{first[row.id].number} and {row.number}",
                           "give every part and assembly its own id")
            else:
                first[row.id] = row
        counter = 0
        for row in rows:
            if not row.id:
                counter += 1
                while f"P{counter:03d}" in first:
                    counter += 1
                row.id = f"P{counter:03d}"

    def tree_by_level(self, rows: list[_Row]) -> tuple[list[_Row], list[_Row]]:
        roots: list[_Row] = []
        stack: list[_Row] = []
        kept: list[_Row] = []
        previous: _Row | None = None
        for position, row in enumerate(rows):
            text = self.cell(row, "level")
            try:
                if not text:
                    raise CellError("the level is empty", "write 1 for a top-level row, 2 for "
                                    "a row inside it, and so on")
                level = parse_level(text)
            except CellError as exc:
                self.error(row, "level", exc.message, exc.hint)
                level = previous.level if previous else 1
            if level == 0:
                if position == 0:
                    name = self.cell(row, "name")
                    self.error(row, "level", f"row {row.number} (level 0, {name!r}) is the "
                               "product itself; it was skipped and the level-1 rows are its "
                               "BOM", warn=True)
                    continue
                self.error(row, "level", "level 0 is only allowed once, in the first row, "
                           "for the product itself", "number the levels of parts from 1")
                level = 1
            above = previous.level if previous else 0
            if level > above + 1:
                where = f"row {previous.number} above it is at level {above}" if previous \
                    else "it is the first row"
                self.error(row, "level", f"level {level} jumps more than one level down: "
                           f"{where}", f"a row can be at most one level deeper than the row "
                           f"above; write {above + 1} or add the missing assembly row")
                level = above + 1
            if level > MAX_DEPTH:
                self.error(row, "level", f"level {level} is deeper than {MAX_DEPTH} levels")
            row.level = level
            while stack and stack[-1].level >= level:
                stack.pop()
            if stack:
                row.parent = stack[-1]
                stack[-1].children.append(row)
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
        if "id" not in self.index and any(self.cell(row, "parent") for row in rows):
            raise self.failure("the file has a parent column but no id column.", problems=[
                Problem("the parent column names ids, but no column gives the ids",
                        location=f"column {self.header['parent']!r}",
                        hint="add an id column (or map one), or use a level column instead",
                        field="parent", column=self.header["parent"])])
        for row in rows:
            parent = self.cell(row, "parent")
            if parent and parent not in by_id:
                self.error(row, "parent", f"parent {parent!r} is not the id of any row",
                           "write the id of an assembly row, or leave it empty for a top-level "
                           "row")
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
                self.error(current, "parent", f"part {current.id!r} is its own ancestor "
                           f"({chain}; rows {rows_text})",
                           "change one of these parent cells so the chain ends at a top-level "
                           "row")
            for member in path:
                state[id(member)] = 2
        roots = []  # links are made even after errors: rows with children are assemblies
        for row in rows:
            (row.parent.children if row.parent else roots).append(row)
        return roots

    def preorder(self, roots: list[_Row]) -> list[_Row]:
        order: list[_Row] = []
        stack = [(row, 1) for row in reversed(roots)]
        while stack:
            row, depth = stack.pop()
            if depth == MAX_DEPTH + 1 and "level" not in self.index:
                self.error(row, "parent", f"the tree is deeper than {MAX_DEPTH} levels")
            order.append(row)
            stack.extend((child, depth + 1) for child in reversed(row.children))
        return order

    # -- cells -------------------------------------------------------------------------
    def parse(self, row: _Row) -> None:
        values: dict[str, object] = {"id": row.id}
        name = self.cell(row, "name")
        if not name:
            self.error(row, "name", "the name is empty", "every part and assembly needs a name")
        elif len(name) > 200:
            self.error(row, "name", f"the name has {len(name)} characters, more than 200",
                       "shorten it and move the rest to the notes")
        values["name"] = name
        for column in ("name_zh", "module", "notes"):
            values[column] = self.cell(row, column)
        parsers = {"quantity": parse_quantity, "joint": parse_joint,
                   "joint_count": self.parse_count}
        for column, parser in parsers.items():
            text = self.cell(row, column)
            if text:
                try:
                    values[column] = parser(text)
                except CellError as exc:
                    self.error(row, column, exc.message, exc.hint)
        values["processes"] = self.parse_processes(row)
        if row.children:
            ignored = [self.header[c] for c in _PART_ONLY if self.cell(row, c)]
            if ignored:
                self.error(row, None, f"assembly {row.id!r}: column(s) "
                           f"{', '.join(map(repr, ignored))} were ignored; they apply to parts",
                           warn=True)
            mass = self.parse_mass(row, required=False)
            if mass is not None:
                row.given_mass = mass
            row.node = values  # type: ignore[assignment]  # made into a model later
            return
        mass = self.parse_mass(row, required=True)
        if mass is not None:
            values["mass_kg"], values["mass_unit"] = mass[0], mass[1]
        values["material"] = self.cell(row, "material")
        if not values["material"]:
            self.error(row, "material", "the material is empty",
                       "write the material dataset code of this part, e.g. steel_sheet_cold_rolled")
        for column, upper in (("recycled_content", 1.0), ("scrap_rate", 20.0)):
            text = self.cell(row, column)
            if text:
                try:
                    values[column] = parse_fraction(
                        text, upper=upper, percent_header=header_unit(self.header[column]) == "%")
                except CellError as exc:
                    self.error(row, column, exc.message, exc.hint)
        values["priority_part"], values["priority_kind"] = parse_priority(
            self.cell(row, "priority_part"))
        marking = self.cell(row, "plastic_marking")
        if marking and not marking.startswith(">") and not marking.endswith("<"):
            marking = f">{marking}<"
        values["plastic_marking"] = marking
        row.node = values  # type: ignore[assignment]

    @staticmethod
    def parse_count(text: str) -> int:
        number = parse_number(text)
        if not number.is_integer() or not 1 <= number <= 10_000:
            raise CellError(f"joint count {text!r} is not a whole number from 1 to 10000",
                            "write how many joints hold this part, e.g. 4")
        return int(number)

    def parse_processes(self, row: _Row) -> list[ProcessUse]:
        codes_text, amounts_text = self.cell(row, "process"), self.cell(row, "process_amount")
        codes = [c.strip() for c in codes_text.replace("；", ";").split(";")] if codes_text else []
        amounts = [a.strip() for a in amounts_text.replace("；", ";").split(";")] \
            if amounts_text else [""] * len(codes)
        if any(not c for c in codes):
            self.error(row, "process", f"process list {codes_text!r} has an empty entry",
                       "separate dataset codes with ';' and no empty entries")
            return []
        if len(amounts) != len(codes):
            self.error(row, "process_amount", f"{len(amounts)} process amount(s) for "
                       f"{len(codes)} process(es)", "give one amount per process, separated by "
                       "';' (leave an entry empty for the part's mass), or leave the cell empty")
            return []
        processes = []
        for code, amount in zip(codes, amounts, strict=True):
            value = None
            if amount:
                try:
                    value = parse_number(amount)
                    if value <= 0:
                        raise CellError(f"process amount {amount!r} is not greater than 0",
                                        "leave it empty to use the part's mass")
                except CellError as exc:
                    self.error(row, "process_amount", exc.message, exc.hint)
                    continue
            try:
                processes.append(ProcessUse(dataset=code, amount=value))
            except ModelValidationError as exc:  # e.g. a code over the length limit
                for problem in exc.problems:
                    self.error(row, "process", problem.message, problem.hint)
        return processes

    def parse_mass(self, row: _Row, *, required: bool) -> tuple[float, str, str] | None:
        text = self.cell(row, "mass")
        if not text:
            if required:
                self.error(row, "mass", "the mass is empty", "write the mass of one unit of "
                           "the part, e.g. 250 g, or a number with a mass_unit column")
            return None
        unit_text = self.cell(row, "mass_unit")
        column_unit = header = None
        try:
            if unit_text:
                column_unit = normalise_mass_unit(unit_text)
        except UnitError as exc:
            self.error(row, "mass_unit", exc.message, exc.hint)
            return None
        if "mass" in self.header and header_unit(self.header["mass"]) != "%":
            header = header_unit(self.header["mass"])
        in_cell = re.search(r"[\d.]\s*$", text) is None
        if not in_cell and column_unit and header and column_unit != header:
            self.error(row, "mass_unit", f"unit {unit_text!r} contradicts the unit {header!r} "
                       f"in the header {self.header['mass']!r}",
                       "remove the unit from the header or from this cell")
            return None
        try:
            value, unit = parse_mass(text, default_unit=column_unit or header or "kg")
        except UnitError as exc:
            self.error(row, "mass", exc.message, exc.hint or "write a positive number with an "
                       "optional unit, e.g. 250 g or 1.2 kg")
            return None
        if value <= 0:
            self.error(row, "mass", f"mass {text!r} is not greater than 0",
                       "write the mass of one unit, e.g. 250 g; remove rows of massless items")
            return None
        return to_kg(value, unit), column_unit or unit, text

    # -- models ------------------------------------------------------------------------
    def make_node(self, row: _Row) -> None:
        values: dict = row.node  # type: ignore[assignment]
        try:
            if row.children:
                row.node = Assembly(**values, children=[child.node for child in row.children])
            else:
                row.node = Part(**values)
        except ModelValidationError as exc:
            for problem in exc.problems:
                column = _FIELD_COLUMN.get(problem.field or "", problem.field)
                self.error(row, column if column in self.index else None, problem.message,
                           problem.hint)
            return
        if not row.children:
            row.mass_kg = row.node.mass_kg
            return
        row.mass_kg = sum(child.mass_kg * child.node.quantity for child in row.children)
        if row.given_mass is not None:
            given, unit, text = row.given_mass
            if abs(given - row.mass_kg) > MASS_TOLERANCE * row.mass_kg:
                self.error(row, "mass", f"assembly {row.id!r}: the mass given ({text}"
                           f"{'' if re.search('[^0-9. ]', text) else ' ' + unit}) differs "
                           f"from the sum of its parts ({row.mass_kg:.6g} kg) by more than "
                           f"{MASS_TOLERANCE:.0%}", "the sum of the parts is used; check the "
                           "parts' masses and quantities", warn=True)


def build_nodes(table: BomTable, used: dict[str, str],
                warnings: list[Problem]) -> list[Part | Assembly]:
    """Check every row of ``table`` and return the top-level BOM nodes.

    Parameters
    ----------
    table
        The table read from the file.
    used
        The checked mapping, source header -> BOM column.
    warnings
        Warnings are appended here.

    Raises
    ------
    BomImportError
        Any error in the rows, each problem with its row and column.
    """
    return _TreeBuilder(table, used, warnings).build()
