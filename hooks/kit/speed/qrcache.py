"""Page QR codes, made fast and cached by address.

qr.qr_code tries all eight mask patterns and draws one SVG rectangle per module: about 10 ms
and 10 KB of path data a page. A fixed mask (every mask is valid; the best one only lowers a
penalty score) and one path segment per run of dark modules make the code with a third of the
path data; qrfast encodes it in about 0.25 ms (the qrcode package took 2 ms for the very same
modules) and the cache makes it free on the next build.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from operator import add

import qrcode

from kit.pages import qr
from kit.speed import qrfast
from kit.speed.stores import Store, key

MASK = qrfast.MASK
TOKENS = re.compile("0+|1+")


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


@lru_cache(maxsize=None)
def _fragments(width: int) -> tuple[list[str], list[str]]:
    """Path text of a run: "M{x} {y}h" by its start in the module string, "{n}v1h-{n}z" by length."""
    return ([f"M{i % width} {i // width}h" for i in range(width * width)],
            [f"{n}v1h-{n}z" for n in range(width + 1)])


def flat_runs(width: int, modules: str) -> str:
    """runs() of a code given as one "0"/"1" string of width * width modules, row by row.

    The string splits into alternating light and dark runs, light first and last (the quiet
    zone, which also keeps every dark run inside its row); a dark run starts where the light
    run before it ends. All loops run in C."""
    heads, tails = _fragments(width)
    lengths = list(map(len, TOKENS.findall(modules)))
    starts = list(accumulate(lengths))[0:-1:2]
    return "".join(map(add, map(heads.__getitem__, starts), map(tails.__getitem__, lengths[1::2])))


def qrcode_matrix(url: str) -> list[list[bool]]:
    """The same code made by the qrcode package: the fallback and the tests' reference."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, mask_pattern=MASK)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def qr_code(url: str) -> qr.QR:
    fast = qrfast.encode(url)
    if fast is None:                       # too long for any version: qrcode raises its error
        matrix = qrcode_matrix(url)
        return qr.QR(url, len(matrix), runs(matrix))
    width, modules = fast
    return qr.QR(url, width, flat_runs(width, modules))


def qr_parts(url: str) -> tuple[int, str]:
    code = qr_code(url)
    return code.size, code.path


class QRCodes:
    """QR codes of every page: from the cache, or made where the page is rendered (0.1 ms)."""

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
