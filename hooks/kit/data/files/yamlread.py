"""Strict YAML reading for editors' files.

PyYAML alone is loose where editors need strictness: it keeps the last of
duplicate keys, turns `no` into False and `22:30` into a number. We compose
the node tree ourselves, keep every scalar as text (typed later by the
models) and remember where each value and key stands in the file.
"""
from __future__ import annotations

import re

import yaml

from kit.data.errors import Report
from kit.data.files.yamlfast import C_LOADER, fast_parse  # noqa: F401  (tests compare the two paths)
from kit.data.files.yamlnodes import NULLS, Doc, Path, _build, _dotted, dotted  # noqa: F401  (the reading API)

KEY_FULLWIDTH_COLON = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][A-Za-z0-9_]*)\s*：")
FLOW_FULLWIDTH_COLON = re.compile(r"[{,]\s*([A-Za-z_][A-Za-z0-9_]*)\s*：")
KEY_NO_SPACE = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s/])")
OPENS_QUOTE = re.compile(r"^\s*(?:-\s+|(?:-\s+)*[A-Za-z_][A-Za-z0-9_]*:\s+)([\"'])")
FULLWIDTH_QUOTES = "“”‘’"
EMPTY_LIST = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*):\s*(\[\s*\])\s*(?:#.*)?$")
# what YAML refuses to read (PyYAML's reader): control characters, pasted from elsewhere and invisible
UNPRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


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


def wanted_indent(lines: list[str], n: int) -> int:
    """How many spaces line n (0-based) most likely needs: a new "- " item lines up with the item
    above, a line after "key:" goes two deeper, any other line lines up with the key above."""
    content = lines[n].lstrip(" \t\u3000\u00a0")
    opener = True
    for prev in reversed(lines[:n]):
        body = prev.lstrip(" ")
        if not body or body.startswith("#") or prev[:1] in ("\t", "\u3000", "\u00a0"):
            continue
        indent = len(prev) - len(body)
        key = indent + len(body) - len(body.lstrip("- "))
        if opener and re.search(r":\s*(?:[|>][-+]?)?\s*(?:#.*)?$", body):
            return key + 2
        opener = False
        if content.startswith("- "):
            if body.startswith("- "):
                return indent
            continue
        return key
    return 0


def check_text(text: str, name: str, report: Report) -> bool:
    """Line checks before parsing; returns False when parsing would only add noise."""
    ok = True
    lines = text.splitlines()
    for n, line in enumerate(lines, start=1):
        indent = len(line) - len(line.lstrip(" \t\u3000\u00a0"))
        lead = line[:indent]
        for bad, label in (("\t", "制表符（Tab）"), ("\u3000", "全角空格"), ("\u00a0", "不换行空格（NBSP）")):
            if bad in lead:
                spaces = wanted_indent(lines, n - 1)
                report.add(name, n, lead.index(bad) + 1, "",
                           f"缩进里有{label}，YAML 只能用半角空格缩进。请把这一行开头的空白全部删除，"
                           f"改为 {spaces} 个半角空格（和上面同一层的内容对齐）。")
                ok = False
                break
        if "\t" in line[indent:] and not line.lstrip().startswith("#"):
            report.add(name, n, line.index("\t", indent) + 1, "",
                       "这一行有制表符（Tab），请改为半角空格。")
            ok = False
        for m in [KEY_FULLWIDTH_COLON.match(line)] + list(FLOW_FULLWIDTH_COLON.finditer(line)):
            if m:
                key = m.group(m.lastindex).strip()
                report.add(name, n, m.end(), "", f"键名“{key}”后面用了全角冒号“：”，请改为半角冒号“:”"
                           f"并在后面加一个空格，例如：{key}: 内容")
                ok = False
    return ok


def unprintable(text: str, name: str, report: Report) -> bool:
    """Control characters YAML refuses, each at its line (counted as YAML counts them); False if any."""
    lines_seen = set()
    for bad in UNPRINTABLE.finditer(text):
        line = text.count("\n", 0, bad.start()) + 1
        if line not in lines_seen:
            lines_seen.add(line)
            col = bad.start() - text.rfind("\n", 0, bad.start())
            report.add(name, line, col, "", f"这一行第 {col} 个字符是看不见的控制字符（U+{ord(bad.group()):04X}），"
                       f"常是从网页或聊天软件复制来的，YAML 读不了。请删除它（可以把这一行重新打一遍）。")
    return not lines_seen


PARSE_HINTS = (
    ("sequence entries are not allowed here", "这里不能出现列表项“- ”。内容本身以“- ”开头时，请用半角双引号把内容括起来"),
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
        suspect = _suspect(lines, line)
        if suspect:
            at, col, _, message = suspect
            if any(q in lines[at - 1] for q in FULLWIDTH_QUOTES):
                message = message[:-1] + "；这一行的全角引号（“”‘’）YAML 不当作引号，结尾请用半角引号 \" 。"
            report.add(name, at, col, "", message)
            return None
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


def _fixed_by(lines: list[str], n: int, quote: str, line: int) -> bool:
    """Whether closing the quote on line n (0-based) makes the error at `line` go away."""
    text = "\n".join(lines[:n] + [lines[n].rstrip() + quote] + lines[n + 1:])
    try:
        yaml.compose(text, Loader=C_LOADER or yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark is not None and mark.line + 1 > line
    except yaml.YAMLError:
        return False
    return True


def _suspect(lines: list[str], line: int) -> tuple[int, int, str, str] | None:
    """Where a parse error really starts, when YAML notices it lines later: `key:value` without a
    space (noticed on the next line), a quote opened and not closed on its line (noticed where the
    next quote closes it, maybe many lines down); `events: []` above an uncommented example."""
    if 0 < line <= len(lines) and lines[line - 1].lstrip().startswith("- "):
        above = [n for n in range(line - 1) if lines[n].strip() and not lines[n].lstrip().startswith("#")]
        m = EMPTY_LIST.match(lines[above[-1]]) if above else None
        if m:
            return (above[-1] + 1, m.start(2) + 1, "", f"这一行的“{m.group(1)}: []”表示空列表，下面却写了列表项"
                    f"（第 {line} 行起）。请把这一行改成“{m.group(1)}:”（删掉 []），下面的各项就属于它。")
    for n in range(max(0, line - 2), min(line, len(lines))):
        m = KEY_NO_SPACE.match(lines[n])
        if m:
            key = m.group(2)
            return (n + 1, m.end() + 1, "", f"键名“{key}”后面的冒号要跟一个半角空格，"
                    f"例如：{key}: {lines[n][m.end():].strip()}")
    for n in range(0, min(line, len(lines))):
        m = OPENS_QUOTE.match(lines[n])
        if m and lines[n].count(m.group(1)) % 2 == 1 and not lines[n].rstrip().endswith(("|", ">")):
            if not _fixed_by(lines, n, m.group(1), line):
                continue
            later = f"（YAML 会一直读到下一个引号，所以解析器在第 {line} 行才发现出错）" if line != n + 1 else ""
            return (n + 1, m.start(1) + 1, "", f"这一行的引号 {m.group(1)} 没有配对：开头有引号，行尾缺少对应的 "
                    f"{m.group(1)}。请在内容结尾补上 {m.group(1)}，或把两个引号都删除{later}。")
    return None


def load_file(raw: bytes, name: str, report: Report) -> Doc | None:
    text = decode(raw, name, report)
    if text is None:
        return None
    if not unprintable(text, name, report) or not check_text(text, name, report):
        return None
    return parse(text, name, report)
