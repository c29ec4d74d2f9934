"""The kit: a county campaign site built from YAML data, in the order a build runs.

data/ -> pages/ -> outputs/, orchestrated by build.py; speed/ (caches, workers) is asked only
by build.py. Imports run one way: data imports nothing of the others (nor MkDocs), pages
import data, outputs import pages and data, speed imports the three, build imports all
(tests/test_layout.py).
"""
