"""libyaml's composer for data files, where its result is provably the one PyYAML gives."""
from __future__ import annotations

import re
from typing import Callable

import yaml

from kit.data.errors import Report
from kit.data.files.yamlnodes import NULLS, Doc, Path, _build, _comment_after


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
