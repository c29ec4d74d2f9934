"""libyaml's composer in hooks/kit/data/files/yamlfast.py: every result is the pure-Python one.

`yamlread.parse` reads a file with libyaml (yaml.CSafeLoader) when it can prove the result equal
to PyYAML's and hands everything else to `parse_python`. These tests read every data file, every
golden case, a generated data set, hand-written tricky snippets and a few thousand generated
documents both ways and demand the same Doc (data, value marks, key marks, lines) and the same
problem lines; they also prove the fast path is really taken.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path
from unittest import mock

import pytest
import yaml

from kit.data.files import yamlread
from conftest import FIXTURE, ROOT
from kit.data.errors import Report

sys.path.insert(0, str(ROOT / "scripts"))
import gen_data  # noqa: E402

GOLDEN = ROOT / "tests" / "data" / "golden"


def outcome(raw: bytes, name: str = "data/x.yml", fast: bool = True):
    """Everything load_file lets a caller see: the Doc's fields and the problems in their order."""
    report = Report()
    try:
        if fast:
            doc = yamlread.load_file(raw, name, report)
        else:
            with mock.patch.object(yamlread, "fast_parse", return_value=None):
                doc = yamlread.load_file(raw, name, report)
    except RecursionError:  # PyYAML's composer on absurdly deep nesting: the fast path must not hide it
        return "RecursionError", [str(p) for p in report.problems]
    seen = None if doc is None else (doc.data, doc.values, doc.keys, doc.lines)
    return repr(seen), [str(p) for p in report.problems]


def assert_same(raw: bytes, name: str = "data/x.yml") -> None:
    assert outcome(raw, name) == outcome(raw, name, fast=False)


def takes_fast_path(text: str) -> bool:
    return yamlread.fast_parse(text) is not None


# --- every real file ---------------------------------------------------------------------------

DATA_FILES = sorted(p for p in (FIXTURE / "data").rglob("*") if p.suffix in (".yml", ".yaml"))
GOLDEN_FILES = sorted(p for p in GOLDEN.glob("*/data/**/*") if p.is_file())


def test_the_corpora_are_there():
    assert len(DATA_FILES) >= 8 and len(GOLDEN_FILES) >= 60


