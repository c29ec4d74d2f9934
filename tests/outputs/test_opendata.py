"""Open data: the same entries as the list pages, in JSON and in CSV (UTF-8 with BOM),
with a schema; nothing unpublished; minors minimal."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import run_build

LISTS = {  # open-data table -> list page whose cards link the same entries
    "events": ("events/", "events"),
    "honorees": ("honorees/", "honorees"),
    "reading": ("reading/", "reading"),
    "heritage": ("heritage/", "heritage"),
    "pledges": ("pledges/", "pledges"),
    "villages": ("pledges/", "villages"),
}
TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list}


def load(built, name: str) -> dict:
    return json.loads(built.text(f"opendata/{name}.json"))


def rows(built, name: str) -> list[dict]:
    raw = (built.site / f"opendata/{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV needs a BOM for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def cards(built, page: str, folder: str) -> dict[str, str]:
    """entry id -> card title, from a list page."""
    out = {}
    for a in built.html(page).select("a.wm-card__link"):
        parts = [p for p in a["href"].split("/") if p not in ("", ".", "..")]
        if parts[0] == folder or (len(parts) == 1 and folder == page.strip("/")):
            out[parts[-1]] = a.select_one(".wm-card__title").get_text(strip=True)
    return out


@pytest.mark.parametrize("name", LISTS)
def test_json_and_csv_hold_the_entries_of_the_list_page(built, name):
    page, folder = LISTS[name]
    doc = load(built, name)
    by_id = {r["id"]: r for r in doc["records"]}
    assert doc["count"] == len(doc["records"]) == len(by_id)
    expected = cards(built, page, folder)
    assert set(by_id) == set(expected), (name, set(by_id) ^ set(expected))
    for entry_id, title in expected.items():
        record = by_id[entry_id]
        assert (record.get("title") or record["name"]) in title
        assert record["url"].endswith(f"{folder}/{entry_id}/")
    table = rows(built, name)
    assert [r["编号"] for r in table] == [r["id"] for r in doc["records"]]


def test_every_table_matches_its_schema_and_documentation(built):
    page = built.html("opendata/").get_text(" ", strip=True)
    names = sorted(p.stem for p in (built.site / "opendata").glob("*.json") if not p.stem.endswith(".schema"))
    assert {"events", "honorees", "awards", "reading", "villages", "pledges", "heritage", "indicators",
            "projects", "figures"} <= set(names)
    for name in names:
        doc = load(built, name)
        schema = json.loads(built.text(f"opendata/{name}.schema.json"))
        props = schema["properties"]["records"]["items"]["properties"]
        assert list(props) == doc["fields"]
        for record in doc["records"]:
            assert list(record) == doc["fields"]
            for key, value in record.items():
                if value is not None:
                    kind = [t for t in props[key]["type"] if t != "null"][0]
                    assert isinstance(value, TYPES[kind]), (name, key, value)
        assert doc["title"] in page and f"opendata/{name}.csv" in page
        for field in doc["fields"]:
            assert field in page


def test_campaign_tables_carry_the_report_figures(built):
    assert load(built, "indicators")["count"] == 37
    assert len({r["category_id"] for r in load(built, "indicators")["records"]}) == 6
    projects = load(built, "projects")["records"]
    assert len(projects) == 5 and all(p["funds_pct"] == 100 and p["investment_pct"] >= 40 for p in projects)
    texts = {r["text"] for r in load(built, "figures")["records"]}
    assert {"806.5万人", "136期", "9.8万人次", "3260场次", "7.6万人", "4500余人次", "36余篇"} <= texts


def test_minor_is_minimal_in_open_data(built):
    chen = next(r for r in load(built, "honorees")["records"] if r["id"] == "2023-sample-zheng")
    assert chen["story"] is None and chen["photo"] is None
    assert chen["honours"] == ["青禾新时代好少年（入选）"]
    row = next(r for r in rows(built, "honorees") if r["编号"] == "2023-sample-zheng")
    assert row["事迹"] == "" and "低年级" not in json.dumps(row, ensure_ascii=False)


def test_recommended_honours_are_not_published(built):
    li = next(r for r in load(built, "honorees")["records"] if r["id"] == "2023-sample-sun")
    assert all("推荐" not in h for h in li["honours"])


def test_drafts_and_examples_stay_out_of_open_data(project, tmp_path):
    events = project / "data/events/2023.yml"
    events.write_text(events.read_text("utf-8").replace("  - id: heart-talk\n", "  - id: heart-talk\n    draft: true\n"),
                      "utf-8")
    result = run_build(project, tmp_path / "site", {"WENMING_PRODUCTION": "1"})
    assert result.returncode == 0, result.log
    everything = "".join(p.read_text("utf-8-sig") for p in (result.site / "opendata").glob("*.*"))
    assert "heart-talk" not in everything and "心理疏导" not in json.dumps(
        json.loads(result.text("opendata/events.json"))["records"], ensure_ascii=False)
    assert "2023-sample-" not in everything
    published = {r["id"] for r in json.loads(result.text("opendata/honorees.json"))["records"]}
    assert published == {"2024-qian-lan", "2024-minor-lu"}   # only the fixture's entries not marked example


def test_json_files_are_the_bytes_json_dumps_writes(built):
    """opendata.indented_json makes json.dumps(…, ensure_ascii=False, indent=2) a block at a time."""
    from kit.outputs.opendata import indented_json
    for path in sorted((built.site / "opendata").glob("*.json")):
        raw = path.read_bytes()
        assert raw == (json.dumps(json.loads(raw), ensure_ascii=False, indent=2) + "\n").encode("utf-8"), path.name
    many = {"records": [{"名称": f"某镇{i}", "n": i, "x": [None, True, 1.5, {}], "\u2028": []} for i in range(3000)]}
    tricky = {"a": [1e16, -0.0, 1.5e-7, float("inf"), float("-inf"), float("nan"), 2 ** 70, -3, True, False, None],
              "s": "\"\\\n\t\x00\x1f\u2028é\U0001F600", "t": (1, [2, (3,)]), "r": [{"b": None, "c": False}, [], {}]}
    # the fast path (opendata._plain) and json's own encoder for what it does not take (keys that are not strings)
    for doc in (many, [], {}, "某县", 3, float("nan"), {"a": {"b": [[]]}}, tricky, {1: "a"}, {"a": [{1: 2}]},
                {"records": []}, [{"x": 1}, [], {}]):
        assert indented_json(doc) == (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
