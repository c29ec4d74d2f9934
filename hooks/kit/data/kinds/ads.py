"""公益广告: posters, slogans and boards (data/ads.yml), a page each, with the print-size file
offered for download at downloads/ads/<id>-print.<ext>."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Optional

from kit.data.model.civic import Ad
from kit.data.rules.civicchecks import ads_checks
from kit.data.kinds import Checking, Kind, Section, Table

DOWNLOADS = "downloads/ads"
FILE_KINDS = {".pdf": "PDF", ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
COLUMNS = ("id|编号|string|条目编号，决定网址，发布后不变", "title|标题|string|标题", "kind|类型|string|海报、标语或展板",
           "summary|简介|string|一句话简介", "slogan|标语|string|标语文字", "image|图片|string|图片地址",
           "print_file|印刷文件|string|供印刷的原始文件地址", "source|来源|string|来源或制作单位",
           "url|网址|string|本条目在网站上的页面地址", "example|示例|boolean|true 表示演示用的示例条目，不是真实信息")


@dataclass(frozen=True)
class Download:
    url: str          # where the site publishes it: downloads/ads/<id>-print.pdf
    src: str          # its path inside data/
    kind: str         # PDF / JPEG / PNG
    size: str         # 36 KB / 2.3 MB


def print_url(ad: Ad) -> str:
    suffix = PurePosixPath(ad.print_file or "").suffix.lower()
    return f"{DOWNLOADS}/{ad.id}-print{suffix}"


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


def download(d, ad: Ad) -> Optional[Download]:
    if not ad.print_file or d.data_dir is None:
        return None
    path = d.data_dir / ad.print_file
    suffix = path.suffix.lower()
    return Download(print_url(ad), ad.print_file, FILE_KINDS.get(suffix, suffix[1:].upper()),
                    _size(path.stat().st_size))


def row(a, d, h) -> dict:
    return {"id": a.id, "title": a.title, "kind": a.kind, "summary": a.summary, "slogan": a.slogan or None,
            "image": h.base + a.image.src if a.image else None,
            "print_file": h.base + print_url(a) if a.print_file else None, "source": a.source or None,
            "url": h.url(a), "example": a.example}


def check(c: Checking) -> None:
    ads_checks(c.loaded, c.of(KIND.name), c.report)


KIND = Kind(
    check=check,
    name="ads", label="公益广告", singular="公益广告", model=Ad, file="ads.yml", order=116,
    tally="{n} 条公益广告",
    url="ads", page="ad", var="ad", layout="ad.html",
    context=lambda ad, d: {"download": download(d, ad)},
    sections=(Section("ads/index.md", "section-ads.html", "公益广告", context="ad_downloads", order=11),),
    search=("title", "kind", "slogan", "source"),
    tables=(Table("ads", "公益广告", "公益广告海报、标语和展板", COLUMNS, row, order=9),),
    examples={"kind": "kind: 海报", "title": "title: 讲文明 树新风"},
)
