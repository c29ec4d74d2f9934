"""The strict reader: every scalar stays text until a model types it."""
from __future__ import annotations

import datetime as dt

import pytest

from kit.data.errors import Report
from kit.data.model.fields import parse_bool, parse_date
from kit.data.model.models import Event
from kit.data.files.yamlread import load_file


def read(text: str | bytes):
    report = Report()
    raw = text.encode("utf-8") if isinstance(text, str) else text
    doc = load_file(raw, "data/x.yml", report)
    return doc, report.lines()


def test_yaml_11_words_times_and_dates_stay_text():
    doc, problems = read("a: no\nb: on\nc: y\nd: 22:30\ne: 2023-07-01\nf: 1e3\ng: 0x10\nh: ~\n")
    assert problems == []
    assert doc.data == {"a": "no", "b": "on", "c": "y", "d": "22:30", "e": "2023-07-01",
                        "f": "1e3", "g": "0x10", "h": None}


def test_words_become_booleans_only_in_boolean_fields():
    base = {"id": "x", "title": "no", "kind": "节庆活动", "summary": "on", "place": "y", "organiser": "off",
            "status": "past", "weekly": {"weekday": "周五", "start_time": "22:30"}}
    event = Event.model_validate({**base, "draft": "no", "example": "yes"})
    assert (event.title, event.summary, event.place, event.organiser) == ("no", "on", "y", "off")
    assert event.weekly.start_time == "22:30"
    assert event.draft is False and event.example is True


@pytest.mark.parametrize("text, day", [("2023-07-01", dt.date(2023, 7, 1)), ("2023-7-1", dt.date(2023, 7, 1)),
                                       ("2023年7月1日", dt.date(2023, 7, 1)), ("2023 年 7 月 1 日", dt.date(2023, 7, 1))])
def test_accepted_date_spellings(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["2023/7/1", "2023.7.1", "23-7-1", "7/1/2023", "2023年7月", "2023-13-01",
                                  "2023-02-30", "明年七月", "20230701"])
def test_other_date_spellings_are_rejected(text):
    with pytest.raises(ValueError, match="日期请写成 2023-07-01 或 2023年7月1日"):
        parse_date(text)


@pytest.mark.parametrize("text", ["maybe", "2", "对"])
def test_booleans_are_strict(text):
    with pytest.raises(ValueError):
        parse_bool(text)


def test_bom_is_accepted():
    doc, problems = read(b"\xef\xbb\xbfa: 1\n")
    assert problems == [] and doc.data == {"a": "1"}


def test_duplicate_keys_are_reported_and_the_first_kept():
    doc, problems = read("a: 1\nb: 2\na: 3\n")
    assert problems == ["data/x.yml:3:1: 错误: a: 键“a”在同一处重复出现（第一次在第 1 行）。重复的键会让前面的内容丢失，请删除或合并其中一个。"]


def test_every_indentation_problem_of_a_file_is_reported_at_once():
    _, problems = read("a:\n\tb: 1\nc:\n\u3000d: 2\ne：3\n")
    assert [p.split(": 错误")[0] for p in problems] == ["data/x.yml:2:1", "data/x.yml:4:1", "data/x.yml:5:2"]


def test_positions_of_values_and_keys_are_remembered():
    doc, _ = read("items:\n  - id: a\n    name: 甲\n")
    assert doc.where(("items", 0, "name")) == (3, 11)
    assert doc.where(("items", 0, "name"), key=True) == (3, 5)
    assert doc.where(("items", 0, "missing")) == (2, 5)


def test_a_pickled_file_unpacks_its_marks_only_when_asked():
    """The YAML cache keeps a parsed file's marks packed (yamlnodes.Doc.__getstate__): a rebuild that finds
    the file unchanged never unpacks them, and an error in it still names its line and column."""
    import pickle

    from kit.data.files import entrylines, yamlnodes
    doc, problems = read("honorees:\n  - id: a\n    name: 甲\n  - id: b\n    name: 乙\n# 备注\nother: 1\n")
    assert problems == []
    again = pickle.loads(pickle.dumps(doc))
    assert not set(yamlnodes.MARKS) & set(vars(again))
    assert again.data == doc.data and again.where(("honorees", 1, "name")) == (5, 11)
    assert set(yamlnodes.MARKS) <= set(vars(again)) and yamlnodes.PACKED not in vars(again)
    assert again == doc and pickle.loads(pickle.dumps(again)) == doc

    class E:        # an entry as the loader gives it: its file, path and item
        def __init__(self, i: int, id_: str) -> None:
            self.file, self.path, self.item = "data/x.yml", ("honorees", i), type("I", (), {"id": id_})
    want = {"honorees/a": ("data/x.yml", 2, 3), "honorees/b": ("data/x.yml", 4, 6)}
    assert entrylines.ranges({"data/x.yml": doc}, {"honorees": [E(0, "a"), E(1, "b")]}) == want
    cached = pickle.loads(pickle.dumps(doc))    # walked once: kept with the file, its marks not unpacked again
    assert entrylines.ranges({"data/x.yml": cached}, {"honorees": [E(0, "a"), E(1, "b")]}) == want
    assert yamlnodes.PACKED in vars(cached)
    assert not hasattr(cached, "nothing")
