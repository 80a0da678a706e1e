"""Files: the project file (.gdproj), BOM import and export, atomic writes."""
