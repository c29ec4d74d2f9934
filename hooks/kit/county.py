"""The county's own places, which `make upgrade` never touches (kit-files.txt marks them):

- `overrides/county/`: templates of the county's own. One with the name of a kit or Material
  template wins over it (`overrides/county/partials/county-footer.html` over the kit's empty
  one, `overrides/county/content/home.html` over the home page body).
- `docs/assets/county.css`: a style sheet of the county's own, loaded after the kit's.
- `hooks/county/*.py`: MkDocs hooks of the county's own (any `on_…` event), run after the kit's
  (before it for a finished page, which the kit then checks and stores).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any, Callable

from mkdocs.plugins import EVENTS

TEMPLATES = Path("overrides") / "county"
CSS = "assets/county.css"        # under docs/
HOOKS = "county"                 # under hooks/


def configure(config) -> None:
    """on_config: the county's templates first in the theme's search path, its CSS last."""
    root = Path(config.config_file_path).resolve().parent
    own = str(root / TEMPLATES)
    if (root / TEMPLATES).is_dir() and own not in config.theme.dirs:
        config.theme.dirs.insert(0, own)
    if (Path(config.docs_dir) / CSS).is_file() and CSS not in config.extra_css:
        config.extra_css.append(CSS)


def content_dirs(root: Path) -> list[Path]:
    """Where page body templates are looked for: the county's own, then the kit's."""
    own = root / TEMPLATES / "content"
    return ([own] if own.is_dir() else []) + [root / "overrides" / "content"]


def load(folder: Path) -> list[Any]:
    modules = []
    for path in sorted(folder.glob("*.py")) if folder.is_dir() else []:
        name = f"wenming_county_{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


# ours runs last here: it fills the page's security policy, checks its loads and stores it (kit/speed);
# on_shutdown: a `mkdocs build` that went well may end its process there (kit/speed/quickexit.py)
OURS_LAST = {"post_page", "post_template", "shutdown"}


def _chain(event: str, ours: Callable | None, theirs: list[Callable]) -> Callable:
    """One event function: ours, then the county's (OURS_LAST: the other way round), each handed
    the item the one before returned."""
    order = ([] if ours is None else [ours])
    order = theirs + order if event in OURS_LAST else order + theirs

    def run(*args, **kwargs):
        if not args:                       # an event without an item: on_startup, on_post_build …
            for fn in order:
                fn(**kwargs)
            return None
        item = args[0]
        for fn in order:
            result = fn(item, **kwargs)
            item = item if result is None else result
        return item
    if ours is not None:
        run.__dict__.update(ours.__dict__)     # keeps @event_priority
    run.__name__ = f"on_{event}"
    return run


def add_hooks(namespace: dict, folder: Path) -> None:
    """Gives the hook module `namespace` (hooks/wenming.py) the county's events too."""
    modules = load(folder)
    for event in EVENTS:
        theirs = [getattr(m, f"on_{event}") for m in modules if callable(getattr(m, f"on_{event}", None))]
        if theirs:
            namespace[f"on_{event}"] = _chain(event, namespace.get(f"on_{event}"), theirs)
