"""Speed: caches under .cache/wenming/ and worker processes on the second core.

Nothing outside this package knows it exists but the build (kit/build.py), which asks one
object, the door, for every result that may come from a cache or another process (door.py).
`door(root)` gives the fast door, or the plain one (everything made here and now) when the kit
setting `speed` is off (WENMING_SPEED=0): both build the same site, byte for byte.

The fast door leans on the engine's insides: it renders pages as MkDocs' `_build_page` does
(theme.py), reads Material's partial templates to know which need no page (partials.py), and
replaces MkDocs' `clean_directory` (kit/patches.py). It is used only with the MkDocs and Material
versions it was tested with (`TESTED`); with any other, the build takes the plain door and says
so in one line, so an engine upgrade costs speed, never a wrong page.
"""
from __future__ import annotations

import logging
import shutil
from importlib import metadata
from pathlib import Path
from typing import Mapping

from kit.data import kitconfig
from kit.speed.door import Plain
from kit.speed.fast import CACHE_DIR, Fast

# distribution -> the version the fast door was tested with (requirements.txt pins the same)
TESTED: dict[str, str] = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}
log = logging.getLogger("mkdocs.plugins.wenming")


def installed() -> dict[str, str]:
    found = {}
    for name in TESTED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "（未安装）"
    return found


def untested(versions: Mapping[str, str] | None = None) -> str:
    """One line when the installed engine is not the tested one, else ""."""
    versions = installed() if versions is None else versions
    differ = [f"{name} {versions.get(name, '（未安装）')}（测试过的是 {want}）" for name, want in TESTED.items()
              if versions.get(name) != want]
    if not differ:
        return ""
    return ("警告: 加速未启用：" + "、".join(differ) + "。网站照常完整生成，只是慢一些；"
            "升级套件（make upgrade）后会再次启用。")


def door(root: Path, versions: Mapping[str, str] | None = None) -> Plain:
    if not kitconfig.current().speed:
        return Plain(root)
    problem = untested(versions)
    if problem:
        log.info(problem)   # logged as INFO: a WARNING would stop `mkdocs build --strict`
        return Plain(root)
    return Fast(root)


# The stores whose every entry is keyed by its own input alone (a photo's bytes, a template's text,
# a sentence), never by a county, a checkout or an earlier build: another checkout may start with them.
CONTENT_KEYED = ("images", "jinja", "cuts.pickle", "segments.pickle")


def lend_cache(source: Path, target: Path) -> None:
    """The content-keyed stores of one checkout's .cache/ copied into another's (the review sheet's
    build of an older commit): its photos are not resized again, nor its sentences cut. A store
    written by another version of the kit is ignored there, as in any build."""
    for part in CONTENT_KEYED:
        src, dst = source / CACHE_DIR / part, target / CACHE_DIR / part
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        elif src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
