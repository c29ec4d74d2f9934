"""Render page bodies from the content templates in overrides/content/."""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, Callable

import jinja2
from mkdocs.utils import get_relative_url

from kit.pages import filterform
from kit.pages import text


class _Compiled(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, with a template inside the project named by its path
    there rather than on this disk: a copy of the project in another folder (a CI runner's
    checkout, a test's copy) finds what the last build compiled. Jinja checks each stored
    template against its source's hash, so a changed template is compiled again."""

    def __init__(self, folder: Path, root: Path | None) -> None:
        super().__init__(str(folder))
        self.root = str(root.resolve()) + "/" if root else None

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        if filename and self.root and filename.startswith(self.root):
            filename = filename[len(self.root):]
        return super().get_cache_key(name, filename)


def compiled_cache(folder: Path, root: Path | None = None) -> jinja2.BytecodeCache:
    """Compiled templates, keyed by their source's hash: Jinja compiles Material's and our
    templates anew in every process, about a second of every build."""
    folder.mkdir(parents=True, exist_ok=True)
    return _Compiled(folder, root)


def environment(template_dir: Path | list[Path], cache_dir: Path | None = None,
                root: Path | None = None) -> jinja2.Environment:
    """`template_dir`: one folder, or several searched in order (the county's own first)."""
    dirs = template_dir if isinstance(template_dir, list) else [template_dir]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,   # one environment per build: no stat() of the template per page
        bytecode_cache=compiled_cache(cache_dir, root) if cache_dir else None,
    )
    env.filters.update(md=text.md, date_cn=text.date_cn, status_cn=text.status_cn,
                       filter_choices=filterform.choices,
                       md_parts=text.md_parts)
    return env


def linker(page_url: str) -> Callable[[str], str]:
    """Relative links from one page, so the site works under any sub-path."""
    def url(target: str) -> str:
        if target in ("", "."):
            target = "./"
        rel = get_relative_url(target, page_url or ".")
        if target.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return rel
    return url


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a generated Markdown file."""
    stem = src_uri[:-3]
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def render(env: jinja2.Environment, template: str, src_uri: str, **context: Any) -> str:
    return env.get_template(template).render(url=linker(page_url(src_uri)), **context)
