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

# the kit's own CSS, served from overrides/ as the county sites serve it
STYLES = ("assets/site.css", "assets/wenming/kit.css")
# the guide's links to a county site's own pages (../opendata/index.md): named, not linked, here
SITE_LINK = re.compile(r"\[([^\]]+)\]\(\.\./(\w+)/index\.md\)")


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
