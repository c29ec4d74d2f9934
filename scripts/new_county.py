"""`make new-county`: turn this fork into an empty but valid site for another county.

    python scripts/new_county.py                       # asks for each setting at a terminal (names required)
    python scripts/new_county.py --from-settings       # takes them from data/site.yml as it is now
    python scripts/new_county.py --county 某县 --short 某 --url https://wenming.example.gov.cn/ ...
                                                       # every setting as an option: needed without a terminal

Without a terminal (stdin redirected, a pipeline) it asks nothing and changes nothing unless every
setting is given as an option (or --from-settings). Record numbers (ICP, 公安备案) and contacts
start empty, never the sample's; before writing it lists every path it removes and rewrites.

Removes every sample entry, news post and photo; writes data/site.yml with the county's
settings; writes every other data file empty but valid, with one commented example of each
kind (marked `example: true`, so uncommenting it never publishes it by mistake); writes the
home text, about page, authors, share image (docs/assets/og.png) and news
category names from the settings, so no sample county text is left in any published file.
The sample county stays in tests/fixture/ (`make demo` shows it).
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml

KIT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "new_county"

# setting -> (question, command-line option)
FIELDS = {
    "county": ("县（市、区）全称，例如 某县", "--county"),
    "county_short": ("简称，用在“××好人”“书香××”里，例如 某县的简称“某”", "--short"),
    "site_url": ("网站发布地址（含子路径，以 / 结尾），例如 https://www.example.gov.cn/wenming/", "--url"),
    "department": ("主办部门，例如 中共某县委宣传部", "--department"),
    "organiser": ("承办单位，例如 某县精神文明建设指导委员会办公室", "--organiser"),
    "phone": ("联系电话（单位电话）", "--phone"),
    "email": ("电子邮箱", "--email"),
    "address": ("办公地址（到单位即可）", "--address"),
    "icp": ("ICP备案号，格式如 京ICP备12345678号-1（没有就留空）", "--icp"),
    "police_record": ("公安备案号，格式如 京公网安备 11010502000001号（没有就留空）", "--police-record"),
    "primary": ("主色（#RRGGBB，白字在上面要清楚）", "--primary"),
}


def current(root: Path) -> dict[str, str]:
    site = yaml.safe_load((root / "data/site.yml").read_text("utf-8-sig"))["site"]
    footer, colours = site.get("footer") or {}, site.get("colours") or {}
    return {"county": site.get("county", ""), "county_short": site.get("county_short", ""),
            "site_url": site.get("site_url", ""), "department": site.get("department", ""),
            "organiser": footer.get("organiser", ""), "phone": footer.get("phone", ""),
            "email": footer.get("email", ""), "address": footer.get("address", ""),
            "icp": footer.get("icp", ""), "police_record": footer.get("police_record", ""),
            "primary": colours.get("primary", "#b71c1c")}


# the names must be answered; record numbers and contacts may stay empty, and always start empty:
# another county's ICP or 公安备案 number must never be kept by pressing Enter
REQUIRED = ("county", "county_short", "site_url", "department", "organiser")
START_EMPTY = ("phone", "email", "address", "icp", "police_record")


class NoAnswer(Exception):
    """stdin ended (no terminal, or Ctrl-D) before every required setting was answered."""


def starting(values: dict[str, str], from_settings: bool) -> dict[str, str]:
    """What the questions offer: nothing of the sample county; the colour keeps its value."""
    if from_settings:
        return dict(values)
    return {k: (values[k] if k == "primary" else "") for k in FIELDS}


def ask(values: dict[str, str]) -> dict[str, str]:
    out = dict(values)
    for key, (question, _) in FIELDS.items():
        shown = f"[{values[key]}]" if values[key] else ("[必填]" if key in REQUIRED else "[可留空，直接回车]")
        while True:
            try:
                answer = input(f"{question}\n  {shown}: ").strip()
            except EOFError:
                raise NoAnswer from None
            out[key] = answer or values[key]
            if out[key] or key not in REQUIRED:
                break
            print("  这一项必须填写。")
    return out


def missing_options(given: dict[str, str]) -> list[str]:
    return [f"  {option}  {question}" for key, (question, option) in FIELDS.items() if key not in given]


def planned(root: Path) -> tuple[list[str], list[str]]:
    """(removed, written): the paths make() deletes and the paths it writes, relative to root."""
    removed = [p.relative_to(root).as_posix() for sub in ("data/events", "data/honorees", "data/villages",
               "data/stations", "data/photos", "docs/blog/posts") for p in sorted((root / sub).glob("*"))]
    written = sorted({t.relative_to(TEMPLATES).as_posix() for t in TEMPLATES.rglob("*") if t.is_file()}
                     | {"data/photos/README.txt", "mkdocs.yml", "docs/assets/og.png"})
    return removed, written


def summary(root: Path, county: str) -> str:
    removed, written = planned(root)
    lines = [f"将按“{county}”改写本仓库：", f"删除示例条目、文章和照片（{len(removed)} 个）："]
    lines += [f"  - {r}" for r in removed]
    lines += [f"写入或重写（{len(written)} 个）："] + [f"  + {w}" for w in written]
    return "\n".join(lines)


def settings(v: dict[str, str]) -> dict[str, str]:
    """Everything the templates use, derived from the answers."""
    code = re.search(r"(\d{14})", v["police_record"])
    accent = v["primary"]
    return {**v, "site_name": f"{v['county']}文明县城创建", "accent": accent,
            "site_description": f"{v['county']}文明县城创建工作公开网站：创建进展、节庆活动、书香{v['county_short']}、"
                                "文明实践、身边好人、公约承诺与历史文脉。",
            "police_record_code": code.group(1) if code else "",
            "contact": f"{v['county']}文明办 {v['phone']}".strip()}


def render(text: str, s: dict[str, str]) -> str:
    return re.sub(r"\{\{(\w+)\}\}", lambda m: str(s[m.group(1)]), text)


def quoted(s: dict[str, str]) -> dict[str, str]:
    """Values as YAML double-quoted scalars: a `#`, `:` or leading `*` in an answer stays text."""
    return {k: yaml.safe_dump(v, allow_unicode=True, default_style='"', width=10_000).strip() for k, v in s.items()}


def share_image(path: Path, colour: str) -> None:
    """A plain share image in the county's colour: no text, so nothing of another county."""
    from PIL import Image, ImageDraw

    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    img = Image.new("RGB", (1200, 630), rgb)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 560, 1200, 630), fill=(255, 255, 255))
    img.save(path, "PNG", optimize=True)


