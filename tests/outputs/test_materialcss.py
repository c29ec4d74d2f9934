"""Material's stylesheet without the rules of unused Markdown extensions (hooks/kit/outputs/materialcss.py)."""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from mkdocs.exceptions import PluginError

from kit.outputs import materialcss

MATERIAL_CSS = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
NEVER = re.compile(r"(?!x)x")
BASE = ["attr_list", "md_in_html", "admonition", "tables", {"toc": {}}]


def test_reading_and_writing_back_changes_no_byte_of_materials_css():
    css = MATERIAL_CSS.read_text("utf-8")
    assert materialcss.trim(css, NEVER) == css


def test_only_the_selectors_naming_a_dropped_class_go():
    css = ('@charset "utf-8";a,.tabbed-set>b{color:red}.tabbed-set{x:"}{"}'
           '@media print{.tabbed-labels{display:none}.md-nav{display:none}}@media screen{.tabbed-x{y:1}}'
           '@keyframes k{0%{opacity:0}}.md-typeset :is(.tabbed-set,.admonition){z:1}.keysx{w:1}')
    drop = re.compile(r"\.(?:tabbed-[\w-]+|keys)(?![\w-])")
    assert materialcss.trim(css, drop) == ('@charset "utf-8";a{color:red}@media print{.md-nav{display:none}}'
                                           '@keyframes k{0%{opacity:0}}.keysx{w:1}')


def test_the_kits_extensions_drop_a_quarter_and_keep_admonitions(tmp_path):
    folder = tmp_path / materialcss.STYLES
    folder.mkdir(parents=True)
    (folder / MATERIAL_CSS.name).write_bytes(MATERIAL_CSS.read_bytes())
    out = materialcss.write(str(tmp_path), materialcss.prefix(BASE), BASE).read_text("utf-8")
    assert len(out) < 0.8 * len(MATERIAL_CSS.read_text("utf-8"))
    assert ".admonition" in out and ".md-search" in out and ".md-tooltip" in out
    assert not re.search(r"\.(tabbed-set|highlighttable|arithmatex|critic)\b", out)


def test_a_county_that_adds_an_extension_keeps_its_rules_under_another_name():
    more = BASE + ["pymdownx.superfences", {"pymdownx.tabbed": {"alternate_style": True}}]
    assert "pymdownx.tabbed" not in materialcss.unused(more) and "pymdownx.highlight" not in materialcss.unused(more)
    assert materialcss.prefix(more) != materialcss.prefix(BASE)


def test_a_theme_without_one_main_css_stops_the_build_with_a_message(tmp_path):
    with pytest.raises(PluginError, match="样式表"):
        materialcss.write(str(tmp_path), "wm-x-", BASE)


def test_every_page_links_the_trimmed_stylesheet_that_exists(built):
    links = set()
    for page in built.site.rglob("*.html"):
        links.update(re.findall(r'href="([^"]*stylesheets/[^"]*main\.[^"]*\.css)"', page.read_text("utf-8")))
    names = {Path(link).name for link in links}
    assert len(names) == 1 and next(iter(names)).startswith("wm-"), names
    assert (built.site / materialcss.STYLES / names.pop()).is_file()
