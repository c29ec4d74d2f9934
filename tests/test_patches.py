"""Library patches (hooks/kit/patches.py): made only while a build runs, undone after it, and
refused when a library upgrade changed the function we replace."""
from __future__ import annotations

import importlib
import pkgutil

import jieba
import pytest
from mkdocs import utils
from mkdocs.structure.files import Files

import kit
from kit import patches

ORIGINAL_CUT = jieba.cut
ORIGINAL_CLEAN = utils.clean_directory
ORIGINAL_THEME_FILES = Files.add_files_from_theme


def test_importing_every_module_of_the_kit_patches_nothing():
    for info in pkgutil.walk_packages(kit.__path__, "kit."):
        importlib.import_module(info.name)
    assert jieba.cut == ORIGINAL_CUT
    assert utils.clean_directory is ORIGINAL_CLEAN
    assert Files.add_files_from_theme is ORIGINAL_THEME_FILES
    assert patches.active() == {}


def test_the_replaced_functions_have_the_signatures_we_expect():
    assert patches.signature_problems() == []


def test_apply_then_undo_restores_both_libraries():
    def cut(sentence, cut_all=False, HMM=True, use_paddle=False):
        return ["x"]

    def clean(directory):
        return None

    patches.apply({"jieba.cut": cut, "mkdocs.utils.clean_directory": clean})
    try:
        assert jieba.cut is cut and utils.clean_directory is clean
        assert patches.original("jieba.cut") == ORIGINAL_CUT
        patches.apply({"jieba.cut": cut})            # a second build: the first one's are undone first
        assert utils.clean_directory is ORIGINAL_CLEAN
    finally:
        patches.undo()
    assert jieba.cut == ORIGINAL_CUT and utils.clean_directory is ORIGINAL_CLEAN


def test_a_changed_signature_stops_the_build_loudly(monkeypatch):
    def upgraded(sentence, cut_all=False, HMM=True, use_paddle=False, new_flag=None):
        return []

    monkeypatch.setattr(jieba, "cut", upgraded)
    assert patches.signature_problems() and "jieba.cut" in patches.signature_problems()[0]
    with pytest.raises(RuntimeError, match="函数签名变了"):
        patches.apply({"jieba.cut": lambda *a, **k: []})
    assert jieba.cut is upgraded          # nothing was replaced


def test_a_build_leaves_no_patch_behind(project, tmp_path, monkeypatch):
    """Run in-process, as `mkdocs serve` does: after the build jieba and MkDocs are as before."""
    monkeypatch.setenv("WENMING_PARALLEL", "0")      # no fork of the test process
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    assert (tmp_path / "site" / "index.html").is_file()
    assert jieba.cut == ORIGINAL_CUT
    assert utils.clean_directory is ORIGINAL_CLEAN
    assert Files.add_files_from_theme is ORIGINAL_THEME_FILES
    assert patches.active() == {}


def test_only_the_replaced_functions_are_checked(monkeypatch):
    """The plain door replaces jieba.cut alone, also on engines the fast door was not tested with
    (ProperDocs names MkDocs' config class differently): their other functions do not stop it."""
    def other(self, env, config: "ProperDocsConfig") -> None:   # noqa: F821
        return None

    monkeypatch.setattr(Files, "add_files_from_theme", other)
    cut = lambda sentence, cut_all=False, HMM=True, use_paddle=False: []   # noqa: E731
    patches.apply({"jieba.cut": cut})
    try:
        assert jieba.cut is cut
    finally:
        patches.undo()
    with pytest.raises(RuntimeError, match="add_files_from_theme"):
        patches.apply({"mkdocs.structure.files.Files.add_files_from_theme": lambda *a: None})
