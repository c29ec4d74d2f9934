"""A `mkdocs build` that went well ends its process without Python's teardown
(hooks/kit/speed/quickexit.py), and only then: not after a failure (a `--strict` build's warnings
raise after on_post_build), not in another command or in a process that only calls MkDocs, not
before a later on_shutdown handler, not while a thread is running. Every test build of the suite
(tests/buildserver.py runs `mkdocs build` as the command would) ends this way; the rebuild and
cache tests compare those sites byte for byte with cold and plain builds."""
from __future__ import annotations

import sys
import threading
from types import SimpleNamespace

import click
import pytest
from mkdocs.__main__ import cli

from kit.speed import quickexit


# under coverage or a debugger nothing may end early: the tests that expect it are skipped
untraced = pytest.mark.skipif(sys.gettrace() is not None or sys.getprofile() is not None, reason="a tracer is attached")


def handler() -> None:
    """Stands in for the kit's on_shutdown as MkDocs registered it."""


def config(*handlers) -> SimpleNamespace:
    return SimpleNamespace(plugins=SimpleNamespace(events={"shutdown": list(handlers)}))


@pytest.fixture
def as_build(monkeypatch):
    """Inside the `mkdocs build` command, as `mkdocs build` was started."""
    monkeypatch.setattr(sys, "argv", ["/usr/bin/mkdocs", "build"])
    root = click.Context(cli, info_name="mkdocs")
    with root, click.Context(cli.commands["build"], parent=root, info_name="build"):
        yield


@untraced
def test_a_build_that_went_well_may_end_here(as_build, monkeypatch):
    assert quickexit.allowed(config(print, handler), handler)
    ended, ran = [], []
    monkeypatch.setattr(quickexit.os, "_exit", ended.append)
    monkeypatch.setattr(quickexit.atexit, "_run_exitfuncs", lambda: ran.append(True))
    quickexit.leave(config(handler), handler)
    assert ended == [0] and ran == [True]     # exit handlers (logging's flush) ran first, status 0


def test_not_after_a_failure(as_build):
    try:
        raise click.exceptions.Abort("Aborted with 1 warnings in strict mode!")
    except click.exceptions.Abort:
        assert not quickexit.allowed(config(handler), handler)   # MkDocs' finally: the error is on its way


def test_not_under_a_profiler_or_a_tracer(as_build):
    """cProfile writes its file, coverage its data, after the build has returned."""
    import cProfile
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        under_profiler = quickexit.allowed(config(handler), handler)
    finally:
        profiler.disable()
    old = sys.gettrace()
    sys.settrace(lambda *args: None)
    try:
        under_tracer = quickexit.allowed(config(handler), handler)
    finally:
        sys.settrace(old)
    assert not under_profiler and not under_tracer
    assert quickexit.allowed(config(handler), handler) is (old is None)


@untraced
def test_not_before_another_handler_nor_beside_a_thread(as_build):
    assert not quickexit.allowed(config(handler, print), handler)
    assert not quickexit.allowed(config(), handler)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not quickexit.allowed(config(handler), handler)
    finally:
        stop.set()
        worker.join()
    assert quickexit.allowed(config(handler), handler)


@pytest.mark.parametrize("command, program", [("serve", "/usr/bin/mkdocs"), ("gh-deploy", "/usr/bin/mkdocs"),
                                              ("build", "/usr/bin/pytest"), (None, "/usr/bin/mkdocs")])
def test_only_the_build_command_itself(monkeypatch, command, program):
    monkeypatch.setattr(sys, "argv", [program])
    if command is None:    # MkDocs' build() called from Python, no command line at all
        assert not quickexit.allowed(config(handler), handler)
        return
    root = click.Context(cli, info_name="mkdocs")
    with root, click.Context(cli.commands[command], parent=root, info_name=command):
        assert not quickexit.allowed(config(handler), handler)


@untraced
def test_python_m_mkdocs_counts(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/venv/lib/python3.11/site-packages/mkdocs/__main__.py", "build"])
    root = click.Context(cli, info_name="python -m mkdocs")
    with root, click.Context(cli.commands["build"], parent=root, info_name="build"):
        assert quickexit.allowed(config(handler), handler)
