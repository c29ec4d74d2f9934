"""What the build lets go of as soon as it is done with it: the cold build's peak of memory.

The render worker forks at on_env (kit/speed/theme.py) and shares the build's memory until one
of the two writes to a page of it; from then on both hold a copy. Whatever the build still holds
at the fork and does not need any more costs memory in both processes as the build's own new
objects land in its freed space. Let go before the fork (fork.frozen hands the freed memory back
to the system first): each packed page body once MkDocs has read the page (and the body cache,
saved at once, which held them all too), and the generated output files (open data, feeds) the
build has finished: written now, exactly as MkDocs would write them a moment later, and then
left for MkDocs to find in place. Measured at 10,000 entries: 28 MB of bodies, 18 MB of files.
"""
from __future__ import annotations

from collections import Counter

from mkdocs.structure.files import File, Files

from kit.speed.bodies import PackedFile
from kit.speed.stores import Store, squeeze, unsqueeze


def page_read(page) -> None:
    """After on_page_content: MkDocs never reads a page's source again."""
    if isinstance(page.file, PackedFile):
        page.file.release()


def store_saved(store: Store) -> None:
    """A store the build will not use again: saved now, its entries let go (not to be saved again)."""
    store.save()
    store.old = store.new = {}


def files_written(files: Files) -> None:
    """At the end of on_env: the generated files MkDocs is about to copy (Files.copy_static_files,
    right after on_env) are written now and become files already where they belong, which MkDocs'
    copy then leaves as they are (File.copy_file: "plugins write directly into site_dir"). Not a
    file MkDocs would leave out (excluded: copied only by `mkdocs serve`), nor one whose place another
    file also has (MkDocs' order decides which is written last)."""
    places = Counter(f.dest_uri for f in files)
    for f in files:
        if f.is_documentation_page() or getattr(f, "_content", None) is None:
            continue
        if f.inclusion.is_included() and places[f.dest_uri] == 1:
            File.copy_file(f)
            f._content = None
            f.abs_src_path = f.abs_dest_path


class Contents:
    """Entry pages' content (the HTML MkDocs puts into the theme's template) from on_page_content to
    on_page_context, packed: MkDocs keeps every page's content from its first pass over the pages to
    the second, and the render worker forks in between (10,000 entries: 30 MB as strings, a fifth
    packed). Unpacked for the theme before any plugin reads it (`restore`, first in on_page_context).
    Only when a worker may fork (`on`): on one core the packing would be work for nothing."""

    def __init__(self, on: bool = True) -> None:
        self.on = on
        self.packed: dict[str, bytes] = {}

    def hold(self, page, html: str) -> str:
        if not self.on:
            return html
        self.packed[page.url] = squeeze(html.encode("utf-8"))
        return ""

    def restore(self, page) -> None:
        packed = self.packed.pop(page.url, None)
        if packed is not None:
            page.content = unsqueeze(packed).decode("utf-8")
