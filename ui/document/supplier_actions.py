"""File > Import Supplier Data: declared values of suppliers from a CSV or XLSX file.

:meth:`SupplierDataActions.import_supplier_data` asks for the file, reads it with the core
(:func:`greendesign.lca.declared.read_supplier_file`), tells the user how many rows were read
and which were refused (file, row, column, fix), and applies the good rows to the shown
design only when the user confirms: as one undoable edit (a
:class:`~ui.document.edit_commands.ReplaceProductCommand`). Cancelling changes nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from greendesign.errors import GreenDesignError
from ui.document.document import ProjectDocument
from ui.document.edit_commands import ReplaceProductCommand
from ui.prompts import UserPrompts

log = logging.getLogger("greendesign.ui")

PROBLEMS_SHOWN = 12
"""Refused rows listed in the confirmation; the count says how many there are in all."""


class SupplierDataActions(QObject):
    """The Import Supplier Data command over a :class:`ProjectDocument`.

    Signals
    -------
    statusMessage(str)
        A short confirmation for the status bar.
    """

    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, prompts: UserPrompts,
                 window: QWidget) -> None:
        super().__init__(window)
        self.document = document
        self.prompts = prompts
        self.window = window
        self.file_filter = self.tr("Supplier data (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)")
        self.import_action = QAction(self.tr("Import &Supplier Data\u2026"), self)
        tip = self.tr("Read suppliers' declared values (EPD, PCF, measured) from CSV or Excel "
                      "into the shown design")
        self.import_action.setStatusTip(tip)
        self.import_action.setToolTip(tip)
        self.import_action.triggered.connect(lambda _checked=False: self.import_supplier_data())

    def import_supplier_data(self, path: str | Path | None = None) -> bool:
        """Read a supplier data file and apply its good rows when confirmed; True when applied."""
        product = self.document.product
        if product is None:
            return False
        if path is None:
            start = str(self.document.path.parent) if self.document.path else ""
            path = self.prompts.open_path(self.window, self.tr("Import supplier data"), start,
                                          self.file_filter)
            if path is None:
                return False
        from greendesign.io.supplier_data import apply_supplier_data  # deferred: the reader
        from greendesign.lca.declared import read_supplier_file

        title = self.tr("Cannot import the supplier data")
        try:
            found = read_supplier_file(path, product)
        except GreenDesignError as exc:
            log.info("could not read %s: %s", path, exc.message)
            self.prompts.show_error(self.window, exc, title)
            return False
        if not found.entries:
            self.prompts.show_error(self.window, GreenDesignError(
                self.tr("{file}: no row can be imported.").format(file=found.source.name),
                problems=found.problems,
                hint=self.tr("Fix the rows listed and import the file again.")), title)
            return False
        listed = [str(p) for p in found.problems[:PROBLEMS_SHOWN]]
        if len(found.problems) > PROBLEMS_SHOWN:
            listed.append(self.tr("and {count} more").format(
                count=len(found.problems) - PROBLEMS_SHOWN))
        text = self.tr("{file}: declared values read: {count}; rows refused: {refused}.").format(
            file=found.source.name, count=len(found.entries), refused=found.refused_rows)
        informative = "\n".join([*listed, "", self.tr(
            "Apply the values read to the design \u201c{design}\u201d? Undo takes them back."
        ).format(design=self.document.design_name)]).strip()
        if not self.prompts.confirm(self.window, self.tr("Import supplier data"), text,
                                    informative, self.tr("Apply")):
            return False
        try:
            changed = apply_supplier_data(product, found.entries)
        except GreenDesignError as exc:
            self.prompts.show_error(self.window, exc, title)
            return False
        self.document.undo_stack.push(ReplaceProductCommand(
            self.document, self.document.design_name, product, changed,
            self.tr("Import supplier data")))
        self.statusMessage.emit(self.tr("Declared values imported from {file}: {count}").format(
            count=len(found.entries), file=found.source.name))
        return True
