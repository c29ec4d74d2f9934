"""Teach jieba the names of people and villages so a search for a name finds it.

Only short proper names are added: a whole event title added as one word
would hide its parts ("采茶" would no longer find "某镇采茶节").
"""
from __future__ import annotations

import re

from kit.data.dataset import Dataset


def words(d: Dataset) -> set[str]:
    found = {h.name for h in d.honorees} | {v.name for v in d.villages}
    return {w for w in found if 1 < len(w) <= 6 and " " not in w}


def search_settings(plugins) -> dict | None:
    """The settings of the search plugin (Material's), or None without one."""
    for name, plugin in plugins.items():
        if name.endswith("search"):
            return getattr(plugin, "config", {})
    return None


def custom_dictionary(plugins) -> str | None:
    """The search plugin's own jieba dictionary settings, which the build's cut does not read (kit/patches.py)."""
    settings = search_settings(plugins) or {}
    for option in ("jieba_dict", "jieba_dict_user"):
        if settings.get(option):
            return f"mkdocs.yml 的 search 设置里不要写 {option}：本站只用 jieba 自带的词典，人名和村名会自动加入。"
    return None


def separator(plugins) -> re.Pattern:
    """The search plugin's separator: how its index and ours split text into words."""
    settings = search_settings(plugins)
    if settings is None:
        return re.compile(r"[\s\u200b\-]+")
    return re.compile(settings.get("separator") or r"[\s\-]+")
