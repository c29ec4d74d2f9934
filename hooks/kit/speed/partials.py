"""Material's menu and translation macro, rendered once per distinct input instead of per page.

Every page renders Material's tabs and navigation (partials/tabs.html and partials/nav.html with
the macros of tabs-item.html and nav-item.html) and calls its translation macro `lang.t` a few
dozen times; in a cold build that was about a fifth of the theme's work.

The menu. For an entry page kept out of the nav (the build's `cacheable` pages), Material's menu
templates read the page only to compare it with nav items and, for the nav item that is the page,
its table of contents: never true for a page out of the nav. Their output then depends on the nav
(fixed for a build) and which of its items are active, config and features (fixed), `base_url`,
and the page's URL through MkDocs' `url` filter. So such an include is kept, keyed by template,
active flags and `base_url`, with the `url` filter's inputs recorded while it first renders; a
later page with the same key reuses it only if the filter gives the same result for every
recorded input: the render would take the same path and write the same bytes. Only Material's
own templates are kept this way: a county that overrides one of them turns this off.

Other partials on every page (the search box, the footer, the back-to-top button) are kept
the same way on any page when they provably read nothing of it: what they (and what they include)
read from outside is only config (no `_` attribute, so not `config._current_page`), features,
`lang` and `base_url`, their includes are named or Material's `.icons/…svg`, and the only filter
that reads the context is `url` (recorded as above).

`lang.t`. Material imports partials/language.html with the page's context, once per page; its
`t(key)` only calls the language files it imports without context, so it is a function of the
key (and config, fixed). The first page's module is kept and each key's text asked once; a
language.html that imports with context, includes a template or reads more than `config` is left
alone. Nothing here changes a byte (tests/speed/test_speed_off.py, tests/speed/test_partials.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

import jinja2
import material
from jinja2 import meta, nodes

MENU = ("partials/tabs.html", "partials/nav.html")
# the templates the menu renders, which must be Material's own for the reasoning above to hold
MENU_PARTS = MENU + ("partials/tabs-item.html", "partials/nav-item.html", "partials/logo.html",
                     "partials/toc.html", "partials/toc-item.html")
PURE = ("partials/search.html", "partials/footer.html", "partials/top.html")
CONSTANT = {"config", "features", "lang", "base_url"}     # the same for every page of a build
LANGUAGE = "partials/language.html"
MISSING: Any = object()
MATERIAL = Path(material.__file__).parent / "templates"


def _from_material(env: jinja2.Environment, name: str) -> bool:
    try:
        _, filename, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return False
    return filename is not None and Path(filename).resolve().is_relative_to(MATERIAL.resolve())


def _pure_language(env: jinja2.Environment) -> bool:
    """language.html sees the page's context only through `config`; what it imports, never."""
    try:
        tree = env.parse(env.loader.get_source(env, LANGUAGE)[0])
    except (jinja2.TemplateError, OSError):
        return False
    imports = list(tree.find_all((nodes.Import, nodes.FromImport)))
    return (meta.find_undeclared_variables(tree) <= {"config"} and not any(i.with_context for i in imports)
            and not any(tree.find_all(nodes.Include)))


def _icon(node: nodes.Include) -> bool:
    """`{% include ".icons/" ~ name ~ ".svg" %}`: one of the theme's SVG icons."""
    first = node.template
    while isinstance(first, (nodes.Concat, nodes.Add)):
        first = first.nodes[0] if isinstance(first, nodes.Concat) else first.left
    return isinstance(first, nodes.Const) and str(first.value).startswith(".icons/")


def _pure(env: jinja2.Environment, name: str, allowed: set[str], seen: set[str] | None = None) -> bool:
    """The template reads nothing of the page but through the `url` filter (see above)."""
    seen = set() if seen is None else seen
    if name in seen:
        return True
    seen.add(name)
    try:
        tree = env.parse(env.loader.get_source(env, name)[0])
    except (jinja2.TemplateError, OSError):
        return False
    if not meta.find_undeclared_variables(tree) <= allowed:
        return False
    if any(n.attr.startswith("_") for n in tree.find_all(nodes.Getattr)):
        return False
    for f in tree.find_all(nodes.Filter):
        function = env.filters.get(f.name)
        passed = getattr(getattr(function, "jinja_pass_arg", None), "name", "")
        if f.name != "url" and passed == "context":      # only a filter given the context sees the page
            return False
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        if isinstance(node.template, nodes.Const):
            if not _pure(env, node.template.value, allowed, seen):
                return False
        elif not (isinstance(node, nodes.Include) and _icon(node)):
            return False
    return True


