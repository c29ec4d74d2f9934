"""`make new-county`: turn this fork into an empty but valid site for another county.

    python scripts/new_county.py                       # asks for each setting (Enter keeps the shown value)
    python scripts/new_county.py --from-settings       # takes them from data/site.yml as it is now
    python scripts/new_county.py --county 青禾县 --short 青禾 --url https://wenming.example.gov.cn/ ...

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
    "county": ("县（市、区）全称，例如 青禾县", "--county"),
    "county_short": ("简称，用在“××好人”“书香××”里，例如 青禾", "--short"),
    "site_url": ("网站发布地址（含子路径，以 / 结尾），例如 https://www.example.gov.cn/wenming/", "--url"),
    "department": ("主办部门，例如 中共青禾县委宣传部", "--department"),
    "organiser": ("承办单位，例如 青禾县精神文明建设指导委员会办公室", "--organiser"),
    "phone": ("联系电话（单位电话）", "--phone"),
    "email": ("电子邮箱", "--email"),
    "address": ("办公地址（到单位即可）", "--address"),
    "icp": ("ICP备案号，例如 滇ICP备12345678号-1（没有就留空）", "--icp"),
    "police_record": ("公安备案号，例如 滇公网安备 53000000000000号（没有就留空）", "--police-record"),
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


def ask(values: dict[str, str]) -> dict[str, str]:
    out = dict(values)
    for key, (question, _) in FIELDS.items():
        answer = input(f"{question}\n  [{values[key]}]: ").strip()
        out[key] = answer or values[key]
    return out


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
    values = current(root)
    given = {k: getattr(args, k) for k in FIELDS if getattr(args, k) is not None}
    values.update(given)
    if not args.from_settings and not given and sys.stdin.isatty():
        print("请填写本县的设置（直接回车保留方括号里的值）：")
        values = ask(values)
    if not args.yes and sys.stdin.isatty():
        print(f"\n将删除全部示例条目、文章和照片，并按“{values['county']}”重写设置和页面文字。")
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
