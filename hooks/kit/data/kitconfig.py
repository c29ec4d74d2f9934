"""The kit's own settings, declared once: what each is, its default, and the environment
variable that may override it for one run (the publishing pipeline sets WENMING_PRODUCTION=1).
`current()` reads and checks them; a wrong value stops with a Chinese line naming the variable.
The handbook's table of settings is made from this declaration (`reference()`)."""
from __future__ import annotations

import os
from typing import Literal, Mapping, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


class KitSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    production: bool = Field(False, description="正式发布的构建：示例条目（example: true）不公开。发布流水线设为 1。",
                             json_schema_extra={"env": "WENMING_PRODUCTION"})
    speed: bool = Field(True, description="缓存和第二个进程（kit/speed/）。设为 0 时每次全部重新生成，网站逐字节相同，用于排查问题。",
                        json_schema_extra={"env": "WENMING_SPEED"})
    parallel: Literal["auto", "on", "off"] = Field(
        "auto", description="第二个进程渲染页面：auto 页面多时才用；on（1）总是用（测试）；off（0）不用。",
        json_schema_extra={"env": "WENMING_PARALLEL"})
    search_shard_kb: int = Field(
        400, ge=0, description="搜索索引超过这个大小（KB）时分片存放，读者第一次搜索只下载要用的部分；0 表示总是分片（测试用）。",
        json_schema_extra={"env": "WENMING_SEARCH_SHARD_KB"})
    node_modules: Optional[str] = Field(
        None, description="网页表单程序（Decap CMS）所在的 node_modules 文件夹；不设时在项目里找。",
        json_schema_extra={"env": "WENMING_NODE_MODULES"})


class SettingsError(ValueError):
    pass


def _env_name(name: str) -> str:
    return KitSettings.model_fields[name].json_schema_extra["env"]


def _value(name: str, text: str):
    field = KitSettings.model_fields[name]
    low = text.strip().lower()
    if field.annotation is bool:
        if low in TRUE or low in FALSE:
            return low in TRUE
        raise SettingsError(f"环境变量 {_env_name(name)}={text!r} 无效：请写 1（开）或 0（关）。")
    if field.annotation is int:
        if not low.isdigit():
            raise SettingsError(f"环境变量 {_env_name(name)}={text!r} 无效：请写一个不小于 0 的整数。")
        return int(low)
    if name == "parallel":
        value = {"1": "on", "0": "off", "": "auto"}.get(low, low)
        if value not in ("auto", "on", "off"):
            raise SettingsError(f"环境变量 {_env_name(name)}={text!r} 无效：请写 1、0 或 auto。")
        return value
    return text or None


def current(environ: Mapping[str, str] | None = None, **given) -> KitSettings:
    """The declared defaults, then `given` (a caller's own), then the environment variables."""
    environ = os.environ if environ is None else environ
    values = dict(given)
    for name in KitSettings.model_fields:
        env = _env_name(name)
        if env in environ:
            values[name] = _value(name, environ[env])
    try:
        return KitSettings(**values)
    except ValidationError as exc:
        raise SettingsError(f"套件设置有误：{exc.errors(include_url=False)[0]['msg']}") from exc


def reference() -> list[tuple[str, str, str, str]]:
    """(setting, environment variable, default, meaning) of every declared setting."""
    return [(name, _env_name(name), repr(f.default), f.description or "") for name, f in KitSettings.model_fields.items()]
