#!/usr/bin/env python3
"""`make export [DIR=导出]`: the current data as the import sheets, one .xlsx per kind of list
entry (活动、好人、村、阵地), with every entry (drafts, examples and withheld ones too: the
workbooks are internal) and its file in 所在文件. Change cells, add rows, and
`make import FILE=导出/好人名单.xlsx` brings the changes back: unchanged rows change nothing."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

import yaml  # noqa: E402

from kit.data.model.labels import KINDS  # noqa: E402
from kit.data.model.schema import FOLDERS  # noqa: E402
from kit.editing import export  # noqa: E402


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "导出")
    root = Path(argv[2]) if len(argv) > 2 else Path(__file__).resolve().parent.parent
    for kind in FOLDERS:
        path = out / export.file_name(kind)
        try:
            n = export.export(root / "data", kind, path)
        except yaml.YAMLError as exc:
            print(f"data/{kind}/ 里有文件不是正确的 YAML，请先运行 make check 改好：{exc}")
            return 1
        print(f"已导出 {path}：{KINDS[kind]} {n} 个")
    print("导出的表格含草稿、示例和未公开的内容，只供单位内部使用，请不要对外发送。")
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv))
