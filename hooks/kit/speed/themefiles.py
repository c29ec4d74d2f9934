"""The theme's static files, listed without walking Material's hidden icon folders.

MkDocs adds a theme's static files to the build (`Files.add_files_from_theme`): it asks Jinja
for every file in the theme folders and then drops, one by one with a dozen `fnmatch` patterns,
the templates, Python files and every path with a part starting with a dot. Material's
templates hold some 14,500 files, 14,300 of them in `.icons/`: listing and dropping them is
about half a second of every build, cold or rebuilt, on one core. Here the same listing skips
hidden folders as it walks (everything below one is dropped by MkDocs' '.*' and '*/.*'
patterns anyway), and MkDocs' own function does the rest, so the files added are the same.
"""
from __future__ import annotations

import functools
import os
import jinja2
from mkdocs.structure.files import Files

_MKDOCS = Files.add_files_from_theme     # MkDocs' own (this module is imported before any build patches it)


def _visible_templates(loader: jinja2.FileSystemLoader) -> list[str]:
    """Jinja's FileSystemLoader.list_templates, not descending into folders named '.*'."""
    found = set()
    for searchpath in loader.searchpath:
        for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=loader.followlinks):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for filename in filenames:
                template = os.path.join(dirpath, filename)[len(searchpath):].strip(os.path.sep).replace(os.path.sep, "/")
                if template[:2] == "./":
                    template = template[2:]
                found.add(template)
    return sorted(found)


def add_files_from_theme(self: Files, env: jinja2.Environment, config) -> None:
    """MkDocs' Files.add_files_from_theme with the theme folders listed as above."""
    loader = env.loader
    if type(loader) is not jinja2.FileSystemLoader:
        return _MKDOCS(self, env, config)
    loader.list_templates = functools.partial(_visible_templates, loader)
    try:
        return _MKDOCS(self, env, config)
    finally:
        del loader.list_templates
