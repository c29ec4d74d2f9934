"""The web forms' configuration (/admin/config.yml) against the models, field by field, and the
/admin/ folder of a build: the CMS served from the site itself, or a Chinese page saying it was
left out."""
from __future__ import annotations

import datetime as dt
import re
import typing
from decimal import Decimal

import pytest
import yaml
from pydantic import BaseModel

from conftest import run_build
from kit.data.model import fields as f
from kit.data.model import forms, schema
from kit.data.model.labels import LABELS, KINDS
from kit.data.model.settings import Editing
from kit.data.model.models import Publishable
from kit.outputs import admin, cms

MODELS = {**schema.SINGLE, **{f"{k}/": v for k, v in schema.FOLDERS.items()}}


def _plain(annotation):
    """(inner type, optional, validator functions) as the forms module sees them."""
    inner, optional, meta = forms._parts(annotation)
    return inner, optional, {getattr(m, "func", None) for m in meta}


def expected_widget(annotation) -> str:
    inner, _, funcs = _plain(annotation)
    if typing.get_origin(inner) is list:
        return "list"
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return "object"
    if typing.get_origin(inner) is typing.Literal:
        return "select"
    if inner is dt.date or f.parse_date in funcs:
        return "datetime"
    if inner is bool or f.parse_bool in funcs:
        return "boolean"
    if inner in (int, Decimal):
        return "number"
    return "string|text"


def compare(model: type[BaseModel], specs: list[dict], where: str, optional_parent=False) -> int:
    """Every field of the model is a form field, in order, with the right input; returns the count."""
    names = list(model.model_fields)     # an entry's own fields first, the publishing switches last
    switches = [n for n in ("draft", "example", "publish", "updated", "old_ids") if n in names]
    if issubclass(model, Publishable):
        names = [n for n in names if n not in switches] + switches
    assert [s["name"] for s in specs] == names, where
    count = 0
    for name, spec in zip(names, specs):
        info = model.model_fields[name]
        at = f"{where}.{name}"
        annotation = info.rebuild_annotation()
        inner, optional, _ = _plain(annotation)
        assert spec["label"] and re.search(r"[\u4e00-\u9fff]", spec["label"]), at
        required = info.is_required() and not optional and not optional_parent
        assert spec.get("required", True) == required, at
        want = expected_widget(annotation)
        got = spec["widget"]
        # required fields are marked (Decap marks only the optional ones); a switch always has a value
        assert spec["label"].endswith(cms.REQUIRED) == (required and got != "boolean"), at
        assert spec["label"].count(cms.REQUIRED) <= 1, at
        assert got in want.split("|") or (name == "src" and got == "image"), (at, got, want)
        if got == "select":
            assert spec["options"] == list(typing.get_args(inner)), at
        if got == "datetime":
            assert spec["format"] == "YYYY-MM-DD" and spec["time_format"] is False, at
            assert not spec.get("picker_utc"), at      # 现在 is the editor's today, not UTC's
        if got == "number":
            assert spec["value_type"] == ("int" if inner is int else "float"), at
        if name == "src" and model is f.Photo:
            assert spec["widget"] == "image" and spec["media_folder"] == "/data/photos", at
            assert spec["public_folder"] == "photos", at
        if got == "string" and f.check_slug in _plain(annotation)[2]:
            assert re.fullmatch(spec["pattern"][0], "2024-zhang-san") and not re.fullmatch(spec["pattern"][0], "Zhang San")
        min_length = next((m.min_length for m in info.metadata if getattr(m, "min_length", None)), None)
        if got == "list":
            assert spec.get("min") == (min_length if typing.get_origin(inner) is list and min_length else None), at
            item = typing.get_args(inner)[0]
            item_inner, _, _ = _plain(item)
            if isinstance(item_inner, type) and issubclass(item_inner, BaseModel):
                count += compare(item_inner, spec["fields"], at + "[]")
            else:
                assert spec["field"]["widget"] == expected_widget(item).split("|")[0], at
        elif got == "object":
            count += compare(inner, spec["fields"], at, optional_parent=not required)
        count += 1
    return count


def test_every_field_of_every_model_is_a_form_field_with_its_chinese_label():
    config = cms.config(Editing(), "https://wenming.example.gov.cn/")
    by_name = {c["name"]: c for c in config["collections"]}
    assert len(by_name) == len(MODELS)
    total = 0
    for key, model in MODELS.items():
        kind = key.rstrip("/").removesuffix(".yml")
        collection = by_name[kind]
        assert collection["label"] == KINDS[kind]
        if key.endswith("/"):
            assert collection["folder"] == f"data/{kind}" and collection["format"] == "yml-keep"
            specs = collection["fields"]
        else:
            (entry,) = collection["files"]
            assert entry["file"] == f"data/{key}"
            specs = entry["fields"]
        total += compare(model, specs, kind)
    assert total > 150


