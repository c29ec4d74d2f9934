"""What publishing adds to a build: the 开放数据 and 网站地图 pages, 最近更新 dates,
feeds, calendars and open-data files (as MkDocs files, so links to them are checked
and `mkdocs serve` serves them), and a reproducible sitemap.xml.gz."""
from __future__ import annotations

import gzip
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from kit.outputs import downloads
from kit.outputs import feeds
from kit.outputs import ical
from kit.outputs import materialcss
from kit.outputs import opendata
from kit.outputs import tables
from kit.pages import guide, plan
from kit.pages import render
from kit.outputs import robots
from kit.outputs import sitemap
from kit.outputs import updated
from kit.data.dataset import Dataset
from kit.pages.news import latest
from kit.pages.plan import PageSpec

ALL_POSTS = 100_000


def extra_specs(d: Dataset, specs: list[PageSpec], files: Files, config: MkDocsConfig) -> list[PageSpec]:
    """The 开放数据 page, then the 网站地图 page (its body is rendered in on_page_markdown)."""
    data_page = PageSpec("opendata/index.md", "opendata.html", "开放数据",
                         f"{d.settings.site_name}开放数据：各类公开信息的 JSON、CSV 下载和字段说明。", False,
                         {"tables": tables.tables(d), "types": tables.TYPE_NAMES,
                          "feeds": feeds.FEEDS}, {"kind": "opendata"})
    site_map = PageSpec(sitemap.SRC, "sitemap-page.html", "网站地图", d.settings.site_description, False,
                        {"groups": [], "feeds": feeds.FEEDS}, {"kind": "sitemap"})
    return [data_page, site_map]


def extra_files(d: Dataset, config: MkDocsConfig) -> list[File]:
    """Calendars, open data, print downloads and the editor's guide now; feeds get their content in prepare(), once post URLs are final."""
    bodies = {**ical.bodies(d), **opendata.bodies(d), **{path: b"" for path, _, _ in feeds.FEEDS},
              robots.PATH: robots.body(d)}
    return ([File.generated(config, path, content=body) for path, body in sorted(bodies.items())]
            + downloads.files(d, config) + guide.files(d, config))


def redirect_files(d: Dataset, config: MkDocsConfig, env: jinja2.Environment,
                   specs: list[PageSpec] | None = None) -> list[File]:
    """A page at each old id's URL that sends the reader (and a printed QR code) to the entry's page;
    `specs`: plan.specs(d), if the build has them."""
    if not d.renamed:
        return []
    titles = {spec.src_uri[:-3]: spec.title for spec in (plan.specs(d) if specs is None else specs)}
    out = []
    for old, page in sorted(d.renamed.items()):
        folder = page.split("/")[0]
        body = render.render(env, "redirect.html", f"{folder}/{old}/index.md", target=f"../{page.split('/')[1]}/",
                             title=titles.get(page, page))
        out.append(File.generated(config, f"{folder}/{old}/index.html", content=body))
    return out


def sitemap_markdown(d: Dataset, files: Files, config: MkDocsConfig, env: jinja2.Environment,
                     specs: list[PageSpec] | None = None) -> str:
    """The 网站地图 body, rendered once every page (blog posts too) has its final URL; `specs`:
    plan.specs(d), if the build has them."""
    specs = (plan.specs(d) if specs is None else specs) + extra_specs(d, [], files, config)
    groups = sitemap.groups(specs, latest(files, config, ALL_POSTS), files)
    return render.render(env, "sitemap-page.html", sitemap.SRC, d=d, groups=groups, feeds=feeds.FEEDS)


def prepare(d: Dataset, root: Path, config: MkDocsConfig, files: Files, more: list[tuple[str, str]] = ()) -> None:
    """Once per build, after the blog plugin has placed its posts: page dates and feeds. `more`:
    (URL, source path) of pages in the build that are not in `files` as documentation pages."""
    dates = updated.git_dates(root)
    urls = [(f.url, f.src_uri) for f in files.documentation_pages()] + list(more)
    lines = updated.line_dates(root, {file for file, _, _ in d.lines.values()}, d.today) if dates else {}
    # hand-written pages git does not know yet (an editor previewing a new post) are new today
    new = {f.src_uri for f in files.documentation_pages() if not f.generated_by and f"docs/{f.src_uri}" not in dates}
    config.extra["wenming_updated"] = updated.page_dates(d, dates, urls, lines, new if dates else set())
    config.extra["wenming_feeds"] = list(feeds.FEEDS)
    config.extra["wenming_calendar"] = True
    for path, body in feeds.bodies(d, latest(files, config, ALL_POSTS)).items():
        feed = files.get_file_from_path(path)
        if feed is not None:
            feed.content_bytes = body


def with_updated(html: str, url: str, env: jinja2.Environment, config: MkDocsConfig) -> str:
    day = (config.extra.get("wenming_updated") or {}).get(url)
    if day is None:
        return html
    return html + "\n" + render.render(env, "updated.html", "index.md", day=day)


def finish(config: MkDocsConfig) -> None:
    materialcss.write(config.site_dir, config.extra["material_css"], config.markdown_extensions)
    xml = Path(config.site_dir) / "sitemap.xml"
    if xml.is_file():  # MkDocs stamps the gzip header with the build time; zero it
        (Path(config.site_dir) / "sitemap.xml.gz").write_bytes(gzip.compress(xml.read_bytes(), 9, mtime=0))