def empty(folder: Path, keep: tuple[str, ...] = ()) -> None:
    for path in sorted(folder.glob("*")):
        if path.name in keep:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def make(root: Path, values: dict[str, str]) -> None:
    s = settings(values)
    q = quoted(s)
    data, docs = root / "data", root / "docs"
    for sub in ("events", "honorees", "villages", "stations", "photos"):
        (data / sub).mkdir(parents=True, exist_ok=True)
        empty(data / sub)
    (docs / "blog" / "posts").mkdir(parents=True, exist_ok=True)
    empty(docs / "blog" / "posts")
    (data / "photos" / "README.txt").write_text("照片放在这个文件夹里，数据里写 photos/文件名.jpg。\n", "utf-8")
    for template in sorted(TEMPLATES.rglob("*")):
        if template.is_file():
            rel = template.relative_to(TEMPLATES)
            dest = root / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            text = template.read_text("utf-8")
            dest.write_text(render(text, q if rel.as_posix() == "data/site.yml" else s), "utf-8")
    mkdocs = root / "mkdocs.yml"
    text = mkdocs.read_text("utf-8")
    text = re.sub(r"(?m)^    书香[^:\n]*: reading$", f"    书香{s['county_short']}: reading", text)
    mkdocs.write_text(text, "utf-8")
    share_image(docs / "assets" / "og.png", s["primary"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="把本仓库变成一个空的、可以发布的新县网站。")
    parser.add_argument("--root", default=str(KIT), help=argparse.SUPPRESS)
    parser.add_argument("--from-settings", action="store_true", help="不提问，使用 data/site.yml 里现有的设置")
    parser.add_argument("--yes", action="store_true", help="不再确认")
    for key, (question, option) in FIELDS.items():
        parser.add_argument(option, dest=key, help=question)
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    given = {k: getattr(args, k) for k in FIELDS if getattr(args, k) is not None}
    values = starting(current(root), args.from_settings)
    values.update(given)
    terminal = sys.stdin.isatty()
    if not args.from_settings and len(given) < len(FIELDS):
        if not terminal:
            print("没有终端可以逐项询问（输入被重定向，或在流水线里运行），没有改动任何文件。\n"
                  "请把每一项设置都写成选项（可以留空的写成 ''），例如：\n"
                  "  make new-county ARGS=\"--county 某县 --short 某 --url https://www.example.gov.cn/wenming/ "
                  "--department 中共某县委宣传部 --organiser 某县文明办 --phone '' --email '' --address '' "
                  "--icp '' --police-record '' --primary '#b71c1c'\"\n缺少的选项：\n" + "\n".join(missing_options(given)))
            return 2
        print("请填写本县的设置（ICP备案号、公安备案号和联系方式没有就留空，不要用别县的）：")
        try:
            values = ask(values)
        except NoAnswer:
            print("\n输入中断，没有改动任何文件。")
            return 2
    empty_names = [FIELDS[k][1] for k in REQUIRED if not values[k].strip()]
    if empty_names:
        print(f"这些设置不能为空：{'、'.join(empty_names)}。没有改动任何文件。")
        return 2
    print(summary(root, values["county"]))
    if not args.yes and terminal:
        if input("继续吗？输入 y 确认：").strip().lower() not in ("y", "yes", "是"):
            print("已取消，没有改动任何文件。")
            return 1
    make(root, values)
    print(f"已生成 {values['county']} 的空网站。下一步：make check，然后 make serve 预览；"
          "按 data/ 各文件里注释掉的示例添加内容。")
    return 0

if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
