"""最近更新: when each page last changed, from the data's `updated` field or git history.

Git is asked once per build for every file's last commit date, and (git blame, once per data
file) for the date of every line, so an entry's page is dated by its own lines, not by the
newest entry of its file; a line not committed yet counts as today. Without git or history
(a tarball, a shallow copy) the dates are simply unknown and nothing fails.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from kit.data import kinds
from kit.data.dataset import Dataset
from kit.data.files.history import line_dates  # noqa: F401  (the health report dates sections by it too)

DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# pages that are no kind's section: the files behind each
OTHER_SOURCES = {
    "index.md": ("docs/index.md", "data", "docs/blog/posts"),
    "opendata/index.md": ("data",),
    "sitemap/index.md": ("data", "docs"),
    # the blog's index, and (through sitemap.xml) its archive, category and page views
    "blog/index.md": ("docs/blog",),
}


def section_sources() -> dict[str, tuple[str, ...]]:
    """Section page -> the data files (or folders) behind it: its kind's, and what else it shows."""
    out = {s.src: k.sources() + s.sources for k, s in kinds.sections()}
    return {**out, **OTHER_SOURCES}


def git_dates(root: Path) -> dict[str, dt.date]:
    """Last commit date of every tracked file, by repository-relative path."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                             text=True, timeout=30, check=True).stdout.strip()
        out = subprocess.run(["git", "log", "--format=%cs", "--name-only", "--no-renames", "--", "data", "docs"],
                             cwd=root, capture_output=True, text=True, timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in out.splitlines():
        line = line.strip()
        if DATE_LINE.match(line):
            current = dt.date.fromisoformat(line)
        elif line and current and line.startswith(prefix):
            dates.setdefault(line[len(prefix):], current)  # newest commit comes first
    return dates


def latest(dates: dict[str, dt.date], *paths: str) -> dt.date | None:
    """Newest date among files and folders (a folder means every file under it)."""
    found = [d for p, d in dates.items() for want in paths if p == want or p.startswith(want.rstrip("/") + "/")]
    return max(found) if found else None


def _own_lines(d: Dataset, lines: dict[str, dict[int, dt.date]], key: str) -> dt.date | None:
    file, first, last = d.lines.get(key, ("", 0, -1))
    days = lines.get(file, {})
    found = [days[n] for n in range(first, last + 1) if n in days]
    return max(found) if found else None


def page_dates(d: Dataset, dates: dict[str, dt.date], pages: list[tuple[str, str]],
               lines: dict[str, dict[int, dt.date]] | None = None,
               new: set[str] = frozenset()) -> dict[str, dt.date]:
    """Date per page URL. `pages` holds (url, src_uri) of every page in the build; `lines` the
    date of every line of the data files (line_dates), when git has them; `new` the hand-written
    pages git does not know yet."""
    entries = {(k.url, e.id): (k, e) for k in kinds.page_kinds() for e in d.entries(k)}
    sources = section_sources()
    out: dict[str, dt.date] = {}
    for url, src in pages:
        when: dt.date | None = None
        folder, _, rest = src.partition("/")
        kind, item = entries.get((folder, rest[:-3]), (None, None)) if rest.endswith(".md") and "/" not in rest \
            else (None, None)
        if item is not None:
            own = _own_lines(d, lines or {}, f"{folder}/{item.id}") if lines else None
            known = [x for x in (own or latest(dates, *kind.sources()), item.publish) if x]
            when = item.updated or (max(known) if known else None)
        elif src in sources:
            when = latest(dates, *sources[src])
        elif src in new:  # a hand-written page not committed yet
            when = d.today
        else:  # a hand-written page, or another page generated from a section's data
            when = latest(dates, f"docs/{src}") or latest(dates, *sources.get(f"{folder}/index.md", ()))
        if when:
            out[url] = when
    return out
