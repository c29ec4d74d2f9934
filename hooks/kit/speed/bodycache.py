"""Page bodies kept between builds, each with the parts of the data it read.

A body is a function of its template (our code and templates: the cache's version), its page's
path, its context (the entry, a list page's entries …) and whatever the template reads from the
dataset `d`. While a body renders, `d` is a `Reads`: it notes each part of the dataset read
(`d.events`, `d.today`, `d.settings` …, also what the dataset's own methods read, as they run
on the `Reads` too) and each photo shown. The cache keeps the body under a key of template, path
and context (by `repr`: an object without a full repr, "… at 0x…", is never kept), with a
digest of every part and photo it read. The next build takes the body when each of those
digests is still the same; otherwise the body is rendered again (and read again).

So a one-line change to one honoree renders that honoree's page and the pages that read the
honorees (lists, sections), not the three thousand others.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import types
from collections.abc import Mapping
from typing import Any, Callable, Iterator

from pydantic import BaseModel

from kit.speed.stores import Store, key

EVERYTHING = "*"    # a template went through all parts of the dataset
ADDRESS = " at 0x"  # in a repr: an object without a full repr, whose text says nothing of its value
PHOTO = "photo:"


SHORT = 64     # a model's or list page's text longer than this is kept in the memo as its digest
PLAIN = frozenset((str, int, float, bool, type(None)))
SEQUENCES = PLAIN | {list, tuple}


def stable(value: Any, memo: dict[int, tuple[Any, str]] | None = None) -> str:
    """repr, with the members of sets in order (a set's order changes from process to process).
    `memo`: reprs of objects already seen this build (an entry is in its page's context, its
    list page's and its part of the dataset), a long one as its digest: ten thousand entries' JSON
    was joined again into every list page's text and hashed again with it."""
    kind = type(value)
    if kind in PLAIN:
        return repr(value)
    if kind in (list, tuple):
        if PLAIN.issuperset(map(type, value)):    # repr, in C: as exact for plain values
            return kind.__name__ + repr(value)
        return f"{kind.__name__}(" + ", ".join([stable(v, memo) for v in value]) + ")"
    if kind is dict:
        if PLAIN.issuperset(map(type, value)) and _flat(value.values()):   # an open-data row
            return "dict" + repr(value)
        return "dict(" + ", ".join([f"{stable(k, memo)}: {stable(v, memo)}" for k, v in value.items()]) + ")"
    if kind in (set, frozenset):
        return f"{kind.__name__}(" + ", ".join(sorted(stable(v, memo) for v in value)) + ")"
    if memo is None:
        return _repr(value, memo)
    hit = memo.get(id(value))
    if hit is None or hit[0] is not value:
        text = _repr(value, memo)
        if len(text) > SHORT and ADDRESS not in text:   # a digest stands for it in the lists and pages that hold it
            text = f"#{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}"
        hit = memo[id(value)] = (value, text)
    return hit[1]


def _flat(values) -> bool:
    """Plain values, or lists or tuples of them: their repr says all of them, in one way only."""
    kinds = set(map(type, values))
    if PLAIN.issuperset(kinds):
        return True
    return SEQUENCES.issuperset(kinds) and all([PLAIN.issuperset(map(type, v)) for v in values if type(v) not in PLAIN])


def _repr(value: Any, memo: dict[int, tuple[Any, str]] | None) -> str:
    """A model's every field, as its JSON (pydantic writes it in Rust, ten times faster than repr)."""
    if isinstance(value, BaseModel):
        return f"{type(value).__qualname__}{value.model_dump_json(round_trip=True)}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):   # a list page: its entries
        return f"{type(value).__qualname__}(" + ", ".join(
            f"{f.name}={stable(getattr(value, f.name), memo)}" for f in dataclasses.fields(value)) + ")"
    return repr(value)


class _Parts(Mapping):
    """The dataset's `parts` as its methods read them: each key read is noted."""

    def __init__(self, parts: dict[str, Any], seen: set[str]) -> None:
        self._parts, self._seen = parts, seen

    def __getitem__(self, name: str) -> Any:
        self._seen.add(name)
        return self._parts[name]

    def __iter__(self) -> Iterator[str]:
        self._seen.add(EVERYTHING)
        return iter(self._parts)

    def __len__(self) -> int:
        self._seen.add(EVERYTHING)
        return len(self._parts)


@functools.lru_cache(maxsize=None)
def _static(cls: type, name: str) -> Any:
    return inspect.getattr_static(cls, name, None)


class Reads:
    """The dataset as one body's template sees it, noting what it reads into `seen`."""

    __slots__ = ("_d", "_seen")

    def __init__(self, d: Any, seen: set[str]) -> None:
        object.__setattr__(self, "_d", d)
        object.__setattr__(self, "_seen", seen)

    def __getattr__(self, name: str) -> Any:
        d = self._d
        found = _static(type(d), name)
        if isinstance(found, property):
            return found.fget(self)
        if inspect.isfunction(found):     # a method reads the dataset through this object too
            return types.MethodType(found, self)
        if name == "parts":
            return _Parts(d.parts, self._seen)
        self._seen.add(name)
        return getattr(d, name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"the dataset is read-only while a body renders ({name})")


class BodyCache:
    """Bodies of the last build, checked against this build's data (see the module's text)."""

    def __init__(self, store: Store, d: Any, picture: Callable[[Any], Any]) -> None:
        self.store, self.d, self.picture = store, d, picture
        self.digests: dict[str, str | None] = {}
        self.memo: dict[int, tuple[Any, str]] = {}

    def digest(self, name: str) -> str | None:
        """This build's digest of one part of the dataset, or photo; None: it cannot be known."""
        if name not in self.digests:
            try:
                if name == EVERYTHING:
                    value = stable(sorted(self.d.parts.items()), self.memo)
                elif name.startswith(PHOTO):
                    value = stable(self.picture(name[len(PHOTO):]), self.memo)
                else:
                    value = stable(getattr(self.d, name), self.memo)
                self.digests[name] = None if ADDRESS in value else key(value)
            except Exception:   # a photo gone: the body is rendered again and reports it
                self.digests[name] = None
        return self.digests[name]

    def static_key(self, template: str, src_uri: str, context: dict[str, Any]) -> str | None:
        text = stable(sorted(context.items()), self.memo)
        return None if ADDRESS in text else key("body", template, src_uri, text)

    def plan(self, specs: list) -> tuple[list[str | None], dict[str, str | None]]:
        """Every page spec's key, and the digests get() will ask of the last build's bodies under them."""
        keys = [self.static_key(s.template, s.src_uri, s.context) for s in specs]
        for k in keys:
            hit = self.store.old.get(k) if k is not None else None
            if hit is not None:
                self._same(hit[0])
        return keys, self.digests

    def planned(self, plan: tuple[list[str | None], dict[str, str | None]]) -> list[str | None]:
        """plan()'s keys, its digests taken (worked out in another process, kit/speed/ahead.py)."""
        keys, digests = plan
        self.digests.update(digests)
        return keys

    def get(self, k: str | None) -> bytes | None:
        if k is None:
            return None
        hit = self.store.old.get(k)
        if hit is None:
            return None
        reads, body = hit
        if not self._same(reads):
            return None
        self.store.put(k, hit)
        return body

    def _same(self, reads) -> bool:
        """Every part (and photo) a stored body read has this build's digest, asked up to the first that differs."""
        return all(self.digest(name) == digest for name, digest in reads)

    def put(self, k: str | None, seen: set[str], body: bytes) -> None:
        reads = tuple((name, self.digest(name)) for name in sorted(seen))
        if k is not None and all(digest is not None for _, digest in reads):
            self.store.put(k, (reads, body))
