"""The 公示 board: every honour with a notice window, now or past, from the honorees' own data.

An honour 公示中 whose window has not ended is on notice now (one whose window starts later is
announced with its dates); any public honour with a window that has ended is a past notice with
its outcome. A 公示中 honour whose window has ended is 结果待公布, and site health reminds the
editor to record the outcome (kit/data/rules/health.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kit.data.model.models import Award, Honoree, Honour


@dataclass(frozen=True)
class Notice:
    honoree: Honoree
    honour: Honour
    award: Award
    state: str          # 公示中 | 即将公示 | 已结束
    outcome: str        # for an ended notice: 已入选 / 已授予 / 结果待公布

    @property
    def start(self) -> dt.date:
        return self.honour.notice_start

    @property
    def end(self) -> dt.date:
        return self.honour.notice_end


def _state(honour: Honour, today: dt.date) -> tuple[str, str]:
    if honour.status == "公示中" and honour.notice_end >= today:
        return ("即将公示" if honour.notice_start > today else "公示中"), ""
    if honour.status == "公示中":
        return "已结束", "结果待公布"
    return "已结束", f"已{honour.status}"


def notices(honorees: list[Honoree], awards: dict[str, Award], today: dt.date) -> list[Notice]:
    """Every notice of published honorees (their public honours only), in no particular order."""
    out = []
    for h in honorees:
        for honour in h.honours:
            if honour.notice_start and honour.notice_end and honour.award in awards:
                state, outcome = _state(honour, today)
                out.append(Notice(h, honour, awards[honour.award], state, outcome))
    return out


def board(honorees: list[Honoree], awards: dict[str, Award], today: dt.date) -> dict[str, list[Notice]]:
    """current: on notice now or soon, ending soonest first; past: newest end first."""
    found = notices(honorees, awards, today)
    current = sorted((n for n in found if n.state != "已结束"), key=lambda n: (n.end, n.start, n.honoree.id))
    past = sorted((n for n in found if n.state == "已结束"), key=lambda n: (n.end, n.honoree.id), reverse=True)
    return {"current": current, "past": past}
