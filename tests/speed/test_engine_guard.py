"""The fast door copies MkDocs' page build and reads Material's templates: with an engine it was
not tested with, the build takes the plain door and says so in one line."""
from __future__ import annotations

import logging

from kit import speed
from kit.speed.door import Plain
from kit.speed.fast import Fast


def test_the_tested_engine_gets_the_fast_door(tmp_path):
    assert speed.untested() == ""     # requirements.txt pins the versions TESTED names
    assert isinstance(speed.door(tmp_path), Fast)


def test_another_version_falls_back_to_the_plain_door_with_one_line(tmp_path, caplog):
    faked = {**speed.TESTED, "mkdocs-material": "9.9.0"}
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.wenming"):
        chosen = speed.door(tmp_path, faked)
    assert type(chosen) is Plain
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and "mkdocs-material 9.9.0（测试过的是 9.8.1）" in lines[0] and "加速未启用" in lines[0]
    assert all(r.levelno < logging.WARNING for r in caplog.records)    # `--strict` must not stop on it


def test_a_missing_engine_counts_as_another_version(tmp_path):
    assert "mkdocs （未安装）" in speed.untested({"mkdocs-material": "9.8.1"})
