"""The theme's static files (kit/speed/themefiles.py): listed without walking hidden folders,
the same files as MkDocs' own Files.add_files_from_theme adds, for Material with our overrides."""
from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from conftest import ROOT
from kit.speed import themefiles


def test_the_theme_files_are_the_ones_mkdocs_adds(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: x\ntheme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n", "utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    env = config.theme.get_env()
    theirs, ours = Files([]), Files([])
    Files.add_files_from_theme(theirs, env, config)
    themefiles.add_files_from_theme(ours, env, config)
    listed = [(f.src_uri, f.abs_src_path, f.dest_uri) for f in theirs]
    assert [(f.src_uri, f.abs_src_path, f.dest_uri) for f in ours] == listed
    assert any(uri.startswith("assets/javascripts/") for uri, _, _ in listed)
    assert not any("/." in "/" + uri for uri, _, _ in listed)
    assert "list_templates" not in vars(env.loader)       # the loader is Jinja's own again
    # the walk skipped what MkDocs drops: Material's icons are thousands of files
    assert len(env.loader.list_templates()) > 10 * len(themefiles._visible_templates(env.loader))
