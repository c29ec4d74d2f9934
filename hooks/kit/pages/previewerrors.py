"""`mkdocs serve` after the data went wrong: every page of the preview shows the errors.

MkDocs' preview reloads the browser only after a build that succeeds, so a data error used to
leave the editor's page spinning with the message in a terminal they may not watch. In the
preview (never in a real build, which still stops), once one build has succeeded, a build with
errors shows the last good content with this list on top of every page; saving the fix
reloads the page without it.
"""
from __future__ import annotations

from markupsafe import escape


def banner(lines: list[str]) -> str:
    """The list of errors for the top of a page; nothing when there is none."""
    if not lines:
        return ""
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in lines)
    return (f'<div class="wm-preview-errors" role="alert"><p><strong>预览提示：发现 {len(lines)} 个错误，'
            f"下面是上一次检查通过时的内容。</strong>请按每一行的提示修改，保存后这个页面会自动刷新。"
            f"正式发布时，有错误的提交不会上线。</p><ol>{items}</ol></div>\n")
