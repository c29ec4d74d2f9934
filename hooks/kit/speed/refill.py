"""Files written one by one into folders of their own (the sharded search index's 5,000 files at
10,000 entries): the last build's folder goes back from the trash whole, and only what differs is written.

The site folder's entries went to the trash when the build began (sitefolder.clean). The first
file written into a folder that is new or empty in the site brings that folder's last copy back
from the trash, one rename. Each file then stays as it is when the last build wrote these same
bytes there and it is untouched since (Placed below: same key, size and time), and is written
over otherwise; at the end of the build whatever else the folder holds is deleted. So the folder
ends as if written anew, for a stat() a file instead of a rename (or a write) each.
"""
from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

from kit.speed import sitefolder
from kit.speed.stores import key


class Refill:
    def __init__(self, output) -> None:
        self.output = output     # OutputCache: its Placed and the files written this build
        self.folders: dict[str, set[str] | None] = {}   # folder -> names written (None: not brought back)

    def write(self, path: Path, text: str) -> None:
        data = text.encode("utf-8")
        dest = os.path.abspath(path)
        folder, name = os.path.split(dest)
        k = key(data)
        names = self.folders[folder] if folder in self.folders else self._back(folder)
        placed = self.output.placed
        if names is not None:
            names.add(name)
            if placed.untouched(dest, k, dest):
                self.output.written[dest] = k
                return
        else:
            prev = placed.unchanged(dest, k)
            if prev is not None:
                try:
                    os.rename(prev, dest)
                    self.output.written[dest] = k
                    return
                except OSError:
                    pass
        with open(dest, "wb") as f:
            f.write(data)
        self.output.written[dest] = k

    def _back(self, folder: str) -> set[str] | None:
        """The folder's last copy, brought back in place of an empty or missing one; None if it is not."""
        names = None
        prev = sitefolder.previous(folder)
        try:
            if prev is not None and os.path.isdir(prev) and not (os.path.lexists(folder) and os.listdir(folder)):
                os.makedirs(os.path.dirname(folder), exist_ok=True)
                os.rename(prev, folder)     # replaces an empty folder
                names = set()
        except OSError:
            pass
        self.folders[folder] = names
        return names

    def finish(self) -> None:
        """What the folders brought back hold that this build did not write goes."""
        for folder, names in self.folders.items():
            if names is None:
                continue
            with os.scandir(folder) as entries:
                stale = [e.path for e in entries if e.name not in names]
            for path in stale:
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path)
                else:
                    os.unlink(path)
        self.folders = {}


PLACED = "placed.pickle"


class Placed:
    """Pages of the last build written from the page cache: file -> (cache key, size, mtime).

    `survey`, when a child process took it (Fast.__init__) while the build read its data, before the
    site folder went to the trash: each such file's size and time, and the folders that held an entry
    page alone (see survey()); the checks below then ask no more of the disk. A rename keeps both."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / PLACED
        self.old: dict[str, tuple[str, int, int]] = {}
        self.kept: dict[str, str] = {}   # file -> key: the last build's file, untouched, to be moved back
        self.survey: tuple[dict[str, tuple[int, int]], set[str]] | None = None
        try:
            with self.path.open("rb") as f:
                self.old = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass

    def unchanged(self, dest: str, key: str) -> str | None:
        """The last build's file for dest, now in the trash, if it is this key's page untouched."""
        prev = sitefolder.previous(dest)
        return prev if prev is not None and self.untouched(dest, key, prev) else None

    def untouched(self, dest: str, key: str, path: str) -> bool:
        """The last build wrote key's bytes to dest, and the file at path is that file, untouched (kept)."""
        record = self.old.get(dest)
        if record is None or record[0] != key:
            return False
        if self.survey is not None:
            now = self.survey[0].get(dest)
        else:
            try:
                st = os.stat(path)
                now = st.st_size, st.st_mtime_ns
            except OSError:
                now = None
        if now != record[1:]:
            return False
        self.kept[dest] = key
        return True

    def alone(self, folder: str, path: str) -> bool:
        """The site's folder (now at path, in the trash) held one file, index.html."""
        if self.survey is not None:
            return folder in self.survey[1]
        try:
            return os.listdir(path) == ["index.html"]
        except OSError:
            return False

    def save(self, written: dict[str, str]) -> None:
        """written: file -> cache key of every page this build wrote from or into the cache."""
        new = {}
        for dest, k in written.items():
            if self.kept.get(dest) == k:   # moved back: a rename keeps size and time (checked again when used)
                new[dest] = self.old[dest]
                continue
            try:
                st = os.stat(dest)
            except OSError:
                continue
            new[dest] = (k, st.st_size, st.st_mtime_ns)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(new, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)


def survey(folder: Path) -> tuple[dict[str, tuple[int, int]], set[str]]:
    """Placed.survey, taken in a forked child before the site folder goes to the trash."""
    stats, alone = {}, set()
    for dest in Placed(folder).old:
        try:
            st = os.stat(dest)
        except OSError:
            continue
        stats[dest] = (st.st_size, st.st_mtime_ns)
        if os.path.basename(dest) == "index.html" and os.listdir(os.path.dirname(dest)) == ["index.html"]:
            alone.add(os.path.dirname(dest))
    return stats, alone
