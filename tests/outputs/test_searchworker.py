"""The search worker the site starts: ours, with Material's inside it (hooks/searchworker.py)."""
from __future__ import annotations

import json
import re

import pytest
from mkdocs.exceptions import PluginError

from kit.outputs import searchworker

CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def test_material_goes_at_the_mark_without_its_source_map_comment():
    source = f"before();\n{searchworker.MARK}\nafter();\n"
    out = searchworker.combined("material();\n//# sourceMappingURL=search.1234.min.js.map\n", source)
    assert out.index("before();") < out.index("material();") < out.index("after();")
    assert "sourceMappingURL" not in out and searchworker.MARK not in out


def test_our_script_has_one_mark_and_no_eval():
    text = searchworker.SOURCE.read_text("utf-8")
    assert text.count(searchworker.MARK) == 1
    assert not re.search(r"\beval\s*\(|new Function|importScripts", text)


def test_a_theme_without_one_search_worker_stops_the_build_with_a_message(tmp_path):
    with pytest.raises(PluginError, match="搜索程序"):
        searchworker.write(str(tmp_path), searchworker.prefix())


def test_every_page_starts_the_worker_the_build_wrote(built):
    pages = [p for p in built.site.rglob("*.html") if p.name != "404.html"]
    workers = set()
    for page in pages:
        m = CONFIG.search(page.read_text("utf-8"))
        if not m:
            continue
        url = json.loads(m.group(1))["search"]
        target = (page.parent / url).resolve()
        assert target.is_file(), (page, url)
        workers.add(target.name)
    assert len(workers) == 1
    name = workers.pop()
    assert name.startswith(searchworker.prefix()) and re.fullmatch(r"wm-[0-9a-f]{8}-search\.[0-9a-f]+\.min\.js", name)
