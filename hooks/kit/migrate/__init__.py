"""The county data's schema and the migrations between its versions.

The kit reads data of one schema, `SCHEMA`. A county's data says which schema it is written in,
in `data/.kit.yml` (`schema: N`); a county made before the file existed (kit 0.9.0, commit
7f5365a) has none, and its data is schema 1. A release that renames or moves a field or file
raises `SCHEMA` and ships a migration from the old number to the new one (a module in this
package, registered in `MIGRATIONS`); `make upgrade` runs every migration from the county's
schema up to the kit's, each rewriting the county's YAML by round trip (kit/migrate/roundtrip.py:
comments, key order, quotes and indentation kept), then writes the new number into data/.kit.yml.

The kit's own data/ and tests/fixture/data/ carry data/.kit.yml with the current number, and
`make new-county` keeps it, so a county made from a later kit starts at that kit's schema.
A migration is handed the county's data/ folder; it may also rewrite the county's part of
mkdocs.yml beside it (for example a menu entry of a renamed section). Imports nothing of MkDocs;
ruamel.yaml only when a migration runs. `make check` and the build stop with one line when the
data's schema is not this kit's (kit/data/project.py), before any field error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

SCHEMA = 1                 # the schema this kit's data reader expects
MARKER = ".kit.yml"        # in data/: the schema the county's data is written in
BEFORE_MARKER = 1          # the schema of data without a marker (counties made from kit 0.9.0)
SCHEMA_LINE = re.compile(r"(?m)^schema:\s*(\d+)\s*(?:#.*)?$")


@dataclass(frozen=True)
class Migration:
    source: int                          # the schema it reads
    target: int                          # the schema it writes (source + 1)
    title: str                           # one line in Chinese, for the upgrade's report and commit
    run: Callable[[Path], list[str]]     # data/ folder -> the files it changed (relative to data/)


# every migration the kit ships, oldest first; a release that raises SCHEMA appends one here
MIGRATIONS: list[Migration] = []


class MigrationError(Exception):
    pass


def schema_of(data_dir: Path) -> int:
    marker = data_dir / MARKER
    if not marker.is_file():
        return BEFORE_MARKER
    m = SCHEMA_LINE.search(marker.read_text("utf-8-sig"))
    if not m:
        raise MigrationError(f"data/{MARKER} 里没有“schema: 数字”（本县数据的格式版本）。"
                             f"请写回 make upgrade 写的那一行，例如 schema: {SCHEMA}。")
    return int(m.group(1))


def chain(start: int, end: int, migrations: list[Migration] | None = None) -> list[Migration]:
    """The migrations from schema `start` to `end`, one step each; a missing step is an error."""
    migrations = MIGRATIONS if migrations is None else migrations
    if start > end:
        raise MigrationError(f"本县数据的格式版本 {start} 比这个套件的 {end} 新：请用更新的套件版本升级，不要退回旧版本。")
    steps, at = [], start
    while at < end:
        step = next((m for m in migrations if m.source == at), None)
        if step is None or step.target != at + 1:
            raise MigrationError(f"套件缺少从数据格式 {at} 到 {at + 1} 的迁移，无法升级。")
        steps.append(step)
        at = step.target
    return steps


def write_marker(data_dir: Path, schema: int) -> None:
    marker = data_dir / MARKER
    text = marker.read_text("utf-8-sig") if marker.is_file() else ""
    line = f"schema: {schema}"
    if SCHEMA_LINE.search(text):
        text = SCHEMA_LINE.sub(line, text, count=1)
    else:
        text = "# 数据格式版本：make upgrade 迁移数据后改写这个数字，请不要手工修改。\n" + line + "\n"
    marker.write_text(text, "utf-8")


def migrate(data_dir: Path, end: int = SCHEMA, migrations: list[Migration] | None = None) -> list[tuple[Migration, list[str]]]:
    """Run every migration from the data's schema to `end`; the marker then says `end`."""
    start = schema_of(data_dir)
    steps = chain(start, end, migrations)
    done = [(step, step.run(data_dir)) for step in steps]
    if steps:
        write_marker(data_dir, end)
    return done
