"""The Results page: totals, stages, contributions, LCI tables and the uncertainty panel."""
