"""Widgets and display helpers that more than one page uses: charts, table models, the method chooser, number formatting, placeholder and lazy pages."""
