"""Withheld entries appear in no output at all.

Every kind of entry gets unpublished copies (draft, future publish date,
example in a production build, honoree whose only honours are 推荐 or 撤销),
each carrying a unique canary string in every text field. The production
build must then contain none of the canaries in any file it writes (HTML,
search index, sitemap, feeds, data downloads, calendars, even file names),
and every file must be byte-identical to the same build without those
entries: no count, list or index may change.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, run_build

ENV = {"WENMING_PRODUCTION": "1", "SOURCE_DATE_EPOCH": "1704067200"}  # 2024-01-01
FUTURE = "2099-01-01"
HOW = {"draft": {"draft": "true"}, "future": {"publish": FUTURE}, "example": {"example": "true"}}


def canary(kind: str, how: str) -> str:
    return f"zq{kind}{how}canary"


def event(how: str) -> dict:
    c = canary("event", how)
    return {"id": c, **HOW[how], "title": c, "kind": "节庆活动", "summary": c, "start": "2024-03-01",
            "place": c, "organiser": c, "body": c, "tags": [c]}


def honoree(how: str, honours: list[dict] | None = None) -> dict:
    c = canary("honoree", how)
    extra = HOW.get(how, {})
    return {"id": c, **extra, "name": c, "category": "助人为乐", "place": c, "summary": c, "story": c,
            "honours": honours or [{"award": "qinghe-good-people-2023", "status": "入选"}]}


def village(how: str) -> dict:
    c = canary("village", how)
    return {"id": c, **HOW[how], "name": c, "township": c, "kind": "村规民约", "articles": [c]}


def brand(how: str) -> dict:
    c = canary("brand", how)
    return {"id": c, **HOW[how], "name": c, "kind": c, "summary": c, "body": c}


def pledge(how: str) -> dict:
    c = canary("pledge", how)
    return {"id": c, **HOW[how], "title": c, "kind": "市民公约", "summary": c, "articles": [c]}


def site(how: str) -> dict:
    c = canary("site", how)
    return {"id": c, **HOW[how], "name": c, "kind": "历史街区", "summary": c, "body": c}


def honorees() -> list[dict]:
    return [honoree(how) for how in HOW] + [
        honoree("recommended", [{"award": "qinghe-good-people-2023", "status": "推荐"}]),
        honoree("withdrawn", [{"award": "qinghe-good-people-2023", "status": "撤销"}]),
    ]


def _rewrite(path: Path, edit) -> None:
    """Reads with BaseLoader (all text), so dumping back keeps every value as it was."""
    data = yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def prepare(root: Path, with_canaries: bool) -> None:
    data = root / "data"
    add = (lambda items: items) if with_canaries else (lambda items: [])
    _rewrite(data / "reading.yml", lambda d: d["brands"].extend(add([brand(h) for h in HOW])))
    _rewrite(data / "pledges.yml", lambda d: d["pledges"]["pledges"].extend(add([pledge(h) for h in HOW])))
    _rewrite(data / "heritage.yml", lambda d: d["heritage"]["sites"].extend(add([site(h) for h in HOW])))
    if with_canaries:
        for folder, key, items in (("events", "events", [event(h) for h in HOW]),
                                   ("honorees", "honorees", honorees()),
                                   ("villages", "villages", [village(h) for h in HOW])):
            (data / folder / "zz-canary.yml").write_text(
                yaml.safe_dump({key: items}, allow_unicode=True, sort_keys=False), "utf-8")


def contents(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    out = {}
    for name, with_canaries in (("plain", False), ("canary", True)):
        root = copy_project(tmp_path_factory.mktemp(name) / "project")
        prepare(root, with_canaries)
        out[name] = run_build(root, root.parent / "site", ENV)
        assert out[name].returncode == 0, out[name].log
    return out


def test_no_canary_in_any_file_the_build_writes(builds):
    site = builds["canary"].site
    files = builds["canary"].all_files()
    assert len(files) > 50
    kinds = ("html", "json", "xml", "gz", "ics", "csv", "js")
    assert {p.suffix.lstrip(".") for p in files} & set(kinds) >= {"html", "json", "xml"}
    for path in files:
        assert b"canary" not in path.relative_to(site).as_posix().encode(), path
        assert b"canary" not in contents(path), f"withheld text leaked into {path.relative_to(site)}"


def test_every_withheld_entry_is_reported_in_the_build_log(builds):
    log = builds["canary"].log
    for kind in ("event", "honoree", "village", "brand", "pledge", "site"):
        for how in HOW:
            assert f"“{canary(kind, how)}”未发布" in log, (kind, how)
    assert "“zqhonoreerecommendedcanary”未发布：荣誉尚在推荐阶段或已撤销，未公开" in log
    assert "“zqhonoreewithdrawncanary”未发布：荣誉尚在推荐阶段或已撤销，未公开" in log
    assert f"定时发布，{FUTURE} 起公开" in log


def test_withheld_entries_change_no_output_at_all(builds):
    """Counts, lists, search index, sitemap, feeds: all byte-identical without them."""
    plain, with_canaries = builds["plain"], builds["canary"]
    names = [p.relative_to(plain.site) for p in plain.all_files()]
    assert names == [p.relative_to(with_canaries.site) for p in with_canaries.all_files()]
    differ = [str(n) for n in names if contents(plain.site / n) != contents(with_canaries.site / n)]
    assert not differ, differ


def test_photos_of_withheld_entries_and_minors_without_consent_are_not_copied(tmp_path):
    root = copy_project(tmp_path / "project")
    photos = root / "data" / "photos"
    real = next(photos.glob("*.jpg")).read_bytes()
    for name in ("zqdraftphotocanary.jpg", "zqminorphotocanary.jpg"):
        (photos / name).write_bytes(real)
    draft = {**event("draft"), "photos": [{"src": "photos/zqdraftphotocanary.jpg", "alt": "示意图"}]}
    minor = {**honoree("minor"), "id": "zq-minor", "minor": "true", "guardian_consent": "true", "place": "青禾县实验中学",
             "photo": {"src": "photos/zqminorphotocanary.jpg", "alt": "照片"}}
    (root / "data/events/zz-canary.yml").write_text(yaml.safe_dump({"events": [draft]}, allow_unicode=True), "utf-8")
    (root / "data/honorees/zz-canary.yml").write_text(yaml.safe_dump({"honorees": [minor]}, allow_unicode=True),
                                                      "utf-8")
    result = run_build(root, tmp_path / "site", ENV)
    assert result.returncode == 0, result.log
    leaked = [p.name for p in result.all_files() if "photocanary" in p.name]
    assert not leaked
