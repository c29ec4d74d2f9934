"""The list filter's choices come from the cards a page renders (hooks/filterform.py)."""
from __future__ import annotations

from kit.pages import filterform


def test_choices_count_cards_and_collect_years_newest_first_and_categories():
    html = (
        '<li class="wm-card" data-year="2022" data-category="节庆活动" data-title="甲">'
        '<li class="wm-card" data-year="2023" data-category="文明实践" data-title="乙">'
        '<li class="wm-card" data-category="节庆活动" data-title="丙">'
        '<li class="wm-chip">不是卡片</li>'
        '<li class="wm-card" data-year="2023" data-category="A&amp;B" data-title="丁">'
    )
    c = filterform.choices(html)
    assert c.total == 4
    assert c.years == ["2023", "2022"]
    assert c.categories == sorted(["节庆活动", "文明实践", "A&B"])


def test_no_cards_no_choices():
    assert filterform.choices("<p>空</p>") == filterform.Choices(0, [], [])
