"""Strict YAML reading for editors' files.

PyYAML alone is loose where editors need strictness: it keeps the last of
duplicate keys, turns `no` into False and `22:30` into a number. We compose
the node tree ourselves, keep every scalar as text (typed later by the
models) and remember where each value and key stands in the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

from errors import Report

Path = tuple  # ("honorees", 3, "category")

NULLS = {"", "~", "null", "Null", "NULL"}
KEY_FULLWIDTH_COLON = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][A-Za-z0-9_]*)\s*：")
FULLWIDTH_QUOTES = "“”‘’"


@dataclass
class Doc:
    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

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


def decode(raw: bytes, name: str, report: Report) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        report.add(name, 1, 1, "", "文件是以 UTF-16（记事本里叫“Unicode”或“Unicode big endian”）编码保存的，网站只接受 UTF-8。"
                   "请用记事本打开，选择“另存为”，编码选“UTF-8”后保存。")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            report.add(name, line, 1, "", "文件是以 GBK/GB18030（ANSI）编码保存的，网站只接受 UTF-8。"
                       "请用记事本打开，选择“另存为”，编码选“UTF-8”后保存。")
        except UnicodeDecodeError:
            report.add(name, line, 1, "", "文件不是 UTF-8 编码的文本（可能是二进制文件或编码损坏）。请以 UTF-8 编码重新保存。")
        return None


def check_text(text: str, name: str, report: Report) -> bool:
    """Line checks before parsing; returns False when parsing would only add noise."""
    ok = True
    for n, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t\u3000\u00a0"))
        lead = line[:indent]
        for bad, label in (("\t", "制表符（Tab）"), ("\u3000", "全角空格"), ("\u00a0", "不换行空格（NBSP）")):
            if bad in lead:
                report.add(name, n, lead.index(bad) + 1, "",
                           f"缩进里有{label}，YAML 只能用半角空格缩进。请删除它，改用两个半角空格。")
                ok = False
        if "\t" in line[indent:] and not line.lstrip().startswith("#"):
            report.add(name, n, line.index("\t", indent) + 1, "",
                       "这一行有制表符（Tab），请改为半角空格。")
            ok = False
        m = KEY_FULLWIDTH_COLON.match(line)
        if m:
            report.add(name, n, m.end(), "",
                       f"键名“{m.group(2).strip()}”后面用了全角冒号“：”，请改为半角冒号“:”并在后面加一个空格，"
                       f"例如：{m.group(2).strip()}: 内容")
            ok = False
    return ok


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
    line = doc.lines[row] if row < len(doc.lines) else ""
    rest = line[col:]
    if rest[:1].isspace() and rest.lstrip().startswith("#"):
        lost = rest.strip()
        report.add(name, row + 1, col + len(rest) - len(rest.lstrip()) + 1,
                   _dotted(path), f"“{lost}”会被当作注释丢掉（YAML 里空格后的“#”开始注释）。如果它是内容的一部分，"
                   f"请用半角双引号把整段内容括起来，例如：\"{value} {lost}\"；如果是备注，请移到单独一行。")


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted

PARSE_HINTS = (
    ("mapping values are not allowed here", "这里不能出现冒号加空格。如果内容本身含有“: ”，请用半角双引号把整段内容括起来"),
    ("could not find expected ':'", "缺少半角冒号“:”，或者上一行的引号没有配对"),
    ("found character that cannot start any token", "出现了不能作为开头的字符（常见为 Tab 或反引号），请删除"),
    ("did not find expected key", "缩进不对齐，或有一行少了“- ”或冒号"),
    ("did not find expected '-' indicator", "列表项缩进不对齐，每项应以相同缩进的“- ”开头"),
    ("found undefined alias", "出现了未定义的“*”引用，如果内容以 * 开头请加引号"),
    ("found unexpected end of stream", "引号没有配对，文件在引号内结束了"),
    ("expected <block end>, but found", "缩进不对齐"),
    ("while scanning a quoted scalar", "引号没有配对"),
    ("found unknown escape character", "双引号内的反斜杠“\\”需要写成“\\\\”，或改用单引号"),
)


def parse(text: str, name: str, report: Report) -> Doc | None:
    """Parse with libyaml when the result is provably the pure-Python one, else with PyYAML."""
    doc = fast_parse(text)
    return doc if doc is not None else parse_python(text, name, report)


def parse_python(text: str, name: str, report: Report) -> Doc | None:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        quoted = "quoted scalar" in (exc.context or "")
        mark = (exc.context_mark if quoted else None) or exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raw = f"{exc.context or ''} {exc.problem or ''}"
        hint = next((h for key, h in PARSE_HINTS if key in raw), "YAML 格式错误")
        lines = text.splitlines()
        nearby = " ".join(lines[max(0, line - 2): line])
        if any(q in nearby for q in FULLWIDTH_QUOTES):
            hint += "；这里有全角引号（“”‘’），YAML 不把它们当作引号，请改用半角引号 \" \" 或去掉"
        report.add(name, line, col, "", f"{hint}。（YAML 解析器原文：{(exc.problem or exc.context or '').strip()}）")
        return None
    except yaml.YAMLError as exc:
        report.add(name, 1, 1, "", f"YAML 格式错误：{exc}")
        return None
    doc = Doc(data=None, lines=text.splitlines())
    if node is None:
        report.add(name, 1, 1, "", "文件是空的。请填写内容，或删除这个文件。")
        return None
    doc.data = _build(node, (), doc, name, report)
    return doc


# libyaml's composer is about 15x faster than PyYAML's. It is used only where its result is provably
# the one PyYAML gives: any error, and anything the proof below does not cover, goes to PyYAML.
C_LOADER = getattr(yaml, "CSafeLoader", None)
# Where the two differ, or might: tabs (check_text lets them stand in comments only); line breaks
# and marks that PyYAML, libyaml and str.splitlines count differently (PyYAML gives U+FEFF no column);
# "|#" (libyaml takes the "#" for a comment). In flow collections libyaml also keeps a "?" in plain
# text and marks "? " keys and empty values elsewhere, hence the checks on `flow` below.
UNEVEN = re.compile("[\t\x0b\x0c\x1c-\x1e\x85\u2028\u2029\ufeff]|\r(?!\n)|[|>][-+0-9]*#")
FAST_DEPTH = 64  # PyYAML's recursive composer could hit Python's recursion limit deeper down


class _Unsure(Exception):
    """The fast path cannot vouch for this file; PyYAML reads it."""


def fast_parse(text: str) -> Doc | None:
    """The Doc of a problem-free file via libyaml, or None when PyYAML must read the file.

    Start marks, values, styles and tags of libyaml's nodes are PyYAML's (the same resolver class
    tags them). End marks are not (libyaml ends a file without a final line break with one more
    line), so they are never read here; see `_fast_plain`.
    """
    flow = "[" in text or "{" in text
    if C_LOADER is None or UNEVEN.search(text) or (flow and "?" in text):
        return None
    try:
        node = yaml.compose(text, Loader=C_LOADER)
    except Exception:  # noqa: BLE001 - every error is PyYAML's to word
        return None
    if node is None:
        return None
    doc = Doc(data=None, lines=text.splitlines())
    scratch = Report()
    comments = any(_may_hide_comment(line) for line in doc.lines if "#" in line)
    try:
        doc.data = _build(node, (), doc, "", scratch, _fast_plain(comments, flow))
    except (_Unsure, RecursionError):
        return None
    if scratch or max(map(len, doc.values)) > FAST_DEPTH:
        return None
    if not text.endswith("\n"):
        # Empty values at the end of the file take the end-of-file mark, which libyaml puts a line lower.
        last = len(doc.lines)
        if any(line > last for line, _ in doc.values.values()) or any(line > last for line, _ in doc.keys.values()):
            return None
    return doc


def _may_hide_comment(line: str) -> bool:
    """Whether `_comment_after` could report on this line: " #" after some text that is not a blank.

    When it reports, rest = line[col:] opens with a whitespace and "#" follows, while the scalar's last
    unbroken run (no space or tab in it, at least one character) ends at col on the same line.
    """
    at = line.find("#", 1)
    while at > 0:
        if line[at - 1].isspace() and line[: at - 1].strip(" \t"):
            return True
        at = line.find("#", at + 1)
    return False


def _fast_plain(comments: bool, flow: bool) -> Callable:
    """`_trailing_comment` without end marks, for libyaml's plain scalars.

    Without a line where `_may_hide_comment` holds there is nothing to report. Otherwise: a plain
    scalar's text stands verbatim in its first line iff it is on one line (folding puts " " or "\n"
    where the line holds only spaces up to its end), and then PyYAML's end mark is just after that
    text. A scalar over several lines is left to PyYAML, and so is an empty value in a flow collection
    (PyYAML marks it after the ":", libyaml at the next "," or "}").
    """
    def check(node: yaml.ScalarNode, path: Path, doc: Doc, name: str, report: Report) -> None:
        value = node.value
        if not value:
            if flow:
                raise _Unsure
            return
        if comments and value not in NULLS:
            row, col = node.start_mark.line, node.start_mark.column
            line = doc.lines[row] if row < len(doc.lines) else ""
            end = col + len(value)
            if line[col:end] != value:
                raise _Unsure
            _comment_after(row, end, value, path, doc, name, report)
    return check


def load_file(raw: bytes, name: str, report: Report) -> Doc | None:
    text = decode(raw, name, report)
    if text is None:
        return None
    if not check_text(text, name, report):
        return None
    return parse(text, name, report)
