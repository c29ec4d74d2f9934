"""Per-build state of the work we cache: page HTML, search segmentation, our search entries.

Created fresh in on_config (so `mkdocs serve` rebuilds start clean), kept in config.extra.
"""
from __future__ import annotations

import json
import re
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

import bodies
import images
import jiebacut
import offload
import pages
import parallel
import qrcache
import render
import search_words
import searchindex
import text
import yamlread
from cache import OutputCache, Passthrough, Store, YamlCache, code_version, key
from dataset import Dataset

CACHE_DIR = Path(".cache") / "wenming"
JINJA_CACHE = CACHE_DIR / "jinja"     # compiled templates (render.compiled_cache)
KEY = "wenming_speed"


def version(root: Path) -> str:
    """Our code and templates, hashed once per build for every store."""
    return code_version(root / "overrides")


def yaml_cache(root: Path, version: str) -> YamlCache:
    """Made before the data is loaded (on_config), and saved as soon as it is."""
    return YamlCache(root / CACHE_DIR, version, yamlread.load_file)


class Speed:
    def __init__(self, root: Path, config: MkDocsConfig, data: Dataset, version: str) -> None:
        folder = root / CACHE_DIR
        self.pages = Passthrough()
        self.output = OutputCache(folder, version)
        self.root = root
        self.images = images.Images(root / "data", folder)
        self.segments = Store(folder, "segments", version)
        # the search plugin's cuts, by sentence; a build that must cut everything loads jieba's
        # whole dictionary before the helpers fork, one that cuts a few sentences looks up their words
        self.cuts = Store(folder, "cuts", f"{version}:{jiebacut.TOKENIZER.words_state()}")
        jiebacut.TOKENIZER.store = self.cuts
        if not self.segments.old or not self.cuts.old:
            jiebacut.TOKENIZER.load_all()
        self.qr_store = Store(folder, "qr", version)
        self.qr = qrcache.QRCodes(self.qr_store, data.settings.site_url, lambda page: not self.cacheable(page))
        self.renderer = parallel.Renderer(self.output)
        self.nav = None
        self.segmenter = searchindex.Segmenter(self.segments, search_words.words(data))
        self.separator = re.compile(_separator(config))
        self.md_engine = text.md_engine()
        self.md_store = Store(folder, "markdown", version)
        self.generated: set[str] = set()
        self.meta: dict[str, dict[str, Any]] = {}    # generated page -> its meta (no front matter)
        self.texts: list[str] = []                     # distinct texts of our search entries
        self.raw: list[tuple[str, str, str, str]] = []     # location, title, summary, rest

    def md(self, value: str) -> Markup:
        """The Markdown filter, cached by text (a pure function of it)."""
        k = key("md", value or "")
        hit = self.md_store.get(k)
        if hit is None:
            hit = str(text.md(value, self.md_engine))
            self.md_store.put(k, hit)
        return Markup(hit)

    def cacheable(self, page) -> bool:
        return page.file.src_uri in self.generated and not page.file.inclusion.is_in_nav()

    def sign(self, nav, config: MkDocsConfig, data: Dataset) -> None:
        """The site signature for the output cache: everything but the page itself."""
        self.output.site = site_signature(self.root, nav, config, data)
        self.nav = nav

    def add(self, spec: pages.PageSpec, data: Dataset) -> None:
        """Note a generated page; index it here rather than in Material's search plugin."""
        self.generated.add(spec.src_uri)
        if not searchindex.indexed_here(spec.meta):
            head = searchindex.list_head(spec.meta, spec.context)
            if head:
                self.raw.append((render.page_url(spec.src_uri), spec.title, *head))
            return
        spec.meta.update(searchindex.EXCLUDE)
        extra = []
        if spec.meta["kind"] == "honoree":
            extra = [data.awards[h.award].name for h in spec.context["honours"] if h.award in data.awards]
        summary, rest = searchindex.raw_text(spec.meta["kind"], spec.context, extra)
        self.raw.append((render.page_url(spec.src_uri), spec.title, summary, rest))

    def render_bodies(self, env, specs: list[pages.PageSpec], data: Dataset) -> list[str]:
        """Every page body, on two cores (hooks/bodies.py)."""
        return bodies.render_all(env, specs, data, self, offload.Offload)

    def start_pages(self, env, config, files) -> None:
        """Before the theme renders pages: the render worker segments our search entries first,
        then renders entry pages (hooks/parallel.py)."""
        self.texts = list(dict.fromkeys(t for _, title, summary, rest in self.raw for t in (title, summary, rest)))
        self.renderer.start(env, config, self.nav, files, lambda: self.segmenter.resolve(self.texts), len(self.texts))

    def save(self, site_dir: str) -> None:
        self.segmenter.learn_resolved(self.texts, self.renderer.first_done())
        self.renderer.finish()
        self.output.placed.save(self.output.written)
        entries = [searchindex.entry(loc, title, summary, rest, self.segmenter, self.separator)
                   for loc, title, summary, rest in self.raw]
        searchindex.write(site_dir, entries)
        self.images.write(site_dir)
        for store in (self.output.store, self.segments, self.cuts, self.qr_store, self.md_store):
            store.save()


SKIP_EXTRA = {"wenming", "content_env", KEY}
# a theme template reading entries from the dataset would make every page depend on all data
READS_DATA = re.compile(r"config\.extra\.wenming\b(?!\.settings\b|_)|config\.extra\[")


def _nav(items) -> list:
    return [(type(i).__name__, str(i.title), getattr(i, "url", None), _nav(i.children or [])) for i in items]


def site_signature(root: Path, nav, config: MkDocsConfig, data: Dataset) -> str:
    theme_files = [p for p in (root / "overrides").rglob("*") if p.is_file() and "content" not in p.parts]
    reads_data = any(READS_DATA.search(p.read_text("utf-8", errors="replace")) for p in theme_files)
    data_hash = ""
    if reads_data:
        data_hash = key(*(p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()))
    extra = {k: v for k, v in config.extra.items() if k not in SKIP_EXTRA}
    fields = {k: config.get(k) for k in ("site_name", "site_url", "site_description", "site_author", "copyright",
                                         "repo_url", "repo_name", "edit_uri", "extra_css", "extra_javascript",
                                         "use_directory_urls")}
    signed = json.dumps([package_version("mkdocs"), package_version("mkdocs-material"), fields, extra,
                         dict(config.theme), data.settings.model_dump(mode="json"), _nav(nav.items),
                         nav.homepage.url if nav.homepage else None, data_hash],
                        sort_keys=True, default=str, ensure_ascii=False)
    return key(re.sub(r" at 0x[0-9a-f]+", "", signed))


def _separator(config: MkDocsConfig) -> str:
    settings = search_words.search_settings(config.plugins)
    if settings is None:
        return r"[\s\u200b\-]+"
    return settings.get("separator") or r"[\s\-]+"


def with_cached_template(env: jinja2.Environment) -> None:
    """The empty template pages with a stored output are 'rendered' with, and the one-call
    template of pages the render worker may take (hooks/parallel.py)."""
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({OutputCache.TEMPLATE: "", parallel.DISPATCH: "{{ wm_dispatch() }}"}),
                                      env.loader])


def get(config: MkDocsConfig) -> Speed:
    return config.extra[KEY]


def start(root: Path, config: MkDocsConfig, data: Dataset, version: str) -> Any:
    config.extra[KEY] = Speed(root, config, data, version)
    return config.extra[KEY]
