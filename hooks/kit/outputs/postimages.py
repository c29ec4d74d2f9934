"""Pictures that news posts show: published like data photos, never as the editor's file.

A phone photo dropped beside a post is 5 MB and carries its GPS position in EXIF. Every JPEG,
PNG or WebP under docs/blog/ is replaced in the build by a copy turned upright, no wider than
the largest photo variant (kit/outputs/images.py) and stripped of every metadata block, at the
same path, so the post's Markdown needs no change.
"""
from __future__ import annotations

import io
from pathlib import PurePosixPath

from mkdocs.structure.files import File, Files
from PIL import Image, ImageOps

from kit.outputs.images import WIDTHS
from kit.outputs.pixels import SAME_FORMAT, _encode

BLOG = "blog/"


def post_images(files: Files) -> list[File]:
    return [f for f in files.media_files()
            if f.src_uri.startswith(BLOG) and PurePosixPath(f.src_uri).suffix.lower() in SAME_FORMAT]


def clean(raw: bytes, src: str) -> bytes:
    """The picture upright, at most WIDTHS[-1] pixels wide, without EXIF, XMP, ICC or comments."""
    with Image.open(io.BytesIO(raw)) as img:
        img = ImageOps.exif_transpose(img)
        if img.mode not in ("RGB", "RGBA", "L"):
            img = img.convert("RGBA" if "transparency" in img.info or img.mode in ("P", "LA") else "RGB")
        if img.width > WIDTHS[-1]:
            img = img.resize((WIDTHS[-1], max(1, round(img.height * WIDTHS[-1] / img.width))),
                             Image.LANCZOS, reducing_gap=3.0)
        img.info.clear()
        return _encode(img, SAME_FORMAT[PurePosixPath(src).suffix.lower()])
