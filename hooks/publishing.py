"""What publishing adds to a build: 最近更新 dates, the 网站地图 page, and the files
written after the pages (feeds, calendars, open data, a reproducible sitemap.xml.gz)."""
from __future__ import annotations

import gzip
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

import feeds
import ical
import opendata
import opendata_tables
import render
import sitemap
import updated
from dataset import Dataset
from news import latest
import pages
from pages import PageSpec

ALL_POSTS = 100_000


def extra_specs(d: Dataset, specs: list[PageSpec], files: Files, config: MkDocsConfig) -> list[PageSpec]:
    """The 开放数据 page, then the 网站地图 page (which lists every other page)."""
    data_page = PageSpec("opendata/index.md", "opendata.html", "开放数据",
                         f"{d.settings.site_name}开放数据：各类公开信息的 JSON、CSV 下载和字段说明。", False,
                         {"tables": opendata_tables.tables(d), "types": opendata_tables.TYPE_NAMES,
                          "feeds": feeds.FEEDS}, {"kind": "opendata"})
    site_map = PageSpec(sitemap.SRC, "sitemap-page.html", "网站地图", d.settings.site_description, False,
                        {"groups": [], "feeds": feeds.FEEDS}, {"kind": "sitemap"})
    return [data_page, site_map]


def sitemap_markdown(d: Dataset, files: Files, config: MkDocsConfig, env: jinja2.Environment) -> str:
    """The 网站地图 body, rendered once every page (blog posts too) has its final URL."""
    specs = pages.specs(d) + extra_specs(d, [], files, config)
    groups = sitemap.groups(specs, latest(files, config, ALL_POSTS), files)
    return render.render(env, "sitemap-page.html", sitemap.SRC, d=d, groups=groups, feeds=feeds.FEEDS)


def prepare(d: Dataset, root: Path, config: MkDocsConfig, files: Files) -> None:
    """Once per build, before any page renders: dates per page, posts for the feed."""
    dates = updated.git_dates(root)
    urls = [(f.url, f.src_uri) for f in files.documentation_pages()]
    config.extra["wenming_updated"] = updated.page_dates(d, dates, urls)
    config.extra["wenming_posts"] = latest(files, config, ALL_POSTS)
    config.extra["wenming_feeds"] = list(feeds.FEEDS)
    config.extra["wenming_calendar"] = True


def with_updated(html: str, url: str, env: jinja2.Environment, config: MkDocsConfig) -> str:
    day = (config.extra.get("wenming_updated") or {}).get(url)
    if day is None:
        return html
    return html + "\n" + render.render(env, "updated.html", "index.md", day=day)


def write(d: Dataset, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    feeds.write(d, site, config.extra.get("wenming_posts") or [], config.extra.get("wenming_updated") or {})
    ical.write(d, site)
    opendata.write(d, site)
    xml = site / "sitemap.xml"
    if xml.is_file():  # MkDocs stamps the gzip header with the build time; zero it
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.read_bytes(), compresslevel=9, mtime=0))
