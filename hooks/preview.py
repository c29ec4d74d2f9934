"""`mkdocs serve` rebuilds: the old preview is cleared in the background.

MkDocs empties the site folder before every build; for a preview of thousands of pages that is
thousands of folders deleted one by one while the editor waits. `mkdocs serve` builds into its
own temporary folder (tempfile.mkdtemp(prefix="mkdocs_")): there, before MkDocs cleans, the old
contents are moved aside in one rename per top-level entry and deleted by a separate process
(a thread would hold the interpreter lock while the build needs it).
`mkdocs build` into the project's site folder is left to MkDocs.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def is_preview(site_dir: str) -> bool:
    path = Path(site_dir)
    return path.name.startswith("mkdocs_") and path.parent == Path(tempfile.gettempdir())


def clear_in_background(site_dir: str) -> subprocess.Popen | None:
    site = Path(site_dir)
    if not is_preview(site_dir) or not site.is_dir():
        return None
    entries = list(site.iterdir())
    if not entries:
        return None
    trash = Path(tempfile.mkdtemp(prefix=f"{site.name}-old-", dir=site.parent))
    for entry in entries:
        os.rename(entry, trash / entry.name)
    return subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                             str(trash)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
