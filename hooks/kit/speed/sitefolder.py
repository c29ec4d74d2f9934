"""The site folder between builds: the old one cleared at once, unchanged pages moved back.

MkDocs empties the site folder before every build (utils.clean_directory, skipped with --dirty)
and then writes every file again: for thousands of pages that is thousands of files deleted one
by one and as many written, seconds of disk work while the editor waits. Here MkDocs' own call
is replaced (kit/patches.py): the same entries (all but hidden ones) are moved into a trash folder on the same
disk, one rename per top-level entry. A page whose stored output is the file the last build
wrote there (same cache key, and the file untouched since: same size and time) is moved back
instead of being written again (`write_stored`; an entry page alone in its folder goes back with
the folder; refill.py: the search index's folders). What is left in the trash is deleted by a separate
low-priority process once the build is done (a thread would hold the interpreter lock the build
needs). So the folder ends exactly as after MkDocs' clean and write.

The trash folder is .cache/wenming/trash/ in the project, or, for `mkdocs serve`'s temporary
folder, beside it; where neither is on the site's disk, MkDocs' own cleaning runs. Trash a
killed build left behind is deleted with the next.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kit import patches
from kit.speed.stores import unsqueeze

TRASH = Path(".cache") / "wenming" / "trash"
_ROOT: list[Path] = []
_MOVED: dict[str, str] = {}        # this build: site folder -> the trash folder its entries went to
_DIRS: set[str] = set()            # this build: folders of the site made or found (write_stored)
DELETE = """import os, shutil, sys
if hasattr(os, "nice"):
    os.nice(19)
for path in sys.argv[1:]:
    shutil.rmtree(path, ignore_errors=True)
"""


def prepare(root: Path) -> None:
    """For a build of the project at root; `clean` then stands in for MkDocs' clean_directory
    (kit/patches.py)."""
    _ROOT[:] = [root]
    _MOVED.clear()
    _DIRS.clear()


def _same_disk(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False


def _trash_folder(site: Path) -> Path | None:
    if _ROOT:
        trash = _ROOT[0] / TRASH
        try:
            trash.mkdir(parents=True, exist_ok=True)
        except OSError:
            trash = None
        if trash is not None and _same_disk(trash, site):
            return trash
    if site.name.startswith("mkdocs_") and site.parent == Path(tempfile.gettempdir()):
        return site.parent     # `mkdocs serve`'s own folder
    return None


def _delete(paths: list[str]) -> subprocess.Popen | None:
    if not paths:
        return None
    return subprocess.Popen([sys.executable, "-c", DELETE, *paths],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def clean(directory: str) -> subprocess.Popen | None:
    """Empty the site folder at once, as MkDocs would; returns the deleter of older trash."""
    site = Path(directory)
    _DIRS.clear()
    if not site.is_dir():
        return None
    trash_root = _trash_folder(site)
    if trash_root is None:
        patches.original("mkdocs.utils.clean_directory")(directory)
        return None
    old = [str(p) for p in trash_root.glob(f"{site.name}-old-*")]
    entries = [e for e in site.iterdir() if not e.name.startswith(".")]
    if entries:
        trash = Path(tempfile.mkdtemp(prefix=f"{site.name}-old-", dir=trash_root))
        for entry in entries:
            try:
                os.rename(entry, trash / entry.name)
            except OSError:
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, True)
                else:
                    entry.unlink(missing_ok=True)
        _MOVED[os.path.abspath(directory)] = str(trash)
    return _delete(old)


def previous(dest: str) -> str | None:
    """Where the last build's file at dest is now (in this build's trash), if it was moved."""
    dest = os.path.abspath(dest)
    for site, trash in _MOVED.items():
        if dest.startswith(site + os.sep):
            return trash + dest[len(site):]
    return None


def finish() -> subprocess.Popen | None:
    """The build is done (or failed): delete what was not moved back."""
    trash = list(_MOVED.values())
    _MOVED.clear()
    return _delete(trash)


def write_stored(blob: Path, places) -> None:
    """Put stored pages into the site: (dest, offset, length in the blob file, the unchanged
    last file in the trash or None). Moved back where possible, else written from the blob
    (stores.squeeze'd UTF-8, the bytes MkDocs would write)."""
    f = None
    try:
        for dest, offset, length, prev in places:
            if prev is not None and _folder_back(prev, dest):
                continue
            _folder(os.path.dirname(dest))
            if prev is not None:
                try:
                    os.rename(prev, dest)
                    continue
                except OSError:
                    pass
            if f is None:
                f = blob.open("rb")
            f.seek(offset)
            data = unsqueeze(f.read(length))
            with open(dest, "wb") as out:
                out.write(data)
    finally:
        if f is not None:
            f.close()


def _folder_back(prev: str, dest: str) -> bool:
    """A page alone in its folder (an entry page's .../name/index.html) goes back with its
    folder: one rename instead of a new folder and a rename."""
    folder, old = os.path.dirname(dest), os.path.dirname(prev)
    if os.path.basename(dest) != "index.html" or folder in _DIRS or old in _MOVED.values():
        return False
    try:
        if os.listdir(old) != ["index.html"]:
            return False
        _folder(os.path.dirname(folder))
        os.rename(old, folder)    # fails where the folder is there already with something in it
    except OSError:
        return False
    _DIRS.add(folder)
    return True


def _folder(path: str) -> None:
    """os.makedirs(path, exist_ok=True), without looking for a parent made or found already."""
    if path in _DIRS:
        return
    parent = os.path.dirname(path)
    if parent in _DIRS:
        try:
            os.mkdir(path)
        except FileExistsError:
            pass
    else:
        os.makedirs(path, exist_ok=True)
    _DIRS.update((path, parent))


class QuietSkips(logging.Filter):
    """MkDocs logs "Page skipped: '<file>'. Generated empty output." for a page it does not write;
    the render worker writes stored pages and those it renders (theme.py): their lines are dropped."""

    def __init__(self, sources: set[str]) -> None:
        super().__init__()
        self.sources = sources

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '"):
            return message.split("'")[1] not in self.sources
        return True
