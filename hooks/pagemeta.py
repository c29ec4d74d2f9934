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
