"""The build's guarantee: no finished page and no style sheet we ship loads anything from
another host (the rule is kit/data/rules/hosts.py's; make check applies it to the sources first).

Every page's final HTML is read as MkDocs writes it (on_post_page, and on_post_template for
404.html); style sheets are read in the site folder at the end. A finding names where the address
came from, looked up in this order: the page's own Markdown file in docs/, the data files, the
theme templates in overrides/; failing those, the built file itself. The build then stops, and the
pages that would load from elsewhere are removed from the site folder.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from kit.data.rules import hosts, hostwords

FIELD = "外部资源"


@dataclass(frozen=True)
class Found:
    dest: str           # the built file, relative to the site folder
    src_uri: str        # the page's Markdown file in docs/ ("" for a theme template)
    url: str            # the page's URL
    line: int           # in the built file
    col: int
    kind: str
    address: str


def _find(path: Path, needles: tuple[str, ...]) -> tuple[int, int] | None:
    try:
        lines = path.read_text("utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None
    for n, line in enumerate(lines, 1):
        for needle in needles:
            if needle in line:
                return n, line.index(needle) + 1
    return None


class HostCheck:
    def __init__(self, root: Path, docs_dir: Path, site_url: str) -> None:
        self.root = root
        self.docs_dir = docs_dir
        self.own = urlsplit(site_url).hostname or ""
        # site folders known to hold one page and nothing else (a rebuild's unchanged entry pages,
        # kit/speed/ghosts.py): the search for CSS files does not walk into them
        self.page_folders: frozenset[str] = frozenset()
        self.found: list[Found] = []

    def page(self, html: str, dest: str, src_uri: str = "", url: str = "") -> None:
        """One finished page (or 404.html); cheap: only elements with an address are parsed."""
        for offset, kind, address in hosts.html_loads(html, self.own):
            self.found.append(Found(dest, src_uri, url, *hosts.position(html, offset), kind, address))

    def _source(self, f: Found) -> tuple[str, int, int, str]:
        """(file, line, col, folder for a saved image) where the address was written."""
        needles = (f.address, escape(f.address, quote=True), f.address.replace("&", "&amp;"))
        page = self.docs_dir / f.src_uri if f.src_uri else None
        if page is not None and page.is_file() and (at := _find(page, needles)):
            return page.relative_to(self.root).as_posix(), *at, f"{page.parent.relative_to(self.root).as_posix()}/images/"
        for folder, pattern, images in (("data", "*.yml", "data/photos/"), ("overrides", "*.html", "docs/assets/")):
            for path in sorted((self.root / folder).rglob(pattern)):
                if at := _find(path, needles):
                    return path.relative_to(self.root).as_posix(), *at, images
        return f.dest, f.line, f.col, "docs/assets/"

    def problems(self, site_dir: str) -> tuple[list[str], list[Path]]:
        """Every finding as an editor's line, and the built files to remove."""
        site = Path(site_dir)
        for css in _css_files(site, self.page_folders):
            rel = css.relative_to(site).as_posix()
            text = css.read_text("utf-8", errors="replace")
            for offset, address in hosts.css_urls(text):
                if hosts.remote_host(address, self.own):
                    self.found.append(Found(rel, "", "", *hosts.position(text, offset), "style", address))
        lines = []
        for f in self.found:
            file, line, col, folder = self._source(f)
            if file == f.dest and f.dest.endswith(".css") and (self.docs_dir / f.dest).is_file():
                file = (self.docs_dir / f.dest).relative_to(self.root).as_posix()
            example = f"![图片说明](images/{hostwords.image_name(f.address, PurePosixPath(file).stem, 1)})"
            where = f"页面 {f.url or f.dest}：" if f.url or not f.dest.endswith(".css") else ""
            message = hostwords.advice(f.kind, f.address, hosts.remote_host(f.address, self.own),
                                   "" if f.dest.endswith(".css") else folder, example)
            lines.append(f"{file}:{line}:{col}: 错误: {FIELD}: {where}{message}")
        pages = sorted({site / f.dest for f in self.found if f.dest.endswith(".html")})
        return sorted(set(lines)), pages

    def finish(self, site_dir: str) -> list[str]:
        """The lines to print; the pages that would load from elsewhere leave the site folder."""
        lines, pages = self.problems(site_dir)
        for path in pages:
            path.unlink(missing_ok=True)
        return lines


def _css_files(site: Path, page_folders: frozenset[str] = frozenset()) -> list[Path]:
    """sorted(site.rglob("*.css")), by os.walk: a third less time in a site of ten thousand folders;
    `page_folders` (paths in the site, "/"-separated) hold no CSS file and are not walked into."""
    found = []
    root = str(site)
    for top, dirs, files in os.walk(site):
        found += [Path(top, name) for name in dirs + files if name.endswith(".css")]
        if page_folders:
            rel = os.path.relpath(top, root).replace(os.sep, "/")
            prefix = "" if rel == "." else rel + "/"
            dirs[:] = [d for d in dirs if prefix + d not in page_folders]
    return sorted(found)
