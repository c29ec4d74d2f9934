"""Data: read every file strictly, type it with the models, check it across files, decide what
may be published. Imports nothing from MkDocs or Material, so `python hooks/check.py` is fast
and the data core outlives the site generator."""
