"""robots.txt: every public page may be indexed; the sitemap's full address. Crawlers read
robots.txt only at a host's root: under a sub-path of a county portal, the portal's own
robots.txt needs the Sitemap line instead (handbook/docs/tech/publishing.md)."""
from __future__ import annotations

from kit.data.dataset import Dataset

PATH = "robots.txt"


def body(d: Dataset) -> bytes:
    base = d.settings.site_url.rstrip("/") + "/"
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n".encode()
