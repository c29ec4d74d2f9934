"""Whatever `make check` passes, builds (issue 23): a property test over every field of every kind.

Hypothesis picks a `key: value` line of the fixture county (every data file and every news
post's front matter, so every field of every kind the fixture holds) and writes another value
there, the way an editor might type it: times (9:00, 9点30, 下午3点, １５：００), dates in every
Chinese way (2023年7月, 2024.3.5, full-width digits), full-width spaces, empty, very long,
control characters, wrong types (numbers, lists, mappings, yes/no), and values over several lines
(block text `|`, `|-`, `>`, text quoted or plain across lines, more-indented and wrongly indented
lines), also in place of a block the fixture has (a story `|`). For each, one of two things:

* the check (kit.data.project.check, what `make check` and the build call) refuses it with
  lines `file:line:col: 错误: field: message` in Chinese, one of them at the changed line; or
* it passes, and everything the build makes of the data is made without an exception: every
  generated page body, the calendars, the open data; times and dates show as meant.

It runs in-process (about 0.1 s an example; a file the example did not change is parsed once, not
at every example); `test_the_real_build_agrees` builds the real site
for a handful of values (two builds), so check and build are proved to agree end to end.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape
from hypothesis import HealthCheck, event, example, given, settings, strategies as st

from conftest import FIXTURE, ROOT, copy_project, run_build
from kit.data import kinds
from kit.data import project
from kit.data.errors import DataInvalid, Report
from kit.data.files.yamlread import load_file
from kit.data.model.fields import parse_time
from kit.outputs import ical, opendata
from kit.pages import charts, plan, render, text
from kit.speed.door import Plain

TODAY = dt.date(2024, 1, 1)
LINE = re.compile(r"^(?P<head>\s*(?:- )?(?P<key>[a-z_]+):) (?P<value>[^|>{#\s].*)$")
BLOCK = re.compile(r"^(?P<head>\s*(?:- )?(?P<key>[a-z_]+):) (?P<value>[|>][-+0-9]*)\s*$")   # story: |
DEDENT = "\x01"      # a line of a multi-line value that starts at the key's own column
TIMES = {"start_time", "end_time"}
SHOWN = {"title", "place", "organiser"}
# a value checked against the next field: the problem may be named there (end before start)
RELATED = {"start_time": ("end_time",), "start": ("end",), "notice_start": ("notice_end",), "since": ("until",)}          # one-line text an event page shows as written
DATES = {"start", "end", "publish", "updated", "since", "until", "notice_start", "notice_end", "adopted", "date"}
HAN = re.compile(r"[\u4e00-\u9fff]")
PROBLEM = re.compile(r"^(?P<file>(?:data|docs)/\S+?\.(?:yml|md)):(?P<line>\d+):(?P<col>\d+): 错误: (?P<rest>.+)$")


def _candidates() -> list[tuple[str, int, str]]:
    """(file, line number, key) of every `key: value` of the fixture county's data and post front
    matter whose value is one line or a block (`story: |` and its lines)."""
    found = []
    files = sorted((FIXTURE / "data").rglob("*.yml")) + sorted((FIXTURE / "docs/blog/posts").glob("*.md"))
    for path in files:
        lines = path.read_text("utf-8").splitlines()
        end = len(lines)
        if path.suffix == ".md":                           # the front matter only
            end = lines.index("---", 1) if lines and lines[0] == "---" else 0
        for n, line in enumerate(lines[:end], 1):
            m = LINE.match(line) or BLOCK.match(line)
            if m:
                found.append((path.relative_to(FIXTURE).as_posix(), n, m["key"]))
    return found


CANDIDATES = _candidates()

# ---- values as editors type them (YAML text written after "key: ") --------------------------------
WIDE = str.maketrans("0123456789:", "０１２３４５６７８９：")
wide = st.sampled_from([str, lambda s: s.translate(WIDE)])
hours, minutes = st.integers(0, 26), st.sampled_from([0, 5, 30, 45, 59, 60, 75])
typed_time = st.builds(lambda f, h, m, w: w(f.format(h=h, m=m)), st.sampled_from(
    ["{h}:{m:02d}", "{h:02d}:{m:02d}", "\"{h}:{m:02d}\"", "{h}点", "{h}点{m}", "{h}点{m}分", "{h}点半",
     "下午{h}点", "上午{h}点", "晚上{h}点半", "中午{h}点", "{h}：{m:02d}", "{h}.{m:02d}", "{h}", "{h}:{m}:00",
     "\"{h}:{m:02d}\"", "{h}时{m}分"]), hours, minutes, wide)
years, months, days = st.integers(1999, 2031), st.integers(0, 13), st.integers(0, 32)
typed_date = st.builds(lambda f, y, mo, d, w: w(f.format(y=y, mo=mo, d=d)), st.sampled_from(
    ["{y}-{mo:02d}-{d:02d}", "{y}-{mo}-{d}", "{y}年{mo}月{d}日", "{y}年{mo}月", "{y}年", "{y}.{mo}.{d}",
     "{y}/{mo}/{d}", "{y}-{mo:02d}", "\"{y}年{mo}月{d}日\"", "{y} 年 {mo} 月 {d} 日", "{y}年{mo}月{d}号",
     "{mo}月{d}日", "{y}{mo:02d}{d:02d}"]), years, months, days, wide)
plain_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
scalar_json = st.one_of(
    plain_text, st.text(st.characters(min_codepoint=0, max_codepoint=0x3000, blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(["", " ", "\u3000", "李\u3000四", "  张三  ", "\t", "\x00", "\x07a", "a\u200bb", "\ufeff",
                     "x" * 3000, "中" * 2000, "<b>", "a\nb", "null", "yes", "no", "on", "~"]),
    st.integers(-10**12, 10**12), st.floats(allow_nan=True), st.booleans(), st.none())
as_json = st.one_of(scalar_json, st.lists(scalar_json, max_size=3), st.dictionaries(plain_text, scalar_json, max_size=2))
raw = st.sampled_from(["", "~", "yes", "no", "[]", "{}", "- a", "'", "\"", "@x", "`x`", "!!python/name:os.system",
                       "&a x", "*a", "1e400", "0x1F", "2023-02-30", "12:30:00", "9:00", "100万", "３０", "李　四",
                       "某县某镇", "１２３"])
# over several lines: each line after the first is written indented under the key (DEDENT: at its column)
text_line = st.one_of(st.sampled_from([
    "", "第一段：照顾瘫痪婆婆十二年，带动全村敬老。", "  缩进更多的一行", "- 不是列表", "key: value", "# 不是注释",
    "联系电话 13812345678", "<b>加粗</b>", "２０２４年３月", "\t制表符开头", "中" * 300, "“引号”和'单引号'", "|",
    "结尾有空格  "]), st.text(st.characters(whitelist_categories=("Lo", "Nd", "Po", "Zs")), max_size=12))
block = st.builds(lambda indicator, lines: indicator + "".join("\n" + l for l in lines),
                  st.sampled_from(["|", "|-", "|+", ">", ">-", "|2", "| # 注释"]), st.lists(text_line, max_size=5))
first_line = st.sampled_from(["第一行", "照顾婆婆", "a", "9:00", "2024-03-05"])
multi_line = st.one_of(
    block,
    st.builds(lambda a, rest: a + "".join("\n" + l for l in rest), first_line, st.lists(text_line, min_size=1, max_size=3)),
    st.builds(lambda q, a, b: f"{q}{a}\n{b}{q}", st.sampled_from(['"', "'"]), first_line, text_line),
    st.builds(lambda indicator, a: f"{indicator}\n{DEDENT}{a}", st.sampled_from(["|", ">-"]), text_line),
    st.just('"第一行\\n第二行"'))
value_text = st.one_of(typed_time, typed_date, raw, as_json.map(lambda v: json.dumps(v, ensure_ascii=False)),
                       multi_line)


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    r = tmp_path_factory.mktemp("county")
    shutil.copytree(FIXTURE / "data", r / "data")
    shutil.copytree(FIXTURE / "docs" / "blog", r / "docs" / "blog")
    shutil.copyfile(FIXTURE / "mkdocs.yml", r / "mkdocs.yml")
    return r


@pytest.fixture(scope="module")
def renderer(root):
    door = Plain(root)
    door.begin(None, "https://wenming.qinghe.example.cn/", set(), lambda page: False)
    env = render.environment(ROOT / "overrides" / "content")
    env.filters.update(charts.FILTERS)
    env.globals["picture"], env.filters["md"] = door.picture, door.md

    def make_everything(d) -> dict[str, str]:
        # the page's title (the theme's <h1>, <title>) and the body the kit renders
        pages = {s.src_uri: f"{escape(s.title)}\n" + render.render(env, s.template, s.src_uri, d=d, **s.context)
                 for s in plan.specs(d)}
        ical.bodies(d)
        opendata.bodies(d)
        return pages
    return make_everything


def _write(root: Path, rel: str, n: int, value: str) -> tuple[str, int]:
    """Writes `value` as line n's value (in place of its block, if it had one); the original text,
    and how many lines the new value takes."""
    path = root / rel
    original = (FIXTURE / rel).read_text("utf-8")
    lines = original.splitlines(keepends=True)
    m = LINE.match(lines[n - 1].rstrip("\n")) or BLOCK.match(lines[n - 1].rstrip("\n"))
    column = len(m["head"]) - len(m["key"]) - 1
    end = n
    if BLOCK.match(lines[n - 1].rstrip("\n")):      # the block's lines: blank or indented under the key
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) > column):
            end += 1
    first, *rest = value.split("\n")
    under = [(" " * column + l[1:]) if l.startswith(DEDENT) else (" " * (column + 2) + l if l else "") for l in rest]
    lines[n - 1:end] = [f"{m['head']} {first}\n"] + [f"{l}\n" for l in under]
    path.write_text("".join(lines), "utf-8")
    return original, 1 + len(rest)


def _yaml_value(value: str) -> object:
    """The value as the check reads it where it was written (under a key at column 0)."""
    text = "k: " + value.replace("\n" + DEDENT, "\n").replace("\n", "\n  ") + "\n"
    return load_file(text.encode("utf-8"), "x.yml", Report()).data["k"]


def _meant(key: str, value: str) -> str | None:
    """What a page shows for a time or date the check accepted, where the value is plain to read."""
    try:
        if key in TIMES:
            return parse_time(json.loads(value) if value.startswith('"') else value) or None
        if key in ("start", "end") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return text.date_cn(dt.date.fromisoformat(value))
    except ValueError:
        return None
    return None


def _entry_page(pages: dict[str, str], rel: str, n: int, root: Path) -> str | None:
    """The page of the event whose lines hold line n (events only: the fields shown are known)."""
    if not rel.startswith("data/events/"):
        return None
    lines = (root / rel).read_text("utf-8").splitlines()
    ids = [re.match(r"^  - id: (\S+)", l) for l in lines[:n]]
    found = [m[1] for m in ids if m]
    events = kinds.by_name("events")
    return pages.get(events.page_src(found[-1])) or next(
        (body for uri, body in pages.items() if uri.startswith(events.url_of(found[-1]).strip("/"))), None) if found else None


class Parsed:
    """The check's reading of a data file, once per content: the examples change one file at a time,
    the other files are read as they are (problems the reading found are reported again each time)."""

    def __init__(self):
        self.seen: dict[tuple[str, bytes], tuple[object, Report]] = {}

    def __call__(self, raw: bytes, name: str, report: Report):
        key = (name, raw)
        if key not in self.seen:
            own = Report()
            self.seen[key] = (load_file(raw, name, own), own)
        doc, own = self.seen[key]
        report.extend(own)
        return doc          # the check does not change what it read (test_reading_each_file_once_…)


@pytest.fixture(scope="module")
def parsed() -> Parsed:
    return Parsed()


def check_one(root: Path, renderer, where: tuple[str, int, str], value: str, read=None) -> None:
    rel, n, key = where
    original, span = _write(root, rel, n, value)
    try:
        try:
            data, _news = project.check(root, TODAY, False, read=read)
        except DataInvalid as exc:
            lines = exc.report.lines()
            event("refused")
            assert lines, "refused without a line"
            for line in lines:
                m = PROBLEM.match(line)
                assert m and int(m["line"]) >= 1 and HAN.search(m["rest"]), line
            here = [l for l in lines if l.startswith(f"{rel}:")]
            at = [l for l in here if n <= int(PROBLEM.match(l)["line"]) <= n + span]
            if not at and key == "id":     # an id others refer to: the references are refused where they stand
                assert all(re.search(r"\.(?:award|event|topic|station|town)(?:\[\d+\])?: ", l) for l in lines), lines
                return
            assert at, (n, lines)
            # the field is named (…key: message), unless the line could not be read as YAML at all
            names = "|".join([key, *RELATED.get(key, ())])
            named = [l for l in at if re.search(rf"(?:^|[.\]])(?:{names})(?:\[\d+\])?: ", PROBLEM.match(l)["rest"])]
            unread = [l for l in at if not re.match(r"^[\w.\[\]]+: ", PROBLEM.match(l)["rest"])]
            assert named or unread, (key, at)
            return
        event("accepted")
        pages = renderer(data)        # every page body, calendars, open data: no exception
        meant = _meant(key, value) if "\n" not in value else None
        page = _entry_page(pages, rel, n, root) if meant else None
        if page is not None:
            assert meant in page, (meant, value)
        if key in SHOWN and (value.startswith('"') or "\n" in value) and rel.startswith("data/events/"):
            text_ = str(_yaml_value(value)).strip()
            page = _entry_page(pages, rel, n, root)
            shown = " ".join(str(escape(text_)).split())
            assert page is None or shown in " ".join(page.split()), (key, text_)
    finally:
        (root / rel).write_text(original, "utf-8")


EVENT_TITLE = next(c for c in CANDIDATES if c[2] == "title" and c[0] == "data/events/2024.yml")   # in the calendars


@settings(max_examples=250, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(where=st.sampled_from(CANDIDATES), value=value_text)
@example(where=EVENT_TITLE, value='"a\\nb"')          # once stopped the calendars (a line break in their name)
@example(where=EVENT_TITLE, value="|\n茶话会\n第二场")
def test_whatever_the_check_passes_the_build_makes(root, renderer, parsed, where, value):
    check_one(root, renderer, where, value, parsed)


BLOCKS = [c for c in CANDIDATES if c[2] in ("story", "body")]


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(BLOCKS), value=multi_line)
def test_a_block_of_text_written_again_is_read_or_refused_at_its_lines(root, renderer, parsed, where, value):
    check_one(root, renderer, where, value, parsed)


def test_reading_each_file_once_changes_no_outcome(root, parsed):
    """The cache the examples use reads as the check does: same lines, refused or not; and the check
    leaves what it read as it was, so one reading can serve every example."""
    for where, value in [(CANDIDATES[0], '"x"'), (BLOCKS[0], "|\n联系电话 13812345678"), (BLOCKS[0], "|\n\x01坏")]:
        original, _ = _write(root, *where[:2], value)
        try:
            outcomes = []
            for read in (None, parsed, parsed):
                try:
                    project.check(root, TODAY, False, read=read)
                    outcomes.append([])
                except DataInvalid as exc:
                    outcomes.append(exc.report.lines())
            assert outcomes[0] == outcomes[1] == outcomes[2], (where, value)
            before = copy.deepcopy({k: d.data for k, (d, _) in parsed.seen.items() if d is not None})
            try:
                project.check(root, TODAY, False, read=parsed)
            except DataInvalid:
                pass
            assert before == {k: d.data for k, (d, _) in parsed.seen.items() if d is not None}, "the check changed a read file"
        finally:
            (root / where[0]).write_text(original, "utf-8")


TIME_LINE = next(c for c in CANDIDATES if c[2] == "start_time")


@settings(max_examples=80, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=typed_time)
def test_every_time_typed_is_understood_or_refused_at_its_line(root, renderer, parsed, value):
    check_one(root, renderer, TIME_LINE, value, parsed)


def test_there_are_fields_of_every_kind():
    files = {c[0].split("/")[1] for c in CANDIDATES}
    assert {"events", "honorees", "villages", "stations", "awards.yml", "site.yml", "campaign.yml", "blog"} <= files
    assert len(CANDIDATES) > 200
    assert {c[2] for c in BLOCKS} == {"story", "body"}, "blocks of text (story: |) are candidates too"


def _refused_lines(log: str) -> list[str]:
    return [l.split("-  ", 1)[1] for l in log.splitlines() if l.startswith("ERROR") and ": 错误: " in l]


def test_the_real_build_agrees(tmp_path):
    """A handful through the real `mkdocs build`: accepted forms build and show as meant; refused ones
    stop the build with the check's own lines, never a traceback."""
    good = copy_project(tmp_path / "good")
    events = good / "data/events/2023.yml"
    events.write_text(events.read_text("utf-8").replace('start_time: "15:00"', "start_time: 9:00")
                      .replace('end_time: "17:00"', "end_time: 下午5点半"), "utf-8")
    honorees = good / "data/honorees/2023.yml"
    text_ = honorees.read_text("utf-8")
    name = re.search(r"^    name: (\S+)$", text_, re.M)[1]
    honorees.write_text(text_.replace(f"name: {name}", f"name: {name[0]}\u3000{name[1:]}", 1), "utf-8")
    result = run_build(good, tmp_path / "good-site")
    assert result.returncode == 0 and "Traceback" not in result.log, result.log
    assert "每周三 09:00—17:30" in result.html("events/ink-kids/").get_text()

    bad = copy_project(tmp_path / "bad")
    events = bad / "data/events/2023.yml"
    events.write_text(events.read_text("utf-8").replace('start_time: "15:00"', "start_time: 9.30")
                      .replace("start: 2023-03-01", "start: 2023.3.1", 1), "utf-8")
    result = run_build(bad, tmp_path / "bad-site")
    assert result.returncode != 0 and "Traceback" not in result.log, result.log
    try:
        project.check(bad, TODAY, False)
    except DataInvalid as exc:
        assert _refused_lines(result.log) == exc.report.lines()
    else:
        pytest.fail("the check passed what the build refused")
