"""Which files are the kit's (kit-files.txt) and which versions a folder holds: `make version`.

    python scripts/kitfiles.py [folder]      # the kit's version and the data's schema version

Standard library only, so it runs before the county's .venv exists.
"""
from __future__ import annotations

import sys
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
MANIFEST = "kit-files.txt"
# the county's own, whatever a manifest says: an upgrade never writes here
COUNTY_ALWAYS = ("data/", "docs/", "mkdocs.yml")
BEFORE_VERSIONS = "0.9.0"     # a county made from the kit before it had a VERSION file (7f5365a)


class Manifest:
    def __init__(self, text: str) -> None:
        self.kit: list[str] = []
        self.county: list[str] = []
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
            if line.startswith("!"):
                self.county.append(line[1:])
            elif line:
                self.kit.append(line)
        clash = [p for p in self.kit if any(_under(p, c) or _under(c, p) for c in COUNTY_ALWAYS)]
        if clash:
            raise ValueError(f"{MANIFEST} names the county's own files as the kit's: {', '.join(clash)}")

    @classmethod
    def of(cls, root: Path) -> Manifest:
        return cls((root / MANIFEST).read_text("utf-8"))

    def is_kit(self, path: str) -> bool:
        return (any(_under(path, p) for p in self.kit) and not any(_under(path, c) for c in self.county)
                and not any(_under(path, c) for c in COUNTY_ALWAYS))


def _under(path: str, entry: str) -> bool:
    return path == entry.rstrip("/") or (entry.endswith("/") and path.startswith(entry))


def kit_version(root: Path) -> str:
    path = root / "VERSION"
    return path.read_text("utf-8").strip() if path.is_file() else BEFORE_VERSIONS


def data_schema(root: Path) -> int:
    sys.path.insert(0, str(KIT / "hooks"))
    from kit.migrate import schema_of
    return schema_of(root / "data")


def main(argv: list[str]) -> int:
    root = Path(argv[0]).resolve() if argv else KIT
    sys.path.insert(0, str(KIT / "hooks"))
    from kit.migrate import SCHEMA, MigrationError

    print(f"套件版本：{kit_version(root)}")
    try:
        schema = data_schema(root)
    except MigrationError as exc:
        print(f"数据格式版本：读不出来（{exc}）")
        return 1
    print(f"数据格式版本：{schema}（这个套件读取的格式：{SCHEMA}）")
    if schema != SCHEMA:
        print("数据格式和套件不一致：请用 make upgrade 升级（它会迁移数据）。")
        return 1
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv[1:]))
