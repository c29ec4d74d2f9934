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
import pickle
import shutil
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from PIL import Image

from kit.outputs.pixels import ROTATED, heavy, render

WIDTHS = (480, 960, 1600)
FORMAT = "img-1"           # bump when the processing changes: a new name for every variant
HOLD_LIMIT = 120.0         # seconds pixels wait at most for go() (a build that stopped early)


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
        self.heavy_ok = True
        self.deferred: list[tuple[bytes, ImageSet]] = []    # heavy photos waiting for go()
        self.plans_path = cache_dir / "photoplans.pickle"     # src -> (the file's stamp, its plan): _plan()
        self.plans: dict[str, tuple[tuple, ImageSet]] = {}
        self.plans_old: dict[str, tuple[tuple, ImageSet]] = {}
        try:
            with self.plans_path.open("rb") as f:
                version, plans = pickle.load(f)
            self.plans_old = plans if version == (FORMAT, WIDTHS) else {}
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            pass

    def hold(self) -> None:
        """Photos are planned, their pixels wait for go(): not in the memory of the body helper's fork."""
        self.gate.clear()
        self.heavy_ok = False

    def go(self, heavy: bool = True) -> None:
        """The pixels may be made; with heavy=False only those of photos that are not heavy (pixels.heavy):
        the others wait for go() (while the body helper runs, the build and it are the peak of memory)."""
        self.gate.set()
        if heavy and not self.heavy_ok:
            self.heavy_ok = True
            for raw, s in self.deferred:
                self.jobs[s.src] = self.pool.submit(self._make, raw, s)
            self.deferred = []

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
            path = self.data_dir / src
            raw, s = self._plan(src, path)
            self.sets[src] = s
            wanted = [v.path for v in s.webp + s.jpeg]
            if not self.plan_only and \
                    not all(self._cached(p).is_file() for p in wanted + [f"{wanted[0]}.{PurePosixPath(src).name}"]):
                raw = raw if raw is not None else path.read_bytes()
                if self.pool is None:   # one worker: it fills the second core, one photo's pixels at a time
                    self.pool = ThreadPoolExecutor(max_workers=1)
                if not self.heavy_ok and heavy(raw, s):
                    self.deferred.append((raw, s))
                else:
                    self.jobs[src] = self.pool.submit(self._make, raw, s)
        return self.sets[src]

    def _plan(self, src: str, path: Path) -> tuple[bytes | None, ImageSet]:
        """plan() of the file's bytes; the last build's when the file is the same one, untouched since:
        same size, modification and change times (the system sets the change time at every write) and
        inode. Reading and hashing a county's hundreds of 5 MB photos took seconds of every rebuild."""
        st = os.stat(path)
        stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        known = self.plans_old.get(src)
        raw = None
        if known is None or known[0] != stamp:
            raw = path.read_bytes()
            known = (stamp, plan(src, raw))
        self.plans[src] = known
        return raw, known[1]

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
        if self.plans != self.plans_old:
            self.plans_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.plans_path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(((FORMAT, WIDTHS), self.plans), pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.plans_path)


def _place(cached: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        dest.unlink()
    try:
        os.link(cached, dest)
    except OSError:
        shutil.copyfile(cached, dest)
