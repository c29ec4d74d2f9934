"""Data migrations (hooks/kit/migrate/): the county's YAML rewritten by round trip, comments,
order and style kept; every earlier schema brought to the current one."""
from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT
from kit.migrate import (BEFORE_MARKER, MARKER, MIGRATIONS, SCHEMA, Migration, MigrationError, chain, migrate,
                         schema_of)
from kit.migrate import roundtrip

# a fixture county's data/ for every schema before the current one: tests/upgrade/schemas/<n>/data
SCHEMAS = Path(__file__).parent / "schemas"


def data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yml") if not p.name.startswith("."))


@pytest.mark.parametrize("path", data_files(FIXTURE / "data"), ids=lambda p: p.relative_to(FIXTURE).as_posix())
def test_a_file_read_and_written_back_is_byte_for_byte_the_same(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy2(path, copy)
    data, save = roundtrip.load(copy)
    data.setdefault("wenming_test", 1)     # forces a dump, then takes it out again
    del data["wenming_test"]
    save(data)
    assert copy.read_bytes() == path.read_bytes()


def test_a_bom_and_crlf_file_keeps_them(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes(b"\xef\xbb\xbf# note\r\nevents:\r\n  - id: a  # the id\r\n    summary: x\r\n")
    assert roundtrip.edit(path, lambda d: roundtrip.rename_key(d["events"][0], "summary", "intro"))
    assert path.read_bytes() == b"\xef\xbb\xbf# note\r\nevents:\r\n  - id: a  # the id\r\n    intro: x\r\n"


def rename_in_events(old: str, new: str):
    def run(data: Path) -> list[str]:
        changed = []
        for path in sorted((data / "events").glob("*.yml")):
            if roundtrip.edit(path, lambda d: any([roundtrip.rename_key(e, old, new)
                                                   for e in roundtrip.entries(d, "events")])):
                changed.append(path.relative_to(data).as_posix())
        return changed
    return run


# two migrations of a later kit, as a release would ship them (the test's own, not the kit's)
LATER = [Migration(1, 2, "活动的 summary 改名为 intro", rename_in_events("summary", "intro")),
         Migration(2, 3, "活动的 place 改名为 venue", rename_in_events("place", "venue"))]


def test_a_renamed_field_keeps_comments_order_and_every_other_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE / "data", data)
    (data / MARKER).unlink()                       # a county made before the marker: schema 1
    path = data / "events/2023.yml"
    before = path.read_text("utf-8").replace("    summary: 传统节庆活动", "    # 一句话概括，列表页显示\n    summary: 传统节庆活动", 1)
    before = before.replace("    place: 青禾县云雾山\n", "    place: 青禾县云雾山   # 写到乡镇\n", 1)
    path.write_text(before, "utf-8")
    done = migrate(data, end=3, migrations=LATER)
    assert [(s.source, s.target, files) for s, files in done] == [
        (1, 2, ["events/2023.yml", "events/2024.yml"]), (2, 3, ["events/2023.yml", "events/2024.yml"])]
    after = path.read_text("utf-8")
    assert "    # 一句话概括，列表页显示\n    intro: 传统节庆活动" in after
    assert "    venue: 青禾县云雾山   # 写到乡镇\n" in after
    assert "summary:" not in after and "\n    place:" not in after
    # nothing else changed: every other line as it was, in its place
    diff = [l for l in difflib.ndiff(before.splitlines(), after.splitlines()) if l[:1] in "+-"]
    assert all(("summary:" in l or "place:" in l) for l in diff if l.startswith("-")), diff
    assert all(("intro:" in l or "venue:" in l) for l in diff if l.startswith("+")), diff
    assert schema_of(data) == 3 and "schema: 3" in (data / MARKER).read_text("utf-8")
    assert migrate(data, end=3, migrations=LATER) == []          # a second run does nothing


def test_the_chain_refuses_a_gap_and_a_newer_county():
    with pytest.raises(MigrationError, match="缺少从数据格式 2 到 3"):
        chain(1, 3, LATER[:1])
    with pytest.raises(MigrationError, match="比这个套件的 1 新"):
        chain(2, 1, LATER)


def test_the_kits_own_migrations_reach_the_current_schema_from_every_earlier_one():
    for start in range(BEFORE_MARKER, SCHEMA + 1):
        steps = chain(start, SCHEMA, MIGRATIONS)
        assert [s.source for s in steps] == list(range(start, SCHEMA))


@pytest.mark.parametrize("schema", range(BEFORE_MARKER, SCHEMA))
def test_a_fixture_county_of_every_earlier_schema_migrates_and_passes_the_check(schema, tmp_path):
    """A release that raises SCHEMA adds tests/upgrade/schemas/<old>/ (the fixture county's data
    as the old kit had it) and this test migrates it; with SCHEMA 1 there is none yet."""
    county = tmp_path / "county"
    shutil.copytree(FIXTURE, county, symlinks=True)
    shutil.rmtree(county / "data")
    shutil.copytree(SCHEMAS / str(schema) / "data", county / "data")
    migrate(county / "data")
    assert schema_of(county / "data") == SCHEMA
    proc = subprocess.run([sys.executable, str(ROOT / "hooks/check.py"), str(county)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_fixture_says_the_current_schema():
    """The kit's sample data/ says it too (a release changes both); `make new-county` keeps it,
    so a county made from this kit starts at SCHEMA (the test below). No kit test reads data/."""
    assert schema_of(FIXTURE / "data") == SCHEMA
    assert schema_of(ROOT / "tests") == BEFORE_MARKER      # no marker: a county made from kit 0.9.0


def test_make_version_prints_both_versions(tmp_path):
    proc = subprocess.run(["make", "-s", "version"], cwd=ROOT, capture_output=True, text=True)
    version = (ROOT / "VERSION").read_text().strip()
    assert proc.returncode == 0 and proc.stdout == f"套件版本：{version}\n数据格式版本：{SCHEMA}（这个套件读取的格式：{SCHEMA}）\n"
    (tmp_path / "data").mkdir()
    old = subprocess.run([sys.executable, str(ROOT / "scripts/kitfiles.py"), str(tmp_path)], capture_output=True, text=True)
    assert old.stdout.startswith("套件版本：0.9.0\n数据格式版本：1")


def test_data_of_another_schema_stops_the_check_with_one_line(tmp_path):
    county = tmp_path / "county"
    shutil.copytree(FIXTURE, county, symlinks=True)
    for text, says in ((f"schema: {SCHEMA + 1}\n", f"本县的数据是格式 {SCHEMA + 1}，比这个版本的套件（读取格式 {SCHEMA}）新"),
                       ("schema: 0\n", f"本县的数据是格式 0，这个版本的套件读取格式 {SCHEMA}。请用 make upgrade 升级套件"),
                       ("# 空\n", "data/.kit.yml 里没有“schema: 数字”")):
        (county / "data" / MARKER).write_text(text, "utf-8")
        proc = subprocess.run([sys.executable, str(ROOT / "hooks/check.py"), str(county)], capture_output=True, text=True)
        assert proc.returncode == 1
        lines = proc.stdout.splitlines()
        assert lines[0].startswith("data/.kit.yml:1:1: 错误: schema: ") and says in lines[0], lines
        assert lines[1:] == ["共发现 1 个错误。请按每一行的提示修改后重试。"]


def test_make_new_county_keeps_the_schema_marker(tmp_path):
    county = tmp_path / "county"
    for part in ("data", "docs"):
        shutil.copytree(FIXTURE / part, county / part)
    shutil.copy2(FIXTURE / "mkdocs.yml", county / "mkdocs.yml")
    made = subprocess.run([sys.executable, str(ROOT / "scripts/new_county.py"), "--root", str(county), "--from-settings",
                           "--yes"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stdout + made.stderr
    assert schema_of(county / "data") == SCHEMA and (county / "data" / MARKER).is_file()
