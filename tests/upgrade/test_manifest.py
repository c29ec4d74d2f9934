"""kit-files.txt, the one list of the kit's files that `make upgrade` replaces, against the tree."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from kitfiles import COUNTY_ALWAYS, Manifest  # noqa: E402

MANIFEST = Manifest.of(ROOT)
COUNTY_PLACES = ("hooks/county/banner.py", "overrides/county/partials/county-footer.html",
                 "overrides/county/content/home.html", "docs/assets/county.css")


def tracked() -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         capture_output=True, text=True, check=True).stdout
    return sorted({p for p in out.split("\0") if p and (ROOT / p).exists()})


def county_own(path: str) -> bool:
    return any(path == c.rstrip("/") or path.startswith(c) for c in COUNTY_ALWAYS)


def test_every_file_of_the_kit_is_the_kits_or_the_countys():
    files = tracked()
    assert "hooks/kit/build.py" in files and "tests/fixture/data/site.yml" in files
    unclaimed = [p for p in files if not MANIFEST.is_kit(p) and not county_own(p)]
    assert not unclaimed, f"add them to kit-files.txt (or say why they are the county's): {unclaimed}"
    assert not [p for p in files if MANIFEST.is_kit(p) and county_own(p)]


def test_the_kit_ships_nothing_into_the_countys_places():
    files = tracked()
    assert not [p for p in files if p.startswith(("hooks/county/", "overrides/county/"))]
    assert "docs/assets/county.css" not in files and "tests/fixture/docs/assets/county.css" not in files


@pytest.mark.parametrize("path", COUNTY_PLACES + ("data/site.yml", "data/events/2025.yml", "docs/index.md",
                                                  "docs/blog/posts/a.md", "mkdocs.yml", "data/.kit.yml"))
def test_the_countys_files_and_places_are_never_the_kits(path):
    assert not MANIFEST.is_kit(path)


@pytest.mark.parametrize("path", ("hooks/wenming.py", "hooks/kit/migrate/__init__.py", "hooks/kit/mkdocs-base.yml",
                                  "overrides/main.html", "overrides/partials/county-footer.html", "scripts/upgrade.py",
                                  "Makefile", "requirements.txt", "requirements-properdocs.txt", "package-lock.json",
                                  ".ci/run", ".gitlab-ci.yml", ".github/workflows/site.yml", "tests/conftest.py",
                                  "VERSION", "CHANGELOG.md", "kit-files.txt"))
def test_the_kits_files_are_the_kits(path):
    assert MANIFEST.is_kit(path)


@pytest.mark.parametrize("line", ("data/", "docs/", "mkdocs.yml", "docs/assets/"))
def test_a_manifest_naming_the_countys_files_is_refused(line):
    with pytest.raises(ValueError, match="county's own"):
        Manifest(f"hooks/\n{line}\n")
