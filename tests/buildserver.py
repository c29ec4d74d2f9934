"""One Python per test process that has MkDocs and its libraries imported, forked for each test
build (conftest.run_build): a build started this way is a fresh `python -m mkdocs build` but for
the 0.5 s of importing MkDocs, Material, Jinja, Markdown, pydantic, PyYAML, jieba and the libraries the
kit's modules import, which the suite's ninety builds would otherwise spend again each time. Nothing of the kit is imported here
(MkDocs loads the project's hooks in the forked process), no build has run here, and each fork
gets the build's own working folder, environment, arguments and output file.

Requests are JSON lines on stdin ({"cwd", "env", "args", "log"}); the answer is a JSON line with
the build's exit code. A fork shares this process's hash seed, so tests of reproducibility start
real processes instead (run_build(..., fresh=True))."""
from __future__ import annotations

import importlib
import json
import os
import sys
import traceback

PRELOAD = ("mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.structure.pages",
           "material.templates", "material.plugins.search.plugin", "material.plugins.blog.plugin",
           "jinja2", "markdown", "pymdownx.superfences", "pymdownx.emoji", "pydantic", "yaml", "jieba",
           "babel.dates", "bs4", "PIL.Image",
           # what the kit's modules import in turn (python -X importtime of a build forked from here)
           "pydantic.main", "pydantic.types", "pydantic.json_schema", "pydantic.functional_validators",
           "annotated_types", "icalendar", "dateutil.tz", "qrcode", "markdown.extensions.codehilite",
           "pygments.lexers", "multiprocessing.context", "multiprocessing.sharedctypes",
           "multiprocessing.synchronize", "concurrent.futures", "difflib", "PIL.ImageOps",
           "PIL.PngImagePlugin", "PIL.JpegImagePlugin")


def build(request: dict) -> None:
    """In the forked process: run `mkdocs <args>` as `python -m mkdocs` would, then exit."""
    code = 1
    try:
        out = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["mkdocs", *request["args"]]
        from mkdocs.__main__ import cli
        try:
            cli.main(args=request["args"], prog_name="mkdocs")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:   # noqa: BLE001  reported in the build's log, as a crash would be
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:   # noqa: BLE001
                pass
        os._exit(code)


def main() -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            build(request)
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(json.dumps({"code": os.waitstatus_to_exitcode(status)}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
