"""hooks/kit/speed/jiebacut.py cuts exactly as jieba does with the names added, whether it loads the whole
dictionary or only the words a sentence needs. (That a rebuild, which loads only those words,
indexes as a cold build does is checked in tests/speed/test_sitefolder.py with every other file.)"""
from __future__ import annotations

import functools
import re
import sys

import jieba
import pytest

from kit.speed import jiebacut
from kit.speed.stores import Store
from conftest import FIXTURE, ROOT, run_build

sys.path.insert(0, str(ROOT / "scripts"))
import gen_data  # noqa: E402

HAN_OR_WORD = re.compile(r"[^\s，。、；：“”（）《》！？,.;:()]+")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[list[str], list[str]]:
    """Sentences and names from the report and 300 generated entries."""
    folder = tmp_path_factory.mktemp("gen")
    gen_data.write_data(300, folder, 1)
    text = (ROOT.parent / "shared" / "seed" / "report.txt").read_text("utf-8") if \
        (ROOT.parent / "shared" / "seed" / "report.txt").is_file() else ""
    for path in sorted(folder.rglob("*.yml")) + sorted((FIXTURE / "data").rglob("*.yml")):
        text += "\n" + path.read_text("utf-8")
    names = sorted(set(re.findall(r"name: ([\u4e00-\u9fff]{2,6})\n", text)))
    sentences = list(dict.fromkeys(HAN_OR_WORD.findall(text)))
    assert len(names) > 100 and len(sentences) > 2000
    return sentences, names


def _reference(names: list[str]) -> jieba.Tokenizer:
    """jieba itself with the names added: made once per list of names (each load takes about a
    second; the tests only read it)."""
    return _reference_for(tuple(names))


@functools.lru_cache(maxsize=None)
def _reference_for(names: tuple[str, ...]) -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    for name in names:
        tok.add_word(name, freq=20000)
    return tok


def test_lazy_and_whole_dictionary_cut_as_jieba_does(corpus):
    sentences, names = corpus
    ref = _reference(names)
    whole = jiebacut.Tokenizer()
    whole.configure(names)
    whole.load_all()    # also writes the dictionary split by first character, if missing
    lazy = jiebacut.Tokenizer()
    lazy.configure(names)
    for s in sentences:
        expected = list(ref.cut(s))
        assert whole.cut(s) == expected, s
        assert lazy.cut(s) == expected, s
    assert not lazy.complete and whole.complete
    assert 0 < len(lazy.loaded) < len(lazy.index)


def test_new_names_in_a_running_server_cut_as_a_fresh_jieba(corpus):
    sentences, names = corpus
    tok = jiebacut.Tokenizer()
    tok.configure(names[:50])
    first = tok.state()
    tok.configure(names[:50])
    assert tok.state() == first            # a rebuild with the same names reuses cached cuts
    for s in sentences[:300]:
        tok.cut(s)
    tok.configure(names)                   # an editor added people while `mkdocs serve` ran
    assert tok.state() != first
    ref = _reference(names)
    for s in sentences:
        assert tok.cut(s) == list(ref.cut(s)), s


def test_the_search_plugin_cut_is_cached_by_sentence(corpus, tmp_path):
    sentences, names = corpus
    tok = jiebacut.Tokenizer()
    tok.configure(names)
    tok.store = Store(tmp_path, "cuts", tok.words_state())
    ref = _reference(names)
    s = next(s for s in sentences if any(n in s for n in names) and len(s) > 8)
    assert list(tok.cut_cached(s.encode("utf-8"))) == list(ref.cut(s))   # Material passes bytes
    tok.store.save()
    again = jiebacut.Tokenizer()
    again.configure(names)
    again.store = Store(tmp_path, "cuts", again.words_state())
    assert again.cut_cached(s) == tuple(ref.cut(s))
    assert not again.loaded            # served from the cache: no dictionary word was read
    assert jieba.cut != jiebacut.TOKENIZER.cut_cached     # only a running build replaces jieba.cut


def test_a_custom_jieba_dictionary_is_refused(project):
    config = project / "mkdocs.yml"        # a county's own plugins list replaces the kit's
    config.write_text(config.read_text("utf-8") + "plugins:\n  - search:\n      lang: zh\n"
                      "      jieba_dict_user: words.txt\n  - blog\n", "utf-8")
    (project / "words.txt").write_text("云雾山 100\n", "utf-8")
    b = run_build(project, project / "site")
    assert b.returncode != 0
    assert "mkdocs.yml 的 search 设置里不要写 jieba_dict_user" in b.log


def test_a_cold_build_loads_the_same_dictionary_from_the_split_file(corpus, caplog):
    """load_all reads the dictionary split by first character (written once from jieba's own
    words) instead of jieba's cache: the same words, counts and total as jieba's. It still logs
    jieba's line, which the rebuild tests look for (test_rebuild.py, test_sitefolder.py)."""
    _, names = corpus
    jiebacut.Tokenizer().load_all()     # writes the split file if this machine has none yet
    whole = jiebacut.Tokenizer()
    whole.configure(names)
    assert whole._open()
    caplog.clear()
    with caplog.at_level("DEBUG", logger=jieba.default_logger.name):
        whole.load_all()
    assert "Building prefix dict" in caplog.text
    ref = _reference(names)
    assert whole.tok.FREQ == ref.FREQ and whole.tok.total == ref.total
    broken = jiebacut.Tokenizer()
    assert broken._open()
    broken.blob = broken.blob[:len(broken.blob) // 2]    # a damaged file: jieba's own load, as before
    broken.load_all()
    plain = _reference([])
    assert broken.tok.FREQ == plain.FREQ and broken.tok.total == plain.total
