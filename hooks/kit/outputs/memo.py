"""The memo an output may be handed: `memo(kind, value, make)` is `make()`, or what `make()`
gave an earlier build for an equal `value` (kit/speed/fast.py keeps them under .cache/).

`make` must be a pure function of `value` (and of our code): the memo then changes no byte,
only how often slow text (PyYAML's emitter, json with indent) is made. The build passes its
speed door's memo; everyone else gets `no_memo`.
"""
from __future__ import annotations

from typing import Any, Callable, TypeVar

T = TypeVar("T")
Memo = Callable[[str, Any, Callable[[], T]], T]


def no_memo(kind: str, value: Any, make: Callable[[], T]) -> T:
    return make()
