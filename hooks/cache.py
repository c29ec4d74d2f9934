"""A content-keyed cache under .cache/: work a build did, reused when its inputs are unchanged.

Every key is a hash of everything the value depends on (the input text, the settings that shape
the output, and the version of our code), so a stale value can never be found. Each store keeps
only the entries the last build used: an entry whose page was removed disappears with the next
build, and the cache never grows beyond one build's worth.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import types
import zlib
from pathlib import Path
from typing import Any

from mkdocs.structure.toc import get_toc

import sitefolder


HOOKS = Path(__file__).resolve().parent
FORMAT = "1"
log = logging.getLogger("mkdocs.structure.pages")  # the logger whose level Page.render consults


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
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass

    def get(self, k: str) -> Any | None:
        if k in self.new:
            return self.new[k]
        value = self.old.get(k)
        if value is not None:
            self.new[k] = value
        return value

    def put(self, k: str, value: Any) -> None:
        self.new[k] = value

    def save(self) -> None:
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
        self.blob = f"{name}-{os.getpid()}-{os.urandom(4).hex()}.blobs"
        self.old_blob = ""
        try:
            with self.path.open("rb") as f:
                saved_version, blob, entries = pickle.load(f)
            if saved_version == version:
                self.reader = (folder / blob).open("rb")
                self.old = entries
                self.old_blob = blob
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            self.old = {}

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
            self.put(k, value)
        return value

    def keep(self, k: str) -> None:
        """Carry a stored value over to the next build without looking at it."""
        if k not in self.new:
            self.get(k)

    def has(self, k: str) -> bool:
        return k in self.new or (k in self.old and self.reader is not None)

    def _read_new(self, where: tuple[int, int]) -> bytes:
        self.writer.flush()
        if self.new_reader is None:
            self.new_reader = (self.folder / self.blob).open("rb")
        self.new_reader.seek(where[0])
        return self.new_reader.read(where[1])

    def put(self, k: str, value: bytes) -> None:
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


class Passthrough:
    """Generated page bodies are finished HTML: Markdown would hand them back unchanged (a raw
    HTML block, no headings for the table of contents) after parsing every tag. So MkDocs gets
    an empty page to convert, and on_page_content puts the body back.
    """

    def __init__(self) -> None:
        self.pending: dict[str, str] = {}

    def before(self, src_uri: str, markdown: str, page=None) -> str:
        if not markdown.lstrip().startswith("<") or "markdown=" in markdown:
            return markdown
        self.pending[src_uri] = markdown
        if page is not None:
            # an empty page needs no Markdown instance: MkDocs builds one per page with every
            # extension (a tenth of a cold build); render_blank sets what converting "" sets
            page.render = types.MethodType(render_blank, page)
        return ""

    def after(self, src_uri: str, html: str) -> str:
        return self.pending.pop(src_uri, html)


def render_blank(page, config, files) -> None:
    """Page.render for an empty Markdown source: exactly the attributes converting "" leaves."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}


def toc_tokens(toc) -> list[dict]:
    def token(item) -> dict:
        return {"level": item.level, "id": item.id, "name": item.title,
                "children": [token(c) for c in item.children]}
    return [token(i) for i in toc]


class OutputCache:
    """Whole pages as the theme rendered them, for pages kept out of the nav.

    The key holds everything the theme templates see for such a page: its URL, title, meta,
    content and table of contents, plus a site signature (nav, config, settings, theme and
    code version). A hit makes MkDocs render an empty template and on_post_page hands back the
    stored page: the theme, the largest part of a build, is skipped for every unchanged page.
    """

    TEMPLATE = "wenming-cached.html"

    def __init__(self, folder: Path, version: str) -> None:
        self.store = BlobStore(folder, "html", version)
        self.site = ""
        self.keys: dict[str, str] = {}
        self.hits: dict[str, str] = {}    # page URL -> key of its stored page, read when written
        self.capture: dict[str, str] | None = None   # in the render worker: pages it made
        self.placed = sitefolder.Placed(folder)
        self.written: dict[str, str] = {}   # site file -> key of the stored page it holds

    def check(self, page, html: str) -> bool:
        """Called at the end of on_page_content; True if the stored page can be used."""
        if not self.site:
            return False
        meta = json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False)
        k = key(self.site, page.url, str(page.title), meta, html, json.dumps(toc_tokens(page.toc)))
        if not self.store.has(k):
            self.keys[page.url] = k
            return False
        self.hits[page.url] = k
        page.meta["template"] = self.TEMPLATE
        return True

    def take(self, page, packed: bytes) -> None:
        """A page the render worker made (compressed): stored, and used like a hit."""
        k = self.keys.pop(page.url)
        self.store.put(k, packed)
        self.hits[page.url] = k

    def stored_places(self, doc_files) -> dict[str, tuple[str, int, int, str | None]]:
        """Pages to be written from the stored copy: URL -> (file, offset, length in the old blob
        file, the unchanged file of the last build to move back, if any)."""
        out = {}
        for f in doc_files:
            k = self.hits.get(f.page.url) if f.page is not None else None
            if k is not None and k in self.store.old and k not in self.store.new:
                out[f.page.url] = (f.abs_dest_path, *self.store.old[k], self.placed.unchanged(f.abs_dest_path, k))
                self.written[f.abs_dest_path] = k
        return out

    def skip(self, page) -> None:
        """A hit the render worker writes: carried over in the cache, not written here."""
        self.store.keep(self.hits.pop(page.url))

    def output(self, page, output: str) -> str:
        if self.capture is not None:
            self.capture[page.url] = output
            return output
        hit = self.hits.pop(page.url, None)
        if hit is not None:
            self.written[page.file.abs_dest_path] = hit
            packed = self.store.get(hit)
            if packed is not None:
                return zlib.decompress(packed).decode("utf-8")
            raise OSError(f"页面缓存文件读取失败：{page.url}。请删除 .cache/ 文件夹后重新生成。")
        k = self.keys.pop(page.url, None)
        if k is not None:   # compressed: ten thousand pages stay a few tens of MB in memory
            self.store.put(k, zlib.compress(output.encode("utf-8"), 1))
            self.written[page.file.abs_dest_path] = k
        return output


class YamlCache:
    """Parsed data files by content: an unchanged file is not parsed again.

    Only files that parsed without a problem are kept, so every error is still reported from
    a fresh parse, with its exact message."""

    def __init__(self, folder: Path, version: str, read) -> None:
        self.store = Store(folder, "yaml", version)
        self.read = read

    def load_file(self, raw: bytes, name: str, report):
        k = key("yaml", name, raw)
        hit = self.store.get(k)
        if hit is not None:
            return hit
        before = len(report.lines())
        doc = self.read(raw, name, report)
        if doc is not None and len(report.lines()) == before:
            self.store.put(k, doc)
        return doc
