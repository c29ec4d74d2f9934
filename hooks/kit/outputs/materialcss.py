"""Material's stylesheet without the rules of Markdown extensions the site does not use.

Material's main.css (137 KB, on every first visit) styles every extension it supports: tabs,
code highlighting, keys, critic marks, maths, task lists, emoji, footnotes, code annotations.
The kit enables few of them (hooks/kit/mkdocs-base.yml); a county may add more in its own
mkdocs.yml. For each extension not in `markdown_extensions`, the selectors that name its classes
are dropped (a rule keeps its other selectors; a rule or block left empty goes). Every other byte
stays in order, so the cascade is Material's. The result is written beside Material's file as
`wm-<hash>-main.<Material's hash>.min.css` (the hash covers this module and the extensions, so a
changed set is a new file, as browsers cache it) and overrides/main.html links it instead.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

STYLES = Path("assets") / "stylesheets"
MATERIAL = "main.*.min.css"
# extension -> the classes only its output carries
CLASSES = {
    "pymdownx.tabbed": r"tabbed-[\w-]+",
    "pymdownx.highlight": r"highlight|highlighttable|linenos|linenodiv|hll|filename|md-annotation[\w-]*",
    "pymdownx.keys": r"keys|key-[\w-]+",
    "pymdownx.critic": r"critic[\w-]*",
    "pymdownx.arithmatex": r"arithmatex",
    "pymdownx.tasklist": r"task-list[\w-]*",
    "pymdownx.emoji": r"twemoji|emojione|gemoji",
    "footnotes": r"footnote[\w-]*",
}
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")


def unused(extensions: list) -> list[str]:
    names = {e if isinstance(e, str) else next(iter(e)) for e in extensions}
    if "pymdownx.superfences" in names:
        names.add("pymdownx.highlight")
    return sorted(ext for ext in CLASSES if ext not in names)


def prefix(extensions: list) -> str:
    """What goes before Material's file name: `wm-<hash of this module and the dropped set>-`."""
    seed = Path(__file__).read_bytes() + "|".join(unused(extensions)).encode()
    return f"wm-{hashlib.sha256(seed).hexdigest()[:8]}-"


def _blocks(css: str):
    """Top-level pieces of a stylesheet: (head, body) for `head{body}`, (statement, None) for
    `@import ...;`. Strings and comments are skipped over, so braces inside them do not count."""
    i, start, depth, head_end, n = 0, 0, 0, 0, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            i = css.find(c, i + 1)
            while i > 0 and css[i - 1] == "\\":
                i = css.find(c, i + 1)
            if i < 0:
                raise ValueError("unterminated string")
        elif css.startswith("/*", i):
            i = css.index("*/", i) + 1
        elif c == "{":
            if depth == 0:
                head_end = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                yield css[start:head_end], css[head_end + 1:i]
                start = i + 1
        elif c == ";" and depth == 0:
            yield css[start:i + 1], None
            start = i + 1
        i += 1
    if css[start:].strip():
        yield css[start:], None


def _selectors(head: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, c in enumerate(head):
        depth += c in "([" and 1 or c in ")]" and -1 or 0
        if c == "," and depth == 0:
            out.append(head[start:i])
            start = i + 1
    return out + [head[start:]]


def trim(css: str, drop: re.Pattern) -> str:
    out = []
    for head, body in _blocks(css):
        if body is None:
            out.append(head)
        elif head.lstrip().startswith("@"):
            if re.match(r"\s*@(media|supports|layer|container)\b", head):
                inner = trim(body, drop)
                if inner.strip():
                    out.append(f"{head}{{{inner}}}")
            else:                       # @keyframes, @font-face, @page: kept whole
                out.append(f"{head}{{{body}}}")
        else:
            kept = [s for s in _selectors(head) if not drop.search(s)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def write(site_dir: str, name_prefix: str, extensions: list) -> Path:
    """Write the trimmed copy of Material's main.css beside it."""
    folder = Path(site_dir) / STYLES
    found = sorted(p for p in folder.glob(MATERIAL) if not p.name.startswith("wm-"))
    if len(found) != 1:
        raise PluginError(
            f"样式表：在 {folder} 里应当正好有一个 Material 的样式表 {MATERIAL}，实际找到 {len(found)} 个。"
            "请检查 mkdocs-material 的版本是否与 requirements.txt 一致。")
    names = [CLASSES[ext] for ext in unused(extensions)]
    css = SOURCE_MAP.sub("", found[0].read_text("utf-8"))
    if names:
        css = trim(css, re.compile(r"\.(?:" + "|".join(names) + r")(?![\w-])"))
    target = folder / f"{name_prefix}{found[0].name}"
    target.write_text(css, "utf-8")
    return target
