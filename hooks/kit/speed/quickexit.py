"""A `mkdocs build` that went well ends its process at once, without Python's teardown.

When the command is over, the interpreter still frees every object the build made, one by one,
before the process ends: for 10,000 entries about 0.6 s of CPU and up to a second of waiting
(measured at 10,000 entries, 2026-12-04), longer than the rest of a rebuild's bookkeeping.
Nothing in that teardown reaches the site or the cache: every file is written and closed by then.
So at the last handler of MkDocs' `on_shutdown`, the exit handlers registered so far (logging's
flush among them) are run, the standard streams flushed, and the process ends with status 0,
the status `mkdocs build` would end with.

Only where that status is certain and nobody else is owed the teardown:
- the build went well (no exception on its way out: a failed or `--strict` build ends as ever);
- this process is the `mkdocs build` command itself (not `mkdocs serve`, not gh-deploy, not a
  test calling MkDocs in its own process);
- the kit's hook is the last handler of `on_shutdown` (a county's hook or a plugin after it
  runs as before);
- no other thread is still running that Python would wait for;
- no profiler or tracer is attached (`python -m cProfile -o … -m mkdocs build` writes its file after
  the build returns; coverage and debuggers likewise).
"""
from __future__ import annotations

import atexit
import os
import sys
import threading
from pathlib import Path

import click


def _the_build_command() -> bool:
    ctx = click.get_current_context(silent=True)
    if ctx is None or ctx.command.name != "build" or ctx.find_root().command.name != "cli":
        return False
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    return program is not None and (program.stem == "mkdocs" or program.parts[-2:] == ("mkdocs", "__main__.py"))


def allowed(config, handler) -> bool:
    """Whether the process may end now: see the module's docstring. `handler`: the kit's
    on_shutdown as MkDocs registered it."""
    if sys.exc_info()[0] is not None or sys.getprofile() is not None or sys.gettrace() is not None:
        return False
    if not _the_build_command():
        return False
    handlers = config.plugins.events.get("shutdown", [])
    if not handlers or handlers[-1] is not handler:
        return False
    main = threading.main_thread()
    return not any(t is not main and not t.daemon and t.is_alive() for t in threading.enumerate())


def leave(config, handler) -> None:
    if not allowed(config, handler):
        return
    atexit._run_exitfuncs()     # logging.shutdown and whatever else asked to run at exit
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)
