"""The door to speed: what the build asks for that could come from a cache or another process.

`Plain` makes every result here and now, keeps nothing and forks nothing: it is the reference.
`Fast` (kit/speed/fast.py) answers the same questions from caches under .cache/wenming/ and
with a worker process on the second core. The build (kit/build.py) holds one of the two and
never asks which; WENMING_SPEED=0 chooses Plain, and the site is byte for byte the same
(tests/speed/test_speed_off.py).
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

from markupsafe import Markup
from mkdocs.structure.files import File

from kit.data.files import yamlread
from kit.outputs import images, searchindex, searchshards
from kit.pages import qr, text
from kit.speed import quickexit
from kit.speed.jiebacut import PlainCut
from kit.speed.segments import Segmenter
from kit.speed.stores import NullStore


class Plain:
    on = False

    def __init__(self, root: Path) -> None:
        self.root = root
        self.version = ""
        self.jinja_cache: Path | None = None     # compiled templates are not kept
        self.work = Path(tempfile.mkdtemp(prefix="wenming-plain-"))    # this build's photo files

    # -- before the data is read ---------------------------------------------------------------

    def read(self, raw: bytes, name: str, report) -> Any:
        """One data file, parsed (kit/data/files/yamlread.py)."""
        return yamlread.load_file(raw, name, report)

    def data_read(self) -> None:
        """Every data file is read."""

    # -- once the data is read --------------------------------------------------------------------

    def begin(self, config, site_url: str, words: set[str], cacheable: Callable[[Any], bool]) -> dict[str, Callable]:
        """Set up this build's services; returns the library patches it needs (kit/patches.py)."""
        self.site_url = site_url
        self.images = images.Images(self.root / "data", self.work)
        self.md_engine = text.md_engine()
        cut = PlainCut(words)
        self.segmenter = Segmenter(NullStore(), words, cut.cut, "")
        return {"jieba.cut": cut}

    def md(self, value: str) -> Markup:
        return text.md(value, self.md_engine)

    def picture(self, photo) -> images.ImageSet:
        return self.images.picture(photo)

    def page_qr(self, page) -> qr.QR:
        return qr.qr_code(qr.page_address(self.site_url, page.url))

    def ahead(self, specs: list, data) -> None:
        """The page specs are known: what bodies() will need may be worked out beside the build's next steps."""

    def bodies(self, render: Callable[[int, Any], str], specs: list, data) -> list[Any]:
        """Every page body (`render(i, data)` for each page spec i: its template, src_uri and
        context), as page_file takes them."""
        return [render(i, data) for i in range(len(specs))]

    def page_file(self, config, src_uri: str, body: Any, inclusion, meta: dict, errors: list[str]) -> File:
        """The generated page's file, with a body from bodies(); `meta` is what page_markdown will
        hand the page, `errors` what the preview's banner on every page shows."""
        return File.generated(config, src_uri, content=body, inclusion=inclusion)

    def ghost_pages(self) -> list[tuple[str, str]]:
        """(URL, source path) of the pages in `files` that are not documentation pages for MkDocs
        (unchanged entry pages in a rebuild: kit/speed/ghosts.py)."""
        return []

    # -- the theme ---------------------------------------------------------------------------

    def sign(self, nav, config, data) -> None:
        """The nav is final."""

    def settle(self, files, config) -> None:
        """The page dates are known (config.extra["wenming_updated"])."""

    def theme(self, env, config, nav, files, texts: list[str], hosts) -> None:
        """The theme is about to render pages; `texts` will be segmented for search; `hosts` is
        the build's check of finished pages for loads from other hosts (kit/outputs/hostcheck.py)."""

    def page_content(self, page, html: str) -> str:
        return html

    def page_context(self, page) -> None:
        """First in on_page_context: the page's content as page_content returned it."""

    def post_page(self, page, output: str) -> str:
        return output

    def checks_here(self, page) -> bool:
        """Whether the page's final HTML is to be checked here for loads from other hosts."""
        return True

    # -- the end -------------------------------------------------------------------------------

    def remember(self, name: str, value: Any, make: Callable[[Any], str]) -> str:
        """make(value): a text that is a pure function of a plain value (dicts, lists, strings …)."""
        return make(value)

    # one output file of the end of the build (search shards), in UTF-8
    write_file = staticmethod(searchshards.write_text)

    def segmentations(self) -> Callable[[str], str]:
        """The segmentation of every text given to theme(), as a function of the text."""
        return self.segmenter.segment

    def search_index(self, site_dir: str, entries: searchindex.Entries, separator) -> None:
        """Our search entries added to the index Material wrote (kit/outputs/searchindex.py)."""
        searchindex.write(site_dir, entries.entries(self.segmentations(), separator), self.write_file)

    def finish(self, site_dir: str) -> None:
        self.images.write(site_dir)
        self.abort()

    def abort(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    def leave(self, config, handler) -> None:
        """The command is over; the fast door ends a `mkdocs build` that went well at once (quickexit.py)."""
        if self.on:
            quickexit.leave(config, handler)
