"""The document layer: the open project, its undo commands, autosave, the single-writer lock and the file actions (open, save, import and export of BOMs)."""
