"""The site generator under the kit: MkDocs 1.6 or ProperDocs 1.6 (its maintained continuation),
with Material for MkDocs 9. MkDocs 2 (an incompatible rewrite: no plugins, no YAML settings) and
a Material after 9 are refused at the start with a line in Chinese, before anything is built.

    python hooks/kit/engine.py        # exit 1 with the reason when the installed engine will not do

No MkDocs import here: this runs before MkDocs (the Makefile, scripts/county_check.py) and in it.
"""
from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

ENGINES = ("properdocs", "mkdocs")      # ProperDocs first: where both are installed, it runs the build


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _major(v: str) -> int:
    head = v.split(".", 1)[0]
    return int(head) if head.isdigit() else 0


def name() -> str:
    """The engine's command and module: `python -m <name> build`."""
    return next((e for e in ENGINES if _version(e)), "mkdocs")


def alias() -> None:
    """Outside a build (scripts/county_check.py): with ProperDocs alone, `mkdocs.*` imports are
    answered by ProperDocs, as its own command arranges for a build."""
    import importlib.util
    if importlib.util.find_spec("mkdocs") is None and importlib.util.find_spec("properdocs") is not None:
        import properdocs.replacement  # noqa: F401


def label() -> str:
    """The engine and its version, for cache keys: `properdocs-1.6.7`."""
    return f"{name()}-{_version(name())}"


def problem() -> str | None:
    mkdocs, properdocs, material = _version("mkdocs"), _version("properdocs"), _version("mkdocs-material")
    if mkdocs and _major(mkdocs) >= 2 and not properdocs:
        return (f"错误: 安装的是 MkDocs {mkdocs}，本套件只能用 MkDocs 1.6 或 ProperDocs 1.6 生成网站"
                "（MkDocs 2 不再支持插件和 YAML 设置）。请重新安装：.venv/bin/pip install -r requirements.txt，"
                "或者改用 ProperDocs（见手册“技术人员 › 换用 ProperDocs”）。")
    if properdocs and _major(properdocs) >= 2:
        return f"错误: 安装的是 ProperDocs {properdocs}，本套件只在 ProperDocs 1.6 上测试过。请安装 requirements-properdocs.txt 里的版本。"
    if material and _major(material) >= 10:
        return (f"错误: 安装的是 Material for MkDocs {material}，本套件的模板只适用于 9.x。"
                "请重新安装：.venv/bin/pip install -r requirements.txt。")
    if not (mkdocs or properdocs):
        return "错误: 没有安装 MkDocs 或 ProperDocs。请运行 make setup（或 .venv/bin/pip install -r requirements.txt）。"
    return None


def refuse() -> None:
    """At a build's start (hooks/wenming.py): stop before anything is built."""
    found = problem()
    if found:
        from mkdocs.exceptions import PluginError    # only here: this module runs before MkDocs too
        raise PluginError(found.removeprefix("错误: "))


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    found = problem()
    if found:
        print(found)
    sys.exit(1 if found else 0)
