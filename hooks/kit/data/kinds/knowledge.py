"""应知应会: data/knowledge.yml, the topics, slogans and hotlines, and the quiz on its own page."""
from __future__ import annotations

from kit.data.model.civic import Knowledge
from kit.data.rules.civicchecks import knowledge_checks
from kit.data.kinds import Checking, Kind, Section

def check(c: Checking) -> None:
    knowledge_checks(c.loaded, c.prefix + KIND.file, c.report)


def _topic_choices(d) -> tuple[list[tuple[str, str]], str]:
    return [(t.id, t.title) for t in d.knowledge.topics], "找不到这个知识要点。请从列表里选择应知应会里已有的主题，或者不填"


KIND = Kind(
    check=check,
    name="knowledge", label="应知应会", model=Knowledge, file="knowledge.yml", single=True, order=80, health=False,
    sections=(Section("knowledge/index.md", "section-knowledge.html", layout="knowledge.html",
                      title_of=lambda d: d.knowledge.title, order=8),
              Section("knowledge/quiz/index.md", "section-quiz.html", layout="quiz.html", in_nav=False,
                      title_of=lambda d: d.knowledge.quiz_title, context="quiz_letters", order=9)),
    choices={"questions.topic": _topic_choices},
    examples={"topics.id": "id: core-values", "topics.title": "title: 社会主义核心价值观"},
)
