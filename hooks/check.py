"""`python hooks/check.py [project-root]`: check every data file and news post without building the site.

Prints every problem, one line each (file:line:col: 错误: field: message; the 错敏 check's
file:line:col: 错误|提示: …，应为“…”), and exits 1 if there is any; then the site-health reminders (kit/data/rules/health.py), which never
fail this command (the publishing pipeline fails on them when site.health.fail is set). Imports no MkDocs, so it runs in a fraction of a
second; the same checks run first in every build. Also a pre-commit hook
(see the handbook, handbook/docs/editors/checks.md).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kit.data import kinds, project  # noqa: E402
from kit.data.rules import postloads
from kit.data.clock import build_date, production  # noqa: E402
from kit.data.errors import DataInvalid  # noqa: E402
from kit.data.rules.health import VETO, news_dates, warnings  # noqa: E402


def main(argv: list[str]) -> int:
    root = Path(argv[1]).resolve() if len(argv) > 1 else Path(__file__).resolve().parent.parent
    pages = postloads.scan(root / "docs", root).lines()    # nothing loads from another host
    try:
        data, news = project.check(root, build_date(), production())
    except DataInvalid as exc:
        lines = exc.report.lines()
        print("\n".join(lines + pages))
        what = "个错误" if not pages else f"个错误（数据和文章 {len(lines)} 个，外站加载 {len(pages)} 个）"
        print(f"共发现 {len(lines) + len(pages)} {what}。请按每一行的提示修改后重试。")
        return 1
    if pages:
        print("\n".join(pages))
        print(f"工作动态文章和页面有 {len(pages)} 个错误。请按每一行的提示修改后重试。")
        return 1
    for line in data.withheld + list(news.withheld.values()) + news.notes:
        print(line)
    health = warnings(data, news_dates(root / "docs" / "blog" / "posts"), data.today)
    for line in health:
        print(line)
    reminder = ""
    if health:
        vetoes = sum(line.startswith(VETO) for line in health)
        stops = data.settings.health.fail or (data.settings.health.veto and vetoes)
        reminder = (f"网站健康提醒 {len(health)} 条" + (f"，其中单项否决 {vetoes} 条" if vetoes else "") + "（"
                    + ("按 data/site.yml 的 health 设置，发布流水线会因此停止" if stops else "只是提醒，不影响生成网站")
                    + "）。")
    counts = [k.tally.format(n=len(data.entries(k))) for k in kinds.all_kinds() if k.tally]
    print(f"数据检查通过：{'，'.join(counts + [f'{len(news.public())} 篇工作动态'])}。{reminder}")
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv))
