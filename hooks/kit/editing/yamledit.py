"""Changing one entry of a data file in place, as text: only the values that changed are spliced
in, at the exact places the YAML parser found them. Everything else in the file (other entries,
comments, key order, quoting, flow style such as `{award: x, status: 入选}`) stays byte for byte;
inside the entry a changed one-line value is replaced between its own first and last character,
so the key, a trailing `# 备注` and the lines around it are kept."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from kit.editing.append import _Dumper
from kit.data.files.yamlnodes import NULLS


@dataclass
class Located:
    rel: str              # "honorees/2024.yml", under data/
    node: yaml.MappingNode
    entry: dict[str, Any]


def plain(node: yaml.Node) -> Any:
    """Values as the kit's loader reads them: text stays text, plain null words are None."""
    if isinstance(node, yaml.ScalarNode):
        return None if not node.style and node.value in NULLS else node.value
    if isinstance(node, yaml.SequenceNode):
        return [plain(n) for n in node.value]
    return {k.value: plain(v) for k, v in node.value}


def entries(text: str, key: str) -> list[tuple[yaml.MappingNode, dict[str, Any]]]:
    """The list items under the file's top-level `key:`, with their nodes."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return []
    for k, v in root.value:
        if k.value == key and isinstance(v, yaml.SequenceNode):
            return [(n, plain(n)) for n in v.value if isinstance(n, yaml.MappingNode)]
    return []


class _Indented(_Dumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _dump(value: Any, flow: bool) -> str:
    return yaml.dump(value, Dumper=_Indented, allow_unicode=True, sort_keys=False, width=10 ** 6,
                     default_flow_style=flow)


def _shift(text: str, indent: int) -> str:
    lines = text.split("\n")
    return "\n".join([lines[0]] + [" " * indent + line if line.strip() else line for line in lines[1:]])


def after_key(value: Any, indent: int, flow: bool) -> str:
    """The text that follows `key` (from its colon on) for a key at column `indent`."""
    if flow:
        return ": " + scalar(value, True) if not isinstance(value, (dict, list)) else ": " + _dump(value, True).strip()
    text = _dump({"k": value}, False).rstrip("\n")
    return _shift(text[1:], indent)


def after_dash(value: Any, indent: int, flow: bool) -> str:
    """The text that follows a list item's `-` (or replaces a flow item) for a dash at `indent`."""
    if flow:
        return scalar(value, True) if not isinstance(value, (dict, list)) else _dump(value, True).strip()
    return _shift(_dump([value], False).rstrip("\n")[1:], indent)


def scalar(value: Any, flow: bool) -> str:
    text = _dump([value], True).strip()[1:-1] if flow else _dump({"k": value}, False)[3:].rstrip("\n")
    return text


