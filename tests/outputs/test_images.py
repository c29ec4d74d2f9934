"""Photos: resized, upright, without EXIF (GPS included), never upscaled, cached; <picture> markup."""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from kit.outputs import images, pixels
from conftest import run_build

GPS = {1: "N", 2: (25.0, 1.0, 30.0), 3: "E", 4: (102.0, 42.0, 5.0)}


def phone_jpeg(size: tuple[int, int], orientation: int = 1) -> bytes:
    """A camera-like JPEG: EXIF with make, GPS position and an orientation tag."""
    img = Image.new("RGB", size, (200, 60, 40))
    img.paste((20, 90, 200), (0, 0, size[0] // 2, size[1] // 3))   # a marker in the top-left corner
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update(GPS)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def no_metadata(img: Image.Image) -> bool:
    return not img.getexif() and "exif" not in img.info and "xmp" not in img.info and "icc_profile" not in img.info


def test_variants_have_the_planned_sizes_and_no_exif():
    raw = phone_jpeg((4032, 3024))
    s = images.plan("photos/big.jpg", raw)
    assert [v.width for v in s.webp] == [480, 960, 1600] == [v.width for v in s.jpeg]
    assert [v.height for v in s.jpeg] == [360, 720, 1200]
    assert (s.width, s.height) == (1600, 1200)
    files = images.render(raw, s)
    for v in s.webp + s.jpeg:
        img = opened(files[v.path])
        assert img.size == (v.width, v.height), v
        assert img.format == ("WEBP" if v.path.endswith(".webp") else "JPEG")
        assert no_metadata(img), v.path
    clean = opened(files["photos/big.jpg"])
    assert clean.size == (1600, 1200) and no_metadata(clean)
    assert len(files["photos/big.jpg"]) < len(raw)


def test_exif_orientation_is_applied_before_it_is_stripped():
    # orientation 6: the camera held upright, pixels stored sideways (rotate 90° clockwise to view)
    raw = phone_jpeg((1200, 800), orientation=6)
    s = images.plan("photos/portrait.jpg", raw)
    assert (s.width, s.height) == (800, 1200)
    img = opened(images.render(raw, s)[s.jpeg[-1].path]).convert("RGB")
    assert img.size == (800, 1200) and no_metadata(img)
    # the blue marker stored top-left ends up top-right once turned upright
    assert img.getpixel((790, 10))[2] > 150 and img.getpixel((10, 10))[2] < 100


def test_small_photos_are_never_upscaled():
    s = images.plan("photos/small.jpg", phone_jpeg((700, 500)))
    assert [v.width for v in s.jpeg] == [480, 700]
    assert (s.width, s.height) == (700, 500)
    tiny = images.plan("photos/tiny.jpg", phone_jpeg((300, 200)))
    assert [v.width for v in tiny.webp] == [300]


def test_variant_names_follow_the_content():
    a = images.plan("photos/x.jpg", phone_jpeg((1000, 800)))
    b = images.plan("photos/x.jpg", phone_jpeg((1000, 801)))
    assert a.webp[0].path != b.webp[0].path
    assert a.webp[0].path == images.plan("photos/x.jpg", phone_jpeg((1000, 800))).webp[0].path


@pytest.fixture(scope="module")
def photo_build(tmp_path_factory):
    """The real project with a 4032×3024 phone photo (GPS in EXIF) on the tea festival."""
    from conftest import copy_project
    root = copy_project(tmp_path_factory.mktemp("img") / "project", warm=False)
    (root / "data" / "photos" / "phone.jpg").write_bytes(phone_jpeg((4032, 3024)))
    events = root / "data" / "events" / "2023.yml"
    text = events.read_text("utf-8")
    marker = "      - src: photos/yunwu-tea-fair.jpg\n"
    assert marker in text
    events.write_text(text.replace(marker, "      - src: photos/phone.jpg\n        alt: 手机拍的茶会照片\n" + marker, 1),
                      "utf-8")
    first = run_build(root, root / "site1")
    assert first.returncode == 0, first.log
    return root, first


def test_built_page_uses_picture_with_srcset_sizes_and_dimensions(photo_build):
    root, b = photo_build
    soup = b.html("events/yunwu-tea-fair/")
    img = next(i for i in soup.select(".wm-gallery img") if i["alt"] == "手机拍的茶会照片")
    picture = img.find_parent("picture")
    source = picture.find("source")
    assert source["type"] == "image/webp"
    assert re.fullmatch(r"(\S+\.webp \d+w, ){2}\S+\.webp 1600w", source["srcset"])
    assert re.fullmatch(r"(\S+\.jpg \d+w, ){2}\S+\.jpg 1600w", img["srcset"])
    assert (img["width"], img["height"]) == ("1600", "1200")
    assert img["loading"] == "lazy" and img["sizes"] and source["sizes"] == img["sizes"]
    page_dir = b.site / "events" / "yunwu-tea-fair"
    for candidate in source["srcset"].split(", ") + img["srcset"].split(", "):
        path, width = candidate.split()
        published = opened((page_dir / path).read_bytes())
        assert published.width == int(width[:-1]) and no_metadata(published)


def test_the_editors_original_file_is_never_published(photo_build):
    root, b = photo_build
    original = (root / "data" / "photos" / "phone.jpg").read_bytes()
    published = (b.site / "photos" / "phone.jpg").read_bytes()
    assert published != original and no_metadata(opened(published))
    assert not any(p.read_bytes() == original for p in (b.site / "photos").rglob("*") if p.is_file())
    assert b"PhoneMaker" not in b"".join(p.read_bytes() for p in (b.site / "photos").rglob("*") if p.is_file())


def test_processed_photos_are_reused_from_the_cache(photo_build):
    root, first = photo_build
    cached = sorted((root / ".cache" / "wenming" / "images").iterdir())
    assert any("phone-" in p.name for p in cached)
    stamps = {p: p.stat().st_mtime_ns for p in cached}
    second = run_build(root, root / "site2")
    assert second.returncode == 0, second.log
    assert {p: p.stat().st_mtime_ns for p in cached} == stamps
    assert (second.site / "photos" / "phone.jpg").read_bytes() == (first.site / "photos" / "phone.jpg").read_bytes()


def _turned_then_resized(raw: bytes, s: images.ImageSet) -> Image.Image:
    """The largest variant's pixels the plain way: decoded, turned upright (a full-size copy), resized."""
    from PIL import ImageOps
    with Image.open(io.BytesIO(raw)) as img:
        target = s.jpeg[-1]
        if img.format == "JPEG":
            box = (target.height, target.width) if images.upright_size(img) != img.size else (target.width, target.height)
            img.draft("RGB", box)
        img = ImageOps.exif_transpose(img)
        if img.mode not in ("RGB", "RGBA", "L"):
            img = img.convert("RGBA" if "transparency" in img.info or img.mode in ("P", "LA") else "RGB")
        img.info.clear()
        return img if img.size == (target.width, target.height) else img.resize(
            (target.width, target.height), Image.LANCZOS, reducing_gap=3.0)


def _clean_copy_as_encoded_separately(raw: bytes, s: images.ImageSet, fmt: str) -> bytes:
    """The published copy made on its own: resized again from the decoded photo and encoded."""
    return pixels._encode(_turned_then_resized(raw, s), fmt)


@pytest.mark.parametrize("fmt,size,orientation", [
    ("JPEG", (2400, 1800), 1), ("JPEG", (2400, 1800), 6), ("JPEG", (900, 600), 1),
    ("PNG", (1700, 1000), 1), ("WEBP", (2000, 1500), 1)])
def test_the_clean_copy_reuses_the_largest_variant(fmt, size, orientation):
    """render() encodes the largest size once and reuses it for the copy at the data's path: the
    bytes equal the copy resized and encoded on its own (what the build did before)."""
    if fmt == "JPEG":
        raw = phone_jpeg(size, orientation)
    else:
        img = Image.new("RGBA" if fmt == "PNG" else "RGB", size, (200, 60, 40))
        img.paste((20, 90, 200), (0, 0, size[0] // 2, size[1] // 3))
        out = io.BytesIO()
        img.save(out, fmt)
        raw = out.getvalue()
    src = f"photos/copy.{fmt.lower().replace('jpeg', 'jpg')}"
    s = images.plan(src, raw)
    files = images.render(raw, s)
    assert files[src] == _clean_copy_as_encoded_separately(raw, s, fmt)


def noisy(size: tuple[int, int], mode: str, orientation: int, fmt: str) -> bytes:
    """A photo whose neighbouring pixels all differ: any change in how it is resampled shows."""
    grain = Image.effect_noise(size, 60).convert("L")
    img = Image.merge("RGB", (grain, grain.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
                              Image.linear_gradient("L").resize(size))).convert(mode)
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    img.save(out, fmt, exif=exif)
    return out.getvalue()


@pytest.mark.parametrize("mode,fmt,orientation", [("RGB", "JPEG", o) for o in range(1, 9)] + [
    ("L", "JPEG", 6), ("RGB", "PNG", 5), ("RGBA", "PNG", 8), ("RGB", "WEBP", 7)])
def test_the_largest_variant_has_the_pixels_of_turning_then_resizing(mode, fmt, orientation):
    """A turned photo is resized before it is turned, one axis at a time (a quarter of the memory
    of turning 12 megapixels first): byte for byte the pixels of turning, then resizing."""
    raw = noisy((1750, 1700), mode, orientation, fmt)
    s = images.plan("photos/grain." + fmt.lower(), raw)
    assert images.upright_size(Image.open(io.BytesIO(raw)))[0] > s.jpeg[-1].width == 1600    # resized, not only turned
    assert pixels._largest(raw, s.jpeg[-1]).tobytes() == _turned_then_resized(raw, s).tobytes()


def test_heavy_photos_wait_for_the_body_helper_and_a_job_after_the_photos_runs_behind_them(tmp_path, monkeypatch):
    """While the body helper runs (go(heavy=False)) only photos with few pixels are made; a turned
    photo larger than its largest variant (pixels.heavy) waits for go(). jieba's dictionary loads
    behind the photos; before the render worker forks, settled() waits for the photos and that job."""
    photos = tmp_path / "data" / "photos"
    photos.mkdir(parents=True)
    order = []
    render = images.render
    monkeypatch.setattr(images, "render", lambda raw, s: order.append(s.src) or render(raw, s))
    made = images.Images(tmp_path / "data", tmp_path / "cache")
    made.hold()
    for name, size, orientation in [("a", (1700, 1650), 6), ("b", (900, 600), 6), ("c", (1700, 1650), 1)]:
        (photos / f"{name}.jpg").write_bytes(phone_jpeg(size, orientation))
        made.picture(f"photos/{name}.jpg")
    assert [s.src for _, s in made.deferred] == ["photos/a.jpg"]
    assert order == []      # held: nothing decoded before go() (the body helper's fork)
    made.go(heavy=False)
    made.jobs["photos/c.jpg"].result()
    assert order == ["photos/b.jpg", "photos/c.jpg"]
    made.go()
    made.after(lambda: order.append("job"))
    with made.settled(every=True):
        assert order == ["photos/b.jpg", "photos/c.jpg", "photos/a.jpg", "job"]
        assert all(f.done() for f in made.jobs.values())
    made.write(str(tmp_path / "site"))
    assert all((tmp_path / "site" / "photos" / f"{name}.jpg").is_file() for name in "abc")


@pytest.mark.parametrize("mode,fmt", [("RGB", "JPEG"), ("L", "JPEG"), ("RGBA", "PNG"), ("RGB", "WEBP")])
def test_encoding_through_a_file_gives_the_bytes_of_encoding_in_memory(mode, fmt):
    """JPEG and PNG are encoded into a file with a descriptor (Pillow then lets Python's lock go, and
    the pages render meanwhile): the very bytes Pillow writes into a BytesIO with the same settings."""
    img = Image.open(io.BytesIO(noisy((700, 500), mode, 1, "PNG")))
    out = io.BytesIO()
    if fmt == "JPEG":
        img.convert("RGB").save(out, "JPEG", quality=pixels.JPEG_QUALITY, optimize=True, progressive=True)
    elif fmt == "WEBP":
        img.save(out, "WEBP", quality=pixels.WEBP_QUALITY, method=4)
    else:
        img.save(out, fmt, optimize=True)
    assert pixels._encode(img, fmt) == out.getvalue()
    with pixels._scratch() as f:
        assert f.fileno() >= 0 and not isinstance(f, io.BytesIO)


def test_encoding_without_memory_files_uses_a_temporary_file(monkeypatch):
    """Where the system has no memory files (Windows, macOS, an old kernel), a temporary file: same bytes."""
    img = Image.open(io.BytesIO(noisy((300, 200), "RGB", 1, "PNG")))
    want = pixels._encode(img, "JPEG")

    def refused(name):
        raise OSError(38, "Function not implemented")
    monkeypatch.setattr(pixels.os, "memfd_create", refused)
    assert pixels._encode(img, "JPEG") == want


def test_an_untouched_photo_is_planned_from_the_last_build_without_reading_it(tmp_path, monkeypatch):
    """images.Images._plan: a rebuild does not read and hash the county's photos again; a photo
    rewritten since is planned from its new bytes."""
    photo = tmp_path / "data" / "photos" / "a.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(phone_jpeg((1200, 900)))
    first = images.Images(tmp_path / "data", tmp_path / "cache")
    planned = first.picture("photos/a.jpg")
    first.write(str(tmp_path / "site"))
    assert (tmp_path / "cache" / "photoplans.pickle").is_file()
    reads = []
    real = images.Path.read_bytes
    monkeypatch.setattr(images.Path, "read_bytes", lambda self: reads.append(self.name) or real(self))
    again = images.Images(tmp_path / "data", tmp_path / "cache")
    assert again.picture("photos/a.jpg") == planned and reads == []
    other = phone_jpeg((900, 1200))
    photo.write_bytes(other)
    third = images.Images(tmp_path / "data", tmp_path / "cache")
    assert third.picture("photos/a.jpg") == images.plan("photos/a.jpg", other) != planned
    assert reads == ["a.jpg"] * len(reads) and reads
