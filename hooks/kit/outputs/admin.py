"""/admin/: the web forms (Decap CMS), served from the site itself. The CMS bundle and the YAML
library our save format uses come from the npm packages pinned in package.json
(node_modules/decap-cms/dist, node_modules/yaml/browser/dist), copied into the site by the
build with our two scripts (kit/outputs/cmsstart.js as admin.js, kit/outputs/yamlkeep.js); never from a CDN. Without
them, /admin/ is one page saying, in Chinese, what to do."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable

import jinja2
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from kit.data import kitconfig
from kit.data.dataset import Dataset
from kit.outputs import cms, cmsrules

DIR = "admin"
PACKAGE = Path("node_modules") / "decap-cms" / "dist"
YAML_DIST = Path("yaml") / "browser" / "dist"      # beside decap-cms in the same node_modules
HERE = Path(__file__).resolve().parent
OURS = {"admin.js": HERE / "cmsstart.js", "yamlkeep.js": HERE / "yamlkeep.js",     # served name: ours
        "status.js": HERE / "cmsstatus.js", "guard.js": HERE / "cmsguard.js", "admin.css": HERE / "cmsphone.css"}
KIT_ROOT = Path(__file__).resolve().parents[3]
LEFT_OUT = ("网页编辑页面（/admin/）未生成：没有找到 Decap CMS（node_modules/decap-cms）或 YAML 库（node_modules/yaml）。"
            "需要网页编辑时，请安装 Node.js 后在仓库目录运行 npm ci --ignore-scripts，再重新生成网站。")


def bundle(root: Path) -> Path | None:
    """The CMS's dist folder: the project's node_modules, else the kit's, else none."""
    env = kitconfig.current().node_modules     # set: only there (tests, unusual setups)
    places = [Path(env) / "decap-cms" / "dist"] if env else [root / PACKAGE, KIT_ROOT / PACKAGE]
    return next((p for p in places if (p / "decap-cms.js").is_file()
                 and (p.parents[1] / YAML_DIST / "index.js").is_file()), None)


def bundle_files(dist: Path) -> list[Path]:
    """The main script and the chunks it loads on demand; source maps and the second copy
    of the bundle (cms.js) stay out."""
    return sorted(p for p in dist.iterdir() if p.name.endswith("decap-cms.js"))


def yaml_text(config: dict[str, Any]) -> str:
    head = "# 由 hooks/kit/outputs/cms.py 根据数据模型生成，请勿手工修改。\n"
    return head + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def config_text(d: Dataset, dump: Callable[[dict[str, Any]], str] = yaml_text) -> str:
    """`dump`: yaml_text, or the build's, which remembers its last text (the YAML takes time)."""
    return dump(cmsrules.apply(cms.config(d.settings.editing, d.settings.site_url), d))


def preview_status(errors: list[str]) -> str:
    """admin/status.json of `mkdocs serve`: when this build read the data and what its check said,
    for the forms' panel after a save on this computer (kit/outputs/cmsstatus.js)."""
    built = dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")
    return json.dumps({"built": built, "ok": not errors, "errors": errors}, ensure_ascii=False)


def files(d: Dataset, root: Path, config: MkDocsConfig, templates: Path,
          preview: list[str] | None = None, dump: Callable[[dict[str, Any]], str] = yaml_text,
          ) -> tuple[list[File], str | None]:
    """The admin files, and a line for the build log when the CMS was left out. `preview`: the
    error lines of a `mkdocs serve` build (none: not a preview), written to admin/status.json."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True)
    dist = bundle(root)
    page = env.get_template("admin/index.html").render(
        site_name=d.settings.site_name, ready=dist is not None, left_out=LEFT_OUT)
    out = [File.generated(config, f"{DIR}/index.html", content=page)]
    if dist is None:
        return out, LEFT_OUT
    out.append(File.generated(config, f"{DIR}/config.yml", content=config_text(d, dump)))
    if preview is not None:
        out.append(File.generated(config, f"{DIR}/status.json", content=preview_status(preview)))
    out += [File.generated(config, f"{DIR}/{p.name}", abs_src_path=str(p)) for p in bundle_files(dist)]
    out += [File.generated(config, f"{DIR}/{name}", abs_src_path=str(path)) for name, path in OURS.items()]
    library = dist.parents[1] / YAML_DIST
    out += [File.generated(config, f"{DIR}/yaml/{p.relative_to(library).as_posix()}", abs_src_path=str(p))
            for p in sorted(library.rglob("*.js"))]
    return out, None
