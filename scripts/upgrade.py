"""`make upgrade`: bring a county's folder to a newer kit, keeping everything that is the county's.

    make upgrade KIT=../wenming-kit [REF=v1.1.0] [DRY=1]     # in the county's folder
    make upgrade COUNTY=../qingshan [DRY=1]                   # in a checkout of the newer kit
    python3 scripts/upgrade.py --county ../qingshan           # the same without make

The kit's files are those kit-files.txt names (the NEW kit's list): they are replaced by the new
kit's copies, and removed when the new kit no longer has them. data/, docs/, mkdocs.yml and the
county's own places (overrides/county/, hooks/county/) are never written, except that the data
migrations (hooks/kit/migrate/) rewrite the county's YAML when the data schema changes. A kit
template the county had changed in place (as counties did before overrides/county/ existed) is
moved to overrides/county/, where it goes on overriding the kit's. Then the data check runs and
one commit records it all, with the old and the new version in its message.

Run inside a county with KIT=…, this script fetches the new kit and hands over to the new kit's
own upgrade.py, so the newest rules always do the work.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT / "scripts"))
sys.path.insert(0, str(KIT / "hooks"))

from kit.migrate import MigrationError  # noqa: E402
from kitfiles import Manifest, kit_version  # noqa: E402

# the kit commit each version without a tag was made from, for telling the county's own changes
RELEASE_COMMITS = {"0.9.0": "7f5365a"}
# Lines the kit itself wrote into a county's docs/ (make new-county) that named the sample county:
# an upgrade from before `since` mends exactly that line, nothing else of the county's: (since, file, old, new)
TEXT_FIXES = [("1.0.0", "docs/guide/index.md",
               "      - award: x-good-people-2023   # data/awards.yml 里评选项目的编号\n",
               "      - award: good-people-2025     # data/awards.yml 里评选项目的编号\n")]
# a kit folder that is no git checkout: its build and install leftovers are not the kit's files
LEFTOVERS_TOP = {".git", ".venv", ".venv-properdocs", "node_modules", "site", "site-handbook", "dist", "导出"}
LEFTOVERS_ANYWHERE = {"__pycache__", ".cache", ".pytest_cache", ".ruff_cache"}


class Refused(Exception):
    pass


def git(folder: Path, *args: str, check: bool = True) -> str:
    proc = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, encoding="utf-8")
    if check and proc.returncode != 0:
        raise Refused(f"git {' '.join(args)} 失败：{proc.stderr.strip()}")
    return proc.stdout


def is_repo(folder: Path) -> bool:
    return folder.is_dir() and subprocess.run(["git", "-C", str(folder), "rev-parse", "--git-dir"],
                                              capture_output=True).returncode == 0


# ---- the new kit: a folder, a commit of a repository, or a clone of a URL ----------------------

def fetch(kit: str, ref: str | None, work: Path) -> tuple[Path, Path | None, str]:
    """(the new kit's files, a repository with its history or None, a description)."""
    local = Path(kit).expanduser()
    if local.is_dir():
        repo = local.resolve() if is_repo(local) else None
    else:
        repo = work / "clone"
        proc = subprocess.run(["git", "clone", "--quiet", kit, str(repo)], capture_output=True, text=True)
        if proc.returncode != 0:
            raise Refused(f"取不到新版套件 {kit}：{proc.stderr.strip()}")
    if ref:
        if repo is None:
            raise Refused(f"{kit} 不是 git 仓库，不能指定 REF={ref}。")
        tree = work / "tree"
        tree.mkdir()
        archive = work / "kit.tar"
        git(repo, "archive", "--format=tar", "-o", str(archive), ref)
        with tarfile.open(archive) as tar:     # git's own archive; links kept as links
            tar.extractall(tree, **({"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}))
        return tree, repo, f"{kit} {ref}（{git(repo, 'rev-parse', '--short', ref + '^{commit}').strip()}）"
    if repo is not None and not local.is_dir():
        return repo, repo, f"{kit}（{git(repo, 'rev-parse', '--short', 'HEAD').strip()}）"
    return local.resolve(), repo, str(local.resolve())


def tree_files(tree: Path, repo: Path | None) -> list[str]:
    """The new kit's files: what git tracks in a checkout, else everything but build leftovers."""
    if repo is not None and repo.resolve() == tree.resolve():
        listed = git(tree, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
        return sorted({p for p in listed if p and os.path.lexists(tree / p)})
    out = []
    for path in sorted(tree.rglob("*")):
        rel = path.relative_to(tree)
        if rel.parts[0] in LEFTOVERS_TOP or LEFTOVERS_ANYWHERE & set(rel.parts) or rel.as_posix() == "tests/fixture/site" \
                or rel.as_posix().startswith("tests/fixture/site/") or (path.is_dir() and not path.is_symlink()):
            continue
        if any((tree / Path(*rel.parts[:i])).is_symlink() for i in range(1, len(rel.parts))):
            continue      # inside a linked folder (tests/fixture/hooks): the link is the file
        out.append(rel.as_posix())
    return out


def old_blobs(repo: Path | None, version: str) -> dict[str, str] | None:
    """The county's previous kit, as path -> blob id, when the kit's history has it."""
    if repo is None:
        return None
    for ref in (RELEASE_COMMITS.get(version), f"v{version}", version):
        if ref and git(repo, "rev-parse", "--verify", "--quiet", ref + "^{commit}", check=False).strip():
            rows = git(repo, "ls-tree", "-r", "-z", ref).split("\0")
            return {row.split("\t", 1)[1]: row.split()[2] for row in rows if "\t" in row}
    return None


# ---- the plan -------------------------------------------------------------------------------------

@dataclass
class Plan:
    add: list[str] = field(default_factory=list)
    update: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)   # the county's changed kit template -> its place
    replaced_own: list[str] = field(default_factory=list)        # changed by the county, replaced anyway
    kept_own: list[str] = field(default_factory=list)            # the county's own file among the kit's

    def empty(self) -> bool:
        return not (self.add or self.update or self.remove or self.moved)


def _same(a: Path, b: Path) -> bool:
    if a.is_symlink() or b.is_symlink():
        return a.is_symlink() and b.is_symlink() and os.readlink(a) == os.readlink(b)
    return a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()


def county_place(path: str) -> str | None:
    """Where the county's own copy of a kit template goes: overrides/x -> overrides/county/x."""
    if path.startswith("overrides/") and not path.startswith("overrides/county/"):
        return "overrides/county/" + path[len("overrides/"):]
    return None


def make_plan(county: Path, tree: Path, files: list[str], old: dict[str, str] | None) -> Plan:
    manifest = Manifest.of(tree)
    new = [p for p in files if manifest.is_kit(p)]
    rows = [r for r in git(county, "ls-files", "-s", "-z").split("\0") if r]
    have = {r.split("\t", 1)[1]: r.split()[1] for r in rows}
    plan = Plan()
    for path in new:
        if path not in have and not os.path.lexists(county / path):
            plan.add.append(path)
        elif not _same(county / path, tree / path):
            plan.update.append(path)
            changed = old is not None and old.get(path) != have.get(path)
            if changed and county_place(path):
                plan.moved.append((path, county_place(path)))
            elif changed:
                plan.replaced_own.append(path)
    kept = set(new)
    for path in sorted(have):
        if path in kept or not manifest.is_kit(path):
            continue
        own = old is not None and old.get(path) != have[path]
        if own and county_place(path):
            plan.moved.append((path, county_place(path)))
            plan.remove.append(path)
        elif own:
            plan.kept_own.append(path)
        else:
            plan.remove.append(path)
    return plan


def _older(a: str, b: str) -> bool:
    def parts(v: str) -> tuple[int, ...]:
        return tuple(int(x) if x.isdigit() else 0 for x in v.split("-")[0].split("."))
    return parts(a) < parts(b)


def text_fixes(county: Path, old: str) -> list[tuple[str, str, str]]:
    """The TEXT_FIXES this county needs: (file, old line, new line)."""
    out = []
    for since, rel, bad, good in TEXT_FIXES:
        path = county / rel
        if _older(old, since) and path.is_file() and bad in path.read_text("utf-8-sig"):
            out.append((rel, bad, good))
    return out


def report(plan: Plan, old: str, new: str, steps, fixes) -> list[str]:
    lines = [f"套件 {old} → {new}：更新 {len(plan.update)} 个文件，新增 {len(plan.add)} 个，删除 {len(plan.remove)} 个。"]
    for title, paths in (("新增", plan.add), ("更新", plan.update), ("删除", plan.remove)):
        lines += [f"  {title}：{p}" for p in paths]
    lines += [f"  本县改过的模板 {a} 移到 {b}（继续覆盖套件的同名模板，请对照新版检查）" for a, b in plan.moved]
    lines += [f"  本县改过的套件文件 {p} 已换成新版（原来的内容在 git 历史里）" for p in plan.replaced_own]
    lines += [f"  保留本县自己加的文件 {p}" for p in plan.kept_own]
    lines += [f"  更正套件当初生成的文字：{rel}（示例不再用示例县的编号）" for rel, _, _ in fixes]
    lines += [f"数据迁移：格式 {s.source} → {s.target}：{s.title}" for s in steps] or ["数据迁移：无（数据格式不变）"]
    return lines


# ---- doing it -------------------------------------------------------------------------------------

def apply(plan: Plan, county: Path, tree: Path) -> None:
    for path, place in plan.moved:
        dest = county / place
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(county / path, dest)
    for path in plan.remove:
        (county / path).unlink()
    for path in plan.add + plan.update:
        src, dest = tree / path, county / path
        if os.path.lexists(dest) or dest.is_symlink():
            if dest.is_dir() and not dest.is_symlink():
                shutil.rmtree(dest)
            else:
                dest.unlink()
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dest)
        else:      # a new modification time: make sees a changed requirements.txt and reinstalls
            shutil.copy(src, dest)


def check(county: Path) -> subprocess.CompletedProcess:
    """`make check` on the upgraded county: its data and posts, read by the new kit."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(county / "hooks/check.py"), str(county)], cwd=county, env=env,
                          capture_output=True, text=True, encoding="utf-8")


def upgrade(county: Path, tree: Path, repo: Path | None, source: str, dry: bool) -> int:
    from kit.migrate import SCHEMA, chain, migrate, schema_of

    if not is_repo(county):
        raise Refused(f"{county} 不是 git 仓库：升级要在本县网站的 git 仓库里做，才能检查和回退。")
    if county.resolve() == tree.resolve():
        raise Refused("COUNTY 是套件本身：请写本县网站的文件夹。")
    if not (county / "data").is_dir() or not (county / "mkdocs.yml").is_file():
        raise Refused(f"{county} 里没有 data/ 和 mkdocs.yml，不像本县网站的文件夹。")
    dirty = git(county, "status", "--porcelain").strip()
    if dirty:
        raise Refused("本县仓库有没有提交的改动，升级前请先提交或撤销：\n" + dirty)
    old_v, new_v = kit_version(county), kit_version(tree)
    schema = schema_of(county / "data")
    steps = chain(schema, SCHEMA)
    plan = make_plan(county, tree, tree_files(tree, repo), old_blobs(repo, old_v))
    fixes = text_fixes(county, old_v)
    lines = report(plan, old_v, new_v, steps, fixes)
    if "INHERIT: hooks/kit/mkdocs-base.yml" not in (county / "mkdocs.yml").read_text("utf-8-sig"):
        lines.append("注意：本县 mkdocs.yml 没有 INHERIT: hooks/kit/mkdocs-base.yml，套件的设置更新不会生效，请对照套件的 mkdocs.yml 改。")
    print("\n".join(lines))
    if dry:
        print("（DRY=1：只列出，没有改动任何文件）")
        return 0
    if plan.empty() and not steps and not fixes:
        print("已经是这个版本，没有要升级的文件。")
        return 0
    apply(plan, county, tree)
    for rel, bad, good in fixes:
        path = county / rel
        path.write_bytes(path.read_bytes().replace(bad.encode("utf-8"), good.encode("utf-8")))
    for step, changed in migrate(county / "data"):
        print(f"已迁移（格式 {step.source} → {step.target}）：{'、'.join(changed) or '没有文件要改'}")
    if {"requirements.txt", "requirements-properdocs.txt"} & set(plan.update + plan.add):
        print("依赖有变化（requirements.txt）：下一个 make 命令会自动安装新版本。")
    result = check(county)
    print(result.stdout.rstrip())
    if result.returncode != 0:
        print(result.stderr.rstrip())
        print("升级后的数据检查没有通过，改动已写入但没有提交。按上面的提示改好后提交；"
              "要放弃这次升级：git reset --hard && git clean -fd")
        return 1
    git(county, "add", "-A")
    message = f"升级套件 {old_v} → {new_v}（数据格式 {schema} → {SCHEMA}）\n\n来源：{source}\n" + "\n".join(lines) + "\n"
    proc = subprocess.run(["git", "-C", str(county), "commit", "-q", "-F", "-"], input=message, text=True,
                          capture_output=True, encoding="utf-8")
    if proc.returncode != 0:
        print(f"改动已写入，提交失败：{proc.stderr.strip()}\n请设置 git config user.name / user.email 后运行 git commit。")
        return 1
    print(f"已升级并提交：套件 {old_v} → {new_v}。下一步：make publish-check，看过网站后推送。")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="把本县网站升级到新版套件：只替换套件的文件，迁移数据，检查后提交。")
    parser.add_argument("--kit", help="新版套件：文件夹或 git 地址（在本县文件夹里运行时）")
    parser.add_argument("--ref", help="新版套件的标签或提交，例如 v1.1.0")
    parser.add_argument("--county", help="本县网站的文件夹（在新版套件里运行时）")
    parser.add_argument("--dry-run", action="store_true", help="只列出会改什么，不改文件")
    parser.add_argument("--tree", help=argparse.SUPPRESS)        # the new kit's files, handed over by an older kit
    parser.add_argument("--repo", help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    county = Path(args.county or os.getcwd()).resolve()
    try:
        if args.tree:
            return upgrade(county, Path(args.tree), Path(args.repo) if args.repo else None, args.source or args.tree,
                           args.dry_run)
        if not args.kit:
            if not args.county:
                raise Refused("请写新版套件的位置：make upgrade KIT=文件夹或git地址 [REF=标签]；"
                              "或者在新版套件里运行 make upgrade COUNTY=本县文件夹。")
            return upgrade(county, KIT, KIT if is_repo(KIT) else None, str(KIT), args.dry_run)
        with tempfile.TemporaryDirectory(prefix="wenming-upgrade-") as work:
            tree, repo, source = fetch(args.kit, args.ref, Path(work))
            script = tree / "scripts/upgrade.py"
            if not script.is_file():
                raise Refused(f"{args.kit} 里没有 scripts/upgrade.py，不是可以升级到的套件版本。")
            cmd = [sys.executable, str(script), "--county", str(county), "--tree", str(tree), "--source", source]
            cmd += ["--repo", str(repo)] if repo else []
            cmd += ["--dry-run"] if args.dry_run else []
            return subprocess.run(cmd).returncode
    except (Refused, MigrationError) as exc:
        print(f"没有升级：{exc}")
        return 2


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
