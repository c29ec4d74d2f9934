"""`make new-county` at its door (issue 23, finding 7): without a terminal it changes nothing
unless every setting is an option; record numbers and contacts start empty, never the sample's;
before writing it lists what it removes and rewrites."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import yaml

from conftest import ROOT
from test_county import NEW_COUNTY, copy_county

def _script():
    spec = importlib.util.spec_from_file_location("new_county", ROOT / "scripts/new_county.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_without_a_terminal_it_refuses_and_names_the_missing_options(tmp_path):
    root = copy_county(tmp_path / "county")
    before = (root / "data/site.yml").read_bytes()
    made = subprocess.run([sys.executable, str(root / "scripts/new_county.py"), "--root", str(root)], cwd=root,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, encoding="utf-8")
    assert made.returncode == 2, made.stdout + made.stderr
    assert "没有终端可以逐项询问" in made.stdout and "没有改动任何文件" in made.stdout
    assert "--police-record" in made.stdout and "--icp" in made.stdout and "ARGS=" in made.stdout
    assert (root / "data/site.yml").read_bytes() == before
    assert list((root / "docs/blog/posts").glob("*.md")) != []


def test_without_a_terminal_every_option_given_is_enough(tmp_path):
    root = copy_county(tmp_path / "county")
    made = subprocess.run([sys.executable, str(root / "scripts/new_county.py"), "--root", str(root), *NEW_COUNTY],
                          cwd=root, stdin=subprocess.DEVNULL, capture_output=True, text=True, encoding="utf-8")
    assert made.returncode == 0, made.stdout + made.stderr
    assert "  + data/site.yml" in made.stdout and "  - docs/blog/posts/" in made.stdout


def test_at_a_terminal_enter_keeps_no_record_number_or_contact_of_the_sample(tmp_path, monkeypatch, capsys):
    root = copy_county(tmp_path / "county")
    sample = yaml.safe_load((root / "data/site.yml").read_text("utf-8"))["site"]["footer"]
    assert sample["police_record"] and sample["icp"]          # the sample has them: they must not be kept
    answers = iter(["", "青山县", "青山", "https://www.qingshan.example.gov.cn/wenming/", "中共青山县委宣传部",
                    "青山县文明办", "", "", "", "", "", "", "y"])
    prompts = []

    def fake_input(prompt=""):
        prompts.append(prompt)
        return next(answers)
    monkeypatch.setattr("builtins.input", fake_input)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    assert _script().main(["--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "这一项必须填写" in out                                   # the county's name has no default
    assert not any(sample["police_record"] in p or sample["icp"] in p for p in prompts)
    assert "  + data/site.yml" in out and "  - data/events/" in out   # what will be rewritten, before the question
    footer = yaml.safe_load((root / "data/site.yml").read_text("utf-8"))["site"]["footer"]
    assert footer["police_record"] == "" and footer["icp"] == "" and footer["phone"] == ""
    assert footer["police_record_code"] == ""
