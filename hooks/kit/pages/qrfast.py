"""A fast QR encoder for page addresses, written from the QR specification (ISO/IEC 18004).

It makes exactly the code the `qrcode` package makes with
`QRCode(error_correction=ERROR_CORRECT_M, border=4, mask_pattern=2)`, `add_data(text)` and
`make(fit=True)`: the same segments (runs of 20+ digits in numeric mode, runs of 20+ upper-case
alphanumerics in alphanumeric mode, the rest UTF-8 bytes), the same smallest version, level M,
mask 2 and a quiet zone of 4 modules.

Everything that does not depend on the data is worked out once per version (`_Layout`): the
function patterns, where each bit of the codewords lands and whether the mask flips it. A code
is then a few big-integer operations (bit stream, Reed-Solomon remainders, mask) and one
C-level gather (`itemgetter`) of the module string.
"""
from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

MASK = 2                 # mask pattern 010: the module in column j is flipped when j % 3 == 0
BORDER = 4
FORMAT_DATA = (0b00 << 3) | MASK   # error correction level M is 00 in the format information

# Error correction level M per version 1-40 (spec table 9): codewords of EC per block,
# then (blocks, data codewords per block) for the first and second group.
BLOCKS_M: tuple[tuple[int, int, int, int, int], ...] = (
    (10, 1, 16, 0, 0), (16, 1, 28, 0, 0), (26, 1, 44, 0, 0), (18, 2, 32, 0, 0),
    (24, 2, 43, 0, 0), (16, 4, 27, 0, 0), (18, 4, 31, 0, 0), (22, 2, 38, 2, 39),
    (22, 3, 36, 2, 37), (26, 4, 43, 1, 44), (30, 1, 50, 4, 51), (22, 6, 36, 2, 37),
    (22, 8, 37, 1, 38), (24, 4, 40, 5, 41), (24, 5, 41, 5, 42), (28, 7, 45, 3, 46),
    (28, 10, 46, 1, 47), (26, 9, 43, 4, 44), (26, 3, 44, 11, 45), (26, 3, 41, 13, 42),
    (26, 17, 42, 0, 0), (28, 17, 46, 0, 0), (28, 4, 47, 14, 48), (28, 6, 45, 14, 46),
    (28, 8, 47, 13, 48), (28, 19, 46, 4, 47), (28, 22, 45, 3, 46), (28, 3, 45, 23, 46),
    (28, 21, 45, 7, 46), (28, 19, 47, 10, 48), (28, 2, 46, 29, 47), (28, 10, 46, 23, 47),
    (28, 14, 46, 21, 47), (28, 14, 46, 23, 47), (28, 12, 47, 26, 48), (28, 6, 47, 34, 48),
    (28, 29, 46, 14, 47), (28, 13, 46, 32, 47), (28, 40, 47, 7, 48), (28, 18, 47, 31, 48),
)
CAPACITY_BITS = [0] + [8 * (n1 * d1 + n2 * d2) for _, n1, d1, n2, d2 in BLOCKS_M]

NUMERIC, ALPHANUMERIC, BYTE = 1, 2, 4                     # mode indicators
# Bits of the character count per version class (1-9, 10-26, 27-40) and mode.
COUNT_BITS = ({NUMERIC: 10, ALPHANUMERIC: 9, BYTE: 8},
              {NUMERIC: 12, ALPHANUMERIC: 11, BYTE: 16},
              {NUMERIC: 14, ALPHANUMERIC: 13, BYTE: 16})
CLASS_VERSIONS = ((1, 9), (10, 26), (27, 40))
ALNUM = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
ALNUM_VALUE = {c: i for i, c in enumerate(ALNUM)}
SEGMENT_MIN = 20         # qrcode's add_data(optimize=20): shorter runs stay in byte mode
_DIGITS = re.compile(rb"\d{%d,}" % SEGMENT_MIN)
_ALNUMS = re.compile(rb"[0-9A-Z $%*+\-./:]{" + b"%d" % SEGMENT_MIN + rb",}")
_DIGITS_ALL = re.compile(rb"^\d+$")                      # texts of at most SEGMENT_MIN bytes
_ALNUMS_ALL = re.compile(rb"^[0-9A-Z $%*+\-./:]+$")

# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
EXP = [0] * 512
LOG = [0] * 256
_x = 1
for _i in range(255):
    EXP[_i] = EXP[_i + 255] = _x
    LOG[_x] = _i
    _x = (_x << 1) ^ (0x11D if _x & 0x80 else 0)


def _mul(a: int, b: int) -> int:
    return EXP[LOG[a] + LOG[b]] if a and b else 0


