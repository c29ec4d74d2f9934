"""Whole pages as the theme rendered them, and parsed data files, reused when unchanged."""
from __future__ import annotations

import json
import os
import pickle
import re
from importlib.metadata import version as package_version
from pathlib import Path

import jinja2

from kit import engine
from kit.speed import refill
from kit.speed.stores import BlobStore, key, squeeze, unsqueeze
from kit.speed.theme import DISPATCH


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
        self.placed = refill.Placed(folder)
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

    def store_packed(self, url: str, packed: bytes) -> None:
        """A page the render worker made (compressed), stored as it arrives (another thread)."""
        self.store.put(self.keys[url], packed)

    def take(self, page) -> None:
        """A page the render worker made, stored already: used like a hit."""
        self.hits[page.url] = self.keys.pop(page.url)

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
        """A hit the render worker writes (or wrote): carried over in the cache, not written here."""
        k = self.hits.pop(page.url)
        self.store.keep(k)
        self.written[page.file.abs_dest_path] = k

    def output(self, page, output: str) -> str:
        if self.capture is not None:
            self.capture[page.url] = output
            return output
        hit = self.hits.pop(page.url, None)
        if hit is not None:
            self.written[page.file.abs_dest_path] = hit
            packed = self.store.get(hit)
            if packed is not None:
                return unsqueeze(packed).decode("utf-8")
            raise OSError(f"页面缓存文件读取失败：{page.url}。请删除 .cache/ 文件夹后重新生成。")
        k = self.keys.pop(page.url, None)
        if k is not None:   # compressed: ten thousand pages stay a few tens of MB in memory
            self.store.put(k, squeeze(output.encode("utf-8")))
            self.written[page.file.abs_dest_path] = k
        return output


class YamlCache:
    """Parsed data files by content: an unchanged file is not parsed again.

    One small pickle a data file (.cache/wenming/yaml/<name hash>.pickle, keyed by the file's
    bytes and the code version): a rebuild after a change to one file rewrites that file's
    pickle only, not every file's parse. Only files that parsed without a problem are kept, so
    every error is still reported from a fresh parse, with its exact message."""

    def __init__(self, folder: Path, version: str, read) -> None:
        self.folder = folder / "yaml"
        self.version = version
        self.read = read
        self.used: set[str] = set()
        self.changed: dict[Path, tuple[str, object]] = {}
        self.hits: list[tuple[Path, str, object, frozenset]] = []   # with the marks it was loaded with

    def load_file(self, raw: bytes, name: str, report):
        k = key("yaml", self.version, name, raw)
        path = self.folder / f"{key('yaml-file', name)[:32]}.pickle"
        self.used.add(path.name)
        try:
            with path.open("rb") as f:
                saved, doc = pickle.load(f)
            if saved == k:
                self.hits.append((path, k, doc, _marks(doc)))
                return doc
        except Exception:   # no pickle, a damaged one, or one naming classes that moved
            pass
        before = len(report.lines())
        doc = self.read(raw, name, report)
        if doc is not None and len(report.lines()) == before:
            self.changed[path] = (k, doc)
        return doc

    def save(self) -> None:
        """Write the files parsed anew or newly marked clean; forget the pickles of files this build did not read."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for path, k, doc, marks in self.hits:   # marked clean under new rules (privacy.py), or walked anew
            if _marks(doc) != marks:
                self.changed[path] = (k, doc)
        for path, entry in self.changed.items():
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        for path in self.folder.glob("*.pickle"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)
        (self.folder.parent / "yaml.pickle").unlink(missing_ok=True)   # the single pickle of earlier kits


def _marks(doc) -> tuple[frozenset, frozenset]:
    """What the data check notes on a parsed file (kit/data/files/yamlnodes.Doc): its clean marks and walks."""
    return frozenset(getattr(doc, "clean", ())), frozenset(getattr(doc, "found", ()))


SKIP_EXTRA = {"wenming", "content_env", "wenming_build"}
# a theme template reading entries from the dataset would make every page depend on all data
READS_DATA = re.compile(r"config\.extra\.wenming\b(?!\.settings\b|_)|config\.extra\[")


def _nav(items) -> list:
    return [(type(i).__name__, str(i.title), getattr(i, "url", None), _nav(i.children or [])) for i in items]


def site_signature(root: Path, nav, config, data) -> str:
    theme_files = [p for p in (root / "overrides").rglob("*") if p.is_file() and "content" not in p.parts]
    reads_data = any(READS_DATA.search(p.read_text("utf-8", errors="replace")) for p in theme_files)
    data_hash = ""
    if reads_data:
        data_hash = key(*(p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()))
    extra = {k: v for k, v in config.extra.items() if k not in SKIP_EXTRA}
    fields = {k: config.get(k) for k in ("site_name", "site_url", "site_description", "site_author", "copyright",
                                         "repo_url", "repo_name", "edit_uri", "extra_css", "extra_javascript",
                                         "use_directory_urls")}
    signed = json.dumps([engine.label(), package_version("mkdocs-material"), fields, extra,
                         dict(config.theme), data.settings.model_dump(mode="json"), _nav(nav.items),
                         nav.homepage.url if nav.homepage else None, data_hash],
                        sort_keys=True, default=str, ensure_ascii=False)
    return key(re.sub(r" at 0x[0-9a-f]+", "", signed))


def with_cached_template(env: jinja2.Environment) -> None:
    """The empty template of pages with a stored output, the one-call template of the render worker's (theme.py);
    and the loaded templates kept in a dict (Jinja's cache_size=-1) instead of its LRU, which moves the name
    along a deque of 400 on every include: 0.4 s of a 10,000-page one-core build."""
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({OutputCache.TEMPLATE: "", DISPATCH: "{{ wm_dispatch() }}"}),
                                      env.loader])
    if isinstance(env.cache, jinja2.utils.LRUCache):
        env.cache = {}     # the loader changed: nothing in the old cache would be found again
