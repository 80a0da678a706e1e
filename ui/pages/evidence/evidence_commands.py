"""Undoable edits of the project's evidence record.

Every change on the Evidence pack page (an applicant field, a certificate, the profile, a
register item, an added file) is one :class:`SetEvidenceCommand` on the document's undo
stack, holding the record before and after (the records are small and immutable in use: a
change builds a new record with ``model_copy``), so Undo gives back exactly the old record
and the stack's clean state still tells whether the project differs from its file. A file
copied into the attachments folder stays there on Undo; the record no longer points to it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from greendesign.evidence.record import EvidenceRecord


class SetEvidenceCommand(QUndoCommand):
    """Replace the project's evidence record (``put`` installs a record and redraws)."""

    def __init__(self, put: Callable[[EvidenceRecord], None], old: EvidenceRecord,
                 new: EvidenceRecord, text: str) -> None:
        super().__init__(text)
        self.put, self.old, self.new = put, old, new

    def redo(self) -> None:
        self.put(self.new)

    def undo(self) -> None:
        self.put(self.old)
