"""Search segmentations of our entries' texts, cached by what jieba's cut depends on."""
from __future__ import annotations

from operator import add
from typing import Callable, Iterable, Iterator

from kit.outputs.searchindex import segment_raw
from kit.speed.stores import Store, key


class Segmenter:
    """Segmentations by text, from the cache or jieba, resolved in one batch (in the render
    worker when there is one)."""

    def __init__(self, store: Store, words: Iterable[str], cut: Callable[[str], Iterable[str]], state: str) -> None:
        self.store = store
        self.cut = cut
        self.state = state    # what every cut depends on besides the text and the names inside it
        self.words = set(words)
        # names by their first two characters (every name has at least two): a text is looked
        # up once per position instead of once per position and name length
        self.by_prefix: dict[str, list[str]] = {}
        for w in sorted(self.words):
            self.by_prefix.setdefault(w[:2], []).append(w)
        self.known: dict[str, str] = {}
        # every added name and the state: with them the text alone decides the cut, so an
        # unchanged text is found by one hash instead of a look-up at every position (_present)
        self.everything = key(state, *sorted(self.words))

    def _present(self, text: str) -> list[str]:
        """Names taught to jieba that occur in the text: the only ones that can change its cut."""
        pairs = set(map(add, text, text[1:])) & self.by_prefix.keys()    # each pair of characters, in C
        return sorted({w for pair in pairs for w in self.by_prefix[pair] if w in text})

    def _key(self, text: str) -> str:
        # jieba's cut depends on the text, the added words inside it and the dictionary total
        return key(text, *self._present(text), self.state)

    def _quick(self, text: str) -> str:
        return key("all", text, self.everything)

    def resolve(self, texts: list[str]) -> list[tuple[tuple[str, str], str]]:
        """((quick key, cache key), segmentation) of every text, from the cache or jieba: the whole
        job, so it can run in the render worker (kit/speed/theme.py) and the build only learns the result."""
        return list(self.each(texts))

    def each(self, texts: list[str]) -> Iterator[tuple[tuple[str, str], str]]:
        """resolve's items one by one (the render worker packs them as they come: kit/speed/fork.pack)."""
        cut = _memo(self.cut)
        for text in texts:
            quick = self._quick(text)
            hit = self.store.get(quick)
            if hit is not None:
                yield (quick, hit[0]), hit[1]
                continue
            k = self._key(text)
            seg = self.store.get(k)
            yield (quick, k), seg if seg is not None else segment_raw(text, cut)

    def stored(self, texts: list[str], sample: int = 64) -> bool:
        """True if an even sample of the texts all have a stored segmentation: a rebuild's few
        changed texts are cut where they are asked for; a change that moves every key (an added
        name changes jieba's state) misses in the sample, and the render worker takes the job."""
        step = max(1, len(texts) // sample)
        return all(self._quick(t) in self.store.old or self._key(t) in self.store.old for t in texts[::step])

    def learn_resolved(self, texts: list[str], resolved: list[tuple[tuple[str, str], str]]) -> None:
        for text, ((quick, k), seg) in zip(texts, resolved):
            self.known[text] = seg
            self.store.put(k, seg)    # kept for the next build whose names differ (_present)
            old = self.store.old.get(quick)
            self.store.put(quick, old if old is not None and old[0] == k and old[1] is seg else (k, seg))

    def segment(self, text: str) -> str:
        if text not in self.known:
            self.learn_resolved([text], self.resolve([text]))
        return self.known[text]


def _memo(cut: Callable[[str], Iterable[str]]) -> Callable[[str], list[str]]:
    """One batch's cut, once per distinct Han run: a run's cut depends only on the run while
    the batch lasts (same dictionary, same added words), and entries repeat many runs (award
    and place names, years, set phrases)."""
    done: dict[str, list[str]] = {}

    def once(run: str) -> list[str]:
        hit = done.get(run)
        if hit is None:
            hit = done[run] = list(cut(run))
        return hit
    return once
