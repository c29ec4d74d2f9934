"""qrfast makes exactly the QR codes the qrcode package makes (level M, mask 2, quiet zone 4)."""
from __future__ import annotations

import random
import re
from urllib.parse import quote

import pytest
import qrcode
from qrcode import base, util

from kit.pages import qr, qrfast

M = qrcode.constants.ERROR_CORRECT_M
SITE = "https://wenming.example.gov.cn/"


def reference_code(text: str) -> qrcode.QRCode:
    """The code as hooks/kit/pages/qr.py made it before qrfast: the qrcode package, fixed mask 2."""
    code = qrcode.QRCode(error_correction=M, border=4, mask_pattern=2)
    code.add_data(text)
    code.make(fit=True)
    return code


def reference(text: str) -> list[list[bool]]:
    return reference_code(text).get_matrix()


def byte_capacity(version: int) -> int:
    count_bits = 8 if version < 10 else 16
    return (qrfast.CAPACITY_BITS[version] - 4 - count_bits) // 8


REALISTIC = [
    SITE, "https://a.cn/", "http://x.y/", "https://wenming.example.gov.cn/honorees/gen-2016-0421/",
    SITE + "events/yunwu-tea-fair/", SITE + "honorees/2023-sample-sun/",
    SITE + "reading/town-reading/", SITE + "villages/zhangjiawan/", SITE + "blog/2024/05/01/post/",
    SITE + "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/" * 3,
    SITE + "honorees/20240501123456789012345/",                 # a numeric segment (20+ digits)
    SITE + "honorees/2024050112345678901/",                     # 19+ digits: byte mode
    SITE + "events/12345678901234567890123456789012345678901234567890/",
    "HTTPS://WENMING.EXAMPLE.GOV.CN/EVENTS/TEA-FESTIVAL/",      # all alphanumeric
    SITE + "EVENTS/TEA-FESTIVAL-2024/HONOREES/",                # an alphanumeric segment
    SITE + "search/?q=wenming&page=2&sort=date-desc",
    SITE + "search/?q=" + quote("文明城市创建"),                  # %E6%96%87... alphanumeric runs
    SITE + quote("文明实践站/新时代文明实践中心/") ,
    SITE + "honorees/李明/", SITE + "villages/张家湾村/", SITE + "文明城市/好人榜/2024年/",
    SITE + "events/x/#" + "1" * 40, SITE + "x?" + "A1" * 30 + "b" + "9" * 25,
    "", "1", "12", "123", "A", "AB", "ab", "123\n", "ABC\n", "12345678901234567890",
    "1234567890123456789012", "ABCDEFGHIJKLMNOPQRST", "ABCDEFGHIJKLMNOPQRSTU",
    "ABCDEFGHIJKLMNOPQRS1", "abcdefghijklmnopqrstu", "文", "文明",
]


def test_tables_agree_with_the_qrcode_package():
    for version in range(1, 41):
        ec, n1, d1, n2, d2 = qrfast.BLOCKS_M[version - 1]
        blocks = [(b.total_count, b.data_count) for b in base.rs_blocks(version, M)]
        assert blocks == [(ec + d1, d1)] * n1 + [(ec + d2, d2)] * n2, version
        assert qrfast._alignment_centres(version) == util.pattern_position(version), version
        assert qrfast.CAPACITY_BITS[version] == util.BIT_LIMIT_TABLE[M][version], version
        assert qrfast.layout(version).width == 4 * version + 17 + 8


@pytest.mark.parametrize("url", REALISTIC)
def test_realistic_addresses_make_the_same_modules(url):
    assert qrfast.matrix(url) == reference(url)


@pytest.mark.parametrize("version", range(1, 41))
def test_every_version_boundary(version):
    """Addresses one byte under, at and over each version's byte-mode capacity."""
    cap = byte_capacity(version)
    seen = set()
    for size in (cap - 1, cap, cap + 1) if version < 40 else (cap - 1, cap):   # 40 + 1: see below
        url = (SITE + "honorees/" + "x" * 3000)[:size - 1] + "/"
        assert len(url.encode()) == size
        code = reference_code(url)     # made once: the qrcode package takes 0.1–0.5 s at the large versions
        assert qrfast.matrix(url) == code.get_matrix(), size
        seen.add(code.version)
    assert seen == ({version, version + 1} if version < 40 else {version})


