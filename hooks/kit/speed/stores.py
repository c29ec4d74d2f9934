"""A content-keyed cache under .cache/: work a build did, reused when its inputs are unchanged.

Every key is a hash of everything the value depends on (the input text, the settings that shape
the output, and the version of our code), so a stale value can never be found. Each store keeps
only the entries the last build used: an entry whose page was removed disappears with the next
build, and the cache never grows beyond one build's worth.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import threading
import zlib
from pathlib import Path
from typing import Any, Callable

try:    # LZ4 packs a page ten times faster than zlib at level 1 (a third larger): requirements.txt
    import lz4.block as lz4
except ImportError:     # an older environment: zlib, and caches of its own (FORMAT)
    lz4 = None

HOOKS = Path(__file__).resolve().parents[2]   # hooks/: all of our code
FORMAT = "1-lz4" if lz4 else "1-zlib"


def squeeze(data: bytes) -> bytes:
    """Bytes as the caches and the render worker keep pages and bodies (in memory and in
    .cache/): compressed for speed, not size (at 10,000 entries zlib was 3 s of a one-core build)."""
    return lz4.compress(data) if lz4 else zlib.compress(data, 1)


def unsqueeze(data: bytes) -> bytes:
    return lz4.decompress(data) if lz4 else zlib.decompress(data)


def code_version(*folders: Path) -> str:
    """Hash of our code and templates: any edit to them invalidates every cached value."""
    h = hashlib.sha256(FORMAT.encode())
    for folder in (HOOKS, *folders):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".html", ".yml", ".txt") and "__pycache__" not in path.parts:
                h.update(path.relative_to(folder).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def key(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


class Store:
    """One pickled dict per kind of work, e.g. .cache/wenming/pages.pickle."""

    def __init__(self, folder: Path, name: str, version: str) -> None:
        self.path = folder / f"{name}.pickle"
        self.version = version
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        try:
            with self.path.open("rb") as f:
                saved_version, entries = pickle.load(f)
            if saved_version == version:
                self.old = entries
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, ImportError, AttributeError):
            pass    # no cache, a damaged one, or one written by another version of the kit (classes moved)

    def get(self, k: str) -> Any | None:
        if k in self.new:
            return self.new[k]
        value = self.old.get(k)
        if value is not None:
            self.new[k] = value
        return value

    def put(self, k: str, value: Any) -> None:
        self.new[k] = value

    def made(self, k: str, make: Callable[[], Any]) -> Any:
        """The stored value, or make() stored now."""
        hit = self.get(k)
        if hit is None:
            hit = make()
            self.put(k, hit)
        return hit

    def unchanged(self) -> bool:
        """This build used exactly the stored entries, as they were: the file holds them already."""
        return self.new.keys() == self.old.keys() and all(v is self.old[k] for k, v in self.new.items())

    def save(self) -> None:
        if self.old and self.unchanged() and self.path.is_file():
            return     # a rebuild that changed nothing here does not rewrite it (the memo, QR codes, ...)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump((self.version, self.new), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)


class BlobStore:
    """Like Store, for bytes values too many to hold in memory (whole pages): the values live in
    a file, the index {key: (offset, length)} in memory. Values this build uses are written to a
    new file as they come (a hit is copied over), so the next build finds exactly those.

    .cache/wenming/<name>.pickle holds (version, blob file name, index); the blob file's name is
    unique per save, so a build reading the old one is never disturbed by one saving a new one.
    """

    def __init__(self, folder: Path, name: str, version: str) -> None:
        self.folder = folder
        self.name = name
        self.path = folder / f"{name}.pickle"
        self.version = version
        self.old: dict[str, tuple[int, int]] = {}
        self.new: dict[str, tuple[int, int]] = {}
        self.reader = None
        self.writer = None
        self.new_reader = None
        self.lock = threading.Lock()    # the render worker's pages are put by another thread
        self.blob = f"{name}-{os.getpid()}-{os.urandom(4).hex()}.blobs"
        self.old_blob = ""
        self.appending = False
        try:
            with self.path.open("rb") as f:
                saved_version, blob, entries = pickle.load(f)
            if saved_version == version:
                self.reader = (folder / blob).open("rb")
                self.old = entries
                self.old_blob = blob
                self._append(folder / blob)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            self.old = {}

    def _append(self, path: Path) -> None:
        """Write on at the end of the last build's file while most of it is still in use: a
        rebuild that changed a few pages does not copy every stored page into a new file. Its
        values keep their places (a build reading them is not disturbed); a file with more than
        half of it unused is compacted into a new one. Only the build holding the file's lock appends."""
        size = os.fstat(self.reader.fileno()).st_size
        if any(start + length > size for start, length in self.old.values()):
            self.old = {}     # cut short: a damaged cache is a cold one
            return
        if size > 2 * sum(length for _, length in self.old.values()) + (1 << 20):
            return
        try:
            writer = path.open("ab")
            fcntl.flock(writer, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return
        self.writer, self.blob, self.appending = writer, path.name, True

    def _read(self, where: tuple[int, int]) -> bytes | None:
        self.reader.seek(where[0])
        data = self.reader.read(where[1])
        return data if len(data) == where[1] else None

    def get(self, k: str) -> bytes | None:
        if k in self.new:
            return self._read_new(self.new[k])
        where = self.old.get(k)
        value = self._read(where) if where is not None and self.reader is not None else None
        if value is not None:
            self._carry(k, value)
        return value

    def _carry(self, k: str, value: bytes | None) -> None:
        if self.appending:
            with self.lock:
                self.new[k] = self.old[k]   # where it is, in the file this build writes on
        else:
            self.put(k, value)

    def keep(self, k: str) -> None:
        """Carry a stored value over to the next build without looking at it."""
        if k in self.new:
            return
        if self.appending and k in self.old:
            self._carry(k, None)
        else:
            self.get(k)

    def has(self, k: str) -> bool:
        return k in self.new or (k in self.old and self.reader is not None)

    def _read_new(self, where: tuple[int, int]) -> bytes:
        with self.lock:
            self.writer.flush()
            if self.new_reader is None:
                self.new_reader = (self.folder / self.blob).open("rb")
            self.new_reader.seek(where[0])
            return self.new_reader.read(where[1])

    def put(self, k: str, value: bytes) -> None:
        with self.lock:
            if self.writer is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                self.writer = (self.folder / self.blob).open("wb")
            self.new[k] = (self.writer.tell(), len(value))
            self.writer.write(value)

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.writer is None:
            self.writer = (self.folder / self.blob).open("wb")
        self.writer.close()
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump((self.version, self.blob, self.new), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
        for handle in (self.reader, self.new_reader):
            if handle is not None:
                handle.close()
        for old in self.folder.glob(f"{self.name}-*.blobs"):   # an open reader keeps its file
            if old.name != self.blob:
                old.unlink(missing_ok=True)


class NullStore(Store):
    """A store that keeps nothing: what every store is when speed is off."""

    def __init__(self) -> None:
        self.path = None
        self.version = ""
        self.old = {}
        self.new = {}

    def get(self, k: str) -> None:
        return None

    def put(self, k: str, value: Any) -> None:
        pass

    def save(self) -> None:
        pass
