"""错敏 check: wrong or sensitive wording and misspelt leaders' names, in every text value of
every data file and every line of every news post.

The word list is the kit's (kit/data/rules/wordlist.yml: 新华社 禁用词/慎用词, standard names of Party
and state bodies and meetings, common 错别字) extended by the county's optional data/wording.yml
(its own replace/forbidden/caution entries and its 领导名单). All words and posts go into one
regular expression built as a trie, so a value is read once whatever the list's length.
A hit is allowed where its line or the line above carries the marker 错敏:允许 (a YAML comment
`# 错敏:允许`, in a post `<!-- 错敏:允许 -->`): quotations must stay as said.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from kit.data.errors import Report
from kit.data.model.fields import Strict, Text
from kit.data.files.loader import validate   # the loader skips data/wording.yml; it is typed here
from kit.data.files.yamlread import Doc, load_file
from kit.data.rules.privacy import strings

KIT_LIST = Path(__file__).with_name("wordlist.yml")
COUNTY_FILE = "wording.yml"
ALLOW = re.compile(r"错敏\s*[:：]\s*允许")
CJK = re.compile(r"^[\u3400-\u9fff]+$")


class Term(Strict):
    word: Text
    right: str = ""
    source: Text


class Pair(Term):
    right: Text


class Leader(Strict):
    name: Text
    post: Text
    source: str = ""


class WordFile(Strict):
    replace: list[Pair] = []
    forbidden: list[Term] = []
    caution: list[Term] = []
    leaders: list[Leader] = []


@dataclass
class Hit:
    offset: int
    found: str
    level: str        # 错误 / 提示
    message: str


@dataclass
class Words:
    terms: dict[str, tuple[str, Term]] = field(default_factory=dict)   # word -> (level, term)
    leaders: dict[str, list[str]] = field(default_factory=dict)        # post -> names
    names: set[str] = field(default_factory=set)                       # every listed name
    pattern: Optional[re.Pattern] = None

    def add(self, f: WordFile) -> None:
        for level, items in (("错误", f.replace), ("错误", f.forbidden), ("提示", f.caution)):
            for t in items:
                self.terms[t.word] = (level, t)
        for x in f.leaders:
            self.leaders.setdefault(x.post, []).append(x.name)
            self.names.add(x.name)

    def compile(self) -> Words:
        self.pattern = re.compile(trie(list(self.terms) + list(self.leaders))) if self.terms or self.leaders else None
        return self


def trie(words: Iterable[str]) -> str:
    """One regular expression for many literal words, longest first at each position: the
    trie's branches, so the engine tries each character once instead of each word."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body
    return walk(root)


def _one_off(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _leader_hits(text: str, start: int, end: int, post: str, names: list[str], everyone: set[str]) -> Iterator[Hit]:
    for name in names:
        n = len(name)
        for at in (end + (text[end:end + 1] == " "), start - n - (text[start - 1:start] == " ")):
            seen = text[at:at + n] if at >= 0 else ""
            if seen in everyone or not CJK.match(seen) or not _one_off(seen, name):
                continue
            yield Hit(at, seen, "错误", f"“{post}”的姓名“{seen}”与领导名单不符（{post} {name}），应为“{name}”")


def hits(text: str, words: Words) -> list[Hit]:
    """Every 错敏 hit of one text value, in order."""
    if words.pattern is None:
        return []
    out: list[Hit] = []
    for m in words.pattern.finditer(text):
        found = m.group()
        if found in words.leaders:
            if text[m.start() - 1:m.start()] != "副" or not m.start():   # 县长 within 副县长: another post
                out += _leader_hits(text, m.start(), m.end(), found, words.leaders[found], words.names)
            if found not in words.terms:
                continue
        level, t = words.terms[found]
        kind = "不规范用语" if t.right else "禁用词"
        kind = "慎用词" if level == "提示" else kind
        fix = f"，应为“{t.right}”" if t.right else "，请删除或改写"
        out.append(Hit(m.start(), found, level, f"{kind}“{found}”（{t.source}）{fix}"))
    return sorted(out, key=lambda h: h.offset)


_kit_cache: dict[str, WordFile] = {}


def load(data_dir: Path, root: Path, report: Report) -> Words:
    """The kit's list plus the county's data/wording.yml when there is one; its problems in report."""
    if "kit" not in _kit_cache:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)       # libyaml when there: a few ms
        _kit_cache["kit"] = WordFile.model_validate(yaml.load(KIT_LIST.read_text("utf-8"), Loader=loader))
    words = Words()
    words.add(_kit_cache["kit"])
    path = data_dir / COUNTY_FILE
    if path.is_file():
        name = path.relative_to(root).as_posix()
        doc = load_file(path.read_bytes(), name, report)
        typed = validate(WordFile, doc, name, report) if doc is not None else None
        if isinstance(typed, WordFile):
            words.add(typed)
    return words.compile()


def _allowed(lines: list[str], line: int) -> bool:
    return any(ALLOW.search(lines[n]) for n in (line - 1, line - 2) if 0 <= n < len(lines))


def _locate(doc: Doc, path: tuple, text: str, hit: Hit) -> tuple[int, int]:
    """The hit's own line and column: the k-th time its words stand in the file from the value on."""
    line, col = doc.where(path)
    k = text.count(hit.found, 0, hit.offset)
    for n in range(line - 1, len(doc.lines)):
        pos = doc.lines[n].find(hit.found, col - 1 if n == line - 1 else 0)
        while pos >= 0:
            if k == 0:
                return n + 1, pos + 1
            k -= 1
            pos = doc.lines[n].find(hit.found, pos + 1)
    return line, col


def scan_docs(docs: dict[str, Doc], words: Words, report: Report, hints: list[str]) -> None:
    """Every text value of every data file (keys and comments are not read)."""
    if words.pattern is None:
        return
    search = words.pattern.search
    mark = f"wording:{words.pattern.pattern}"     # a file none of whose values the pattern finds
    for name, doc in docs.items():
        if name.endswith("/" + COUNTY_FILE) or mark in doc.clean:
            continue
        found = False
        for path, text in strings(doc.data, ()):
            if not search(text):
                continue
            found = True
            start = doc.where(path)[0]
            for h in hits(text, words):
                line, col = _locate(doc, path, text, h)
                if _allowed(doc.lines, line) or _allowed(doc.lines, start):
                    continue
                _add(report, hints, name, line, col, h)
        if not found:
            doc.clean.add(mark)


def scan_lines(name: str, lines: list[str], words: Words, report: Report, hints: list[str]) -> None:
    """A news post line by line (front matter included)."""
    if words.pattern is None:
        return
    for n, line in enumerate(lines, start=1):
        if not words.pattern.search(line) or _allowed(lines, n):
            continue
        for h in hits(line, words):
            _add(report, hints, name, n, h.offset + 1, h)


def _add(report: Report, hints: list[str], name: str, line: int, col: int, h: Hit) -> None:
    if h.level == "错误":
        report.add(name, line, col, "", h.message)
    else:
        hints.append(f"{name}:{line}:{col}: 提示: {h.message}")
