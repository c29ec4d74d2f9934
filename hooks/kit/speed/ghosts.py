"""Unchanged entry pages left out of MkDocs' page work in a rebuild: in `files`, but not as pages.

After one changed line nearly every entry page is one the last build made from the same inputs,
and its stored page is in the output cache (pageskip.py skips its `_populate_page` and
`_build_page`). MkDocs would still make a `File` and a `Page` for each (the URLs, the build date)
and run its two loops over ten thousand pages. Here such a page is handed to MkDocs in on_files
as a `GhostFile` at the place its file would have had: the same source path, URL and destination, so
links to it from posts and pages resolve and are checked as before (an entry page has no anchors: the
anchor check finds none, as for a real one), but not a documentation page, so MkDocs makes no page
for it and copies nothing. Its stored page goes into the site with the others (moved back from the
last build's folder, or written from the cache); sitemap.xml lists it (`GLOBAL`, overrides/sitemap.xml)
and the page dates know its URL (publishing.prepare).

A page is a ghost when the last build noted (`record`) for its source path the same inputs:
its meta, packed body and the preview's errors (`local`), checked in on_files; the site signature and
its page date, known only in on_nav, are checked there (`settle`): a ghost that differs becomes the
real file again, at the same place in `files`. Only where every handler of every event is the kit's
hook module or Material's search or blog plugin (a county hook or another plugin would see the files
and pages): pageskip.known_handlers_only. MkDocs' internals (Files' dict, File's cached properties):
only behind the version guard (`TESTED`).
"""
from __future__ import annotations

import os
import posixpath
from typing import NamedTuple

from mkdocs.structure.files import File, InclusionLevel

from kit.speed import bodies, sitefolder
from kit.speed.pageskip import known_handlers_only
from kit.speed.stores import Store, key

GLOBAL = "wenming_ghost_pages"     # the template global overrides/sitemap.xml adds to `pages`


class Record(NamedTuple):
    local: str          # key of the meta, packed body and errors
    site: str           # the site signature
    day: str            # the page date (str of publishing's date, "None" if none)
    url: str
    dest_uri: str
    canonical_url: str | None
    abs_url: str | None
    output: str         # key of the stored page
    generated_by: str | None


class GhostPage:
    """What sitemap.xml and MkDocs' anchor check read of an entry page."""
    is_link = False

    def __init__(self, file: GhostFile, rec: Record) -> None:
        self.file = file
        self.url = rec.url
        self.canonical_url = rec.canonical_url
        self.abs_url = rec.abs_url
        self.present_anchor_ids: set[str] = set()    # as render_blank leaves an entry page


class GhostFile(File):
    """An unchanged entry page's file: found by its path, never built or copied."""

    def __init__(self, src_uri: str, config, rec: Record) -> None:   # not File.__init__: nothing to derive
        self.src_uri = src_uri
        self.src_dir = None
        self.dest_dir = config["site_dir"]
        self.use_directory_urls = config["use_directory_urls"]
        self.inclusion = InclusionLevel.NOT_IN_NAV
        self.generated_by = rec.generated_by
        self.__dict__.update(dest_uri=rec.dest_uri, url=rec.url)    # File's cached properties
        self.page = GhostPage(self, rec)
        self.record = rec

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        pass


def local(src_uri: str, meta_json: str, errors: str, content: bytes) -> str:
    return key("ghost", src_uri, meta_json, errors, content)


