"""A photo's pixels: decoded, turned upright, resized to each variant and encoded (kit/outputs/images.py
plans the variants and runs this in a thread). The memory it takes is the build's peak while it runs:
a 12-megapixel photo is 48 MB of pixels, so it is decoded once and never copied at full size.
"""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from PIL import Image

if TYPE_CHECKING:
    from kit.outputs.images import ImageSet, Variant

JPEG_QUALITY = 80
WEBP_QUALITY = 76
ROTATED = {5, 6, 7, 8}     # EXIF orientations that swap width and height
SAME_FORMAT = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


def _scratch():
    """A file with a descriptor, in memory where the system allows: Pillow encodes JPEG and PNG into
    such a file without holding Python's lock (into a BytesIO it holds it throughout, and the build's
    main thread, rendering pages meanwhile, stands still: measured 25 times slower beside a 12-megapixel
    JPEG save). The bytes are the same."""
    try:
        return open(os.memfd_create("wenming-photo"), "w+b")
    except (AttributeError, OSError):     # not Linux, or a kernel or sandbox without it
        return tempfile.TemporaryFile()


def _encode(img: Image.Image, fmt: str) -> bytes:
    if fmt == "WEBP":          # Pillow's WebP encoder lets the lock go by itself
        out = io.BytesIO()
        img.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
        return out.getvalue()
    with _scratch() as f:
        if fmt == "JPEG":
            img.convert("RGB").save(f, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        else:
            img.save(f, fmt, optimize=True)
        f.seek(0)
        return f.read()


T = Image.Transpose    # each EXIF orientation's turn, as ImageOps.exif_transpose makes it
TURNS = {2: T.FLIP_LEFT_RIGHT, 3: T.ROTATE_180, 4: T.FLIP_TOP_BOTTOM, 5: T.TRANSPOSE, 6: T.ROTATE_270, 7: T.TRANSVERSE, 8: T.ROTATE_90}
ROTATED_TURNS, REDUCING_GAP = {TURNS[o] for o in ROTATED}, 3.0


def _largest(raw: bytes, target: Variant) -> Image.Image:
    """The pixels of ImageOps.exif_transpose and one resize to the largest variant, without metadata, in
    less memory: decoded once (a JPEG at a reduced scale if the variant allows), never copied at full
    size; a turned photo (a phone held upright: 48 MB of pixels at 12 megapixels) is resized before it is
    turned, one axis at a time in the order the upright resize takes them: the same arithmetic and bytes."""
    img = Image.open(io.BytesIO(raw))
    turn = TURNS.get(img.getexif().get(0x0112, 1))
    size = (target.width, target.height)
    if img.format == "JPEG":
        img.draft("RGB", size[::-1] if turn in ROTATED_TURNS else size)
    img.load()
    if img.mode not in ("RGB", "RGBA", "L"):
        img = img.convert("RGBA" if "transparency" in img.info or img.mode in ("P", "LA") else "RGB")
    # Pillow resizes RGBA premultiplied and reduces first by a whole factor (>= 6x): not axis by axis
    reduces = any(int(a / b / REDUCING_GAP) > 1 for a, b in zip(img.size[::-1], size))
    if turn in ROTATED_TURNS and img.mode != "RGBA" and not reduces:
        if img.height != size[0]:
            img = img.resize((img.width, size[0]), Image.LANCZOS, reducing_gap=REDUCING_GAP)
        if img.width != size[1]:
            img = img.resize((size[1], size[0]), Image.LANCZOS, reducing_gap=REDUCING_GAP)
        img = img.transpose(turn)
    else:
        if turn is not None:
            img = img.transpose(turn)
        if img.size != size:
            img = img.resize(size, Image.LANCZOS, reducing_gap=REDUCING_GAP)
    img.info.clear()            # no EXIF, XMP, ICC or comments are carried into the output
    return img


def render(raw: bytes, s: ImageSet) -> dict[str, bytes]:
    """Every file of one photo: variant path -> bytes, plus the clean copy at s.src."""
    target = s.jpeg[-1]
    out: dict[str, bytes] = {}
    fmt = SAME_FORMAT.get(PurePosixPath(s.src).suffix.lower())
    # the same pixels encoded the same way are the same bytes: JPEG and WebP copies are reused
    same = {"JPEG": target.path, "WEBP": s.webp[-1].path}.get(fmt) if fmt else target.path
    current = _largest(raw, target)
    largest = None if same else current     # kept only to be encoded once more at the end
    for v_webp, v_jpeg in reversed(list(zip(s.webp, s.jpeg))):
        if current.size != (v_jpeg.width, v_jpeg.height):
            current = current.resize((v_jpeg.width, v_jpeg.height), Image.LANCZOS, reducing_gap=REDUCING_GAP)
        out[v_webp.path] = _encode(current, "WEBP")
        out[v_jpeg.path] = _encode(current, "JPEG")
    out[s.src] = out[same] if same else _encode(largest, fmt)
    return out


def heavy(raw: bytes, s: ImageSet) -> bool:
    """A photo whose pixels take the most memory: turned, and larger than its largest variant (decoded
    at full size: the reduced scale of a JPEG's decoding keeps the wrong side at least as long as
    the variant's), 70 MB for 12 megapixels, against some 25 for one held the right way up."""
    with Image.open(io.BytesIO(raw)) as img:
        turned = img.getexif().get(0x0112, 1) in ROTATED
        return turned and img.height > s.width
