"""文明实践: data/practice.yml, the practice centre's programmes and the 学雷锋 service stations."""
from __future__ import annotations

from kit.data.kinds import Kind, Section
from kit.data.model.models import Practice

KIND = Kind(
    name="practice", label="文明实践", model=Practice, file="practice.yml", single=True, order=40, health=False,
    sections=(Section("practice/index.md", "section-practice.html", "文明实践", layout=None,
                      context="practice_limit", order=4),),
)
