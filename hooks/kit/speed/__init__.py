"""Speed: caches under .cache/wenming/ and worker processes on the second core.

Nothing outside this package knows it exists but the build (kit/build.py), which asks one
object, the door, for every result that may come from a cache or another process (door.py).
`door(root)` gives the fast door, or the plain one (everything made here and now) when
WENMING_SPEED=0: both build the same site, byte for byte.
"""
from __future__ import annotations

import os
from pathlib import Path

from kit.speed.door import Plain
from kit.speed.fast import Fast


def door(root: Path) -> Plain:
    if os.environ.get("WENMING_SPEED", "1") == "0":
        return Plain(root)
    return Fast(root)