def _active(items) -> tuple:
    return tuple((bool(getattr(i, "active", False)), _active(getattr(i, "children", None) or [])) for i in items)


class Translations:
    """The language module of the first page, each key's text asked once."""

    def __init__(self, module: Any) -> None:
        self.module = module
        self.texts: dict[Any, Any] = {}

    def t(self, key: Any) -> Any:
        try:
            return self.texts[key]
        except KeyError:
            text = self.texts[key] = self.module.t(key)
            return text
        except TypeError:       # an unhashable key: asked every time
            return self.module.t(key)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.module, name)


class Partials:
    def __init__(self, env: jinja2.Environment, cacheable: Callable[[Any], bool]) -> None:
        self.cacheable = cacheable
        self.kept: dict[tuple, dict[tuple, dict[tuple, str]]] = {}
        self.trace: list[tuple[Any, str]] | None = None
        self.renders = self.reuses = 0
        self.menu = "url" in env.filters and all(_from_material(env, n) for n in MENU_PARTS)
        language = _pure_language(env)
        allowed = CONSTANT if language else CONSTANT - {"lang"}
        self.pure = [n for n in PURE if "url" in env.filters and _pure(env, n, allowed)]
        if self.menu or self.pure:
            self.url = env.filters["url"]
            env.filters["url"] = self._url
        self.current: tuple = (MISSING, None, (), {}, None)    # see _page
        for name in (MENU if self.menu else ()) + tuple(self.pure):
            template = env.get_template(name)
            template.root_render_func = self._kept(name, template.root_render_func, name in MENU)
        if language:
            template = env.get_template(LANGUAGE)
            template.make_module = self._language(template.make_module)

    @jinja2.pass_context
    def _url(self, context, value):
        out = self.url(context, value)
        if self.trace is not None:
            self.trace.append((value, out))
        return out

    def _kept(self, name: str, render: Callable, menu: bool) -> Callable:
        def root(context) -> Iterator[str]:
            page = context.get("page")
            if menu and (page is None or not self.cacheable(page)):
                yield from render(context)
                return
            yield self._render(name, menu, render, context, page)
        return root

    def _page(self, context, page) -> tuple:
        """(page, base_url, the nav's active flags, the `url` filter's results), once per page."""
        base, nav = context.get("base_url"), context.get("nav")
        if self.current[0] is not page or self.current[1] != base or self.current[4] is not nav:
            self.current = (page, base, _active(getattr(nav, "items", None) or []), {}, nav)
        return self.current

    def _render(self, name: str, menu: bool, render: Callable, context, page) -> str:
        _, base, active, known, _ = self._page(context, page)
        kept = self.kept.setdefault((name, active if menu else (), base), {})
        for inputs, outputs in kept.items():
            results = tuple([known[v] if v in known else known.setdefault(v, self.url(context, v)) for v in inputs])
            html = outputs.get(results, MISSING)
            if html is not MISSING:
                if self.trace is not None:
                    self.trace.extend(zip(inputs, results))
                self.reuses += 1
                return html
        outer, self.trace = self.trace, []
        try:
            html = "".join(render(context))
            trace = self.trace
        finally:
            self.trace = outer
        if outer is not None:
            outer.extend(trace)
        self.renders += 1
        if all(type(v) is str for v, _ in trace):   # str only: 1 == True, but their URLs differ
            kept.setdefault(tuple(v for v, _ in trace), {})[tuple(r for _, r in trace)] = html
        return html

    def _language(self, make_module: Callable) -> Callable:
        kept: list[Translations] = []

        def first_module(*args, **kwargs) -> Translations:
            if not kept:
                kept.append(Translations(make_module(*args, **kwargs)))
            return kept[0]
        return first_module
