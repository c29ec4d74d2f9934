"""Pack the built site as one zip for a county portal that hosts it as a section (栏目).

    python scripts/package_site.py [site-folder] [project-root]     # `make package` runs it after the checks

The portal serves the site under a sub-path, e.g. https://www.example.gov.cn/wenming/: set that
address as `site_url` in data/site.yml, then canonical links, QR codes, feeds and sitemap.xml in
the build all carry it. The zip holds one folder named after the sub-path's last part
(`wenming/index.html` ...), to be unpacked in the portal's web root; its entries have fixed dates
and a fixed order, so the same build gives the same zip. Written to dist/<folder>-<Beijing date>.zip.
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

KIT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT / "hooks"))

import yaml  # noqa: E402

from kit.data.clock import build_date  # noqa: E402

FIXED = (2000, 1, 1, 0, 0, 0)


def folder_name(site_url: str) -> str:
    parts = [p for p in urlsplit(site_url).path.split("/") if p]
    return parts[-1] if parts else "wenming"


def pack(site: Path, site_url: str, dest_dir: Path) -> Path:
    if not (site / "index.html").is_file():
        raise SystemExit(f"找不到已生成的网站：{site}/index.html。请先运行 make publish-check。")
    name = folder_name(site_url)
    dest_dir.mkdir(parents=True, exist_ok=True)
    out = dest_dir / f"{name}-{build_date().isoformat()}.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{name}/{path.relative_to(site).as_posix()}", FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, path.read_bytes())
    return out


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site").resolve()
    root = Path(argv[2]).resolve() if len(argv) > 2 else KIT
    settings = yaml.safe_load((root / "data" / "site.yml").read_text("utf-8-sig"))["site"]
    out = pack(site, str(settings["site_url"]), root / "dist")
    print(f"已打包：{out}（解压到门户网站根目录，得到 {folder_name(str(settings['site_url']))}/ 栏目）")
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv))