@pytest.mark.parametrize("path", DATA_FILES + GOLDEN_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_real_and_golden_files_read_the_same(path: Path):
    assert_same(path.read_bytes(), path.relative_to(ROOT).as_posix())


def test_every_data_file_takes_the_fast_path():
    for path in DATA_FILES:
        assert takes_fast_path(path.read_text("utf-8")), path


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    root = gen_data.write_data(300, tmp_path_factory.mktemp("gen"), 1, photos=1)
    return sorted(p for p in root.rglob("*") if p.suffix in (".yml", ".yaml"))


def test_generated_data_reads_the_same_and_fast(generated):
    assert len(generated) > 10
    for path in generated:
        assert_same(path.read_bytes(), path.name)
        assert takes_fast_path(path.read_text("utf-8")), path


# --- hand-written tricky snippets --------------------------------------------------------------

SNIPPETS = {
    "comment after plain": "a: 内容 # 备注\n",
    "comment after plain, two spaces": "a: x y  #z\nb: 1\n",
    "hash without space": "a: x#y\n",
    "comment after double-quoted": 'a: "x" # c\n',
    "comment after single-quoted": "a: 'x' # c\n",
    "comment after multi-line plain": "a: 第一行\n  第二行 # 备注\nb: 1\n",
    "comment line inside multi-line plain": "a: 第一行\n  # 备注\nb: 1\n",
    "comment after multi-line quoted": 'a: "x\n  y" # c\n',
    "hash at start of quoted continuation": 'a: ["x\n  # y", z #w\n  ]\n',
    "comment after flow": "a: [x, y] # c\nb: {k: v} # c\n",
    "comment inside flow": "a: [x #c\n  , y]\n",
    "full-line comments only around": "# top\na: 1\n  # indented\nb: 2 #not a comment\n",
    "block literal with comment": "a: | # c\n  x #y\n  z\nb: 1\n",
    "block folded with comment": "a: > # c\n  x\n  y # z\n\n  w\n",
    "block chomping": "a: |-\n  x\nb: >+\n  y\n\nc: |2\n   z\n",
    "block header hash": "a: |#\n  x\n",
    "tilde and nulls": "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: ''\ng: \"~\"\nh: !!null ~\n",
    "empty values": "a:\nb:   \nc: # c\n- \n",
    "empty list items": "a:\n  -\n  - \n  - x\n",
    "empty in flow": "a: {b: , c: 1}\nd: [x, ]\ne: {f}\n",
    "booleans ints floats timestamps": ("a: true\nb: no\nc: 012\nd: 0x1f\ne: 1.5e3\nf: 2023-07-01\n"
                                        "g: 2001-12-14t21:59:43.10-05:00\nh: 22:30\n"),
    "unusual tags": "a: !foo x\nb: !!python/name:os.system x\nc: !!str 1\nd: !!binary aGk=\ne: ! x\n",
    "python object tag": "a: !!python/object/apply:os.system [ls]\n",
    "tabs in a value": "a: x\ty\n",
    "tab in a comment line": "a: 1\n#\tcomment\n",
    "tab indent": "a:\n\tb: 1\n",
    "full-width colon": "name： 张三\n",
    "full-width colon inside text": "a: 时间：上午\n",
    "full-width quotes": "a: “引号”\nb: “未闭合\n",
    "duplicate keys": "a: 1\nb: 2\na: 3\n",
    "duplicate keys in flow": "a: {x: 1, x: 2}\n",
    "anchors and aliases": "a: &x 文字\nb: *x\nc: &y [1, 2]\nd: *y\n",
    "undefined alias": "a: *nope\n",
    "merge key": "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",
    "complex key": "? [a, b]\n: c\n",
    "question-mark key": "? a\n: b\n",
    "question mark in flow": "a: [x?y]\nb: {k?: v}\n",
    "question key in flow": "a: [? ]\n",
    "flow sequences and mappings": "a: [x, 'y', \"z\", [1, 2], {k: v}]\nb: {k: [1], l: {m: n}}\n",
    "flow over lines": "a: [x,\n  y,\n  z]\nb: {k: v,\n  l: w}\n",
    "json-like flow": '{"a":1, "b": [true, null]}\n',
    "crlf": "a: x\r\nb: y\r\nc:\r\n  - z\r\n",
    "crlf with comment": "a: x\r\nb: y # c\r\n",
    "crlf multi-line": "a: x\r\n  y\r\nb: 'q\r\n  r'\r\n",
    "lone cr": "a: x\rb: y\r",
    "bom": "\ufeffa: 1\n",
    "two boms": "\ufeff\ufeffa: 1\n",
    "bom inside": "a: x\ufeffy\nb: [\ufeff1, y]\n",
    "plain continued on the next line": "a: 第一\n  第二\n\n  第三\nb: 1\n",
    "plain continued less indented": "- a: x\n  y\n",
    "key with trailing spaces": "a   : 1\nb  :\n",
    "quoted keys": "\"a b\": 1\n'c': 2\n",
    "empty key": '"": 1\n',
    "no final line break": "a: 1\nb: x # c",
    "no final line break after empty value": "a: 1\nb:",
    "no final line break after list dash": "- a\n-",
    "document start only": "---",
    "document start and comment": "--- # c",
    "document markers": "---\na: 1\n...\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "bad directive": "%YAML 2.0\n---\na: 1\n",
    "top-level list": "- a\n- b: c\n",
    "top-level scalar": "just text\n",
    "empty file": "",
    "comments only": "# x\n# y\n",
    "colon in value": "a: b: c\n",
    "url": "a: http://x.cn/a?b=1#frag\n",
    "indent error": "a:\n  b: 1\n c: 2\n",
    "unclosed quote": 'a: "x\n',
    "bad escape": 'a: "\\q"\n',
    "line separator": "a: x\u2028y\n",
    "next line char": "a: x\x85y\n",
    "control char": "a: x\x07\n",
    "nul": "a: x\x00\n",
    "ideographic space": "a: x\u3000# y\nb:\u3000z\n",
    "em space before hash": "a: x\u2003#y\n",
    "em space then comment on a continuation line": "a: x\n  \u2003 #y\n",
    "nbsp": "a: x\xa0# y\n",
    "emoji": "a: 😀 # c\nb: 😀😀\n",
    "long key": "名" * 1100 + ": v\n",
    "deep flow": "a: " + "[" * 70 + "]" * 70 + "\n",
    "deep block": "".join(" " * i + "k:\n" for i in range(70)) + " " * 70 + "v\n",
    "very deep flow": "a: " + "[" * 600 + "]" * 600 + "\n",
}


@pytest.mark.parametrize("name", SNIPPETS)
def test_snippet_reads_the_same(name: str):
    assert_same(SNIPPETS[name].encode("utf-8"))


@pytest.mark.parametrize("name", ["crlf", "crlf multi-line", "tilde and nulls", "anchors and aliases",
                                  "flow sequences and mappings", "flow over lines", "block chomping",
                                  "plain continued on the next line", "key with trailing spaces",
                                  "no final line break after empty value", "hash without space",
                                  "comment line inside multi-line plain", "booleans ints floats timestamps"])
def test_clean_snippets_take_the_fast_path(name: str):
    text = SNIPPETS[name]
    assert outcome(text.encode("utf-8"))[1] == []
    assert takes_fast_path(text)


def _raw_compose(text: str, loader) -> object:
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        return type(exc).__name__
    out = []

    def walk(n):
        out.append((n.tag, n.value if isinstance(n, yaml.ScalarNode) else None, getattr(n, "style", None) or None,
                    n.start_mark.line, n.start_mark.column, n.end_mark.line, n.end_mark.column))
        for child in n.value if isinstance(n, yaml.SequenceNode) else []:
            walk(child)
        for pair in n.value if isinstance(n, yaml.MappingNode) else []:
            walk(pair[0]), walk(pair[1])

    walk(node)
    return out


# Texts on which libyaml and PyYAML really disagree; each is one of the fast path's guards.
DISAGREE = {
    "question mark in flow plain text": "a: [x?y]\n",
    "question-mark key in flow": "a: [? ]\n",
    "empty value in flow": "a: {b: , c: 1}\n",
    "block header followed by hash": "a: |#\n  x\n",
    "empty document without final line break": "---",
    "empty value at end of file": "? a",
    "end mark of a file without final line break": "a: x #c",
    "byte order mark inside (PyYAML gives it no column)": "b: [\ufeff1, y]\n",
    "tab after a colon (check_text stops it before parse)": "a:\tb\n",
}


def parsed(text: str, parse) -> tuple:
    report = Report()
    doc = parse(text, "data/x.yml", report)
    return repr(None if doc is None else (doc.data, doc.values, doc.keys, doc.lines)), [str(p) for p in report.problems]


@pytest.mark.parametrize("name", DISAGREE)
def test_known_disagreements_are_left_to_pyyaml(name: str):
    text = DISAGREE[name]
    assert _raw_compose(text, yaml.CSafeLoader) != _raw_compose(text, yaml.SafeLoader)
    assert not takes_fast_path(text)
    assert_same(text.encode("utf-8"))
    assert parsed(text, yamlread.parse) == parsed(text, yamlread.parse_python)


@pytest.mark.parametrize("name", [n for n in SNIPPETS if not n.startswith("very deep")])
def test_snippet_parses_the_same_without_the_line_checks(name: str):
    """parse() on its own (no decode, no check_text) must agree too: tabs, BOMs and all."""
    assert parsed(SNIPPETS[name], yamlread.parse) == parsed(SNIPPETS[name], yamlread.parse_python)


# --- the fast path is really taken -------------------------------------------------------------

def test_a_clean_file_never_reaches_pyyaml(generated, monkeypatch):
    def boom(*args):
        raise AssertionError("PyYAML composer called")

    monkeypatch.setattr(yamlread, "parse_python", boom)
    monkeypatch.setattr(yaml, "SafeLoader", None)
    for path in generated:
        report = Report()
        doc = yamlread.load_file(path.read_bytes(), "data/x.yml", report)
        assert doc is not None and report.problems == [] and doc.data


def test_a_file_with_a_problem_is_worded_by_pyyaml(monkeypatch):
    calls = []
    real = yamlread.parse_python
    monkeypatch.setattr(yamlread, "parse_python", lambda *a: calls.append(a[1]) or real(*a))
    report = Report()
    yamlread.load_file("a: x #lost\n".encode("utf-8"), "data/x.yml", report)
    assert calls == ["data/x.yml"]
    assert [p.line for p in report.problems] == [1]


def test_deep_nesting_is_left_to_pyyaml():
    """PyYAML's recursive composer needs twice the stack _build needs: deep files stay with it."""
    assert takes_fast_path("".join(" " * i + "k:\n" for i in range(40)) + " " * 40 + "v\n")
    assert not takes_fast_path(SNIPPETS["deep block"]) and not takes_fast_path(SNIPPETS["deep flow"])


def test_libyaml_is_present():
    assert yaml.__with_libyaml__ and yamlread.C_LOADER is yaml.CSafeLoader


# --- generated documents -----------------------------------------------------------------------

WORDS = ["a", "b c", "张三", "你好 世界", "~", "null", "", "true", "no", "12", "2023-07-01", "22:30", "<<", "a#b",
         "a #b", "x # 注释", "http://x.cn/?a=1#f", "a:b", "-a", "?a", ":a", "@x", "|", ">", "“引号”", "：",
         "\u3000x", "x\u3000# y", "x\u2003#y", "😀", "[x]", "{x}", "a, b", "x  ", "a  b", "#", "...", "---"]
KEYS = ["a", "key", "名称", "x y", "<<", "~", "", "12", "a#b", "dup", "dup", "k ", '"q"', "'s'", "? k"]


def _scalar(rng: random.Random, ind: int, flow: bool = False) -> str:
    word, pick = rng.choice(WORDS), rng.random()
    if pick < 0.45:
        return word
    if pick < 0.6:
        tail = rng.choice(["", "\\n", "\n" + " " * (ind + 1) + "c"])
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + tail + '"'
    if pick < 0.7:
        return "'" + word.replace("'", "''") + rng.choice(["", "\n" + " " * (ind + 1) + "c"]) + "'"
    if pick < 0.8 and not flow:
        body = "".join("\n" + " " * (ind + 2) + rng.choice(WORDS) for _ in range(rng.randint(0, 3)))
        return rng.choice(["|", ">", "|-", ">+", "|2", "| # c"]) + body
    if pick < 0.9:
        return word + rng.choice(["", "\n" + " " * (ind + rng.choice([0, 1, 2])) + rng.choice(WORDS), " # c", "  "])
    return rng.choice(["!!str ", "!foo ", "&x ", "*x", "!!null ", "! "]) + word


def _flow(rng: random.Random, depth: int) -> str:
    if depth > 2 or rng.random() < 0.5:
        return _scalar(rng, 0, True).replace("\n", " ")
    if rng.random() < 0.5:
        items = [_flow(rng, depth + 1) for _ in range(rng.randint(0, 3))]
        return "[" + rng.choice([", ", ",", ",\n  "]).join(items) + "]"
    return "{" + ", ".join(rng.choice(KEYS) + rng.choice([": ", ":", ""]) + _flow(rng, depth + 1)
                           for _ in range(rng.randint(0, 3))) + "}"


def _node(rng: random.Random, ind: int, depth: int) -> str:
    pick = rng.random()
    if depth > 3 or pick < 0.35:
        return " " + _scalar(rng, ind)
    if pick < 0.5:
        return " " + _flow(rng, 0)
    if pick < 0.75:
        return "\n" + _mapping(rng, ind + rng.choice([1, 2, 4]), depth + 1)
    items = []
    for _ in range(rng.randint(1, 3)):
        inner = _mapping(rng, ind + 2, depth + 1).lstrip(" ") if rng.random() < 0.4 else _node(rng, ind + 2, depth + 1)
        items.append(" " * ind + "-" + (" " + inner if not inner.startswith(("\n", " ")) else inner))
    return "\n" + "\n".join(items)


def _mapping(rng: random.Random, ind: int, depth: int) -> str:
    return "\n".join(" " * ind + rng.choice(KEYS) + rng.choice([":", ":", " :"]) + _node(rng, ind, depth)
                     + rng.choice(["", "", " # c"]) for _ in range(rng.randint(1, 4)))


def test_generated_documents_read_the_same():
    rng = random.Random(5)
    fast = clean = 0
    for _ in range(1500):
        text = rng.choice(["", "", "---\n", "# c\n"]) + _mapping(rng, 0, 0) + rng.choice(["\n", "\n", "", "\n# end"])
        if rng.random() < 0.1:
            text = text.replace("\n", "\r\n")
        raw = text.encode("utf-8")
        got = outcome(raw)
        assert got == outcome(raw, fast=False), text
        clean += got[1] == []
        fast += takes_fast_path(text)
    assert fast > 100 and clean > 100, (fast, clean)
