"""Photos for phones: resized variants, WebP plus JPEG, no EXIF, cached by content hash.

Editors drop 5 MB phone JPEGs with EXIF (GPS position included) into data/photos/. The site
never publishes those bytes. Each photo a published entry shows becomes
  photos/_v/<name>-<hash>-<width>.webp and .jpg   for widths 480/960/1600 (never upscaled)
  photos/<name>.<ext>                              the largest variant, at the path the data names
(so existing links keep working), all turned upright by the EXIF orientation and then stripped of
every metadata block. Work happens in a thread pool while the build goes on (Pillow releases the
GIL), results are kept in .cache/wenming/images/ by content hash, and the templates get sizes
before the pixels exist: width and height come from the file header.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from PIL import Image

WIDTHS = (480, 960, 1600)
JPEG_QUALITY = 80
WEBP_QUALITY = 76
FORMAT = "img-1"           # bump when the processing changes: a new name for every variant
ROTATED = {5, 6, 7, 8}     # EXIF orientations that swap width and height
HOLD_LIMIT = 120.0         # seconds pixels wait at most for go() (a build that stopped early)
SAME_FORMAT = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


@dataclass(frozen=True)
class Variant:
    path: str      # site-relative, e.g. photos/_v/tea-1a2b3c4d5e-960.webp
    width: int
    height: int


@dataclass(frozen=True)
class ImageSet:
    src: str                   # the photo's path in data/, also where its clean copy is published
    width: int                 # of the largest variant: the <img> width/height (aspect ratio)
    height: int
    webp: tuple[Variant, ...]
    jpeg: tuple[Variant, ...]

    @property
    def fallback(self) -> Variant:
        return self.jpeg[min(1, len(self.jpeg) - 1)]


def upright_size(img: Image.Image) -> tuple[int, int]:
    orientation = img.getexif().get(0x0112, 1)
    return (img.height, img.width) if orientation in ROTATED else (img.width, img.height)


def widths_for(width: int) -> list[int]:
    """Variant widths for an image this wide: never larger than the original."""
    return sorted({w for w in WIDTHS if w < width} | {min(width, WIDTHS[-1])})


def _scaled(w: int, width: int, height: int) -> tuple[int, int]:
    return w, max(1, round(height * w / width))


def plan(src: str, raw: bytes) -> ImageSet:
    digest = hashlib.sha256(FORMAT.encode() + raw).hexdigest()[:10]
    with Image.open(io.BytesIO(raw)) as img:
        width, height = upright_size(img)
    stem = PurePosixPath(src).stem
    sizes = [_scaled(w, width, height) for w in widths_for(width)]
    def variants(ext: str) -> tuple[Variant, ...]:
        return tuple(Variant(f"photos/_v/{stem}-{digest}-{w}.{ext}", w, h) for w, h in sizes)
    return ImageSet(src, sizes[-1][0], sizes[-1][1], variants("webp"), variants("jpg"))


def _encode(img: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        img.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif fmt == "WEBP":
        img.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        img.save(out, fmt, optimize=True)
    return out.getvalue()


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


class Images:
    """One build's photos: plans on demand, pixels in the background, files at the end."""

    def __init__(self, data_dir: Path, cache_dir: Path) -> None:
        self.data_dir = data_dir
        self.cache_dir = cache_dir / "images"
        self.sets: dict[str, ImageSet] = {}
        self.jobs: dict[str, Future] = {}
        self.pool: ThreadPoolExecutor | None = None
        self.plan_only = False    # in the helper process: plans for templates, pixels stay with the build
        self.gate = threading.Event()   # cleared by hold(): the pixels wait
        self.gate.set()
        self.busy = threading.Lock()    # held while one photo's pixels are in memory (settled())
        self.later: list[Future] = []   # after(): jobs queued behind the photos

    def hold(self) -> None:
        """Photos are planned, their pixels wait for go(): not in the memory of the body helper's fork."""
        self.gate.clear()

    def go(self) -> None:
        self.gate.set()

    @contextlib.contextmanager
    def settled(self, every: bool):
        """Around a fork: no photo's pixels in memory (the forked process would keep the pixels the
        build frees, 50-100 MB at 12 megapixels). `every`: all photos made first (a large site: not
        decoded beside the theme's two processes, its peak of memory), else the one being made."""
        self.go()
        if every:
            wait(list(self.jobs.values()))
        for future in self.later:
            future.result()
        with self.busy:
            yield

    def after(self, job: Callable[[], None]) -> None:
        """`job` in the photos' thread after them: its memory is not held beside their pixels."""
        if self.pool is None:
            return job()
        self.later.append(self.pool.submit(job))     # settled() waits for it

    def _cached(self, name: str) -> Path:
        return self.cache_dir / name.replace("/", "__")

    def picture(self, photo) -> ImageSet:
        """The Jinja global templates call with a Photo (or its src)."""
        src = getattr(photo, "src", photo)
        if src not in self.sets:
            raw = (self.data_dir / src).read_bytes()
            s = plan(src, raw)
            self.sets[src] = s
            wanted = [v.path for v in s.webp + s.jpeg]
            if not self.plan_only and \
                    not all(self._cached(p).is_file() for p in wanted + [f"{wanted[0]}.{PurePosixPath(src).name}"]):
                if self.pool is None:   # one worker: it fills the second core, one photo's pixels at a time
                    self.pool = ThreadPoolExecutor(max_workers=1)
                self.jobs[src] = self.pool.submit(self._make, raw, s)
        return self.sets[src]

    def _make(self, raw: bytes, s: ImageSet) -> None:
        self.gate.wait(HOLD_LIMIT)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with self.busy:
            files = render(raw, s)
        marker = f"{s.webp[0].path}.{PurePosixPath(s.src).name}"
        for path, data in {**files, marker: files[s.src]}.items():
            tmp = self._cached(path).with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, self._cached(path))

    def write(self, site_dir: str) -> None:
        """Wait for the pool, then put every file of every photo used into the site."""
        self.go()
        for future in [*self.jobs.values(), *self.later]:
            future.result()
        if self.pool is not None:
            self.pool.shutdown()
        for s in self.sets.values():
            for v in s.webp + s.jpeg:
                _place(self._cached(v.path), Path(site_dir) / v.path)
            _place(self._cached(f"{s.webp[0].path}.{PurePosixPath(s.src).name}"), Path(site_dir) / s.src)
        used = {self._cached(v.path).name for s in self.sets.values() for v in s.webp + s.jpeg}
        used |= {self._cached(f"{s.webp[0].path}.{PurePosixPath(s.src).name}").name for s in self.sets.values()}
        for path in self.cache_dir.glob("*") if self.cache_dir.is_dir() else []:
            if path.name not in used:      # photos no longer shown leave the cache too
                path.unlink(missing_ok=True)


def _place(cached: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        dest.unlink()
    try:
        os.link(cached, dest)
    except OSError:
        shutil.copyfile(cached, dest)
