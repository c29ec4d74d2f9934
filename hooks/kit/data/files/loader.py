"""Read every data file, type it with the models, report every problem at once."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from kit.data.errors import Report
from kit.data.model.messages import covered_missing, describe
from kit.data.model.schema import FOLDERS, SINGLE
from kit.data.files.yamlread import Doc, dotted, load_file

IGNORED_DIRS = {"photos"}
IGNORED_FILES = {"wording.yml"}   # the county's 错敏 word list and 领导名单, read by kit/data/rules/wording.py


@dataclass
class Loaded:
    """Typed file contents plus where each entry came from, for later checks."""

    files: dict[str, BaseModel] = field(default_factory=dict)   # "data/site.yml" -> SiteFile
    docs: dict[str, Doc] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)              # files with a problem of their own

    def complete(self, prefix: str) -> bool:
        """True when no file whose name starts with prefix failed (its ids can be trusted)."""
        return not any(name.startswith(prefix) for name in self.failed)

    def where(self, name: str, path: tuple, key: bool = False) -> tuple[int, int]:
        doc = self.docs.get(name)
        return doc.where(path, key) if doc else (1, 1)


def validate(model: type[BaseModel], doc: Doc, name: str, report: Report) -> BaseModel | None:
    data: Any = doc.data
    if not isinstance(data, dict):
        keys = "、".join(model.model_fields)
        report.add(name, 1, 1, "", f"文件最外层应是“字段: 内容”的形式，应包含：{keys}。")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        covered = covered_missing(errors, model)
        for error in errors:
            loc = tuple(error["loc"])
            if loc in covered and error["type"] == "missing":
                continue
            if error["type"] == "missing":
                line, col = doc.where(loc[:-1])
            else:
                line, col = doc.where(loc, key=error["type"] == "extra_forbidden")
            report.add(name, line, col, dotted(loc), describe(error, model, frozenset(covered)))
        return None


def data_files(data_dir: Path) -> list[tuple[Path, type[BaseModel] | None]]:
    """Every file an editor may have put in data/, with the model it must fit."""
    found: list[tuple[Path, type[BaseModel] | None]] = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        rel = path.relative_to(data_dir)
        if rel.parts[0] in IGNORED_DIRS or rel.as_posix() in IGNORED_FILES:
            continue
        if len(rel.parts) == 1:
            found.append((path, SINGLE.get(rel.name)))
        elif len(rel.parts) == 2 and rel.parts[0] in FOLDERS and path.suffix in (".yml", ".yaml"):
            found.append((path, FOLDERS[rel.parts[0]]))
        else:
            found.append((path, None))
    return found


def load(data_dir: Path, root: Path, report: Report, read: Callable = load_file) -> Loaded:
    loaded = Loaded()
    for path, model in data_files(data_dir):
        name = path.relative_to(root).as_posix()
        if model is None:
            known = "、".join(list(SINGLE) + [f"{d}/*.yml" for d in FOLDERS])
            report.add(name, 1, 1, "", f"网站不认识这个文件，它的内容不会发布。数据文件应为：{known}；"
                       f"照片请放在 data/photos/ 下。请改名或移走它。")
            continue
        before = len(report.problems)
        doc = read(path.read_bytes(), name, report)
        if doc is not None:
            loaded.docs[name] = doc
            typed = validate(model, doc, name, report)
            if typed is not None:
                loaded.files[name] = typed
        if len(report.problems) > before:
            loaded.failed.add(name)
    for name in SINGLE:
        if not (data_dir / name).exists():
            missing = f"{data_dir.relative_to(root).as_posix()}/{name}"
            loaded.failed.add(missing)
            report.add(missing, 1, 1, "", "缺少这个必需的数据文件。")
    return loaded
