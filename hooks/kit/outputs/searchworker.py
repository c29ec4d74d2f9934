"""Material's search worker with our query segmentation and ranking around it.

The site's pages start `assets/javascripts/workers/wm-<hash>-search.<material hash>.min.js`
instead of Material's worker (overrides/main.html, block `config`): one file, as before, served
from the site, made of hooks/kit/outputs/searchworker.js with Material's worker in the middle. Its name holds
a hash of our script, so a changed script is a new file (browsers cache workers) and a new site
signature (`config.extra.search_worker` is signed, so cached pages are rendered anew).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

SOURCE = Path(__file__).with_name("searchworker.js")
MARK = "/* ---- Material's search worker goes here ---- */"
WORKERS = Path("assets") / "javascripts" / "workers"
MATERIAL = "search.*.min.js"
SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


def prefix() -> str:
    """What goes before Material's worker file name: `wm-<hash of our script>-`."""
    return f"wm-{hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:8]}-"


def combined(material: str, source: str | None = None) -> str:
    """Our script with Material's worker at the mark (its source-map comment dropped: our lines
    come first, so the map would point at the wrong places)."""
    before, after = (source if source is not None else SOURCE.read_text("utf-8")).split(MARK)
    return f"{before}{SOURCE_MAP.sub('', material)}\n{after}"


def write(site_dir: str, name_prefix: str) -> Path:
    """Write the combined worker beside Material's, which stays for anyone who asks for it."""
    folder = Path(site_dir) / WORKERS
    found = sorted(p for p in folder.glob(MATERIAL) if not p.name.startswith("wm-"))
    if len(found) != 1:
        raise PluginError(
            f"站内搜索：在 {folder} 里应当正好有一个 Material 的搜索程序 {MATERIAL}，实际找到 {len(found)} 个。"
            "请检查 mkdocs-material 的版本是否与 requirements.txt 一致。")
    target = folder / f"{name_prefix}{found[0].name}"
    target.write_text(combined(found[0].read_text("utf-8")), "utf-8")
    return target
