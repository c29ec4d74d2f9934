"""The check's rules in the web forms (kit/outputs/cmsrules.py over kit/data/model/patterns.py): each
pattern the forms get is run in Node, as Decap runs it (`RegExp(pattern).test(value)`), on the
same sample strings as the Python rule, and both must accept and refuse the same ones; the
references are choices from the fixture county's data."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess

import pytest
import yaml
from conftest import FIXTURE
from kit.data import dataset
from kit.data.model import fields, forms, patterns, schema
from kit.data.rules import privacy
from kit.data.model.patterns import PATTERNS
from kit.outputs import admin, cmsrules


@pytest.fixture(scope="module")
def js():
    """js([(pattern, value), …]) -> [bool, …]: RegExp(pattern).test(value) in Node."""
    if not shutil.which("node"):
        if os.environ.get("CI") == "true":
            pytest.fail("node missing")
        pytest.skip("node missing")
    script = ("const pairs = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(pairs.map(([p, v]) => RegExp(p).test(v))));")

    def run(pairs):
        done = subprocess.run(["node", "-e", script], input=json.dumps(pairs), capture_output=True, text=True, check=True)
        return json.loads(done.stdout)
    return run


def accepts(rule, value) -> bool:
    """The rule as the models run it: on the value with its surrounding spaces stripped."""
    try:
        rule(value.strip())
    except ValueError:
        return False
    return True


def same(js, pattern: str, python, samples: list[str]) -> None:
    """The form's pattern (in JavaScript) and the Python rule agree on every sample."""
    got = js([(pattern, s) for s in samples])
    want = [python(s) for s in samples]
    differ = [(s, g, w) for s, g, w in zip(samples, got, want) if g != w]
    assert not differ, f"(value, form accepts, check accepts): {differ}"
    assert True in want and False in want, "samples must hold both kinds"


def test_ids(js):
    samples = ["2024-zhang-san", "a", "x" * 40, "x" * 41, "index", "index-1", "Zhang", "zhang san", "-a", "a-",
               "a--b", "张三", "2024_zhang", "２０２４", "a\n", " 2024-a ", "index ", "a b", "qinghe-good-people-2023"]
    same(js, PATTERNS["slug"], lambda s: accepts(fields.check_slug, s), samples)


def test_dates(js):
    samples = ["2024-07-01", "2024-7-1", "2024年7月1日", "2024 年 7 月 1 日", "２０２４-０７-０１", "2024.7.1",
               "2024/07/01", "2024-07", "2024年3月", "24-07-01", "2024-07-01 08:00", "下周五", "", "2024-007-01"]
    # a day that does not exist (2024-02-30) has the shape: the check refuses it, the forms' date
    # picker never writes it; every sample here is a real day or no date at all
    same(js, PATTERNS["date"], lambda s: accepts(fields.parse_date, s), samples)


TIMES = ["09:00", "15:30", "23:59", "00:00", "9:00", "24:00", "15:60", "1500", "", "09:00 ", " 09:30", "9",
         "9点", "9点30", "9点30分", "9点5分", "9点半", "9点整", "9 点 半", "9时", "十点", "十二点", "两点半", "二十点",
         "下午3点", "下午3:30", "下午 3点", "晚上7点半", "傍晚6点", "中午12点", "中午1点", "下午15点", "下午0点",
         "上午10点", "上午12点", "上午13点", "早8点", "凌晨0:30", "上午 9:00",
         "15：00", "１５：００", "１５:3０", " 15 : 00 ", "\u30009:00\u3000", "\t9:00\n", "9:00\u00a0", "\u06f9:00",
         "9.30", "9:75", "25:00", "15:00:00", "9:5", "9：", "点", "下午", "下午3", "三点半", "3点60", "3点61分",
         "abc", "9:00 下午", "下午下午3点", "9点钟"]


def test_times_are_what_the_check_reads(js):
    """The form's time pattern (run in Node) accepts exactly the times `make check` reads."""
    same(js, PATTERNS["time"], lambda s: accepts_raw(fields.parse_time, s), TIMES)
    for sample in TIMES:      # and what it reads, the build can use
        if accepts_raw(fields.parse_time, sample):
            written = fields.parse_time(sample)
            assert written == "" or re.fullmatch(patterns.TIME, written) and dt.time.fromisoformat(written), sample


def accepts_raw(rule, value) -> bool:
    try:
        rule(value)
    except ValueError:
        return False
    return True


def test_addresses(js):
    samples = ["https://www.example.gov.cn/", "http://example.org", "https://wenming.example.gov.cn/a/b?x=1#y",
               "https://政务.example.cn/", "https://example.org:8443/x", "www.example.gov.cn", "ftp://example.org/",
               "https://", "https:// example.org", "https://exa mple.org", "mailto:a@b.cn", "javascript:alert(1)", ""]
    same(js, PATTERNS["url"], lambda s: bool(s.strip()) and accepts(fields.check_url, s), samples)
    same(js, PATTERNS["site_url"], lambda s: accepts(fields.check_site_url, s),
         samples + ["https://www.example.gov.cn/wenming/", "https://x.example.org/?a=1", "https://x.example.org/#top"])


