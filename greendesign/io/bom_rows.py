"""Check the cells of every row of a BOM table and make the part tree's nodes.

Used by :func:`greendesign.io.bom_import.import_bom` after the headers are mapped: the
ids and the tree (from the ``level`` or ``parent`` column) come from
:mod:`greendesign.io.bom_tree`, every cell is read with the parsers of
:mod:`greendesign.io.bom_columns`, and the nodes are made bottom-up. Every problem is
collected with its row and column before anything is returned.

A BOM of 100,000 rows holds few distinct quantities, shares, joints, units, levels
and process lists: each parser runs once per distinct text of its column
(:class:`Memo`; the parsers depend on the text alone), and each row is read in one
pass. Problems come out in the order of the checks: rows in tree order, and within
a row the columns in the order of :meth:`_TreeBuilder.parse_rows`. The nodes are
validated by the model itself (:meth:`_TreeBuilder.make_nodes`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from greendesign.errors import ModelValidationError, Problem, UnitError
from greendesign.i18n import _, ngettext
from greendesign.io.bom_columns import (
    CellError,
    header_unit,
    parse_fraction,
    parse_joint,
    parse_joint_count,
    parse_level,
    parse_priority,
    parse_processes,
    parse_quantity,
)
from greendesign.io.bom_table import paused_gc
from greendesign.io.bom_tree import _ESCAPED, _Row, _TreeRows
from greendesign.model import Assembly, Part
from greendesign.units import MASS_UNITS, normalise_mass_unit, parse_mass

if TYPE_CHECKING:
    from greendesign.io.bom_table import BomTable

MASS_TOLERANCE = 0.05
_PART_ONLY = ("material", "recycled_content", "scrap_rate", "priority_part", "plastic_marking")
#: The cells read together (see _TreeBuilder.part_cells and assembly_cells).
_NODE_CELLS = ("quantity", "joint", "joint_count", "process", "process_amount")
_PART_CELLS = (*_NODE_CELLS, "material", "recycled_content", "scrap_rate", "priority_part",
               "plastic_marking")
_ASSEMBLY_CELLS = (*_NODE_CELLS, *_PART_ONLY)
_FIELD_COLUMN = {"mass_kg": "mass", "processes": "process", "priority_kind": "priority_part"}
_ENDS_IN_NUMBER = re.compile(r"[\d.]\s*$")
_INF = float("inf")
#: Distinct texts remembered per parser (0: every cell is parsed on its own).
MEMO_SIZE = 100_000

Outcome = tuple[Any, Exception | None]


class Memo(dict):
    """``parser`` run once per distinct argument: ``memo[text]`` is ``(value, None)`` or
    ``(None, error)``.

    Only for parsers whose result (value or ``errors`` exception) depends on the
    argument alone; at most :data:`MEMO_SIZE` arguments are remembered. A known
    argument is looked up without a Python call (it is a ``dict``).
    """

    __slots__ = ("parser", "errors", "size")

    def __init__(self, parser: Callable[[Any], Any],
                 errors: tuple[type[Exception], ...] = (CellError,)) -> None:
        super().__init__()
        self.parser, self.errors, self.size = parser, errors, MEMO_SIZE

    def __missing__(self, text: Any) -> Outcome:
        try:
            result = (self.parser(text), None)
        except self.errors as exc:
            result = (None, exc.with_traceback(None))  # kept: no frames with it
        if len(self) < self.size:
            self[text] = result
        return result



class _TreeBuilder(_TreeRows):
    """Checks every row of a mapped table and builds the BOM tree from it."""

    def __init__(self, table: BomTable, used: dict[str, str], warnings: list[Problem]) -> None:
        super().__init__(table, used, warnings)
        self.cell_parsers = {column: Memo(parser) for column, parser in (
            ("quantity", parse_quantity), ("joint", parse_joint),
            ("joint_count", parse_joint_count))}
        self.cell_parsers.update((column, Memo(self.share_parser(column, upper)))
                                 for column, upper in (("recycled_content", 1.0),
                                                       ("scrap_rate", 20.0))
                                 if column in self.index)
        self.processes_of = Memo(lambda cells: parse_processes(*cells), ())

    def build(self) -> list[Part | Assembly]:
        rows = [_Row(number, pos) for pos, number in enumerate(self.row_numbers())]
        try:
            return self.build_tree(rows)
        finally:  # no cycles left for the collector: the rows are freed as soon as unused
            for row in rows:
                row.parent, row.children = None, ()

    def build_tree(self, rows: list[_Row]) -> list[Part | Assembly]:
        roots, order = self.tree(rows, Memo(parse_level))
        self.parse_rows(order)
        self.raise_problems()
        self.make_nodes(order)
        self.raise_problems()
        return [row.node for row in roots]

    # -- cells -------------------------------------------------------------------------
    def parse_rows(self, order: list[_Row]) -> None:
        """Read the cells of every row into its values, and validate a part's as the model.

        Within a row the checks run in this order: name, quantity, joint, joint count,
        processes, then for an assembly the part-only columns and the mass, for a part
        the mass, material, recycled content, scrap rate, priority and marking. The
        cells other than id, names, module, notes and mass are read together, once per
        distinct combination (:meth:`part_cells`, :meth:`assembly_cells`).

        A part's values are validated here, as ``Part(**values)`` validates them, while
        they are at hand; an assembly's in :meth:`make_nodes`, which also reports a
        failed validation. ``row.node`` is the part, or else the values.
        """
        at, error, table_rows, quoted = self.at, self.error, self.table.rows, self.quoted
        width, pads = self.width, self.pads
        i_name, i_zh, i_module, i_notes, i_mass, i_unit = (at[c] for c in (
            "name", "name_zh", "module", "notes", "mass", "mass_unit"))
        part_key = itemgetter(*(at[c] for c in _PART_CELLS))
        assembly_key = itemgetter(*(at[c] for c in _ASSEMBLY_CELLS))
        part_cells, assembly_cells = Memo(self.part_cells, ()), Memo(self.assembly_cells, ())
        validate_part = Part.__pydantic_validator__.validate_python
        mass_of = self.mass_reader()
        for row in order:
            cells = table_rows[row.pos]  # as self.cells(row.pos), inline for speed
            missing = width - len(cells)
            cells = cells + pads[missing if missing > 0 else 0]
            if quoted and row.pos in quoted:
                cells = [text[1:] if text.startswith(_ESCAPED) else text for text in cells]
            name = cells[i_name]
            if not name:
                error(row, "name", _("the name is empty"),
                      _("every part and assembly needs a name"))
            elif len(name) > 200:
                error(row, "name", ngettext("the name has {count} character, more than {most}",
                                            "the name has {count} characters, more than {most}",
                                            len(name)).format(count=len(name), most=200),
                      _("shorten it and move the rest to the notes"))
            if row.children:
                (fields, processes, before, ignored), _none = \
                    assembly_cells[assembly_key(cells)]
            else:
                (fields, processes, before, after), _none = part_cells[part_key(cells)]
            for column, message, hint in before:
                error(row, column, message, hint)
            values: dict[str, object] = {
                "id": row.id, "name": name, "name_zh": cells[i_zh], "module": cells[i_module],
                "notes": cells[i_notes], **fields, "processes": processes}
            if row.children:
                if ignored:
                    error(row, None, ngettext(
                        "assembly {id!r}: column {columns} was ignored; it applies to parts",
                        "assembly {id!r}: columns {columns} were ignored; they apply to parts",
                        len(ignored)).format(id=row.id, columns=", ".join(map(repr, ignored))),
                        warn=True)
                mass = mass_of(row, cells[i_mass], cells[i_unit], False)
                if mass is not None:
                    row.given_mass = mass
                row.node = values  # made into a model in make_nodes
                continue
            mass = mass_of(row, cells[i_mass], cells[i_unit], True)
            if mass is not None:
                values["mass_kg"], values["mass_unit"] = mass[0], mass[1]
            for column, message, hint in after:
                error(row, column, message, hint)
            try:  # as Part(**values); a failure is reported in make_nodes, in tree order
                row.node = validate_part(values)
            except ValidationError:
                row.node = values

    def node_cells(self, texts: tuple[str, ...]) -> tuple[dict[str, object], list, list]:
        """Quantity, joint, joint count and processes: their values, processes and problems.

        The processes are the values of :class:`~greendesign.model.ProcessUse` objects, each
        validated already (:func:`~greendesign.io.bom_columns.parse_processes`): the
        model's validation makes them again, new for each node (the list and its values
        are only read, so rows share them).
        """
        fields: dict[str, object] = {}
        problems: list[tuple[str, str, str]] = []
        for column, text in zip(("quantity", "joint", "joint_count"), texts, strict=False):
            if text:
                value, exc = self.cell_parsers[column][text]
                if exc is None:
                    fields[column] = value
                else:
                    problems.append((column, exc.message, exc.hint))
        processes: list[dict[str, object]] = []
        codes, amounts = texts[3], texts[4]
        if codes or amounts:
            (plan, found), _none = self.processes_of[codes, amounts]
            problems.extend(found)
            processes = [{"dataset": code, "amount": amount} for code, amount in plan]
        return fields, processes, problems

    def part_cells(self, texts: tuple[str, ...]) -> tuple:
        """The cells :data:`_PART_CELLS` of a part: its values, processes, and the problems
        before the mass and after it (column, message, hint)."""
        fields, processes, before = self.node_cells(texts)
        material, recycled, scrap, priority, marking = texts[5:]
        fields = {**fields, "material": material}
        after: list[tuple[str, str, str]] = []
        if not material:
            after.append(("material", _("the material is empty"), _(
                "write the material dataset code of this part, e.g. steel_sheet_cold_rolled")))
        for column, text in (("recycled_content", recycled), ("scrap_rate", scrap)):
            if text:
                value, exc = self.cell_parsers[column][text]
                if exc is None:
                    fields[column] = value
                else:
                    after.append((column, exc.message, exc.hint))
        fields["priority_part"], fields["priority_kind"] = parse_priority(priority)
        if marking and not marking.startswith(">") and not marking.endswith("<"):
            marking = f">{marking}<"
        fields["plastic_marking"] = marking
        return fields, processes, before, after

    def assembly_cells(self, texts: tuple[str, ...]) -> tuple:
        """The cells :data:`_ASSEMBLY_CELLS` of an assembly: its values, processes, problems,
        and the headers of the part-only columns it fills (they are ignored)."""
        fields, processes, problems = self.node_cells(texts)
        ignored = [self.header[column] for column, text in zip(_PART_ONLY, texts[5:],
                                                               strict=True) if text]
        return fields, processes, problems, ignored

    def share_parser(self, column: str, upper: float) -> Callable[[str], float]:
        percent_header = header_unit(self.header[column]) == "%"
        return lambda text: parse_fraction(text, upper=upper, percent_header=percent_header)

    def mass_reader(self) -> Callable[[_Row, str, str, bool], tuple[float, str, str] | None]:
        """``read(row, mass cell, mass_unit cell, required)``: (kg, unit, cell text) or None."""
        error = self.error
        header = None
        if "mass" in self.header and header_unit(self.header["mass"]) != "%":
            header = header_unit(self.header["mass"])
        unit_of = Memo(normalise_mass_unit, (UnitError,))

        def read(row: _Row, text: str, unit_text: str,
                 required: bool) -> tuple[float, str, str] | None:
            if not text:
                if required:
                    error(row, "mass", _("the mass is empty"), _(
                        "write the mass of one unit of the part, e.g. 250 g, or a number with a "
                        "mass_unit column"))
                return None
            column_unit = None
            if unit_text:
                column_unit, exc = unit_of[unit_text]
                if exc is not None:
                    error(row, "mass_unit", exc.message, exc.hint)
                    return None
            if column_unit and header and column_unit != header and \
                    _ENDS_IN_NUMBER.search(text) is not None:  # the cell has no unit
                error(row, "mass_unit", _("unit {unit!r} contradicts the unit {header_unit!r} "
                                          "in the header {header!r}").format(
                    unit=unit_text, header_unit=header, header=self.header["mass"]),
                    _("remove the unit from the header or from this cell"))
                return None
            unit = column_unit or header or "kg"
            # a plain number (digits, one point) is what parse_mass reads, in the default unit
            value = float(text) if text.isascii() and text.replace(".", "", 1).isdigit() \
                else _INF
            if value == _INF:
                try:
                    value, unit = parse_mass(text, default_unit=unit)
                except UnitError as exc:
                    error(row, "mass", exc.message, exc.hint or _(
                        "write a positive number with an optional unit, e.g. 250 g or 1.2 kg"))
                    return None
            if value <= 0:
                error(row, "mass", _("mass {text!r} is not greater than 0").format(text=text),
                      _("write the mass of one unit, e.g. 250 g; remove rows of massless "
                        "items"))
                return None
            return value * MASS_UNITS[unit], column_unit or unit, text  # = to_kg(value, unit)

        return read

    # -- models ------------------------------------------------------------------------
    def make_nodes(self, order: list[_Row]) -> None:
        """Make the models bottom-up, with the model's own validation.

        Parts were validated as their row was read (:meth:`parse_rows`: the same
        validation, while the row's values are at hand); assemblies are validated here
        by their model's validator (what ``Assembly(**values)`` runs, without the keyword
        copy). A node whose validation failed is made again with the model's
        constructor, for the model's :class:`~greendesign.errors.ModelValidationError`
        and its problems, in the order of the rows as before.
        """
        validate_assembly = Assembly.__pydantic_validator__.validate_python
        for row in reversed(order):
            values: dict = row.node
            children = row.children
            try:
                if not children:
                    if values.__class__ is not Part:  # its validation failed: the model's error
                        row.node = Part(**values)
                    row.mass_kg = row.node.mass_kg
                    continue
                values = {**values, "children": [child.node for child in children]}
                try:
                    row.node = validate_assembly(values)
                except ValidationError:
                    row.node = Assembly(**values)  # raises the model's own error
            except ModelValidationError as exc:
                for problem in exc.problems:
                    column = _FIELD_COLUMN.get(problem.field or "", problem.field)
                    self.error(row, column if column in self.index else None, problem.message,
                               problem.hint)
                continue
            row.mass_kg = sum(child.mass_kg * child.node.quantity for child in children)
            if row.given_mass is not None:
                given, unit, text = row.given_mass
                if abs(given - row.mass_kg) > MASS_TOLERANCE * row.mass_kg:
                    shown = text if re.search("[^0-9. ]", text) else f"{text} {unit}"
                    self.error(row, "mass", _(
                        "assembly {id!r}: the mass given ({given}) differs from the sum of its "
                        "parts ({total} kg) by more than {tolerance}").format(
                            id=row.id, given=shown, total=f"{row.mass_kg:.6g}",
                            tolerance=f"{MASS_TOLERANCE:.0%}"),
                        _("the sum of the parts is used; check the parts' masses and "
                          "quantities"), warn=True)


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
    with paused_gc():  # a node and its values per row, none of them garbage
        return _TreeBuilder(table, used, warnings).build()
