"""Ways in for editors who do not write YAML: Excel sheets and Word documents, made into the same
checked data files (used by scripts/import.py and scripts/excel_template.py, never by a build)."""
