"""Theme rendering of entry pages on the second core.

MkDocs renders pages one after another on one core; the theme (Material's base template, our
header, footer, QR poster) is the largest part of a cold build. A forked worker process first
segments our search entries with jieba (a job handed to it, done in a child of its own), then
renders entry pages kept out of the nav as well: the main process takes them from the front of the
list as MkDocs reaches them, the worker from the back, until they meet (a shared pair of counters
under a lock), so both cores stay busy however the work is spread.

The worker renders a page exactly as MkDocs' _build_page does (context, on_page_context,
template, on_post_page up to our hook, which checks it for loads from other hosts), writes the
file as MkDocs would, and sends the page back compressed with the check's findings; the main
process takes it through the output cache's hit path, the same path a warm build takes, so every
plugin event still runs in the main process, and only stores it (so the main process, which
reaches the worker's pages last, is not left writing them alone). If the worker fails on a page,
or dies, the main process renders that page itself. Warnings the worker logs are logged again in
the main process, so `--strict` still counts them.

"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
import traceback
from typing import Any, Callable

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.utils import write_file

from kit.speed import sitefolder
from kit.speed.stores import squeeze
from kit.speed.fork import LIVE, Forward, Split, apart, fork, freed, log, pack, taken, unpack, wanted

DISPATCH = "wenming-dispatch.html"


class Renderer:
    def __init__(self, output) -> None:
        self.output = output            # cache.OutputCache: keys of misses, hits handed to MkDocs
        self.pages: list[Any] = []
        self.index: dict[str, int] = {}
        self.real: dict[str, str] = {}  # page URL -> the template the page asked for
        self.results: dict[int, tuple[bool, list]] = {}   # page -> (delivered and stored, host findings)
        self.wrote: set[str] = set()    # pages the worker wrote into the site
        self.hosts = None               # the build's host check (kit/outputs/hostcheck.py)
        self.pid = 0
        self.delivered = 0
        self.dead = False
        self.cond = threading.Condition()
        self.env: jinja2.Environment | None = None
        self.first: Callable[[], Any] = lambda: None
        self.first_result: Any = None
        # stored pages the worker writes into the site: URL -> (file, offset, length in the blob file)
        self.writes: dict[str, tuple[str, int, int]] = {}
        self.blob = ""
        self.sources: set[str] = set()
        self.written = False
        self.quiet: sitefolder.QuietSkips | None = None

    # -- main process -------------------------------------------------------------------

    def start(self, env: jinja2.Environment, config, nav, files, first: Callable[[], Any], size: int, hosts,
              settled: Callable[[], Any] = contextlib.nullcontext) -> None:
        """At the end of on_env: fork the worker, which runs `first` (a job of `size` items) and then takes entry pages
        still to render from the back. `settled()` is held around the fork only (no photo half made in the worker's
        memory): a build without a worker waits for nothing."""
        self.env, self.hosts, self.first = env, hosts, first
        env.globals["wm_dispatch"] = self.dispatch
        doc_files = files.documentation_pages()
        self.pages = [f.page for f in doc_files if f.page is not None and f.page.url in self.output.keys]
        self.writes = self.output.stored_places(doc_files)
        self.blob = self.output.store.old_blob
        self.sources = {f.src_uri for f in doc_files if f.page is not None and f.page.url in self.writes}
        self.quiet = sitefolder.QuietSkips(self.sources)      # the worker's pages join it as they come
        logging.getLogger("mkdocs.commands.build").addFilter(self.quiet)
        if not wanted(max(len(self.pages), size, sum(p[3] is None for p in self.writes.values()))):   # unpacked
            self.pages = []
            return
        self.split, self.write_split = Split(len(self.pages)), Split(len(self.writes))
        self.write_order = {url: i for i, url in enumerate(self.writes)}
        receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
        with settled():
            pid = fork()
        if pid == 0:  # the worker: never returns
            receive.close()
            code = 1
            try:
                self._work(send, config, nav, doc_files)
                code = 0
            finally:
                os._exit(code)
        send.close()
        self.pid = pid
        LIVE.add(pid)
        for i, page in enumerate(self.pages):
            self.index[page.url] = i
            self.real[page.url] = page.meta.get("template", "main.html")
            page.meta["template"] = DISPATCH
        threading.Thread(target=self._receive, args=(receive,), daemon=True).start()

    def _receive(self, conn) -> None:
        try:
            while True:
                message = conn.recv()
                if message[0] == "log":
                    logging.getLogger(message[1]).log(message[2], message[3])
                    continue
                if message[0] == "first":
                    with self.cond:
                        self.first_result = message[1]
                        self.cond.notify_all()
                    continue
                if message[0] == "written":
                    self.written = True
                    continue
                i, packed, found = message[1:]
                if packed is not None:   # stored now: held until the build reaches the page, thousands
                    self.output.store_packed(self.pages[i].url, packed)   # of them made the peak of memory
                with self.cond:
                    self.results[i] = (packed is not None, found)
                    self.cond.notify_all()
        except (EOFError, OSError):
            pass
        finally:
            conn.close()
            with self.cond:
                self.dead = True
                self.cond.notify_all()

    @jinja2.pass_context
    def dispatch(self, context) -> Markup | str:
        """The whole of the dispatch template: render here, or take the worker's page."""
        page = context["page"]
        i = self.index[page.url]
        if not self.split.claim_front(i):
            with self.cond:
                while i not in self.results and not self.dead:
                    self.cond.wait()
                delivered, found = self.results.pop(i, (False, []))
            if delivered:
                self.output.take(page)
                self.hosts.found.extend(found)
                self.wrote.add(page.url)
                self.sources.add(page.file.src_uri)
                self.delivered += 1
                return ""
            log.debug("render worker did not deliver %s; rendering it here", page.url)
        template = self.env.get_template(self.real[page.url])
        return Markup(template.render(context.get_all()))

    def first_done(self) -> Any:
        """The result of the first job: from the worker, or run here if there is none."""
        if self.pid:
            with self.cond:
                while self.first_result is None and not self.dead:
                    self.cond.wait()
            if self.first_result is not None:
                return unpack(self.first_result)
        return self.first()

    def writes_page(self, page) -> bool:
        """True if this unchanged page is put into the site straight from the cache, by the
        worker or here (MkDocs must not write it): the two share this work as they share rendering;
        or a page the worker rendered and wrote."""
        if page.url in self.wrote:
            return True
        place = self.writes.get(page.url)
        if place is None:
            return False
        if not self.pid or self.write_split.claim_front(self.write_order[page.url]):
            sitefolder.write_stored(self.output.store.folder / self.blob, [place])
        return True

    def finish(self) -> None:
        if self.quiet is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self.quiet)
            self.quiet = None
        if self.pid:
            if self.pages:
                log.info("并行渲染：第二个进程生成了 %d 页（共 %d 页）。", self.delivered, len(self.pages))
            os.waitpid(self.pid, 0)
            LIVE.discard(self.pid)
            self.pid = 0
            with self.cond:
                written = self.written
            if self.writes and not written:   # the worker died: write its share here
                places = list(self.writes.values())[self.write_split.back.value:]
                sitefolder.write_stored(self.output.store.folder / self.blob, places)

    # -- worker process -----------------------------------------------------------------

    def _work(self, conn, config, nav, doc_files) -> None:
        logger = logging.getLogger("mkdocs")
        logger.handlers = [Forward(conn)]
        logger.propagate = False
        self.output.capture = {}
        # packed as it comes, in a child of the worker: the memory it makes goes back (fork.apart)
        apart(lambda: conn.send(("first", pack(self.first()))))
        if self.writes:
            places = list(self.writes.values())
            sitefolder.write_stored(self.output.store.folder / self.blob, taken(self.write_split, places))
            conn.send(("written",))
        while (i := self.split.claim_back()) is not None:
            page = self.pages[i]
            before = len(self.hosts.found)
            try:
                html = self._render(page, config, nav, doc_files)
                packed = squeeze(html.encode("utf-8"))
                if not html.strip():
                    raise ValueError("empty page")        # MkDocs would not write it
                write_file(html.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
            except Exception:  # the main process renders it and reports the error itself
                logging.getLogger("mkdocs.plugins.wenming").debug(traceback.format_exc())
                packed = None
            conn.send(("page", i, packed, self.hosts.found[before:]))
            del self.hosts.found[before:]
            page.content = None     # as the main process does with pages it wrote
            freed()
        conn.close()

    def _render(self, page, config, nav, doc_files) -> str:
        """mkdocs.commands.build._build_page up to our on_post_page, without writing."""
        config._current_page = page
        page.active = True
        try:
            context = get_context(nav, doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            output = template.render(context)
            config.plugins.on_post_page(output, page=page, config=config)
            return self.output.capture.pop(page.url)
        finally:
            page.active = False
            config._current_page = None