ID = "11010519491231002X"          # a valid check digit (the national standard's example)
PERSONAL = [
    "照顾婆婆十二年。", "电话 13812345678", "电话 138-1234-5678", "电话 +86 138 1234 5678", "１３８１２３４５６７８",
    "电话：0870-1234567", "（0870）1234567", "０８７０－１２３４５６７", f"身份证 {ID}", "身份证 １" + ID[1:],
    "住在某街12号3单元", "门牌写在村口", "某路五号", "2024年3月获评", "订单 123456789012", "1381234567", "113812345678",
    "12号楼", "第3组", "第3组12号", "人口 13800000 人", "热线 12345", "县委 0870-7654321 值班",
]


def test_personal_data(js):
    same(js, PATTERNS["personal"], lambda s: not privacy.findings(s), PERSONAL)


def test_personal_data_with_the_departments_own_numbers_and_public_places(js):
    allowed = frozenset({"08707654321", "13900001111"})
    samples = PERSONAL + ["办公室 13900001111", "办公室 139-0000-1111", "0870-7654321"]
    same(js, patterns.no_personal(allowed=allowed), lambda s: not privacy.findings(s, allowed), samples)
    public = privacy.public_kinds(("stations", 0, "phone"))
    kinds = tuple(k for k, _ in privacy.KINDS if k not in public)
    same(js, patterns.no_personal(kinds), lambda s: not [f for f in privacy.findings(s) if f[1] not in public], samples)


def test_an_id_shaped_number_with_a_wrong_check_digit_the_form_refuses_and_the_check_passes(js):
    """The one known difference: a pattern cannot compute the check digit, so the form is stricter."""
    wrong = ID[:-1] + "1"
    assert not privacy.findings(wrong) and js([(PATTERNS["personal"], wrong)]) == [False]


@pytest.fixture(scope="module")
def config():
    d = dataset.build(FIXTURE / "data", FIXTURE, dt.date(2026, 12, 3), False)
    return d, yaml.safe_load(admin.config_text(d))


def _fields(config):
    for c in config["collections"]:
        for part in c.get("files", [c]):
            for here, spec, _ in cmsrules._walk(part["fields"]):
                yield here, spec


def test_references_are_choices_from_the_data_and_refuse_anything_else(js, config):
    d, cfg = config
    by_path = {}
    for here, spec in _fields(cfg):
        by_path.setdefault(here, spec)
    award = by_path["honorees.honours.award"]
    assert award["widget"] == "select" and [o["value"] for o in award["options"]] == list(d.awards)
    assert all(o["label"].endswith(f"（{o['value']}）") for o in award["options"])
    rule = award[cmsrules.DEEP]     # inside two lists: checked by guard.js before a save, not by Decap
    assert "pattern" not in award and "找不到这个荣誉" in rule[1]
    samples = list(d.awards) + ["good-people-2024", "", "qinghe-good-people-2023x", ".*"]
    same(js, rule[0], lambda s: s in d.awards, samples)
    event = by_path["honorees.event"]
    assert event["widget"] == "select" and event["required"] is False
    ids = {e.id for e in d.events} | {k.split("/", 1)[1] for k in d.held if k.startswith("events/")}
    assert {o["value"] for o in event["options"]} == ids
    topic = by_path["knowledge.questions.topic"]
    assert [o["value"] for o in topic["options"]] == [t.id for t in d.knowledge.topics]


def test_every_field_of_the_forms_has_its_rule(config):
    d, cfg = config
    variants = {patterns.no_personal(("身份证号码",))} | {
        patterns.no_personal(tuple(k for k, _ in privacy.KINDS if k not in privacy.public_kinds(p)),
                             cmsrules.allowed_numbers(d))
        for p in [(), ("stations", "phone"), ("stations", "address"), ("hotlines", "number")]}
    texts = 0
    for here, spec in _fields(cfg):
        widget = spec.get("widget")
        if widget in ("string", "text"):
            texts += 1
            rule = spec.get("pattern") or spec.get(cmsrules.DEEP)
            assert rule and rule[0] in set(PATTERNS.values()) | variants, here
            assert re.search(r"[\u4e00-\u9fff]", rule[1]), here
        if widget == "datetime":
            assert (spec.get("pattern") or spec.get(cmsrules.DEEP)) == [PATTERNS["date"], patterns.MESSAGES["date"]], here
    assert texts > 100


def _shaped(fields, path=""):
    """(path, rule) of every form field whose type checks a shape (Time, Url, SiteUrl)."""
    for ff in fields:
        here = f"{path}.{ff.name}" if path else ff.name
        if ff.rule:
            yield here, ff.rule
        yield from _shaped(ff.children, here)


def test_time_and_address_fields_get_their_rule_from_their_type(config):
    """No list of field paths: a time or address field of any kind gets its pattern because of
    its type (tests/site/test_kind_declared_once.py adds a kind with both)."""
    _, cfg = config
    want = {}
    for model in [*schema.SINGLE.values(), *schema.FOLDERS.values()]:
        want.update(_shaped(forms.form(model)))     # paths as in the config: site.services.url
    assert {"events.weekly.start_time": "time", "events.weekly.end_time": "time", "site.site_url": "site_url",
            "site.services.url": "url", "site.footer.error_report": "url"}.items() <= want.items()
    got = {}
    for here, spec in _fields(cfg):
        rule = spec.get("pattern") or spec.get(cmsrules.DEEP)
        if here in want:
            got[here] = rule
    assert got == {here: [PATTERNS[rule], patterns.MESSAGES[rule]] for here, rule in want.items()}
