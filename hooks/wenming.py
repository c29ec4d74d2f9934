"""MkDocs hooks: map build events to the modules that do the work."""
from __future__ import annotations

import copy
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

import blogcats
import charts
import dataset
import pages
import pagemeta
import sitefolder
import parallel
import publishing
from news import latest
import render
import search_words
import searchworker
import speed
import sitemap
import text
from clock import build_date  # noqa: F401  (re-exported: tests import it from here)
from errors import DataInvalid

log = logging.getLogger("mkdocs.plugins.wenming")
KEY = "wenming"


def root_of(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = root_of(config)
    sitefolder.install(root)
    production = os.environ.get("WENMING_PRODUCTION", "") == "1"
    try:
        version = speed.version(root)
        yaml_cache = speed.yaml_cache(root, version)
        data = dataset.build(root / "data", root, build_date(), production, read=yaml_cache.load_file)
    except DataInvalid as exc:
        for line in exc.report.lines():
            log.error(line)
        raise PluginError(f"数据有 {len(exc.report.lines())} 个错误，网站未生成。请按上面每一行的提示修改。") from None
    for line in data.withheld:
        log.info(line)
    s = data.settings
    config.site_name = s.site_name
    config.site_description = s.site_description
    config.site_url = s.site_url
    config.copyright = f"主办单位：{s.footer.host}"
    config.extra[KEY] = data
    config.extra["content_env"] = render.environment(root / "overrides" / "content", root / speed.JINJA_CACHE)
    config.extra["content_env"].filters.update(charts.FILTERS)
    problem = search_words.custom_dictionary(config.plugins)
    if problem:
        raise PluginError(problem)
    search_words.register(data)
    config.extra["search_worker"] = searchworker.prefix()   # read by overrides/main.html
    blogcats.configure(config)
    # saved now, and let go: the parsed files with their line marks are not needed again, and a
    # smaller process forks smaller helpers
    yaml_cache.store.save()
    speed.start(root, config, data, version)
    config.extra["content_env"].globals["picture"] = speed.get(config).images.picture
    config.extra["content_env"].filters["md"] = speed.get(config).md
    return config


def _generated(config: MkDocsConfig, spec: pages.PageSpec, body: str) -> File:
    # no front matter: MkDocs would parse it with the pure-Python YAML loader, and it was
    # written with the pure-Python representer (a sixth of on_files); the meta is handed to the
    # page in on_page_markdown instead, the same dict the front matter would have given
    speed.get(config).meta[spec.src_uri] = {"title": spec.title, "description": spec.description, **spec.meta}
    inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, spec.src_uri, content=f"{body}\n", inclusion=inclusion)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    news_problems = blogcats.problems(files, config)
    if news_problems:
        for line in news_problems:
            log.error(line)
        raise PluginError(f"工作动态文章有 {len(news_problems)} 个错误，网站未生成。请按上面每一行的提示修改。")
    data = config.extra[KEY]
    env = config.extra["content_env"]
    specs = pages.specs(data)
    specs += publishing.extra_specs(data, specs, files, config)
    for spec in specs:
        speed.get(config).add(spec, data)
    # only photos that published entries show: a draft's or an unconsented minor's stay out;
    # they are published resized and without EXIF (hooks/images.py), never as the editor's file
    for rel in sorted(data.public_photos()):
        speed.get(config).images.picture(rel)
    for spec, body in zip(specs, speed.get(config).render_bodies(env, specs, data)):
        files.append(_generated(config, spec, body))
    for extra in publishing.extra_files(data, config):
        files.append(extra)
    return files


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in speed.get(config).meta:
        page.meta = copy.deepcopy(speed.get(config).meta[page.file.src_uri])
    if page.file.src_uri == sitemap.SRC:
        return publishing.sitemap_markdown(config.extra[KEY], files, config, config.extra["content_env"])
    if page.file.src_uri in speed.get(config).generated:
        return speed.get(config).pages.before(page.file.src_uri, markdown, page)
    if page.file.src_uri != "index.md":
        return markdown

    body = render.render(config.extra["content_env"], "home.html", "index.md",
                         d=config.extra[KEY], news=latest(files, config, 5))
    return f"{markdown}\n\n{body}\n"


@event_priority(-100)  # last: the render worker forks with the environment every plugin made
def on_env(env, config: MkDocsConfig, files: Files):
    env.filters.update(date_cn=text.date_cn, status_cn=text.status_cn, **pagemeta.FILTERS)
    colours = config.extra[KEY].settings.colours
    for problem in pagemeta.colour_problems(colours.primary, colours.accent):
        log.warning(problem)
    env.filters["page_qr"] = speed.get(config).qr.page_qr
    speed.with_cached_template(env)
    env.auto_reload = False   # MkDocs makes the environment anew for every build; no stat() per page
    env.bytecode_cache = render.compiled_cache(root_of(config) / speed.JINJA_CACHE)
    speed.get(config).start_pages(env, config, files)
    return env


@event_priority(-100)  # after the blog plugin has attached its posts
def on_nav(nav, config: MkDocsConfig, files: Files):
    speed.get(config).sign(nav, config, config.extra[KEY])
    publishing.prepare(config.extra[KEY], root_of(config), config, files)
    return nav


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    html = speed.get(config).pages.after(page.file.src_uri, html)
    html = publishing.with_updated(html, page.url, config.extra["content_env"], config)
    if speed.get(config).cacheable(page) and speed.get(config).output.check(page, html) \
            and (page.meta.get("search") or {}).get("exclude"):
        return ""   # the stored page is written instead, and search skips it: nobody reads this body
    return html


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    if speed.get(config).renderer.writes_page(page):
        speed.get(config).output.skip(page)
        return ""   # an unchanged stored page: the render worker writes it (hooks/parallel.py)
    output = speed.get(config).output.output(page, output)
    if speed.get(config).cacheable(page):
        page.content = None   # written and stored: ten thousand page bodies need not stay in memory
    return output


def on_build_error(error: Exception) -> None:
    parallel.stop_all()
    sitefolder.finish()


def on_post_build(config: MkDocsConfig) -> None:
    speed.get(config).save(config.site_dir)
    publishing.finish(config)
    searchworker.write(config.site_dir, config.extra["search_worker"])
    sitefolder.finish()   # the last build's files not moved back are deleted in the background
