"""Teach jieba the names of people and villages so a search for a name finds it.

Only short proper names are added: a whole event title added as one word
would hide its parts ("采茶" would no longer find "兔街采茶节").
"""
from __future__ import annotations

import jieba

from dataset import Dataset


def words(d: Dataset) -> set[str]:
    found = {h.name for h in d.honorees} | {v.name for v in d.villages}
    return {w for w in found if 1 < len(w) <= 6 and " " not in w}


def register(d: Dataset) -> None:
    for word in sorted(words(d)):
        jieba.add_word(word, freq=20000)
