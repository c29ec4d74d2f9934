"""The watch that keeps the kit's tests off the county's own content (conftest.county_untouched):
a test that opens or lists the repository's data/, docs/ or mkdocs.yml is caught; the fixture
county's files, and names that only begin like a county folder, are not."""
from __future__ import annotations

import os

import pytest

from conftest import FIXTURE, READ, ROOT


def _caught(action) -> list[str]:
    before = len(READ)
    try:
        action()
    except OSError:
        pass
    seen = READ[before:]
    del READ[before:]       # the test's own reads of the county are the point: not a failure here
    return seen


@pytest.mark.parametrize("action", [
    lambda: (ROOT / "mkdocs.yml").read_text("utf-8"),
    lambda: os.listdir(ROOT / "data"),
    lambda: list((ROOT / "docs").iterdir()),
    lambda: open(os.path.relpath(ROOT / "data" / "site.yml"), "rb").close(),
], ids=["settings", "data-folder", "docs-folder", "relative-path"])
def test_a_read_of_the_countys_own_content_is_caught(action):
    assert _caught(action)


def test_the_fixture_county_and_the_kit_are_not_caught():
    assert _caught(lambda: (FIXTURE / "mkdocs.yml").read_text("utf-8")) == []
    assert _caught(lambda: os.listdir(FIXTURE / "data")) == []
    assert _caught(lambda: os.listdir(ROOT / "hooks")) == []
    assert _caught(lambda: open(ROOT / "data-not-the-county.txt")) == []
