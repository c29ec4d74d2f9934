"""Teach jieba the names of people and villages so a search for a name finds it.

Only short proper names are added: a whole event title added as one word
would hide its parts ("采茶" would no longer find "兔街采茶节").
"""
from __future__ import annotations

import jiebacut
from dataset import Dataset


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
    """The search plugin's own jieba dictionary settings, which hooks/jiebacut.py does not read."""
    settings = search_settings(plugins) or {}
    for option in ("jieba_dict", "jieba_dict_user"):
        if settings.get(option):
            return f"mkdocs.yml 的 search 设置里不要写 {option}：本站只用 jieba 自带的词典，人名和村名会自动加入。"
    return None


def register(d: Dataset) -> None:
    """As jieba.add_word(name, freq=20000) for each name, for this build only (hooks/jiebacut.py)."""
    jiebacut.TOKENIZER.configure(words(d))
