"""One build of the site: data read and checked, pages planned and made, outputs written.

The MkDocs events (hooks/wenming.py) call one method each. The build asks its speed door (kit/speed/door.py) for
everything that may come from a cache or a worker process: Markdown of stories, photos, QR codes, page bodies, search
segmentations, and whether the theme's work on a page can be skipped. Pages and outputs never ask speed anything."""
from __future__ import annotations

import copy
import logging
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from kit import county, patches, session, speed
from kit.data import clock, errors, kitconfig, project
from kit.data.rules import postlinks, postloads
from kit.outputs import (admin, csp, hostcheck, materialcss, postimages, publishing, search_words,
                         searchindex, searchworker, sitemap)
from kit.pages import blogcats, charts, pagemeta, plan, previewerrors, render, text
from kit.pages.news import latest
from kit.pages.passthrough import Passthrough

log = logging.getLogger("mkdocs.plugins.wenming")
KEY = "wenming_build"


def current(config: MkDocsConfig) -> Build:
    return config.extra[KEY]


class Build:
    startup = staticmethod(session.start)     # on_startup: a new command, nothing carried over

    def __init__(self, config: MkDocsConfig) -> None:
        self.session = session.current
        self.config = config
        self.root = Path(config.config_file_path).resolve().parent
        self.speed = speed.door(self.root)
        self.page_context = self.speed.page_context    # on_page_context, before any plugin's
        self.passthrough = Passthrough()
        self.generated: set[str] = set()
        self.meta: dict[str, dict[str, Any]] = {}    # generated page -> its meta (no front matter)
        self.search = searchindex.Entries()
        self.errors: list[str] = []

    # -- on_config: read and check the data ----------------------------------------------------

    @classmethod
    def start(cls, config: MkDocsConfig) -> MkDocsConfig:
        try:
            kitconfig.current()     # the kit's settings and their environment overrides, checked once
        except kitconfig.SettingsError as exc:
            raise PluginError(str(exc)) from None
        build = cls(config)
        build.read()
        build.configure()
        return config

    def read(self) -> None:
        production = clock.production()
        pages = postloads.scan(Path(self.config.docs_dir), self.root).lines()   # no loads from other hosts
        try:
            self.data, self.news = project.check(self.root, clock.build_date(), production, read=self.speed.read)
            problems, what = pages, f"工作动态文章和页面有 {len(pages)} 个错误"
        except errors.DataInvalid as exc:
            problems = exc.report.lines() + pages
            what = f"数据文件和工作动态文章共有 {len(problems)} 个错误"
        if problems:
            keep = self._keep_previewing(problems)     # the preview shows them on the pages instead
            for line in problems:
                log.log(logging.INFO if keep else logging.ERROR, line)
            if not keep:
                self.speed.abort()
                raise PluginError(f"{what}，网站未生成。请按上面每一行的提示修改。")
            return
        self.speed.data_read()
        self.session.last_good = (self.data, self.news) if self.session.preview else None
        for line in self.data.withheld + list(self.news.withheld.values()):
            log.info(line)

    def _keep_previewing(self, lines: list[str]) -> bool:
        """In `mkdocs serve` after a good build: go on with the last good data, errors on every page."""
        if not (self.session.preview and self.session.last_good):
            return False
        self.data, self.news = self.session.last_good
        self.errors = lines
        return True

    def configure(self) -> None:
        config, s = self.config, self.data.settings
        problem = search_words.custom_dictionary(config.plugins)
        if problem:
            self.speed.abort()
            raise PluginError(problem)
        config.site_name = s.site_name
        config.site_description = s.site_description
        config.site_url = s.site_url
        config.copyright = f"主办单位：{s.footer.host}"
        config.extra["wenming"] = self.data
        config.extra[KEY] = self
        config.extra.update(search_worker=searchworker.prefix(), material_css=materialcss.prefix(config.markdown_extensions))
        config.extra["csp"] = csp.policy(self.session.preview)   # these three are read by overrides/main.html
        self.hosts = hostcheck.HostCheck(self.root, Path(config.docs_dir), s.site_url)
        blogcats.configure(config)
        self.env = render.environment(county.content_dirs(self.root), self.speed.jinja_cache, self.root)
        self.env.filters.update(charts.FILTERS)
        patches.apply(self.speed.begin(config, s.site_url, search_words.words(self.data), self.cacheable))
        self.session.running = self
        self.env.globals["picture"] = self.speed.picture
        self.env.filters["md"] = self.speed.md

    def cacheable(self, page) -> bool:
        """An entry page: generated, kept out of the nav; its whole output depends on itself."""
        return page.file.src_uri in self.generated and not page.file.inclusion.is_in_nav()

    # -- on_files: plan the pages and make their bodies ------------------------------------------

    def files(self, files: Files) -> Files:
        # before the blog plugin (priority -50) reads the posts: a post dated after today is in no output
        for f in [f for f in files.documentation_pages() if f.src_uri in self.news.withheld]:
            files.remove(f)
        for f in postimages.post_images(files):
            files.remove(f)
            files.append(File.generated(self.config, f.src_uri, content=postimages.clean(f.content_bytes, f.src_uri)))
        data = self.data
        self.specs = plan.specs(data)      # also for the redirect pages and the 网站地图
        specs = self.specs + publishing.extra_specs(data, self.specs, files, self.config)
        self.speed.ahead(specs, data)     # the bodies' cache keys, worked out beside what follows
        for spec in specs:   # an entry page is indexed by us (searchindex), not by Material's search plugin
            self.generated.add(spec.src_uri)
            self.search.note(spec, data)
        # only photos published entries show (not a draft's or an unconsented minor's), resized, without EXIF (images.py)
        for rel in sorted(data.public_photos()):
            self.speed.picture(rel)
        extras = publishing.extra_files(data, self.config) + publishing.redirect_files(data, self.config, self.env, self.specs)
        bodies = self.speed.bodies(lambda i, d: f"{self._body(specs[i], d)}\n", specs, data)   # d: maybe a Reads
        for spec, body in zip(specs, bodies):
            files.append(self._generated(spec, body))
        status = self.errors if self.session.preview else None     # the preview's check, for /admin/'s panel
        forms, left_out = admin.files(data, self.root, self.config, self.root / "overrides", status,
                                      lambda cms: self.speed.remember("cms", cms, admin.yaml_text))
        for extra in extras + forms:
            files.append(extra)
        if left_out:
            log.info(left_out)
        return files

    def _body(self, spec: plan.PageSpec, d) -> str:
        return render.render(self.env, spec.template, spec.src_uri, d=d, **spec.context)

    def _generated(self, spec: plan.PageSpec, body) -> File:
        # no front matter: MkDocs would parse it with the pure-Python YAML loader; the meta is
        # handed to the page in page_markdown instead, the same dict the front matter would give
        self.meta[spec.src_uri] = {"title": spec.title, "description": spec.description, **spec.meta}
        inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        return self.speed.page_file(self.config, spec.src_uri, body, inclusion, self.meta[spec.src_uri], self.errors)

    # -- on_nav, on_env: the theme is about to render --------------------------------------------

    def nav(self, nav, files: Files):
        self.site_nav = nav
        self.speed.sign(nav, self.config, self.data)
        publishing.prepare(self.data, self.root, self.config, files, self.speed.ghost_pages())
        self.speed.settle(files, self.config)
        return nav

    def theme(self, env, files: Files):
        env.filters.update(date_cn=text.date_cn, status_cn=text.status_cn, **pagemeta.FILTERS)
        env.filters["page_qr"] = self.speed.page_qr
        env.auto_reload = False   # MkDocs makes the environment anew for every build; no stat() per page
        texts = self.search.texts()   # segmented from now on
        self.speed.theme(env, self.config, self.site_nav, files, texts, self.hosts)
        return env

    # -- each page ---------------------------------------------------------------------------------

    def page_markdown(self, markdown: str, page, files: Files) -> str:
        src = page.file.src_uri
        if src in self.meta:
            page.meta = copy.deepcopy(self.meta[src])
        if src == sitemap.SRC:
            return publishing.sitemap_markdown(self.data, files, self.config, self.env, self.specs)
        if src in self.generated:
            return self.passthrough.before(src, markdown, page)
        if src.startswith("blog/posts/"):
            return postlinks.resolve(markdown, src, self.data.pages())
        if src != "index.md":
            return markdown
        body = render.render(self.env, "home.html", "index.md", d=self.data, news=latest(files, self.config, 5))
        return f"{markdown}\n\n{body}\n"

    def page_content(self, html: str, page) -> str:
        html = previewerrors.banner(self.errors) + self.passthrough.after(page.file.src_uri, html)
        html = publishing.with_updated(html, page.url, self.env, self.config)
        return self.speed.page_content(page, html)

    def post_page(self, output: str, page) -> str:
        output = self.speed.post_page(page, csp.fill(output))    # a stored page has its hashes already
        if self.speed.checks_here(page):   # each page's final HTML is checked once, where it is made
            self.hosts.page(output, page.file.dest_uri, page.file.src_uri, page.url)
        return output

    def post_template(self, output: str, name: str) -> str:
        if not name.endswith(".html"):
            return output
        output = csp.fill(output)
        self.hosts.page(output, name)
        return output

    # -- the end ----------------------------------------------------------------------------------

    def finish(self) -> None:
        try:
            problems = self.hosts.finish(self.config.site_dir)   # such pages are removed from the site
            if problems:
                self.speed.abort()
                for line in problems:
                    log.error(line)
                raise PluginError(f"有 {len(problems)} 处要从其他网站加载资源，网站未生成完整。请按上面每一行的提示修改。")
            separator = search_words.separator(self.config.plugins)
            self.speed.search_index(self.config.site_dir, self.search, separator)
            publishing.finish(self.config)
            searchworker.write(self.config.site_dir, self.config.extra["search_worker"])
            self.speed.finish(self.config.site_dir)
            self.session.finished = None if self.session.preview else partial(self.speed.leave, self.config)
        finally:
            patches.undo()
            self.session.running = None

    @classmethod
    def abort(cls) -> None:
        """The build failed: no worker left running, no library left patched."""
        if session.current.running is not None:
            session.current.running.speed.abort()
        patches.undo()
        session.current.running = None
