"""Small formatters for what the theme templates put in <head> and the footer."""
from __future__ import annotations

import datetime as dt
from typing import Iterable
from urllib.parse import urljoin, urlsplit

from kit.data.model import settings


def site_domain(site_url: str) -> str:
    """'https://wenming.example.gov.cn/sub/' -> 'wenming.example.gov.cn' (the SiteDomain meta)."""
    return urlsplit(site_url).hostname or ""


def iso_dates(days: Iterable[dt.date]) -> list[str]:
    """Mourning days as 'YYYY-MM-DD' strings for the in-page script."""
    return sorted({d.isoformat() for d in days})


def absolute_url(path: str, site_url: str) -> str:
    """An asset's absolute address (og:image must be absolute)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, path.lstrip("/"))


def police_record_url(code: str) -> str:
    return f"https://beian.mps.gov.cn/#/query/webSearch?code={code}"


FILTERS = {"site_domain": site_domain, "iso_dates": iso_dates, "police_record_url": police_record_url,
           "absolute_url": absolute_url}


contrast = settings.contrast


def colour_problems(primary: str, accent: str) -> list[str]:
    """White text sits on both colours (header, buttons, hero): each needs 4.5:1."""
    out = []
    for key, value in (("primary", primary), ("accent", accent)):
        try:
            ratio = contrast(value, "#ffffff")
        except ValueError:
            out.append(f"data/site.yml: site.colours.{key}: 应为 #RRGGBB 形式的颜色，例如 \"#b71c1c\"，实际是 \"{value}\"")
            continue
        if ratio < 4.5:
            out.append(f"data/site.yml: site.colours.{key}: 颜色 {value} 上的白字对比度只有 {ratio:.1f}:1，"
                       f"至少要 4.5:1，请换深一些的颜色，例如 \"#b71c1c\"")
    return out