@lru_cache(maxsize=None)
def _generator_rows(ec: int) -> tuple[int, ...]:
    """For every byte f: f times the generator polynomial (without its leading 1), as an int."""
    poly = [1]                                            # prod (x - a^i), highest power first
    for i in range(ec):
        poly = [c ^ _mul(p, EXP[i]) for c, p in zip(poly + [0], [0] + poly)]
    return tuple(int.from_bytes(bytes(_mul(f, c) for c in poly[1:]), "big") for f in range(256))


def _ec_codewords(block: bytes, ec: int) -> bytes:
    """Reed-Solomon remainder of one block, the remainder register held as one integer."""
    rows = _generator_rows(ec)
    top = 8 * (ec - 1)
    low = (1 << top) - 1
    rem = 0
    for b in block:
        rem = ((rem & low) << 8) ^ rows[b ^ (rem >> top)]
    return rem.to_bytes(ec, "big")


def _bch(data: int, poly: int, bits: int) -> int:
    """data followed by the remainder of data * x^bits divided by poly (over GF(2))."""
    rem = data << bits
    for shift in range(rem.bit_length() - poly.bit_length(), -1, -1):
        if rem >> (shift + poly.bit_length() - 1) & 1:
            rem ^= poly << shift
    return (data << bits) | rem


