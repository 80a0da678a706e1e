"""The green design evidence pack: the data it reports (:mod:`.pack_data`), its PDF report,
workbook, JSON, charts, manifest, and the check of a pack (``greendesign-cli verify``)."""
