"""The web forms' configuration (Decap CMS, /admin/config.yml), made from the models at every
build, so a field added to a model is a field in the forms. One collection per kind of entry:
a data file holding one thing is a file collection; a folder of list files (events, honorees,
villages) is a folder collection whose every file (e.g. 2024.yml) is one form with the list."""
from __future__ import annotations

from typing import Any

from kit.data.model import forms, schema
from kit.data.model.forms import FormField
from kit.data.model.patterns import MESSAGES, PATTERNS
from kit.data.model.labels import KINDS, SINGULAR
from kit.data.model.settings import Editing

PHOTOS = "data/photos"
LOCAL_PROXY = "http://localhost:8081/api/v1"
# a date only, read and written in the browser's own zone: "2024-07-01" stays that day anywhere,
# 现在 gives the editor's today (picker_utc would give UTC's: yesterday before 08:00 in Beijing)
# and no "UTC" label stands beside the date
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
TITLE_KEYS = ("name", "title", "label", "award", "weekday", "src")
# our YAML format (kit/outputs/yamlkeep.js): a save changes only what the editor changed
FORMAT = "yml-keep"
# a required field's label ends with this (Decap itself only marks the optional ones, "（可选）");
# guard.js strips it again where it names a field in a message
REQUIRED = "（必填）"


def widget(ff: FormField) -> dict[str, Any]:
    """One form field in Decap's terms."""
    out: dict[str, Any] = {"name": ff.name, "label": ff.label}
    if ff.hint:
        out["hint"] = ff.hint
    if not ff.required:
        out["required"] = False
    out.update(_input(ff))
    if ff.kind == "bool" and ff.default is not None:
        out["default"] = ff.default
    return out


def _input(ff: FormField) -> dict[str, Any]:
    kind = ff.kind
    if kind == "text":
        return {"widget": "string", **({"pattern": [PATTERNS[ff.rule], MESSAGES[ff.rule]]} if ff.rule else {})}
    if kind == "longtext":
        return {"widget": "text"}     # kept verbatim: Decap's rich editor would rewrite the Markdown
    if kind == "slug":
        return {"widget": "string", "pattern": [PATTERNS["slug"], MESSAGES["slug"]]}
    if kind == "date":
        return dict(DATE)
    if kind == "bool":
        return {"widget": "boolean"}
    if kind in ("int", "number"):
        spec: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "int" else "float"}
        low, high = ff.bounds
        spec.update({k: v for k, v in (("min", low), ("max", high)) if v is not None})
        return spec
    if kind == "choice":
        return {"widget": "select", "options": list(ff.options)}
    if kind in ("textlist", "datelist"):
        item = dict(DATE) if kind == "datelist" else {"widget": "string"}
        return {"widget": "list", "field": {"name": "item", "label": ff.label, **item}, **_min(ff)}
    if kind in ("photo", "object"):
        fields = _photo(ff) if kind == "photo" else [widget(c) for c in ff.children]
        if not ff.required:     # Decap checks the inner fields of an empty optional object; make check does
            for spec in fields:
                spec["required"] = False
        return {"widget": "object", "collapsed": not ff.required, "fields": fields}
    fields = _photo(ff) if kind == "photolist" else [widget(c) for c in forms.entry_order(ff.children)]
    spec = {"widget": "list", "fields": fields, "label_singular": ff.label, **_min(ff)}
    names = [c.name for c in ff.children]
    title = next((k for k in TITLE_KEYS if k in names), None)
    if title:
        spec["summary"] = "{{fields.%s}}" % title + (" （{{fields.id}}）" if "id" in names else "")
    return spec


def _min(ff: FormField) -> dict[str, Any]:
    return {"min": ff.min_items} if ff.min_items else {}


def _photo(ff: FormField) -> list[dict[str, Any]]:
    fields = [widget(c) for c in ff.children]
    for spec in fields:
        if spec["name"] == "src":
            spec.update(widget="image", choose_url=False, media_folder=f"/{PHOTOS}", public_folder="photos")
            spec.pop("pattern", None)
    return fields


def collections() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for filename, model in schema.SINGLE.items():
        kind = filename.removesuffix(".yml")
        out.append({"name": kind, "label": KINDS[kind], "editor": {"preview": False}, "format": FORMAT,
                    "files": [{"name": kind, "label": KINDS[kind], "file": f"data/{filename}",
                               "fields": marked([widget(ff) for ff in forms.form(model)])}]})
    for folder, model in schema.FOLDERS.items():
        out.append({"name": folder, "label": KINDS[folder], "label_singular": f"{KINDS[folder]}名单",
                    "folder": f"data/{folder}", "extension": "yml", "format": FORMAT,
                    "create": True, "slug": "{{year}}", "identifier_field": f"{folder}.0.id",
                    "summary": "{{filename}}.yml", "sortable_fields": [], "editor": {"preview": False},
                    "description": f"每个文件是一份{SINGULAR[folder]}名单（如按年份的 2024.yml），打开后在列表里添加或修改。",
                    "fields": marked([_named(widget(ff), SINGULAR[folder]) for ff in forms.form(model)])})
    return out


def marked(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each required field's label marked, as the model makes it (a field without a default,
    inside an object that is itself required); a switch always has a value, so it is not marked.
    Done last: an optional object's fields were made optional only after their specs."""
    for spec in fields:
        if spec.get("required", True) and spec["widget"] != "boolean":
            spec["label"] += REQUIRED
        marked(spec.get("fields", []))
    return fields


def _named(spec: dict[str, Any], singular: str) -> dict[str, Any]:
    return {**spec, "label_singular": singular}


def backend(editing: Editing) -> dict[str, Any]:
    """Where the forms commit: the county's own GitLab or Gitea/Forgejo, or this computer."""
    if editing.backend == "local":
        return {"backend": {"name": "proxy", "proxy_url": LOCAL_PROXY, "branch": editing.branch}}
    host = editing.url.rstrip("/")
    spec: dict[str, Any] = {"name": editing.backend, "repo": editing.repo, "branch": editing.branch,
                            "base_url": host, "app_id": editing.app_id}
    if editing.backend == "gitlab":
        spec.update(api_root=f"{host}/api/v4", auth_type="pkce", auth_endpoint="oauth/authorize")
    else:
        spec.update(api_root=f"{host}/api/v1")
    out: dict[str, Any] = {"backend": spec, "local_backend": True}
    if editing.review and editing.backend == "gitlab":
        out["publish_mode"] = "editorial_workflow"
    return out


def config(editing: Editing, site_url: str) -> dict[str, Any]:
    return {"locale": "zh_Hans", **backend(editing), "site_url": site_url, "display_url": site_url,
            "media_folder": PHOTOS, "public_folder": "photos", "show_preview_links": False,
            "search": False, "collections": collections()}
