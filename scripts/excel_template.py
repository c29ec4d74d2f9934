#!/usr/bin/env python3
"""`make excel-template [DIR=导入模板]`: one .xlsx per kind of list entry (活动、好人、村规民约),
made from the models: Chinese column headers, a 说明 sheet, dropdowns, date columns."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from kit.data.model.schema import FOLDERS  # noqa: E402
from kit.editing import export, sheets  # noqa: E402


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "导入模板")
    for kind in FOLDERS:
        path = sheets.template(kind, out / export.file_name(kind))
        print(f"已生成 {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
