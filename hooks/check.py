"""`python hooks/check.py`: check every data file without building the site.

Prints every problem, one line each, and exits 1 if there is any.
Also usable as a pre-commit hook (see README).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
from errors import DataInvalid  # noqa: E402
from wenming import build_date  # noqa: E402


def main(argv: list[str]) -> int:
    root = Path(argv[1]).resolve() if len(argv) > 1 else Path(__file__).resolve().parent.parent
    production = os.environ.get("WENMING_PRODUCTION", "") == "1"
    try:
        data = dataset.build(root / "data", root, build_date(), production)
    except DataInvalid as exc:
        print(exc)
        return 1
    for line in data.withheld:
        print(f"提示: {line}")
    print(f"数据检查通过：{len(data.events)} 个活动，{len(data.honorees)} 位好人，"
          f"{len(data.villages)} 个村（社区）公约。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