class Ghosts:
    def __init__(self, store: Store, output) -> None:
        self.store = store              # source path -> Record of the last build
        self.output = output            # OutputCache
        self.on: bool | None = None
        self.pending: dict[str, tuple[GhostFile, bytes, object]] = {}   # until settled: file, body, inclusion
        self.files: list[GhostFile] = []

    def take(self, config, src_uri: str, body: bytes, inclusion, meta_json: str, errors: str) -> GhostFile | None:
        """In on_files: a ghost for this entry page, if the last build made it from the same inputs."""
        if self.on is None:
            self.on = self.output.store.reader is not None and known_handlers_only(config, tuple(config.plugins.events))
        rec = self.store.old.get(src_uri) if self.on and inclusion == InclusionLevel.NOT_IN_NAV else None
        if rec is None or rec.output not in self.output.store.old or rec.output in self.output.store.new:
            return None
        if rec.local != local(src_uri, meta_json, errors, body):
            return None
        ghost = GhostFile(src_uri, config, rec)
        self.pending[src_uri] = (ghost, body, inclusion)
        return ghost

    def urls(self) -> list[tuple[str, str]]:
        """(URL, source path) of every ghost, for the page dates."""
        return [(g.url, src) for src, (g, _, _) in self.pending.items()]

    def settle(self, files, config) -> None:
        """In on_nav, once the site signature and the page dates are known: a ghost whose differ
        from the last build's becomes the real file, at its place in `files`."""
        days = config.extra.get("wenming_updated") or {}
        for src, (ghost, body, inclusion) in self.pending.items():
            rec = ghost.record
            if rec.site == self.output.site and rec.day == str(days.get(rec.url)) and files.src_uris.get(src) is ghost:
                self.store.get(src)         # carried over to the next build
                self.files.append(ghost)
                continue
            files._src_uris[src] = bodies.PackedFile.generated(config, src, content=body, inclusion=inclusion)
        self.pending = {}

    def write(self, files, hosts) -> None:
        """At the end of on_env: the ghosts' stored pages into the site, as the render worker writes
        other stored pages (moved back from the last build's folder when untouched). Their folders hold
        that page alone (moved back only so: sitefolder._folder_back) unless another file of the build
        goes there: the others the host check need not walk into."""
        hosts.page_folders = self._alone(files)
        out, store = self.output, self.output.store
        places = []
        for ghost in self.files:
            k, dest = ghost.record.output, os.path.normpath(os.path.join(ghost.dest_dir, ghost.dest_uri))
            places.append((dest, *store.old[k], out.placed.unchanged(dest, k)))
            store.keep(k)
            out.written[dest] = k
        if places:
            sitefolder.write_stored(store.folder / store.old_blob, sections(places, out.placed))

    def _alone(self, files) -> frozenset[str]:
        folders = {posixpath.dirname(g.dest_uri) for g in self.files}
        for f in files:
            if not isinstance(f, GhostFile):
                folder = posixpath.dirname(f.dest_uri)
                while folder:
                    folders.discard(folder)
                    folder = posixpath.dirname(folder)
        return frozenset(folders)

    def record(self, page, config, k: str, meta_json: str, errors: str) -> None:
        """A page that went through MkDocs (or pageskip) to stored page k: the next build may make it a ghost."""
        content = getattr(page.file, "_content", None)
        if not isinstance(content, bytes) or not self.output.site:
            return
        day = (config.extra.get("wenming_updated") or {}).get(page.url)
        f = page.file
        self.store.put(f.src_uri, Record(local(f.src_uri, meta_json, errors, content), self.output.site, str(day),
                                         f.url, f.dest_uri, page.canonical_url, page.abs_url, k, f.generated_by))


def sections(places: list, placed) -> list:
    """A section's folder (the site's honorees/, events/ …) goes back from the last build's folder
    whole when it holds ghost pages, each alone in its folder (name/index.html) and untouched
    (Placed.unchanged found it): one rename for thousands of pages. What else it holds goes back
    to the trash at once, where the build looks for the pages it moves back one by one (theme.py)
    and whence the rest is deleted. Before anything else is written into the site. Returns the
    places still to write."""
    groups: dict[str, list] = {}
    rest = []
    for place in places:
        dest, prev = place[0], place[3]
        folder = os.path.dirname(dest)
        if prev is None or os.path.basename(dest) != "index.html" or os.path.basename(prev) != "index.html":
            rest.append(place)
            continue
        groups.setdefault(os.path.dirname(folder), []).append((os.path.basename(folder), place))
    for top, members in groups.items():
        old = sitefolder.previous(top)
        if old is None or len(members) < SECTION or os.path.lexists(top):
            rest += [place for _, place in members]
            continue
        keep = set()
        for name, place in members:
            if placed.alone(os.path.join(top, name), os.path.join(old, name)) and \
                    os.path.dirname(place[3]) == os.path.join(old, name):
                keep.add(name)
            else:
                rest.append(place)
        try:
            os.rename(old, top)
        except OSError:
            rest += [place for name, place in members if name in keep]
            continue
        os.mkdir(old)
        with os.scandir(top) as entries:
            others = [entry.name for entry in entries if entry.name not in keep]
        for name in others:
            os.rename(os.path.join(top, name), os.path.join(old, name))
    return rest


SECTION = 8     # ghosts in a section from which its folder goes back whole