def content_end(node: yaml.Node, text: str) -> int:
    """Offset just after the node's last character of content (a block's trailing blank lines and
    the comments after it are not content)."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            return node.start_mark.index + len(text[node.start_mark.index:node.end_mark.index].rstrip())
        return node.end_mark.index
    if getattr(node, "flow_style", False) or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return content_end(last[1] if isinstance(last, tuple) else last, text)


class Splicer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[tuple[int, int, str]] = []

    def result(self) -> str:
        out = self.text
        for start, end, new in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            out = out[:start] + new + out[end:]
        return out

    def _line_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def _next_line(self, pos: int) -> int:
        nl = self.text.find("\n", pos)
        return len(self.text) if nl < 0 else nl + 1

    def _alone(self, start: int, end: int) -> bool:
        """Nothing but indentation before start on its line, and at most a comment after end."""
        before = self.text[self._line_start(start):start]
        after = self.text[end:self._next_line(end)].strip()
        return not before.strip() and (not after or after.startswith("#"))

    def value(self, node: yaml.Node, old: Any, new: Any, replace) -> None:
        """Splice `new` over `node` (holding `old`); `replace(new)` rewrites the node whole."""
        if old == new:
            return
        if isinstance(node, yaml.MappingNode) and isinstance(new, dict) and isinstance(old, dict):
            self.mapping(node, old, new, replace)
        elif isinstance(node, yaml.SequenceNode) and isinstance(new, list) and isinstance(old, list):
            self.sequence(node, old, new, replace)
        elif isinstance(node, yaml.ScalarNode) and node.style not in ("|", ">") and not isinstance(new, (dict, list)) \
                and node.start_mark.line == node.end_mark.line and "\n" not in scalar(new, False):
            flow = self._in_flow(node)
            self.edits.append((node.start_mark.index, node.end_mark.index, scalar(new, flow)))
        else:
            replace(new)

    def _in_flow(self, node: yaml.Node) -> bool:
        return getattr(node, "_flow", False)

    def mapping(self, node: yaml.MappingNode, old: dict, new: dict, replace) -> None:
        flow = bool(node.flow_style) or self._in_flow(node)
        pairs = {k.value: (k, v) for k, v in node.value}
        gone = [(k.start_mark.index, content_end(v, self.text)) for name, (k, v) in pairs.items() if name not in new]
        if (flow and (set(old) != set(new) or list(old) != [k for k in new if k in old])) \
                or set(pairs) != set(old) or not all(self._alone(*span) for span in gone):
            return replace(new)
        for start, end in gone:
            self.edits.append((self._line_start(start), self._next_line(end), ""))
        for name, (k, v) in pairs.items():
            v._flow = flow
            if name in new:
                self.value(v, old.get(name), new[name], self._key_replacer(k, v, flow))
        indent = node.value[0][0].start_mark.column if node.value else 0
        anchor = None
        for name in new:
            if name in pairs:
                anchor = name
                continue
            k, v = pairs[anchor] if anchor else node.value[0]
            at = self._next_line(content_end(v, self.text))
            line = " " * indent + name + after_key(new[name], indent, False) + "\n"
            if at == len(self.text) and not self.text.endswith("\n"):
                line = "\n" + line
            self.edits.append((at, at, line))

    def _key_replacer(self, k: yaml.Node, v: yaml.Node, flow: bool):
        def replace(new: Any) -> None:
            keep = flow or bool(getattr(v, "flow_style", False)) and isinstance(new, (dict, list)) and bool(new)
            self.edits.append((k.end_mark.index, content_end(v, self.text), after_key(new, k.start_mark.column, keep)))
        return replace

    def sequence(self, node: yaml.SequenceNode, old: list, new: list, replace) -> None:
        flow = bool(node.flow_style) or self._in_flow(node)
        if (flow and len(old) != len(new)) or not new or not old or len(node.value) != len(old):
            return replace(new)
        if len(old) > len(new):
            first, last = node.value[len(new)], node.value[-1]
            dash = self.text.rfind("-", 0, first.start_mark.index)
            end = content_end(last, self.text)
            if not self._alone(dash, end):
                return replace(new)
            self.edits.append((self._line_start(dash), self._next_line(end), ""))
        for i, item in enumerate(node.value[:len(new)]):
            item._flow = flow
            self.value(item, old[i], new[i], self._item_replacer(item, flow))
        if len(new) > len(old):
            last = node.value[-1]
            dash = self.text.rfind("-", 0, last.start_mark.index)
            indent = dash - self._line_start(dash)
            at = self._next_line(content_end(last, self.text))
            lines = "".join(" " * indent + "-" + after_dash(v, indent, False) + "\n" for v in new[len(old):])
            self.edits.append((at, at, lines))

    def _item_replacer(self, item: yaml.Node, flow: bool):
        def replace(new: Any) -> None:
            if flow:
                self.edits.append((item.start_mark.index, content_end(item, self.text), after_dash(new, 0, True)))
                return
            dash = self.text.rfind("-", 0, item.start_mark.index)
            indent = dash - self._line_start(dash)
            self.edits.append((dash + 1, content_end(item, self.text), after_dash(new, indent, False)))
        return replace


def update(text: str, node: yaml.MappingNode, old: dict[str, Any], new: dict[str, Any]) -> str:
    """The file's text with one entry (its node and plain value) changed to `new`."""
    s = Splicer(text)

    def whole(value: Any) -> None:
        dash = text.rfind("-", 0, node.start_mark.index)
        indent = dash - s._line_start(dash)
        s.edits.append((dash + 1, content_end(node, text), after_dash(value, indent, False)))
    s.mapping(node, old, new, whole)
    return s.result()
