"""The check's rules in the web forms, so a save the check would refuse is refused on the spot,
with the Chinese message beside the field, and nothing is written: references (an honour's award,
an honoree's event, a question's topic) are choices filled from the data at build time (offline,
the same for every backend), and the shape rules (ids, dates, times, addresses, personal data)
are Decap `pattern`s taken from kit/data/model/patterns.py, the regular expressions the check runs."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Iterator

from kit.data import kinds
from kit.data.model import patterns
from kit.data.rules import privacy
from kit.data.dataset import Dataset
from kit.data.model.patterns import MESSAGES, PATTERNS

TEXT = ("string", "text")
# Decap 3.16.3 validates a field inside a list inside a list unreliably: a new honoree's honour
# hid another's unknown award, and a mended value kept its red message, blocking every save.
# Such fields carry their rule under this key instead, which only guard.js reads (before a save).
DEEP = "wenming_rule"
# settings: the department's own phone and office address are public; only ID numbers are refused
SETTINGS = "site"


def references(d: Dataset) -> dict[str, tuple[list[dict[str, str]], str]]:
    """field path -> (choices, message when the value is none of them), as the kinds declare them."""
    out = {}
    for kind in kinds.all_kinds():
        for path, choices in kind.choices.items():
            values, message = choices(d)
            out[f"{kind.key}.{path}"] = ([{"label": f"{label}（{v}）", "value": v} for v, label in values], message)
    return out


def allowed_numbers(d: Dataset) -> frozenset[str]:
    """The phone numbers of data/site.yml, which every file may show (as in the check)."""
    return privacy.allowed_numbers(SimpleNamespace(data=d.settings.model_dump(mode="json")))


def _walk(fields: list[dict[str, Any]], path: str = "", lists: int = 0) -> Iterator[tuple[str, dict[str, Any], int]]:
    """(path, spec, lists it is in) of every field, the path by names (honorees.honours.award)."""
    for spec in fields:
        here = f"{path}.{spec['name']}" if path else spec["name"]
        yield here, spec, lists
        inner = lists + (spec.get("widget") == "list")
        if "field" in spec:
            yield here, spec["field"], inner          # a list of single values: each item is checked
        yield from _walk(spec.get("fields", []), here, inner)


def _personal(collection: str, here: str, allowed: frozenset[str], made: dict) -> list[str]:
    """The privacy rule of one text field; one list per variant, so config.yml writes each once
    (a YAML anchor) and refers to it at every other field."""
    if collection == SETTINGS:
        kinds, message = ("身份证号码",), MESSAGES["settings"]
    else:
        public = privacy.public_kinds(tuple(here.split(".")))
        kinds = tuple(k for k, _ in privacy.KINDS if k not in public)
        message = MESSAGES["public_place"] if public else MESSAGES["personal"]
    if kinds not in made:
        made[kinds] = [patterns.no_personal(kinds, allowed), message]
    return made[kinds]


def apply(config: dict[str, Any], d: Dataset) -> dict[str, Any]:
    """The generated config with every field's rule: choices, patterns and their messages."""
    refs, allowed, made = references(d), allowed_numbers(d), {}
    for collection in config["collections"]:
        name = collection["name"]
        for part in collection.get("files", [collection]):
            for here, spec, lists in _walk(part["fields"]):
                _rule(name, here, spec, refs, allowed, made)
                if lists >= 2 and "pattern" in spec:
                    spec[DEEP] = spec.pop("pattern")
    return config


def _rule(collection: str, here: str, spec: dict[str, Any], refs: dict, allowed: frozenset[str], made: dict) -> None:
    widget = spec.get("widget")
    if here in refs:
        choices, message = refs[here]
        spec.update(widget="select", options=choices, pattern=[patterns.one_of([c["value"] for c in choices]), message])
        spec["hint"] = "从列表里选择" + ("，可不填" if spec.get("required") is False else "")
    elif "pattern" in spec and widget == "string":        # an id, or a shape its type checks (kit/outputs/cms.py)
        rule = next(name for name, pattern in PATTERNS.items() if pattern == spec["pattern"][0])
        spec["pattern"] = made.setdefault(rule, [PATTERNS[rule], MESSAGES[rule]])
    elif widget == "datetime":
        spec["pattern"] = made.setdefault("date", [PATTERNS["date"], MESSAGES["date"]])
    elif widget in TEXT:
        spec["pattern"] = _personal(collection, here, allowed, made)
