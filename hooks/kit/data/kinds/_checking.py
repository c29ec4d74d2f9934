"""What a kind's own rules are given (kit/data/kinds/: `check`, `notes`, `derive`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kit.data.files.yamlnodes import dotted


@dataclass
class Checking:
    """What a kind's checks and notes are given: the loaded files, every kind's entries (name ->
    [Entry]), the report, the day and whether this is the production build."""
    loaded: Any
    entries: dict[str, list]
    report: Any
    today: Any
    production: bool
    prefix: str = "data/"                   # data/ relative to the project
    root: Any = None
    parts: dict[str, Any] = field(default_factory=dict)   # after publication: kind name -> published

    def of(self, name: str) -> list:
        return self.entries.get(name, [])

    def complete(self, kind: Any) -> bool:
        """No file of the kind had a problem of its own (its ids can be trusted)."""
        where = f"{kind.folder}/" if kind.folder else kind.file
        return self.loaded.complete(self.prefix + where)

    def add(self, file: str, path: tuple, message: str, at: tuple | None = None) -> None:
        """At the key's own line when it is written (even left empty), else at `at` (the entry)."""
        here = self.loaded.where(file, path)
        if at is not None and here == self.loaded.where(file, path[:-1]):
            here = self.loaded.where(file, at)
        self.report.add(file, *here, dotted(path), message)

    def note(self, file: str, path: tuple, message: str) -> str:
        line, col = self.loaded.where(file, path)
        return f"{file}:{line}:{col}: 提示: {dotted(path)}: {message}"
