"""hooks/kit/pages/text.py: a story of plain prose gets the HTML Python-Markdown would make,
without running Markdown; anything with a Markdown character still goes through Markdown."""
from __future__ import annotations

import random
import sys

import yaml

from kit.pages import text
from conftest import FIXTURE, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import gen_data  # noqa: E402


ENGINE = text.md_engine()


def _markdown(value: str) -> str:
    return ENGINE.reset().convert(text.CJK_BREAK.sub("", value))


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_data_texts_as_markdown_makes_them(tmp_path):
    root = gen_data.write_data(300, tmp_path, 1, photos=1)
    values = []
    for folder in (root / "data", FIXTURE / "data"):
        for path in sorted(folder.rglob("*.yml")):
            values += _strings(yaml.safe_load(path.read_text("utf-8")))
    prose = 0
    for v in values:
        assert str(text.md(v)) == _markdown(v), v
        prose += text.prose_html(text.CJK_BREAK.sub("", v)) is not None
    assert prose > len(values) // 2      # the shortcut is taken for most of them


# prose characters, spaces of several kinds, line breaks, and every character that can make Markdown
ALPHABET = list("好人事迹村民志愿者，。、；：“”（）《》！？—…·０１２abcXYZ059") + \
    [" ", "  ", "\u3000", "\u00a0", "\t", "\n", "\n", "\n\n", "\n\n\n", "\r\n", "\u2028", "\x85"] + \
    list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + ["1. ", "- ", "# ", "> ", "    ", "***", "===", "&amp;", "<b>"]


def test_random_texts_as_markdown_makes_them():
    rng = random.Random(27)
    shortcut = 0
    weights = [8 if len(c) == 1 and c.isalnum() or c in "，。" else 1 for c in ALPHABET]
    for i in range(20000):
        v = "".join(rng.choices(ALPHABET, weights, k=rng.randint(0, 40)))
        taken = text.prose_html(text.CJK_BREAK.sub("", v)) is not None
        shortcut += taken
        # a text the shortcut refuses goes through the same Markdown engine either way: one in ten
        # of those is enough to show that; every text the shortcut takes is compared
        if taken or i % 10 == 0:
            assert str(text.md(v)) == _markdown(v), repr(v)
    assert shortcut > 2000
