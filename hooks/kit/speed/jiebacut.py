"""jieba's cut without loading jieba's whole dictionary when a build needs only a few words of it.

jieba loads its dictionary (half a million words, about a second) before it cuts the first
word. A rebuild after a one-line change cuts a few new sentences: the search plugin's texts are
served from a cache of earlier cuts (`jieba.cut`, which Material's search plugin calls, is
replaced by `cut_cached` while a build runs: kit/patches.py), and a sentence not seen before is cut by a tokenizer whose dictionary
holds only the words beginning with a character of that sentence, which are the only words
jieba's cut of it ever looks up (get_DAG, calc and the HMM fallback all look up substrings of
the sentence). The dictionary split by first character lives in a file beside jieba's own
cache, made once per machine and jieba dictionary.

The names of people and villages are added as jieba.add_word(name, freq=20000) would add them:
the word at that frequency, its prefixes at 0 unless the dictionary has them, the total raised by
20000 a word. Cuts depend only on the dictionary, the added words inside the sentence and that
total, so `state()` names the dictionary and the number of added words, and cached cuts carry it.
tests/test_jiebacut.py compares the cuts with jieba's own, word for word.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from typing import Iterable

import jieba

WORD_FREQ = 20000
_HEAD = 8   # bytes holding the length of the file's head


def _dict_file() -> str:
    return os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)


_ID: list[str] = []


def dictionary_id() -> str:
    if not _ID:
        path = os.path.realpath(_dict_file())    # one copy per machine, whichever link to the venv is used
        st = os.stat(path)
        _ID.append(hashlib.sha256(f"{jieba.__version__}|{path}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16])
    return _ID[0]


class Tokenizer:
    """One per process; `configure` sets the added words for a build (again in `mkdocs serve`)."""

    def __init__(self) -> None:
        self.words: tuple[str, ...] = ()
        self.tok = jieba.Tokenizer()
        self.tok.initialized = True      # its FREQ is filled here, never by jieba's initialize
        self._reset()
        self.base_total = 0
        self.index: dict[str, tuple[int, int]] | None = None
        self.blob = memoryview(b"")
        self.store = None      # sentence -> cut (a cache.Store of this words_state), for cut_cached

    def _reset(self) -> None:
        self.tok.FREQ = {}
        self.loaded: set[str] = set()
        self.complete = False
        self.by_first: dict[str, list[str]] = {}
        for w in self.words:
            self.by_first.setdefault(w[0], []).append(w)

    def configure(self, words: Iterable[str]) -> None:
        words = tuple(sorted(set(words)))
        if words != self.words:
            self.words = words
            self._reset()

    def state(self) -> str:
        """What every cut depends on besides the sentence and the added words inside it."""
        return f"{dictionary_id()}:{len(self.words)}"

    def words_state(self) -> str:
        """What every cut depends on, all added words included (for caches keyed by sentence only)."""
        return hashlib.sha256("\n".join((dictionary_id(), *self.words)).encode()).hexdigest()[:16]

    # the dictionary -------------------------------------------------------------------------

    def _path(self) -> str:
        return os.path.join(tempfile.gettempdir(), f"jieba.wenming-{dictionary_id()}.cache")

    def _open(self) -> bool:
        if self.index is not None:
            return True
        try:
            with open(self._path(), "rb") as f:
                data = f.read()
            n = int.from_bytes(data[:_HEAD], "little")
            self.base_total, self.index = marshal.loads(data[_HEAD:_HEAD + n])
            self.blob = memoryview(data)[_HEAD + n:]
            return True
        except (OSError, ValueError, EOFError, TypeError):
            self.index = None
            return False

    def load_all(self) -> None:
        """The whole dictionary at once, as jieba loads it (a cold build cuts everything)."""
        if self.complete:
            return
        freq = self._split_all() if self._open() else None
        if freq is not None:     # the line jieba logs for its whole dictionary (tests look for it)
            jieba.default_logger.debug("Building prefix dict from %s (split by first character) ...", self._path())
        else:
            full = jieba.Tokenizer()
            full.initialize()
            _write_split(self._path(), full.FREQ, full.total)   # for builds that cut a few sentences
            self.base_total, freq = full.total, full.FREQ
        for w in self.words:
            _add(freq, w)
        self.tok.FREQ = freq
        self.tok.total = self.base_total + WORD_FREQ * len(self.words)
        self.complete = True    # (it may load in the photos' thread: fast.py)
        self.index, self.blob = None, memoryview(b"")      # not needed with every word loaded

    def _split_all(self) -> dict[str, int] | None:
        """Every word from the split file: the same words and counts as jieba's own cache holds
        (it was written from them), in a third of the time jieba takes to load that cache."""
        freq: dict[str, int] = {}
        try:
            for start, length in self.index.values():
                freq.update(marshal.loads(self.blob[start:start + length]))
        except (ValueError, EOFError, TypeError):
            return None
        return freq

    def _ensure(self, sentence: str) -> None:
        if self.complete:
            return
        missing = set(sentence) - self.loaded
        if not missing:
            return
        if not self._open():
            self.load_all()
            return
        freq = self.tok.FREQ
        for ch in missing:
            where = self.index.get(ch)
            if where:
                freq.update(marshal.loads(self.blob[where[0]:where[0] + where[1]]))
            for w in self.by_first.get(ch, ()):
                _add(freq, w)
            self.loaded.add(ch)
        self.tok.total = self.base_total + WORD_FREQ * len(self.words)

    # cutting --------------------------------------------------------------------------------

    def cut(self, sentence: str) -> list[str]:
        self._ensure(sentence)
        return list(self.tok.cut(sentence))

    def cut_cached(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        """Drop-in for jieba.cut (accurate mode with HMM, as Material calls it)."""
        if cut_all or not HMM or use_paddle:
            return jieba.dt.cut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle)
        if isinstance(sentence, bytes):
            sentence = sentence.decode("utf-8")
        hit = self.store.get(sentence) if self.store is not None else None
        if hit is None:
            hit = tuple(self.cut(sentence))
            if self.store is not None:
                self.store.put(sentence, hit)
        return hit


def _add(freq: dict, word: str) -> None:
    """jieba.Tokenizer.add_word(word, freq=WORD_FREQ), without the total."""
    freq[word] = WORD_FREQ
    for i in range(1, len(word)):
        freq.setdefault(word[:i], 0)


def _write_split(path: str, freq: dict, total: int) -> None:
    shards: dict[str, dict[str, int]] = {}
    for w, f in freq.items():
        if w:
            shards.setdefault(w[0], {})[w] = f
    index, parts, offset = {}, [], 0
    for ch, shard in shards.items():
        b = marshal.dumps(shard)
        index[ch] = (offset, len(b))
        parts.append(b)
        offset += len(b)
    head = marshal.dumps((total, index))
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(len(head).to_bytes(_HEAD, "little"))
            f.write(head)
            f.write(b"".join(parts))
        os.replace(tmp, path)
    except OSError:
        pass   # a read-only temp folder: every build loads the whole dictionary, as jieba does


TOKENIZER = Tokenizer()


class PlainCut:
    """jieba's own tokenizer with this build's names added, private to one build: what
    Tokenizer.cut_cached must equal, with nothing cached and the whole dictionary loaded."""

    def __init__(self, words: Iterable[str]) -> None:
        self.tok = jieba.Tokenizer()
        for w in sorted(set(words)):
            self.tok.add_word(w, freq=WORD_FREQ)

    def cut(self, sentence: str) -> list[str]:
        return list(self.tok.cut(sentence))

    def __call__(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        """Drop-in for jieba.cut."""
        return self.tok.cut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle)
