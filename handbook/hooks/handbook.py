"""The handbook's one MkDocs hook. It does not run the county build (hooks/wenming.py needs a
county's data): it adds the kit's style sheets to the handbook, the editor's guide from its one
source (handbook/guide/, with neutral names, as kit/pages/guide.py fills it for a county) and the
pages generated from the kit itself (handbook/hooks/generate.py)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT / "hooks", Path(__file__).resolve().parent):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import generate  # noqa: E402
from kit.pages import guide  # noqa: E402

# the kit's own CSS and its search index held back until searching, served from overrides/ as the
# county sites serve them (handbook/theme/main.html loads lazy-search.js before Material's bundle)
STYLES = ("assets/site.css", "assets/wenming/kit.css", "assets/lazy-search.js")
# the guide's links to a county site's own pages (../opendata/index.md): named, not linked, here
SITE_LINK = re.compile(r"\[([^\]]+)\]\(\.\./(\w+)/index\.md\)")


TABLE = re.compile(r"<table>(.*?)</table>", re.S)
CELL = re.compile(r"<t([hd])([^>]*)>(.*?)</t[hd]>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)


def labelled(table: re.Match) -> str:
    """Each cell named by its column's heading (data-label), for the phone layout in handbook.css,
    where a row is shown as a block and the headings row is hidden."""
    heads = [re.sub(r"<[^>]+>", "", c[2]).strip() for c in CELL.findall(table.group(1)) if c[0] == "h"]

    def row(r: re.Match) -> str:
        cells = iter(heads)
        return "<tr>" + CELL.sub(lambda c: c.group(0) if c.group(1) == "h" else
                                 f'<td data-label="{next(cells, "")}"{c.group(2)}>{c.group(3)}</td>', r.group(1)) + "</tr>"
    return "<table>" + ROW.sub(row, table.group(1)) + "</table>"


def on_page_content(html, page, config, files):
    return TABLE.sub(labelled, html)


def guide_text() -> str:
    return SITE_LINK.sub(r"\1（网站的 `/\2/` 页面）", guide.text(guide.NEUTRAL))


def on_files(files, config):
    for rel in STYLES:
        files.append(File(rel, str(ROOT / "overrides"), config.site_dir, config.use_directory_urls))
    pages = {"guide/index.md": guide_text(), "reference/index.md": generate.reference(),
             "errors.md": generate.errors(), "settings.md": generate.settings()}
    for src, text in pages.items():
        files.append(File.generated(config, src, content=text))
    for picture in sorted((guide.SOURCE / "images").glob("*.png")):
        files.append(File(picture.relative_to(guide.SOURCE.parent).as_posix(), str(guide.SOURCE.parent),
                          config.site_dir, config.use_directory_urls))
    return files