def test_boundaries_where_segments_change_the_version():
    """Digit and upper-case runs shrink the stream: the version must follow qrcode's choice."""
    for version in (1, 2, 3, 5, 9, 10, 11, 26, 27):
        cap = byte_capacity(version)
        for tail in ("1" * 24, "A" * 24, "%E6%96%87%E6%98%8E", "0" * 60, "ab" * 3):
            for size in range(cap - 3, cap + 12):
                head = SITE + "p/"
                body = (head + "y" * 3000)[:max(len(head), size - len(tail))]
                url = body + tail
                assert qrfast.matrix(url) == reference(url), (version, tail, len(url))


def random_address(rng: random.Random) -> str:
    pieces = [
        lambda: "".join(rng.choices("abcdefghijklmnopqrstuvwxyz-_", k=rng.randint(1, 20))),
        lambda: "".join(rng.choices("0123456789", k=rng.randint(1, 40))),
        lambda: "".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./:", k=rng.randint(1, 40))),
        lambda: quote("".join(rng.choices("文明城市创建好人榜志愿服务村", k=rng.randint(1, 12)))),
        lambda: "".join(rng.choices("文明城市创建好人榜志愿服务村", k=rng.randint(1, 12))),
        lambda: "?q=" + "".join(rng.choices("abc123&=%+ ", k=rng.randint(1, 30))),
        lambda: rng.choice(["honorees", "events", "reading", "blog", "villages", "pledges"]),
    ]
    host = rng.choice([SITE, "https://a.cn/", "http://wm.example.org/site/", "HTTPS://WM.GOV.CN/"])
    url = host + "/".join(rng.choice(pieces)() for _ in range(rng.randint(0, 8)))
    return url[:rng.randint(10, 260)] if rng.random() < 0.5 else url


def test_seeded_random_addresses():
    rng = random.Random(20261129)
    for _ in range(1000):       # 3,000 found nothing more and took 12 s more
        url = random_address(rng)
        assert qrfast.matrix(url) == reference(url), url


def test_qr_parts_is_byte_identical_to_the_qrcode_path():
    rng = random.Random(5)
    urls = REALISTIC + [random_address(rng) for _ in range(300)]
    for url in urls:
        matrix = reference(url)
        assert qr.qr_parts(url) == (len(matrix), qr.runs(matrix)), url


def test_typical_addresses_never_touch_the_qrcode_package(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("fell back to the qrcode package")
    expected = {url: qr.qr_parts(url) for url in REALISTIC}
    import qrcode
    monkeypatch.setattr(qrcode, "QRCode", refuse)
    for url in REALISTIC:
        assert qrfast.encode(url) is not None
        assert qr.qr_parts(url) == expected[url]
    with pytest.raises(AssertionError, match="fell back"):
        qr.qr_parts("a" * 3000)          # too long for version 40: the fallback is taken


def test_too_long_addresses_fail_as_before():
    text = "a" * (byte_capacity(40) + 1)
    assert qrfast.encode(text) is None
    with pytest.raises(ValueError):
        reference(text)
    with pytest.raises(ValueError):
        qr.qr_parts(text)
    longest = "a" * byte_capacity(40)
    assert qrfast.matrix(longest) == reference(longest)


def _image(code: qr.QR, scale: int = 4):
    """The SVG path drawn as pixels, as a phone camera would see the printed poster."""
    from PIL import Image, ImageDraw
    img = Image.new("L", (code.size * scale, code.size * scale), 255)
    draw = ImageDraw.Draw(img)
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)", code.path):
        x, y, w = int(x), int(y), int(w)
        draw.rectangle([x * scale, y * scale, (x + w) * scale - 1, (y + 1) * scale - 1], fill=0)
    return img


@pytest.mark.parametrize("size", [20, 60, 120, 300, 1200])
def test_an_independent_reader_decodes_the_page_address(size):
    """zxing-cpp, a reader nobody on the project wrote, reads back every length of address."""
    import zxingcpp
    rng = random.Random(size)
    url = "https://wenming.example.gov.cn/" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-/%")
                                                      for _ in range(size))
    found = zxingcpp.read_barcodes(_image(qr.qr_code(url)))
    assert [(r.format.name, r.text) for r in found] == [("QRCode", url)]
