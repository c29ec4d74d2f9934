"""The QR code printed on a page's poster: its absolute address, encoded at build time.

qrcode's own make() tries all eight mask patterns and draws one SVG rectangle per module: about
10 ms and 10 KB of path data a page. A fixed mask (every mask is valid; the best one only lowers a
penalty score) and one path segment per run of dark modules make the code with a third of the
path data; the hand-written encoder (qrfast.py) makes it in about 0.04 ms, the qrcode package in
2 ms and segno in 1 ms for the very same address (why it stays: handbook/docs/maintainers/performance-design.md). The
template (overrides/partials/qr.html) draws the <svg> from the size and path given here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import add
from urllib.parse import urljoin

from kit.pages import qrfast


@dataclass(frozen=True)
class QR:
    url: str
    size: int   # modules incl. quiet zone: the viewBox is 0 0 size size
    path: str   # SVG path data of the dark modules


def page_address(site_url: str, page_url: str) -> str:
    """The absolute address printed on posters: site_url + the page's own URL."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, page_url.lstrip("/"))


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
    """The same code made by the qrcode package: the fallback and the tests' reference
    (imported here: a build whose codes all fit qrfast does not load it, 20 ms)."""
    import qrcode
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, mask_pattern=MASK)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def qr_code(url: str) -> QR:
    fast = qrfast.encode(url)
    if fast is None:                       # too long for any version: qrcode raises its error
        matrix = qrcode_matrix(url)
        return QR(url, len(matrix), runs(matrix))
    width, modules = fast
    return QR(url, width, flat_runs(width, modules))


def qr_parts(url: str) -> tuple[int, str]:
    code = qr_code(url)
    return code.size, code.path