def _alignment_centres(version: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    last = 4 * version + 10
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    return [6] + [last - step * i for i in range(count - 2, -1, -1)]


class _Layout:
    """What a code of one version looks like before the data goes in."""

    def __init__(self, version: int) -> None:
        self.version = version
        n = self.n = 4 * version + 17
        grid: list[list[bool | None]] = [[None] * n for _ in range(n)]
        for row, col in ((0, 0), (n - 7, 0), (0, n - 7)):          # finders and separators
            for r in range(-1, 8):
                for c in range(-1, 8):
                    if 0 <= row + r < n and 0 <= col + c < n:
                        ring = max(abs(r - 3), abs(c - 3))
                        grid[row + r][col + c] = ring != 2 and ring != 4
        centres = _alignment_centres(version)
        for row in centres:
            for col in centres:
                if grid[row][col] is None:                           # not on a finder
                    for r in range(-2, 3):
                        for c in range(-2, 3):
                            grid[row + r][col + c] = max(abs(r), abs(c)) != 1
        for i in range(8, n - 8):                                    # timing patterns
            if grid[i][6] is None:
                grid[i][6] = i % 2 == 0
            if grid[6][i] is None:
                grid[6][i] = i % 2 == 0
        fmt = _bch(FORMAT_DATA, 0b10100110111, 10) ^ 0b101010000010010
        for i in range(15):
            bit = (fmt >> i) & 1 == 1
            grid[i if i < 6 else i + 1 if i < 8 else n - 15 + i][8] = bit
            grid[8][n - 1 - i if i < 8 else 7 if i == 8 else 14 - i] = bit
        grid[n - 8][8] = True                                        # the dark module
        if version >= 7:
            info = _bch(version, 0b1111100100101, 12)
            for i in range(18):
                bit = (info >> i) & 1 == 1
                grid[i // 3][n - 11 + i % 3] = bit
                grid[n - 11 + i % 3][i // 3] = bit

        # Data modules in placement order: column pairs from the right, zigzag up and down.
        order: list[tuple[int, int]] = []
        upward = True
        for right in range(n - 1, 0, -2):
            if right <= 6:
                right -= 1                                           # skip the timing column
            for row in (range(n - 1, -1, -1) if upward else range(n)):
                for col in (right, right - 1):
                    if grid[row][col] is None:
                        order.append((row, col))
            upward = not upward

        ec, n1, d1, n2, d2 = BLOCKS_M[version - 1]
        self.ec = ec
        self.data_blocks = [d1] * n1 + [d2] * n2
        self.data_codewords = n1 * d1 + n2 * d2
        total = self.data_codewords + ec * (n1 + n2)
        assert total == len(order) // 8, (version, total, len(order))

        # Codewords as they are computed: all data blocks, then all EC blocks, block by block.
        # Their transmitted order interleaves the blocks; `source[k]` is the computed index of
        # the k-th transmitted codeword.
        starts, at = [], 0
        for d in self.data_blocks:
            starts.append(at)
            at += d
        source = [s + i for i in range(max(self.data_blocks))
                  for s, d in zip(starts, self.data_blocks) if i < d]
        ec_start = self.data_codewords
        source += [ec_start + b * ec + i for i in range(ec) for b in range(n1 + n2)]

        # Each module of the bordered square takes one character of the string
        # "<all codeword bits, masked>" + "0" + "1": `gather` says which one.
        bits = 8 * total
        light, dark = bits, bits + 1
        mask_int = 0
        cell = {}
        for k, (row, col) in enumerate(order):
            flip = col % 3 == 0
            if k < bits:
                j = 8 * source[k // 8] + k % 8                       # bit index, MSB first
                cell[row, col] = j
                if flip:
                    mask_int |= 1 << (bits - 1 - j)
            else:                                                    # remainder bits: 0, masked
                cell[row, col] = dark if flip else light
        w = self.width = n + 2 * BORDER
        gather = [light] * (w * w)
        for r in range(n):
            for c in range(n):
                value = grid[r][c]
                gather[(r + BORDER) * w + c + BORDER] = cell[r, c] if value is None else (
                    dark if value else light)
        self.bits = bits
        self.mask_int = mask_int
        self.gather = itemgetter(*gather)


@lru_cache(maxsize=None)
def layout(version: int) -> _Layout:
    return _Layout(version)


def segments(data: bytes) -> list[tuple[int, bytes]]:
    """qrcode's split of the data into numeric, alphanumeric and byte segments."""
    short = len(data) <= SEGMENT_MIN
    if not short and not _ALNUMS.search(data):        # the usual page address: one byte segment
        return [(BYTE, data)] if data else []
    out: list[tuple[int, bytes]] = []
    for is_num, chunk in _split(data, _DIGITS_ALL if short else _DIGITS):
        if is_num:
            out.append((NUMERIC, chunk))
        else:
            for is_alnum, part in _split(chunk, _ALNUMS_ALL if short else _ALNUMS):
                out.append((ALPHANUMERIC if is_alnum else BYTE, part))
    return out


def _split(data: bytes, pattern: re.Pattern[bytes]) -> list[tuple[bool, bytes]]:
    out, pos = [], 0
    for m in pattern.finditer(data):
        if m.start() > pos:
            out.append((False, data[pos:m.start()]))
        out.append((True, m.group()))
        pos = m.end()
    if pos < len(data):
        out.append((False, data[pos:]))
    return out


def _bit_stream(segs: list[tuple[int, bytes]], counts: dict[int, int]) -> tuple[int, int]:
    """The segments as (value, number of bits), without terminator and padding."""
    acc = n = 0
    for mode, chunk in segs:
        acc = (((acc << 4) | mode) << counts[mode]) | len(chunk)
        n += 4 + counts[mode]
        if mode == BYTE:
            acc = (acc << 8 * len(chunk)) | int.from_bytes(chunk, "big")
            n += 8 * len(chunk)
        elif mode == ALPHANUMERIC:
            for i in range(0, len(chunk) - 1, 2):
                acc = (acc << 11) | ALNUM_VALUE[chunk[i]] * 45 + ALNUM_VALUE[chunk[i + 1]]
                n += 11
            if len(chunk) % 2:
                acc = (acc << 6) | ALNUM_VALUE[chunk[-1]]
                n += 6
        else:
            for i in range(0, len(chunk), 3):
                group = chunk[i:i + 3]
                size = (4, 7, 10)[len(group) - 1]
                acc = (acc << size) | int(group)
                n += size
    return acc, n


def encode(text: str) -> tuple[int, str] | None:
    """(width, modules) of the code with its quiet zone: modules is a string of width * width
    "0"/"1" characters row by row ("1" dark). None when the text fits no version."""
    segs = segments(text.encode("utf-8"))
    for cls, (first, last) in enumerate(CLASS_VERSIONS):
        acc, n = _bit_stream(segs, COUNT_BITS[cls])
        version = next((v for v in range(first, last + 1) if CAPACITY_BITS[v] >= n), 0)
        if version:
            break
    else:
        return None
    lay = layout(version)
    cap = CAPACITY_BITS[version]
    end = min(cap - n, 4)                                    # terminator
    end += (-(n + end)) % 8                                  # up to a byte boundary
    acc <<= end
    n += end
    fill = (cap - n) // 8
    data = acc.to_bytes(n // 8, "big") + (b"\xec\x11" * (fill // 2 + 1))[:fill]
    ec = [data]
    at = 0
    for d in lay.data_blocks:
        ec.append(_ec_codewords(data[at:at + d], lay.ec))
        at += d
    value = int.from_bytes(b"".join(ec), "big") ^ lay.mask_int
    chars = format(value, "0%db" % lay.bits) + "01"
    return lay.width, "".join(lay.gather(chars))


def matrix(text: str) -> list[list[bool]] | None:
    """The code as qrcode's get_matrix() returns it: rows of booleans, quiet zone included."""
    code = encode(text)
    if code is None:
        return None
    w, modules = code
    return [[c == "1" for c in modules[r * w:(r + 1) * w]] for r in range(w)]
