"""公示: 公示中 with the objection contact inside the window; after notice_end the page says
公示期已结束 and no longer asks for objections (the check reminds the editor to record the outcome)."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURE, ROOT
from kit.data.dataset import build as build_dataset
from kit.pages import charts, plan, render


def honoree_page(today: dt.date, honoree: str) -> str:
    data = build_dataset(FIXTURE / "data", FIXTURE, today, False)
    env = render.environment(ROOT / "overrides" / "content")
    env.filters.update(charts.FILTERS)
    env.globals["picture"] = lambda photo: None
    spec = next(s for s in plan.specs(data) if s.src_uri == f"honorees/{honoree}.md")
    return render.render(env, spec.template, spec.src_uri, d=data, **spec.context)


@pytest.mark.parametrize("today,open_", [(dt.date(2023, 11, 22), True), (dt.date(2023, 11, 26), True),
                                         (dt.date(2023, 11, 27), False)])
def test_notice_window_open_then_ended(today: dt.date, open_: bool) -> None:
    html = honoree_page(today, "2023-sample-he")
    assert (">公示中<" in html) is open_
    assert ("如有异议" in html) is open_
    assert ("公示期已结束" in html) is not open_
    assert "2023年11月20日至2023年11月26日" in html
