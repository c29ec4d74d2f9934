"""What lasts from one build to the next within one MkDocs command (`mkdocs serve` rebuilds on
every save): the command, the build running now (for
on_build_error, which is given no config) and, in the preview, the last data that passed the
check. One `Session` per command, made by on_startup; everything else is on the build object."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Session:
    preview: bool = False             # `mkdocs serve`: its live-reload script is inline (kit/outputs/csp.py)
    running: Any = None               # the kit.build.Build running now
    last_good: tuple | None = None    # the preview's last good data (kit/pages/previewerrors.py)
    finished: Any = None              # a `mkdocs build` that went well: the door's leave (kit/speed/quickexit.py)


current = Session()


def start(command: str) -> Session:
    """A new command: nothing carried over from an earlier one in the same process."""
    global current
    current = Session(preview=command == "serve")
    return current


def end(handler) -> None:
    """on_shutdown: the command is over; `handler` is the hook as MkDocs registered it."""
    leave, current.finished = current.finished, None
    if leave is not None:
        leave(handler)