def test_the_forms_are_in_chinese_and_save_where_the_data_lives():
    config = cms.config(Editing(), "https://wenming.example.gov.cn/")
    assert config["locale"] == "zh_Hans"
    assert config["media_folder"] == "data/photos" and config["public_folder"] == "photos"
    assert config["backend"] == {"name": "proxy", "proxy_url": cms.LOCAL_PROXY, "branch": "main"}


def test_a_county_git_host_is_the_backend_with_review_on_gitlab():
    lab = cms.config(Editing(backend="gitlab", url="https://git.example.gov.cn/", repo="xcw/site",
                             app_id="abc", review=True), "https://x.example.gov.cn/")
    assert lab["backend"]["api_root"] == "https://git.example.gov.cn/api/v4"
    assert lab["backend"]["auth_type"] == "pkce" and lab["publish_mode"] == "editorial_workflow"
    tea = cms.config(Editing(backend="gitea", url="https://git.example.gov.cn", repo="xcw/site", app_id="abc",
                             review=True), "https://x.example.gov.cn/")
    assert tea["backend"]["api_root"] == "https://git.example.gov.cn/api/v1"
    assert "publish_mode" not in tea    # Decap's Gitea backend has no editorial workflow
    assert lab["local_backend"] is True and tea["local_backend"] is True


def test_every_label_is_used_by_some_model():
    used = set()
    for model in list(MODELS.values()):
        stack = [model]
        while stack:
            m = stack.pop()
            for name, info in m.model_fields.items():
                used |= {name, f"{m.__name__}.{name}"}
                inner = forms._parts(info.rebuild_annotation())[0]
                if typing.get_origin(inner) is list:
                    inner = forms._parts(typing.get_args(inner)[0])[0]
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    stack.append(inner)
    assert not set(LABELS) - used, set(LABELS) - used


def test_the_built_site_serves_the_cms_and_its_config(built):
    if admin.bundle(built.root) is None:
        pytest.skip("decap-cms not installed (npm ci)")
    names = {p.name for p in (built.site / "admin").iterdir()}
    assert {"index.html", "config.yml", "decap-cms.js", "status.js", "guard.js", "admin.css"} <= names
    assert "status.json" not in names, "only `mkdocs serve` writes the preview's check"
    assert not [n for n in names if n.endswith(".map")]
    page = built.text("admin/index.html")
    assert '<script src="decap-cms.js"></script>' in page and "noindex" in page
    # mkdocs serve's live reload (added before </body>) never reloads the forms
    assert page.index('Object.defineProperty(window, "livereload"') < page.index('src="decap-cms.js"')
    assert '<link rel="stylesheet" href="admin.css">' in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    config = yaml.safe_load(built.text("admin/config.yml"))
    assert config["site_url"].startswith("https://") and config["locale"] == "zh_Hans"
    assert [c["name"] for c in config["collections"]] == [k.rstrip("/").removesuffix(".yml") for k in MODELS]
    # readers never meet it: not in the sitemap, the search index or any feed
    assert "admin/" not in built.text("sitemap.xml")
    assert '"location":"admin' not in built.text("search/search_index.json").replace(" ", "")
    assert not [p for p in built.site.glob("*.xml") if "/admin/" in p.read_text("utf-8")]


def test_the_save_format_and_its_yaml_library_are_served_with_every_import_in_place(built):
    """admin.js registers our save format (yamlkeep.js) before starting the CMS; every module
    they import, down through the yaml package, is a file of the site."""
    if admin.bundle(built.root) is None:
        pytest.skip("decap-cms not installed (npm ci)")
    page = built.text("admin/index.html")
    assert page.index("CMS_MANUAL_INIT = true") < page.index('src="decap-cms.js"') < page.index(
        '<script type="module" src="admin.js"></script>')
    start = built.text("admin/admin.js")
    assert "registerCustomFormat('yml-keep'" in start and "CMS.init()" in start
    todo, seen = [built.site / "admin" / "admin.js"], set()
    while todo:
        path = todo.pop()
        seen.add(path)
        for ref in re.findall(r"""^(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]""", path.read_text("utf-8"), re.M):
            assert ref.startswith("."), (path, ref)
            target = (path.parent / ref).resolve()
            assert target.is_file(), (path, ref)
            if target not in seen:
                todo.append(target)
    assert built.site / "admin" / "yaml" / "index.js" in seen and len(seen) > 20


def test_without_the_cms_package_the_site_builds_and_says_so(project, tmp_path):
    result = run_build(project, tmp_path / "site", {"WENMING_NODE_MODULES": str(tmp_path / "none")})
    assert result.returncode == 0, result.log
    assert "WARNING" not in result.log
    assert "网页编辑页面（/admin/）未生成" in result.log
    page = (tmp_path / "site" / "admin" / "index.html").read_text("utf-8")
    assert "未生成" in page and "npm ci" in page and "<script" not in page
    assert sorted(p.name for p in (tmp_path / "site" / "admin").iterdir()) == ["index.html"]
