"""The fast door: the same answers as Plain, from caches under .cache/wenming/ and a worker.

Created fresh for every build (`mkdocs serve` rebuilds start clean). It keeps parsed data files, templates, Markdown of
stories, QR codes, search segmentations, jieba's cuts, photos, whole entry pages (the output cache; unchanged ones not even
pages: ghosts.py). Bodies wait packed, let go once read (letgo.py); a forked process shares bodies, search, the theme.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from markupsafe import Markup

from kit.outputs import images
from kit.pages import qr, render, text
from kit.speed import (ahead, bodies, bodycache, fork, ghosts, jiebacut, letgo, pageskip, pageurls, partials, qrcache,
                       refill, searchcache, shardcache, sitefolder, themefiles)
from kit.speed.door import Plain
from kit.speed.outputcache import OutputCache, YamlCache, site_signature, with_cached_template
from kit.speed.segments import Segmenter
from kit.speed.stores import Store, code_version, key
from kit.speed.theme import Renderer

CACHE_DIR = Path(".cache") / "wenming"
LATE_JIEBA = 6000    # bodies from which jieba's dictionary is loaded after the body helper (see bodies())


class Fast(Plain):
    on = True

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / CACHE_DIR
        self.version = code_version(root / "overrides")   # our code and templates, hashed once
        self.jinja_cache = self.folder / "jinja"
        self.yaml = YamlCache(self.folder, self.version, super().read)
        self.work = self.folder
        fork.hold(start=True)     # long-lived objects frozen as they are made, the libraries now
        # a rebuild: the last build's files in the site, looked at in a child while the data is read (refill.survey)
        self.surveyed = ahead.Ahead(lambda: refill.survey(self.folder), (self.folder / refill.PLACED).is_file()
                                    and fork.wanted(fork.MIN_PAGES), inline=False)

    def read(self, raw: bytes, name: str, report) -> Any:
        return self.yaml.load_file(raw, name, report)

    def data_read(self) -> None:
        # saved now, and let go: the parsed files with their line marks are not needed again
        self.yaml.save()
        self.yaml = None

    def begin(self, config, site_url: str, words: set[str], cacheable: Callable[[Any], bool]) -> dict[str, Callable]:
        sitefolder.prepare(self.root)
        folder, version = self.folder, self.version
        self.site_url = site_url
        self.config = config
        self.cacheable = cacheable
        self.output = OutputCache(folder, version)
        self.output.placed.survey = self.surveyed.result()     # before the site folder goes to the trash
        self.refill = refill.Refill(self.output)
        # the data frozen (read with the collector off); a rebuild plans its pages with the collector off (fork.hold)
        fork.hold(quiet=bool(self.output.store.old))
        self.images = images.Images(self.root / "data", folder)
        self.images.hold()    # until the body helper has forked: see bodies()
        tokenizer = jiebacut.TOKENIZER
        tokenizer.configure(words)
        self.segments = Store(folder, "segments", version)
        # the search plugin's cuts, by sentence; a build that must cut everything loads jieba's
        # whole dictionary before the render worker forks, one that cuts a few sentences looks up their words
        self.cuts = Store(folder, "cuts", f"{version}:{tokenizer.words_state()}")
        tokenizer.store = self.cuts
        # Material's search entries of unchanged pages are kept whole (searchcache.py): their cuts are not asked for
        self.search_store = Store(folder, "search", version)
        self.cuts_everything = not self.segments.old or not (self.cuts.old or self.search_store.old)   # see bodies()
        self.qr_store = Store(folder, "qr", version)
        self.qr = qrcache.QRCodes(self.qr_store, site_url, lambda page: not cacheable(page))
        self.renderer = Renderer(self.output)
        self.page_keys = Store(folder, "pagekeys", version)
        self.ghosts = ghosts.Ghosts(Store(folder, "ghosts", version), self.output)
        self.pageskip = pageskip.PageSkip(self.output, self.renderer, cacheable, self.page_keys, self.ghosts)
        self.segmenter = Segmenter(self.segments, words, tokenizer.cut, tokenizer.state())
        self.md_engine = text.md_engine()
        self.md_store = Store(folder, "markdown", version)
        self.body_store = Store(folder, "bodies", version)
        self.memo = Store(folder, "memo", version)
        self.shards = shardcache.ShardCache(Store(folder, "shards", version))
        self.reading: set[str] | None = None
        self.texts: list[str] = []
        self.contents = letgo.Contents(on=fork.wanted(fork.MIN_PAGES))
        return {"jieba.cut": tokenizer.cut_cached, "mkdocs.utils.clean_directory": sitefolder.clean,
                "mkdocs.structure.files.Files.add_files_from_theme": themefiles.add_files_from_theme,
                searchcache.NAME: searchcache.cached(self.search_store, tokenizer.words_state()),
                pageurls.NAME: pageurls.replacement(), **self.pageskip.replacements()}

    def md(self, value: str) -> Markup:
        """The Markdown filter, cached by text (a pure function of it)."""
        return Markup(self.md_store.made(key("md", value or ""), lambda: str(text.md(value, self.md_engine))))

    def page_qr(self, page) -> qr.QR:
        return self.qr.page_qr(page)

    def picture(self, photo) -> images.ImageSet:
        if self.reading is not None:    # a body is rendering: it depends on this photo (bodycache.py)
            self.reading.add(bodycache.PHOTO + getattr(photo, "src", photo))
        return self.images.picture(photo)

    def ahead(self, specs: list, data) -> None:   # a rebuild's body keys, in a child (ahead.py): its photos only planned
        cache = self.body_cache = bodycache.BodyCache(self.body_store, data, self.images.picture)
        self.planned = ahead.Ahead(lambda: cache.plan(specs), bool(self.body_store.old) and fork.wanted(len(specs)),
                             lambda: setattr(self.images, "plan_only", True))

    def bodies(self, render: Callable[[int, Any], str], specs: list, data) -> list[bytes]:
        """Every page body, packed: the last build's if nothing it read changed (bodycache.py), the others on two cores;
        jieba's dictionary, if needed, loads before the render worker forks: beside the body helper, or late (the peak)."""
        cache = self.body_cache
        keys = cache.planned(self.planned.result())
        out = [cache.get(k) for k in keys]
        todo = [i for i, body in enumerate(out) if body is None]

        def tracked(j: int) -> tuple[bytes, set[str]]:
            self.reading = seen = set()
            try:
                return bodies.pack(render(todo[j], bodycache.Reads(data, seen))), seen
            finally:
                self.reading = None
        load = jiebacut.TOKENIZER.load_all if self.cuts_everything else (lambda: None)
        late = len(todo) >= LATE_JIEBA

        def first() -> None:   # photos decode only now, in this process: not in the helper's memory too
            self.images.go(heavy=False)     # turned 12 megapixels: not beside the helper (the peak), see below
            if not late:
                load()
        made = bodies.render_all(tracked, len(todo), self.md_store, self.images, first)
        self.images.go()
        if late:   # after the photos, in their thread: its 65 MB are not in memory beside their pixels
            fork.trim()
            self.images.after(load)
        for i, (body, seen) in zip(todo, made):
            cache.put(keys[i], seen, body)
            out[i] = body
        fork.log.info("正文：%d 篇沿用上次构建，%d 篇重新渲染。", len(out) - len(todo), len(todo))
        letgo.store_saved(self.body_store)    # it holds every body too, until the end (letgo.py)
        return out

    def page_file(self, config, src_uri: str, body: bytes, inclusion, meta: dict, errors: list[str]) -> bodies.PackedFile:
        self.pageskip.page(src_uri, meta, errors)
        ghost = self.ghosts.take(config, src_uri, body, inclusion, self.pageskip.meta[src_uri][1], self.pageskip.errors)
        return ghost or bodies.PackedFile.generated(config, src_uri, content=body, inclusion=inclusion)

    def ghost_pages(self) -> list[tuple[str, str]]:
        return self.ghosts.urls()

    def settle(self, files, config) -> None:   # in on_nav: ghosts.py
        self.ghosts.settle(files, config)

    def sign(self, nav, config, data) -> None:
        """The site signature for the output cache: everything but the page itself."""
        self.output.site = site_signature(self.root, nav, config, data)
        self.nav = nav
        fork.hold()     # the files, pages and nav

    def theme(self, env, config, nav, files, texts: list[str], hosts) -> None:
        """Before the theme renders: the render worker segments our search entries, then renders entry pages (theme.py)."""
        with_cached_template(env)
        env.bytecode_cache = render.compiled_cache(self.jinja_cache, self.root)
        self.partials = partials.Partials(env, self.cacheable)   # the menu and lang.t once per distinct input
        self.texts = texts
        size = 0 if self.segmenter.stored(texts) else len(texts)   # texts all but stored: no fork (measured: faster)
        env.globals[ghosts.GLOBAL] = self.ghosts.files
        self.ghosts.write(files, hosts)    # before anything else goes into the site (ghosts.sections)
        letgo.files_written(files)     # not held beside the render worker
        self.renderer.start(env, config, nav, files, lambda: self.segmenter.each(texts), size, hosts,
                            lambda: self.images.settled(every=len(texts) >= LATE_JIEBA))

    def page_content(self, page, html: str) -> str:
        if self.cacheable(page):
            hit = self.output.check(page, html)
            self.pageskip.note(page, self.config)    # the next build may skip this page's pipeline
            if hit and (page.meta.get("search") or {}).get("exclude"):
                html = ""   # the stored page is written instead, and search skips it: nobody reads this body
        letgo.page_read(page)
        return self.contents.hold(page, html) if html and self.cacheable(page) else html

    def page_context(self, page) -> None:
        self.contents.restore(page)

    def post_page(self, page, output: str) -> str:
        if self.renderer.writes_page(page):
            self.output.skip(page)
            output = ""   # an unchanged stored page, or one the render worker wrote (kit/speed/theme.py)
        else:
            output = self.output.output(page, output)
        if self.cacheable(page):
            page.content = None   # written and stored: ten thousand page bodies need not stay in memory
            fork.freed()
        return output

    def checks_here(self, page) -> bool:
        # a page the render worker wrote was checked there, and its findings came with it
        return page.url not in self.renderer.wrote

    def segmentations(self) -> Callable[[str], str]:
        self.segmenter.learn_resolved(self.texts, self.renderer.first_done())
        return self.segmenter.segment

    def search_index(self, site_dir: str, entries, separator) -> None:
        """Unchanged units of a sharded index from the last build (kit/speed/shardcache.py)."""
        self.shards.write(site_dir, entries.raw, self.segmentations(), separator, self.segmenter.everything,
                          self.write_file)

    def remember(self, name: str, value: Any, make: Callable[[Any], str]) -> str:
        text = bodycache.stable(value)     # a set's members in order, as the body cache keys them
        return make(value) if bodycache.ADDRESS in text else self.memo.made(key(name, text), lambda: make(value))

    def write_file(self, path: Path, text: str) -> None:
        """The last build's file kept when it holds these bytes, untouched, its folder brought back whole (refill.py)."""
        self.refill.write(path, text)

    def finish(self, site_dir: str) -> None:
        self.renderer.finish()
        self.refill.finish()
        self.pageskip.report(len(self.ghosts.files))
        self.output.placed.save(self.output.written)
        self.images.write(site_dir)
        for store in (self.output.store, self.segments, self.cuts, self.qr_store, self.md_store, self.memo,
                      self.search_store, self.page_keys, self.shards.store, self.ghosts.store):    # the body store: bodies()
            store.save()
        sitefolder.finish()   # the last build's files not moved back are deleted in the background
        fork.let_go()

    def abort(self) -> None:
        if hasattr(self, "images"):   # photo jobs waiting for the body helper's fork end now
            self.images.go()
        fork.stop_all()
        sitefolder.finish()
        fork.let_go()
