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

import inspect
import types
from collections.abc import Mapping
from typing import Any, Callable, Iterator

from kit.speed.stores import Store, key

EVERYTHING = "*"    # a template went through all parts of the dataset
PHOTO = "photo:"


def stable(value: Any) -> str:
    """repr, with the members of sets in order (a set's order changes from process to process)."""
    if isinstance(value, (set, frozenset)):
        return f"{type(value).__name__}({sorted(stable(v) for v in value)})"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}({[stable(v) for v in value]})"
    if isinstance(value, dict):
        return f"dict({[(stable(k), stable(v)) for k, v in value.items()]})"
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


class Reads:
    """The dataset as one body's template sees it, noting what it reads into `seen`."""

    __slots__ = ("_d", "_seen")

    def __init__(self, d: Any, seen: set[str]) -> None:
        object.__setattr__(self, "_d", d)
        object.__setattr__(self, "_seen", seen)

    def __getattr__(self, name: str) -> Any:
        d = self._d
        found = inspect.getattr_static(type(d), name, None)
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

    def digest(self, name: str) -> str | None:
        """This build's digest of one part of the dataset, or photo; None: it cannot be known."""
        if name not in self.digests:
            try:
                if name == EVERYTHING:
                    value = stable(sorted(self.d.parts.items()))
                elif name.startswith(PHOTO):
                    value = stable(self.picture(name[len(PHOTO):]))
                else:
                    value = stable(getattr(self.d, name))
                self.digests[name] = None if " at 0x" in value else key(value)
            except Exception:   # a photo gone: the body is rendered again and reports it
                self.digests[name] = None
        return self.digests[name]

    def static_key(self, template: str, src_uri: str, context: dict[str, Any]) -> str | None:
        text = stable(sorted(context.items()))
        return None if " at 0x" in text else key("body", template, src_uri, text)

    def get(self, k: str | None) -> bytes | None:
        if k is None:
            return None
        hit = self.store.old.get(k)
        if hit is None:
            return None
        reads, body = hit
        if any(self.digest(name) != digest for name, digest in reads):
            return None
        self.store.put(k, hit)
        return body

    def put(self, k: str | None, seen: set[str], body: bytes) -> None:
        reads = tuple((name, self.digest(name)) for name in sorted(seen))
        if k is not None and all(digest is not None for _, digest in reads):
            self.store.put(k, (reads, body))
