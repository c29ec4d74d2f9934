"""Page QR codes, made fast and cached by address.

qr.qr_code tries all eight mask patterns and draws one SVG rectangle per module: about 10 ms
and 10 KB of path data a page. A fixed mask (every mask is valid; the best one only lowers a
penalty score) and one path segment per run of dark modules make the same code in about 2 ms
with a third of the path data; the cache makes it free on the next build.
"""
from __future__ import annotations

import qrcode

import qr
from cache import Store, key

MASK = 2


def runs(matrix: list[list[bool]]) -> str:
    """SVG path data: one closed rectangle per horizontal run of dark modules."""
    parts = []
    for y, row in enumerate(matrix):
        x, n = 0, len(row)
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return "".join(parts)


def qr_code(url: str) -> qr.QR:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, mask_pattern=MASK)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    return qr.QR(url, len(matrix), runs(matrix))


def qr_parts(url: str) -> tuple[int, str]:
    code = qr_code(url)
    return code.size, code.path


class QRCodes:
    """QR codes of every page: from the cache, or made where the page is rendered (2 ms)."""

    def __init__(self, store: Store, site_url: str, remember=lambda page: True) -> None:
        self.store = store
        self.site_url = site_url
        self.remember = remember   # pages whose whole output is cached need no stored QR code

    def _key(self, url: str) -> str:
        return key("qr", str(MASK), url)

    def page_qr(self, page) -> qr.QR:
        url = qr.page_address(self.site_url, page.url)
        if not self.remember(page):
            return qr.QR(url, *qr_parts(url))
        hit = self.store.get(self._key(url))
        if hit is None:
            hit = qr_parts(url)
            self.store.put(self._key(url), hit)
        return qr.QR(url, *hit)
