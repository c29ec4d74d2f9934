"""mammoth's HTML of a Word article into the post's Markdown: markdownify for the prose, the
kit's own rules for tables.

A Word table becomes a Markdown pipe table (the `tables` extension of mkdocs-base.yml; Material
styles it): its first row is the header, a cell's paragraphs and line breaks become <br>, bold
stays **bold**, `|` is escaped. A merged cell cannot be merged in Markdown: its text goes in its
first (top-left) place, the places it covered stay empty, and a note names the table and the
cell. A table of one cell, or of pictures only (pictures laid out side by side), is unwrapped.
A table inside a table cannot be shown: it is a problem naming both, and nothing is imported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import Tag
from markdownify import ATX, MarkdownConverter

LINE_START = re.compile(r"^(\d+)\.(?=\s)|^([-+*#>])(?=\s)", re.MULTILINE)


@dataclass
class Result:
    markdown: str
    tables: int = 0
    notes: list[str] = field(default_factory=list)      # shown after the import
    problems: list[str] = field(default_factory=list)   # nothing is imported


def own_rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def span(cell: Tag, name: str) -> int:
    value = str(cell.get(name, "1"))
    return max(1, min(int(value), 100)) if value.isdigit() else 1


class Converter(MarkdownConverter):
    class Options:
        heading_style = ATX
        bullets = "-"
        escape_underscores = False        # Chinese text has no use for _emphasis_; keep names like a_b as typed
        sup_symbol = "<sup>"
        sub_symbol = "<sub>"

    def __init__(self, **options):
        super().__init__(**options)
        self.result = Result("")

    # Prose --------------------------------------------------------------------------------
    def convert_p(self, el, text, parent_tags):
        text = re.sub(r"^[\u3000\xa0 ]+", "", text.strip("\n"))  # indents typed with full-width spaces
        if "_inline" not in parent_tags:
            text = LINE_START.sub(lambda m: f"{m[1]}\\." if m[1] else f"\\{m[2]}", text)
        return super().convert_p(el, text, parent_tags)

    def convert_a(self, el, text, parent_tags):
        href = str(el.get("href") or "")
        if href.startswith("#"):                 # bookmarks, footnote marks: text only, no back arrows
            return "" if text.strip() == "↑" else text
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        return f"![{el.get('alt') or ''}]({el.get('src') or ''})"

    def convert_s(self, el, text, parent_tags):   # no strikethrough extension: keep the words
        return text

    convert_del = convert_s

    def convert_br(self, el, text, parent_tags):
        if parent_tags & {"td", "th"}:
            return "<br>"
        return super().convert_br(el, text, parent_tags)

    # Tables -------------------------------------------------------------------------------
    def convert_table(self, el, text, parent_tags):
        if el.find_parent("table") is not None:
            return text                          # the outer table reports it
        self.result.tables += 1
        grid, merged, nested = self.grid(el)
        name = self.table_name(self.result.tables, grid)
        for r, c in nested:
            self.result.problems.append(f"{name}第{r}行第{c}列里还套着一个表格，网页上的表格不能嵌套。"
                                        "请在 Word 里把里面的表格移到大表格外面（或改成文字），再重新导入。")
        cells = [cell for row in grid for cell in row if cell]
        if len(grid) == 1 and len(grid[0]) == 1 or all(re.fullmatch(r"(!\[[^\]]*\]\([^)]*\)(<br>)?)+", c)
                                                       for c in cells):
            return "\n\n" + "\n\n".join(c.replace("<br>", "\n\n") for c in cells) + "\n\n"
        for r, c, text_ in merged:
            self.result.notes.append(f"{name}第{r}行第{c}列（“{text_[:12]}”）是合并单元格。Markdown 表格不能合并单元格，"
                                     "内容放在了合并区域的第一格，其余格留空；请打开文章看看是否通顺。")
        width = max(len(row) for row in grid)
        lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in grid]
        lines.insert(1, "| " + " | ".join(["---"] * width) + " |")
        return "\n\n" + "\n".join(lines) + "\n\n"

    def grid(self, table: Tag) -> tuple[list[list[str]], list[tuple[int, int, str]], list[tuple[int, int]]]:
        """The table's text cells by place (a merged cell's text in its first place), the merged
        cells and the cells holding another table, each as (row, column) counted from 1."""
        grid: list[list[str]] = []
        merged, nested = [], []
        below: dict[tuple[int, int], bool] = {}        # places covered by a cell of a row above
        for r, tr in enumerate(own_rows(table)):
            row: list[str] = []
            for td in (c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr):
                while below.get((r, len(row))):
                    row.append("")
                c, cols, rows = len(row), span(td, "colspan"), span(td, "rowspan")
                if td.find("table"):
                    nested.append((r + 1, c + 1))
                text = self.cell(td)
                if cols > 1 or rows > 1:
                    merged.append((r + 1, c + 1, re.sub(r"<br>|\*\*", "", text)))
                row += [text] + [""] * (cols - 1)
                for dr in range(1, rows):
                    for dc in range(cols):
                        below[(r + dr, c + dc)] = True
            while below.get((r, len(row))):
                row.append("")
            grid.append(row)
        keep = [row for i, row in enumerate(grid) if i == 0 or any(row)]   # drop empty rows below the header
        return keep or [[""]], merged, nested

    def cell(self, td: Tag) -> str:
        """One cell as one line of Markdown: paragraphs and line breaks as <br>, `|` escaped."""
        parts = []
        for child in td.children:
            if isinstance(child, Tag) and child.name == "table":
                continue
            md = self.process_element(child, parent_tags={"td", "_inline"})
            parts += [line.strip() for line in md.replace("<br>", "\n").splitlines()]
        return "<br>".join(p for p in parts if p).replace("|", r"\|")

    @staticmethod
    def table_name(n: int, grid: list[list[str]]) -> str:
        head = "、".join(re.sub(r"<br>|\*\*|\\", "", c)[:8] for c in grid[0] if c)[:30]
        return f"第{n}个表格（第一行：{head}）" if head else f"第{n}个表格"


def markdown(html: str) -> Result:
    converter = Converter()
    text = converter.convert(html)
    converter.result.markdown = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return converter.result


# ---- after the conversion: captions as alt text, the excerpt's end -------------------------------
IMAGE_BLOCK = re.compile(r"^!\[([^\]]*)\]\(([^)\s]+)\)$")
GENERIC = re.compile(r"^\s*(?:稿件配图|配图|图片|图|照片|picture|image|img)?\s*\d*\s*$|^[\w-]+\.(?:jpe?g|png|gif|bmp)$", re.I)
CAPTION_MARK = re.compile(r"^(?:[▲△↑]\s*|图\s*\d*\s*[：:]\s*|（图\s*\d*）\s*)")
NOT_PROSE = ("#", "|", "![", "- ", "* ", ">", "<", "```")


def _prose(block: str) -> bool:
    return bool(block.strip()) and not block.startswith(NOT_PROSE) and not re.match(r"^\d+\. ", block)


def _caption(block: str, strict: bool) -> str:
    """The caption text of a paragraph that looks like one (short, one line; before a picture only
    when marked 图/▲), else ""."""
    text = re.sub(r"\*\*|\\(?=[-+*#>.])", "", block).strip()
    marked = bool(CAPTION_MARK.match(text)) or text.startswith("图为")
    if not _prose(block) or "\n" in text or len(text) > 60 or (strict and not marked):
        return ""
    if not marked and (len(text) > 30 or text.endswith(("。", "！", "？", "：", "；", "，"))):   # a sentence of the article
        return ""
    return CAPTION_MARK.sub("", text).strip().replace("]", "］")


def captions(result: Result) -> str:
    """Each picture without a telling alt text takes the caption beside it: the paragraph after
    it, else a marked one (图：…, ▲…) before it."""
    blocks = result.markdown.strip().split("\n\n")
    used: set[int] = set()       # a caption belongs to one picture: the one above it, if that has none
    for i, block in enumerate(blocks):
        m = IMAGE_BLOCK.match(block)
        if not m or not GENERIC.match(m[1]):
            continue
        after = _caption(blocks[i + 1], False) if i + 1 < len(blocks) else ""
        before = "" if i - 1 in used or i < 1 or i > 1 and IMAGE_BLOCK.match(blocks[i - 2]) else _caption(blocks[i - 1], True)
        alt = after or before
        if alt:
            used.add(i + 1 if after else i - 1)
            blocks[i] = f"![{alt}]({m[2]})"
    return "\n\n".join(blocks) + "\n"


def excerpt(markdown: str) -> str:
    """`<!-- more -->` after the first paragraph, so the news list shows it and not the whole article."""
    blocks = markdown.strip().split("\n\n")
    first = next((i for i, b in enumerate(blocks) if _prose(b) and not CAPTION_MARK.match(b)), None)
    if first is None or first == len(blocks) - 1:
        return markdown
    return "\n\n".join(blocks[: first + 1] + ["<!-- more -->"] + blocks[first + 1:]) + "\n"


def missing_alts(markdown: str) -> list[str]:
    """A note for each picture still without a telling alt text."""
    return [f"第{n}张图片没有说明文字（读屏软件读给盲人听的就是它）。请在文章里 ![ ] 的方括号中写出图片内容，"
            f"或在 Word 里给图片下面加一行图片说明后重新导入。"
            for n, m in enumerate(re.finditer(r"!\[([^\]]*)\]\(", markdown), start=1) if GENERIC.match(m[1])]
