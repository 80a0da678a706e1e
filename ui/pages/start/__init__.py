"""The start page, shown when no project is open."""
