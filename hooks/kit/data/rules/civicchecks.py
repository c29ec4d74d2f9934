"""Checks on 应知应会, the quiz, 公益广告 and the external services that one field's
type cannot make: an answer among the options, a topic that exists, a service that
says where it goes."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kit.data.model.civic import LETTERS
from kit.data.errors import Report
from kit.data.files.yamlread import dotted

if TYPE_CHECKING:
    from kit.data.files.loader import Loaded


def _adder(loaded: Loaded, report: Report, name: str):
    def add(path: tuple, message: str, at: tuple | None = None) -> None:
        here = loaded.where(name, path)          # the key's own line when it is written (left empty)
        if at is not None and here == loaded.where(name, path[:-1]):
            here = loaded.where(name, at)        # else `at` (the entry)
        report.add(name, *here, dotted(path), message)
    return add


def knowledge_checks(loaded: Loaded, name: str, report: Report) -> None:
    typed = loaded.files.get(name)
    if typed is None:
        return
    k = typed.knowledge
    add = _adder(loaded, report, name)
    topics = [t.id for t in k.topics]
    seen: dict[str, int] = {}
    for i, t in enumerate(k.topics):
        if t.id in seen:
            add(("knowledge", "topics", i, "id"), f"编号“{t.id}”和第 {seen[t.id] + 1} 个主题重复。"
                                                   f"每个主题的编号必须唯一（它是页面上的位置），例如 {t.id}-2。")
        seen.setdefault(t.id, i)
    for i, q in enumerate(k.questions):
        path = ("knowledge", "questions", i)
        letters = LETTERS[:len(q.options)]
        if q.answer not in letters:
            add(path + ("answer",), f"答案“{q.answer}”不在选项里：这道题有 {len(q.options)} 个选项，"
                                    f"答案应为 {'、'.join(letters)} 之一（第一个选项是 A）。示例：answer: A")
        if len(set(q.options)) != len(q.options):
            add(path + ("options",), "有两个选项完全相同，答题的人无法区分。请修改或删除重复的选项。")
        if q.topic and q.topic not in topics:
            add(path + ("topic",), f"找不到应知应会主题“{q.topic}”。请填写 topics 里已有的编号："
                                   f"{'、'.join(topics)}。")


def ads_checks(loaded: Loaded, entries: list, report: Report) -> None:
    for e in entries:
        ad, add = e.item, _adder(loaded, report, e.file)
        if ad.kind in ("海报", "展板") and ad.image is None:
            add(e.path + ("image",), f"{ad.kind}要有图片（image），网页上展示它，并写明 alt（给看不见图片的读者的文字说明）。"
                                     "示例：image: {src: photos/ads/jiang-wenming.jpg, alt: 公益广告“讲文明树新风”，画面是……}",
                at=e.path)
        if ad.kind == "标语" and not ad.slogan and ad.image is None:
            add(e.path + ("slogan",), "标语要写出标语的文字（slogan），网页和读屏软件才能读出来。示例：slogan: 讲文明 树新风",
                at=e.path)


def service_checks(loaded: Loaded, name: str, report: Report) -> None:
    typed = loaded.files.get(name)
    if typed is None:
        return
    add = _adder(loaded, report, name)
    for i, s in enumerate(typed.site.services):
        path = ("site", "services", i)
        if not s.url and s.qr is None:
            add(path + ("url",), f"服务“{s.name}”既没有网址（url）也没有二维码图片（qr），读者无法使用。"
                                 "请至少写一项。示例：url: https://www.example.gov.cn/", at=path)
        # a malformed address is the model's (fields.Url): refused where the file is read
