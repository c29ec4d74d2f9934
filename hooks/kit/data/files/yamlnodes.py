"""Data files as a tree of text with marks: every value and key knows its file line and column.

The node tree comes from a YAML composer (PyYAML's, or libyaml's where kit/data/files/yamlfast.py
proves it the same); `build` turns it into plain dicts, lists and strings, refusing what editors
should not write (tags, merge keys, non-text keys, duplicate keys) and text a comment would cut.
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

from kit.data.errors import Report

Path = tuple  # ("honorees", 3, "category")

NULLS = {"", "~", "null", "Null", "NULL"}
MARKS = ("values", "keys", "lines")     # a Doc's marks: where each value and key is, and the file's lines
PACKED = "_packed_marks"


@dataclass
class Doc:
    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    # checks that found nothing in this file, each named with its rules (kit/data/rules/privacy.py,
    # wording.py): a file kept parsed between builds (.cache/) is not scanned again under the same rules
    clean: set[str] = field(default_factory=set)
    # what a check's walk of `data` found (a pure function of it), by walk: kept with the parsed file
    found: dict[str, list] = field(default_factory=dict)

    def __getstate__(self) -> dict:
        """Pickled (the YAML cache, kit/speed/outputcache.py) with its marks packed apart: a build that
        finds the file unchanged unpacks them only if it reports on the file (at 10,000 entries the
        marks are two thirds of the cache, a tenth of a second of every rebuild)."""
        state = {name: value for name, value in self.__dict__.items() if name not in MARKS}
        if PACKED not in state:
            state[PACKED] = pickle.dumps(tuple(self.__dict__[name] for name in MARKS), pickle.HIGHEST_PROTOCOL)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:     # only for what the instance lacks: marks still packed
        packed = self.__dict__.pop(PACKED, None) if name in MARKS else None
        if packed is None:
            raise AttributeError(name)
        self.__dict__.update(zip(MARKS, pickle.loads(packed)))
        return self.__dict__[name]

    def walk(self, name: str, walk: Callable[[Any], Any]) -> list:
        """list(walk(self.data)), once per parsed file (kit/data/rules/photos.py, mdphotos.py)."""
        hit = self.found.get(name)
        if hit is None:
            hit = self.found[name] = list(walk(self.data))
        return hit

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Line and column of a path; a missing one points at its nearest parent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: yaml.Node, path: Path, doc: Doc, name: str, report: Report,
           plain: Callable | None = None) -> Any:
    plain = plain or _trailing_comment
    doc.values.setdefault(path, _mark(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
                            "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"):
            if node.tag.startswith("!") or "python" in node.tag:
                report.add(name, *_mark(node), _dotted(path), f"不支持 YAML 标签 {node.tag}，请删除它。")
        if not node.style:  # plain: None from PyYAML, "" from libyaml
            plain(node, path, doc, name, report)
            if node.value in NULLS:
                return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (i,), doc, name, report, plain) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                report.add(name, *_mark(key_node), _dotted(path), "键名必须是简单文字。")
                continue
            key = key_node.value
            if key == "<<":
                report.add(name, *_mark(key_node), _dotted(path), "不支持合并键“<<”，请把内容直接写出来。")
                continue
            if key in result:
                first = doc.keys[path + (key,)]
                report.add(name, *_mark(key_node), _dotted(path + (key,)),
                           f"键“{key}”在同一处重复出现（第一次在第 {first[0]} 行）。重复的键会让前面的内容丢失，"
                           f"请删除或合并其中一个。")
                continue
            doc.keys[path + (key,)] = _mark(key_node)
            result[key] = _build(value_node, path + (key,), doc, name, report, plain)
        return result
    return None


def _trailing_comment(node: yaml.ScalarNode, path: Path, doc: Doc, name: str, report: Report) -> None:
    """A " #" after unquoted text starts a YAML comment: the rest of the line would vanish."""
    if node.value in NULLS:
        return
    _comment_after(node.end_mark.line, node.end_mark.column, node.value, path, doc, name, report)


def _comment_after(row: int, col: int, value: str, path: Path, doc: Doc, name: str, report: Report) -> None:
    """`# 备注` after a value is a normal YAML comment; `#1` glued to text is content that would vanish."""
    line = doc.lines[row] if row < len(doc.lines) else ""
    rest = line[col:]
    lost = rest.strip()
    if not (rest[:1].isspace() and lost.startswith("#")) or lost[1:2] in ("", " ", "\t", "\u3000", "#"):
        return
    fix = (f"如果它是内容的一部分，请用半角双引号把整段内容括起来，例如：\"{value} {lost}\"；" if path[-1:] != ("id",)
           else "编号里不能有“#”；")
    report.add(name, row + 1, col + len(rest) - len(rest.lstrip()) + 1,
               _dotted(path), f"“{lost}”会被当作注释丢掉（YAML 里空格后的“#”开始注释）。{fix}"
               f"如果是备注，请在“#”后面加一个空格，例如：# 备注")


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
