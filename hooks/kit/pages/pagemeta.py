"""Small formatters for what the theme templates put in <head> and the footer."""
from __future__ import annotations

import datetime as dt
from typing import Iterable
from urllib.parse import urljoin, urlsplit


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


def _luminance(hex_colour: str) -> float:
    h = hex_colour.strip().lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    if len(h) != 6:
        raise ValueError(hex_colour)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


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
