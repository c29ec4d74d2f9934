"""QR codes of page URLs, made at build time with qrcode's SVG image factory.

The template (overrides/partials/qr.html) draws the <svg>; this module hands
it the code's size and path only, so no markup is assembled here.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

import qrcode
import qrcode.image.svg

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class QR:
    url: str
    size: int   # modules incl. quiet zone: the viewBox is 0 0 size size
    path: str   # SVG path data of the dark modules


def page_address(site_url: str, page_url: str) -> str:
    """The absolute address printed on posters: site_url + the page's own URL."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, page_url.lstrip("/"))


def qr_code(url: str) -> QR:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                         image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(url)
    code.make(fit=True)
    root = ET.fromstring(code.make_image().to_string(encoding="unicode"))
    size = int(float(root.get("viewBox", "0 0 0 0").split()[2]))
    path = root.find(f"{SVG}path")
    return QR(url, size, path.get("d", "") if path is not None else "")


def page_qr(page, site_url: str) -> QR:
    return qr_code(page_address(site_url, page.url))
