"""The handbook's generated pages, made from the kit itself so they cannot drift from it:

- 数据参考 (reference/index.md): every kind of the registry (hooks/kit/data/kinds/) and every field
  of its model as the web forms see it (kit/data/model/forms.py: label, hint, required, input,
  options) with the example line the check's messages give (kit/data/model/schema.py);
- 错误信息 (errors.md): the golden error cases (tests/data/golden/*/): what was written, what the
  check says;
- 套件设置 (settings.md): the kit's settings and their environment variables (kitconfig.reference()).

Plain functions returning Markdown; handbook/hooks/handbook.py puts them into the build and
tests/site/test_handbook.py checks them against the registry."""
from __future__ import annotations

import re
from pathlib import Path

from kit.data import kinds, kitconfig
from kit.data.model import schema
from kit.data.model.forms import FormField, form

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"

INPUTS = {"text": "一行文字", "longtext": "多行文字", "slug": "编号（小写字母、数字和 -）", "date": "日期",
          "bool": "是否（true / false）", "int": "整数", "number": "数字", "choice": "从列出的值中选一个",
          "textlist": "文字的列表", "datelist": "日期的列表", "object": "一组字段（见下面的缩进项）",
          "objectlist": "多项，每项一组字段（见下面的缩进项）", "photo": "照片（src、alt、caption）",
          "photolist": "多张照片"}


def cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def example(kind: kinds.Kind, path: list[str]) -> str:
    name = path[-1]
    inside = path[-2] if len(path) > 1 else kind.key
    line = schema.EXAMPLES_IN.get((inside, name)) or schema.EXAMPLES.get(name) or kind.examples.get(name, "")
    return f"`{line}`" if line else ""


def rows(kind: kinds.Kind, fields: tuple[FormField, ...], path: list[str]) -> list[str]:
    out = []
    for f in fields:
        here = path + [f.name]
        what = INPUTS[f.kind] + (f"：{'、'.join(o or '（空）' for o in f.options)}" if f.options else "")
        if f.min_items:
            what += f"，至少 {f.min_items} 项"
        out.append(f"| `{'.'.join(here)}` | {cell(f.label)} | {'是' if f.required else '否'} | {cell(what)} "
                   f"| {cell(f.hint)} | {cell(example(kind, here))} |")
        out += rows(kind, f.children, here)
    return out


def where(kind: kinds.Kind) -> str:
    if kind.folder:
        return f"`data/{kind.folder}/` 里的每个 `.yml` 文件，键 `{kind.key}:` 下的列表"
    if kind.within:
        return f"`{kind.sources()[0]}` 里 `{kinds.by_name(kind.within).key}:` 下的 `{kind.key}:` 列表"
    return f"`{kind.sources()[0]}`，键 `{kind.key}:`" + ("" if kind.single else " 下的列表")


def reference() -> str:
    lines = ["# 字段参考", "",
             "这一页由套件自己生成（`handbook/hooks/generate.py`）：栏目来自登记表 `hooks/kit/data/kinds/`，",
             "字段的名称、说明、是否必填和填写方式来自模型（网页表单和 Excel 模板用的是同一份），示例和错误提示里的示例相同。",
             "嵌套的字段写成 `上一级.字段`，例如 `figures.label` 是 `figures` 列表里每一项的 `label`。",
             "各栏目的完整示例和写法见[各栏目的补充说明](notes.md)，编辑的操作步骤见[编辑指南](../guide/index.md)。", ""]
    for kind in kinds.all_kinds():
        lines += [f"## {kind.label} {{#{kind.name}}}", "", f"位置：{where(kind)}。"
                  + (f"每一项有自己的页面，网址 `/{kind.url}/编号/`。" if kind.url else ""), "",
                  '<div class="hb-fields" markdown>', "",
                  "| 字段 | 名称 | 必填 | 填写 | 说明 | 示例 |", "| --- | --- | --- | --- | --- | --- |"]
        lines += rows(kind, form(kind.model), []) + ["", "</div>", ""]
    return "\n".join(lines)


def title(said: str) -> str:
    """A case's heading: the first clause of its first message (no output: it is accepted)."""
    if not said:
        return "可以这样写"
    first = said.splitlines()[0].split(": ", 2)[-1]
    first = re.sub(r"^[\w.\[\]]+: ", "", first)      # the field's path, as in honorees[0].summary
    head = first.split("。")[0]
    return cell(head if len(head) <= 40 else head[:40] + "……").replace("#", "＃")


def errors() -> str:
    lines = ["# 错误信息", "",
             "`make check`、预览和发布时的检查，对常见的写错会说些什么。每一例是一个真实的测试用例",
             "（`tests/data/golden/` 里的一个文件夹）：上面是写进文件的内容，下面是检查给出的每一行；",
             "这一页由这些用例生成，所以和检查的实际输出逐字相同。", "",
             "格式：`文件:行:列: 错误: 字段: 说明`。“提示”不挡住发布，“错误”要改好后网站才会生成。", ""]
    for case in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        said = (case / "expected.txt").read_text("utf-8").strip()
        lines += [f"## {title(said)} {{#{case.name}}}", "", f"用例 `tests/data/golden/{case.name}/`", ""]
        for src in sorted(p for p in case.rglob("*") if p.is_file() and p.name not in ("expected.txt", "production")):
            try:
                text = src.read_text("utf-8").rstrip("\n")
            except UnicodeDecodeError:
                text = "（这个文件不是 UTF-8 编码，例如用 GBK 保存的）"
            if len(text.splitlines()) > 25:
                text = "\n".join(text.splitlines()[:25] + ["……"])
            lines += [f"`{src.relative_to(case).as_posix()}`" + ("（正式发布的构建）" if (case / "production").exists() else "")
                      + "：", "", "```yaml" if src.suffix == ".yml" else "```text", text, "```", ""]
        lines += ["检查的结果：", "", "```text", said or "（没有错误，也没有提示：这样写是可以的）", "```", ""]
    return "\n".join(lines)


def settings() -> str:
    lines = ["# 套件设置", "",
             "套件自己的设置（`hooks/kit/data/kitconfig.py`），每一项都可以用环境变量改，例如流水线里设",
             "`WENMING_PRODUCTION=1`。县里的网站设置（名称、地址、页脚、颜色）不在这里，在 `data/site.yml`：",
             "见[字段参考](reference/index.md#settings)。这一页由 `kitconfig.reference()` 生成。", "",
             '<div class="hb-settings" markdown>', "",
             "| 设置 | 环境变量 | 默认值 | 说明 |", "| --- | --- | --- | --- |"]
    for name, env, default, meaning in kitconfig.reference():
        lines.append(f"| `{name}` | `{env}` | `{cell(default)}` | {cell(meaning)} |")
    return "\n".join(lines + ["", "</div>"]) + "\n"
