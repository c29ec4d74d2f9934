"""Personal data that must never reach the site: ID-card numbers, phone numbers,
street addresses. Every text value of every data file is scanned, drafts and
examples included (they are in the repository and will be published one day).
data/site.yml holds the department's public phone and office address: there only
ID-card numbers are refused, and its phone numbers are allowed in every file.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from kit.data import kinds
from kit.data.model import patterns
from kit.data.errors import Report
from kit.data.files.yamlread import Doc, dotted, load_file

SETTINGS_FILE = "site.yml"

ID_CARD = re.compile(patterns.ID_CARD)
# a number the text itself calls an ID-card number is one, whatever its check digit (made-up and
# mistyped numbers included), and so is an old 15-digit one
ID_NAMED = re.compile(r"身份证(?:号码|号)?\s*(?:是|为)?\s*[:：]?\s*((?:\d[ -]?){14}\d(?:[ -]?[0-9Xx]){0,3})(?![0-9A-Za-z])")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# the patterns (kit/data/model/patterns.py) also read full-width digits: the web forms run them on the text as typed
MOBILE = re.compile(patterns.MOBILE)
LANDLINE = re.compile(patterns.LANDLINE)
ADDRESS = re.compile(patterns.ADDRESS)

# every pattern above needs a digit (ASCII or full-width), 号 or 门牌: most values have none
CANDIDATE = re.compile(r"\d|号|门牌")

KINDS = (
    ("身份证号码", "身份证号码不能出现在网站上，请删除"),
    ("手机号码", "个人手机号码不能出现在网站上，请删除；需要留联系方式时，请用 data/site.yml 里的单位电话"),
    ("固定电话号码", "个人电话号码不能出现在网站上，请删除；需要留联系方式时，请用 data/site.yml 里的单位电话"),
    ("门牌地址", "住址不能精确到门牌，请删除门牌号，只写到村（社区）或单位，例如“某县某镇某村”"),
)


def is_id_card(number: str) -> bool:
    """GB 11643 check digit (ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS))
    return ID_CHECK[total % 11] == number[17].upper()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


# full-width digits, plus and hyphen typed with a Chinese input method: one character each, so
# offsets in the translated text are offsets in the editor's text
FULL_WIDTH = str.maketrans("０１２３４５６７８９＋－", "0123456789+-")


def findings(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, str, str]]:
    """(offset, kind, matched text as written) for each piece of personal data in one value."""
    out: list[tuple[int, str, str]] = []
    if not CANDIDATE.search(text):
        return out
    written, text = text, text.translate(FULL_WIDTH)
    for m in ID_CARD.finditer(text):
        if is_id_card(re.sub(r"[ -]", "", m.group())):
            out.append((m.start(), KINDS[0][0], m.group()))
    for m in ID_NAMED.finditer(text):
        if not any(start == m.start(1) for start, _, _ in out):
            out.append((m.start(1), KINDS[0][0], m.group(1)))
    taken = {i for start, _, found in out for i in range(start, start + len(found))}
    for pattern, kind in ((MOBILE, KINDS[1][0]), (LANDLINE, KINDS[2][0])):
        for m in pattern.finditer(text):
            if m.start() in taken or _digits(m.group()) in allowed:
                continue
            out.append((m.start(), kind, m.group()))
    for m in ADDRESS.finditer(text):
        out.append((m.start(), KINDS[3][0], m.group()))
    return sorted((start, kind, written[start: start + len(found)]) for start, kind, found in out)


def mask(kind: str, found: str) -> str:
    """Logs of CI runs may be public: never repeat a number in full."""
    if kind == KINDS[3][0]:
        return found
    digits = re.sub(r"[^0-9Xx]", "", found.translate(FULL_WIDTH))
    return digits[:3] + "*" * max(len(digits) - 7, 3) + digits[-4:]


def strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every string in a YAML value: the privacy and 错敏 checks read the same."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from strings(child, path + (i,))


def allowed_numbers(settings: Doc | None) -> frozenset[str]:
    """The digits of every phone number written in data/site.yml."""
    if settings is None:
        return frozenset()
    found: set[str] = set()
    for _, text in strings(settings.data, ()):
        for pattern in (MOBILE, LANDLINE):
            found.update(_digits(m.group()) for m in pattern.finditer(text.translate(FULL_WIDTH)))
    return frozenset(found)


def _locate(doc: Doc, path: tuple, found: str) -> tuple[int, int]:
    """Where the finding stands in the file; block text points at its own line."""
    line, col = doc.where(path)
    for n in range(line - 1, min(len(doc.lines), line + 200)):
        start = col - 1 if n == line - 1 else 0
        pos = doc.lines[n].find(found, start)
        if pos >= 0:
            return n + 1, pos + 1
    return line, col


# fields about public places, not persons: a 文明实践 station's landline and address, a
# public-service hotline. A mobile number stays refused everywhere (it is a person's).
PUBLIC_PLACE: dict[tuple[str, str], set[str]] = {("hotlines", "number"): {KINDS[2][0]}}
for _kind in kinds.all_kinds():      # a kind's fields about a public place (kit/data/kinds/)
    PUBLIC_PLACE.update({(_kind.key, name): {finding} for name, finding in _kind.public_fields.items()})


def public_kinds(path: tuple) -> set[str]:
    """Kinds of finding allowed at this path (e.g. ("stations", 3, "phone"))."""
    names = tuple(p for p in path if isinstance(p, str))
    return PUBLIC_PLACE.get(names[-2:], set()) if len(names) >= 2 else set()


def scan(docs: dict[str, Doc], report: Report) -> None:
    settings = next((d for name, d in docs.items() if name.endswith("/" + SETTINGS_FILE)), None)
    allowed = allowed_numbers(settings)
    hints = dict(KINDS)
    rules = f"privacy:{sorted(allowed)}"
    for name, doc in docs.items():
        mark = rules + (":settings" if doc is settings else "")
        if mark in doc.clean:       # this file, parsed as it is, had nothing under these rules
            continue
        before = len(report.problems)
        for path, text in strings(doc.data, ()):
            for _, kind, found in findings(text, allowed):
                if doc is settings and kind != KINDS[0][0]:
                    continue        # the department's own phone and office address are public
                if kind in public_kinds(path):
                    continue
                line, col = _locate(doc, path, found)
                report.add(name, line, col, dotted(path),
                           f"含有{kind}“{mask(kind, found)}”。{hints[kind]}。")
        if len(report.problems) == before:
            doc.clean.add(mark)


def scan_lines(name: str, lines: list[str], report: Report, allowed: frozenset[str] = frozenset()) -> None:
    """A Markdown file (a news post), line by line: the same rules as a data file's text."""
    hints = dict(KINDS)
    for n, line in enumerate(lines, start=1):
        for offset, kind, found in findings(line, allowed):
            report.add(name, n, offset + 1, "", f"含有{kind}“{mask(kind, found)}”。{hints[kind]}。")


def numbers_of(data_dir: Path) -> frozenset[str]:
    """The allowed numbers of data/site.yml, for files outside data/ (news posts)."""
    path = data_dir / SETTINGS_FILE
    if not path.is_file():
        return frozenset()
    return allowed_numbers(load_file(path.read_bytes(), path.name, Report()))
