"""Library patches: the only place where the kit replaces another library's function.

Seven are made, for one build at a time: applied when the build starts (Build.start) and undone
when it ends (on_post_build or on_build_error), so importing any module of the kit, as the tests
do, changes neither library.

- `jieba.cut`, which Material's search plugin calls: the build's cut, which knows the names of
  this build's people and villages (jieba.add_word would raise jieba's totals for good, and
  again on every `mkdocs serve` rebuild); with speed on it is also cached (kit/speed/jiebacut.py).
- `mkdocs.utils.clean_directory` (speed on only): the old site moved aside in one rename per
  entry instead of deleted file by file (kit/speed/sitefolder.py).
- `mkdocs.structure.files.Files.add_files_from_theme` (speed on only): MkDocs' own, with the
  theme's hidden folders (Material's 14,300 icons) not listed only to be dropped (kit/speed/themefiles.py).
- Material's `SearchIndex.add_entry_from_context` (speed on only): a page's search entries kept
  between builds while the page is the same (kit/speed/searchcache.py).
- MkDocs' `_populate_page` and `_build_page` (speed on only): they pass over the unchanged entry
  pages whose stored output goes into the site from the cache (kit/speed/pageskip.py).
- MkDocs' `Page._set_canonical_url` (speed on only): without urllib where the joined URL is plain
  (kit/speed/pageurls.py).

Each replaced function must still have the signature we were written against: an upgrade that
changes one stops the build here, loudly, instead of patching something else.
"""
from __future__ import annotations

import inspect
from typing import Callable, Iterable

import jieba
from material.plugins.search.plugin import SearchIndex
from mkdocs import utils
from mkdocs.commands import build
from mkdocs.structure import files, pages

EXPECTED = {
    "jieba.cut": "(sentence, cut_all=False, HMM=True, use_paddle=False)",
    "mkdocs.utils.clean_directory": "(directory: 'str') -> 'None'",
    "mkdocs.structure.files.Files.add_files_from_theme": "(self, env: 'jinja2.Environment', config: 'MkDocsConfig') -> 'None'",
    "material.search.add_entry_from_context": "(self, page)",
    "mkdocs.commands.build._populate_page":
        "(page: 'Page', config: 'MkDocsConfig', files: 'Files', dirty: 'bool' = False) -> 'None'",
    "mkdocs.commands.build._build_page":
        "(page: 'Page', config: 'MkDocsConfig', doc_files: 'Sequence[File]', nav: 'Navigation', "
        "env: 'jinja2.Environment', dirty: 'bool' = False, excluded: 'bool' = False) -> 'None'",
    "mkdocs.structure.pages.Page._set_canonical_url": "(self, base: 'str | None') -> 'None'",
}
_TARGETS = {"jieba.cut": (jieba, "cut"), "mkdocs.utils.clean_directory": (utils, "clean_directory"),
            "mkdocs.structure.files.Files.add_files_from_theme": (files.Files, "add_files_from_theme"),
            "material.search.add_entry_from_context": (SearchIndex, "add_entry_from_context"),
            "mkdocs.commands.build._populate_page": (build, "_populate_page"),
            "mkdocs.commands.build._build_page": (build, "_build_page"),
            "mkdocs.structure.pages.Page._set_canonical_url": (pages.Page, "_set_canonical_url")}
_SAVED: dict[str, Callable] = {}


def original(name: str) -> Callable:
    """The library's own function, whether or not a build has replaced it now."""
    owner, attr = _TARGETS[name]
    return _SAVED.get(name, getattr(owner, attr))


def signature_problems(names: Iterable[str] | None = None) -> list[str]:
    """Functions (the named ones, or all we may patch) whose signature is not the one this module
    was written against."""
    out = []
    for name in EXPECTED if names is None else names:
        expected = EXPECTED[name]
        found = str(inspect.signature(original(name)))
        if found != expected:
            out.append(f"{name}{found}（本套件按 {name}{expected} 编写）")
    return out


def apply(replacements: dict[str, Callable]) -> None:
    """Replace the named functions until undo(); a second apply first undoes the first."""
    undo()
    problems = signature_problems(replacements)   # only what is replaced: the plain door runs on other engines too
    if problems:
        raise RuntimeError("依赖库的函数签名变了，请先核对 hooks/kit/patches.py 再升级：" + "；".join(problems))
    for name, replacement in replacements.items():
        owner, attr = _TARGETS[name]
        _SAVED[name] = getattr(owner, attr)
        setattr(owner, attr, replacement)


def undo() -> None:
    for name, saved in list(_SAVED.items()):
        owner, attr = _TARGETS[name]
        setattr(owner, attr, saved)
        del _SAVED[name]


def active() -> dict[str, Callable]:
    """What is replaced now, by name (empty outside a build)."""
    return {name: getattr(_TARGETS[name][0], _TARGETS[name][1]) for name in _SAVED}
