"""Material's menu and lang.t kept per distinct input (hooks/kit/speed/partials.py): the same bytes
as rendering every time, reused only when every input the menu saw is the same; on for the kit's
own theme (an upgrade of Material or MkDocs that breaks the reasoning turns it off, and this says so).
The whole site with and without it: tests/speed/test_speed_off.py."""
from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.theme import Theme
from mkdocs.utils.templates import url_filter

from conftest import ROOT
from kit.speed import partials

MENU = ('<nav>{{ lang.t("nav") }}{% for i in nav.items %}<a class="{{ "on" if i.active }}" '
        'href="{{ i.url | url }}">{{ i.title }}</a>{% endfor %}</nav>')
TEMPLATES = {
    "partials/tabs.html": MENU,
    "partials/nav.html": MENU + '<img src="{{ "assets/logo.svg" | url }}">',
    "partials/language.html": '{% import "partials/languages/xx.html" as lang %}'
                              '{% macro t(key) %}{{ lang.t(key) or key }}{% endmacro %}',
    "partials/languages/xx.html": '{% macro t(key) %}{{ {"nav": "栏目"}[key] }}{% endmacro %}',
    "main.html": '{% import "partials/language.html" as lang with context %}'
                 '{% include "partials/tabs.html" %}|{% include "partials/nav.html" %}',
}


def _env(folder):
    for name, source in {**TEMPLATES, **{n: "" for n in partials.MENU_PARTS if n not in TEMPLATES}}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(source, "utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), auto_reload=False)
    env.filters["url"] = url_filter
    return env


NAV = SimpleNamespace(items=[SimpleNamespace(title=t, url=u, active=False)
                             for t, u in (("首页", ""), ("好人", "honorees/"), ("活动", "events/"))])
PAGES = ["honorees/g1/", "honorees/g2/", "events/e1/", "events/2016/e2/", "honorees/", "g3/", "g4/", "a/b/c/"]


def test_the_same_bytes_and_reuse_only_where_every_input_is_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(partials, "MATERIAL", tmp_path)
    plain_env, kept_env = _env(tmp_path), _env(tmp_path)
    kept = partials.Partials(kept_env, lambda page: page.url != "honorees/")
    assert kept.menu

    def render(env, url, active=None):
        for item in NAV.items:
            item.active = item.url == active
        page = SimpleNamespace(url=url)
        base = "/".join([".."] * url.count("/")) or "."
        return env.get_template("main.html").render(page=page, nav=NAV, base_url=base)

    cases = [(url, None) for url in PAGES] + [("honorees/g5/", "honorees/"), ("honorees/g6/", "honorees/")]
    for url, active in cases + cases:
        assert render(kept_env, url, active) == render(plain_env, url, active), url
    # each distinct (URLs as the page sees them, active item) rendered once per template; the
    # page out of `cacheable` rendered every time
    assert kept.renders == 2 * 6 and kept.reuses == 2 * 2 * len(cases) - 2 * 6 - 2 * 2
    assert "栏目" in render(kept_env, "g9/")


def test_an_override_of_a_menu_template_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setattr(partials, "MATERIAL", tmp_path / "material")
    env = _env(tmp_path / "material")
    env.loader = jinja2.FileSystemLoader([str(tmp_path / "county"), str(tmp_path / "material")])
    (tmp_path / "county" / "partials").mkdir(parents=True)
    (tmp_path / "county" / "partials" / "nav-item.html").write_text("{{ page.title }}", "utf-8")
    assert not partials.Partials(env, lambda page: True).menu


def test_a_language_file_that_reads_the_page_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(partials, "MATERIAL", tmp_path)
    env = _env(tmp_path)
    (tmp_path / "partials" / "language.html").write_text(
        '{% macro t(key) %}{{ page.url }}{{ key }}{% endmacro %}', "utf-8")
    assert not partials._pure_language(env)


def test_on_for_the_kits_own_theme():
    """Material's templates and the zh-CN language partial as installed keep to the reasoning."""
    env = Theme(name="material", custom_dir=str(ROOT / "overrides"), language="zh-CN").get_env()
    assert all(partials._from_material(env, name) for name in partials.MENU_PARTS)
    assert partials._pure_language(env)
    kept = partials.Partials(env, lambda page: True)
    assert kept.menu and kept.pure == list(partials.PURE)
    assert isinstance(env.get_template(partials.LANGUAGE).make_module, type(lambda: 0))


@pytest.mark.parametrize("key", ["language", "search", "no.such.key"])
def test_lang_t_gives_the_macros_text(key):
    plain = Theme(name="material", custom_dir=str(ROOT / "overrides"), language="zh-CN").get_env()
    kept_env = Theme(name="material", custom_dir=str(ROOT / "overrides"), language="zh-CN").get_env()
    partials.Partials(kept_env, lambda page: True)
    config = {"theme": {"language": "zh-CN"}}
    made = plain.get_template(partials.LANGUAGE).make_module({"config": config}, True, {})
    kept = kept_env.get_template(partials.LANGUAGE).make_module({"config": config}, True, {})
    assert kept.t(key) == made.t(key) and type(kept.t(key)) is type(made.t(key))
    assert kept is kept_env.get_template(partials.LANGUAGE).make_module({"config": config}, True, {})


@pytest.mark.parametrize("source, pure", [
    ('<a href="{{ "sitemap/" | url }}">{{ lang.t("top") }}</a>{{ config.site_name | replace("a", "b") }}', True),
    ('{% include "partials/party.html" %}{% include ".icons/" ~ config.icon ~ ".svg" %}', True),
    ("{{ page.title }}", False),                       # reads the page
    ("{{ config._current_page.title }}", False),       # the page, through the config
    ("{{ icon }}", False),                             # a variable of the template that includes it
    ('{{ "x" | wm_page_filter }}', False),             # a filter given the context
    ('{% include "partials/reads-page.html" %}', False),
    ('{% include config.template %}', False),          # an include not known beforehand
])
def test_a_partial_is_kept_only_if_it_reads_nothing_of_the_page(tmp_path, source, pure):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "party.html").write_text("<span>党政机关</span>", "utf-8")
    (tmp_path / "partials" / "reads-page.html").write_text("{{ page.url }}", "utf-8")
    (tmp_path / "partials" / "it.html").write_text(source, "utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
    env.filters["url"] = url_filter
    env.filters["wm_page_filter"] = jinja2.pass_context(lambda context, value: context["page"].url)
    assert partials._pure(env, "partials/it.html", partials.CONSTANT) is pure


def test_a_pure_partial_is_kept_on_every_page_with_its_urls(tmp_path, monkeypatch):
    monkeypatch.setattr(partials, "PURE", ("partials/footer.html",))
    plain_env, kept_env = _env(tmp_path), _env(tmp_path)
    (tmp_path / "partials" / "footer.html").write_text(
        '<footer><a href="{{ "sitemap/" | url }}">网站地图</a>{{ config.site_name }}</footer>', "utf-8")
    (tmp_path / "page.html").write_text('{% include "partials/footer.html" %}', "utf-8")
    kept = partials.Partials(kept_env, lambda page: False)     # no page is an entry page: the footer is kept anyway
    assert kept.pure == ["partials/footer.html"]
    for url in PAGES + PAGES:
        context = {"page": SimpleNamespace(url=url), "config": {"site_name": "县"}, "base_url": "."}
        assert kept_env.get_template("page.html").render(context) == plain_env.get_template("page.html").render(context)
    assert kept.renders == len({url.count("/") for url in PAGES})   # once per relative link to sitemap/
