"""The Product page: product details, the BOM editor (tree model, cells, undo-aware edits) and the part side panel (fields, lists, compliance form)."""
