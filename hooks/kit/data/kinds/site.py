"""网站设置: data/site.yml (names, address, footer, colours, editing, health), and the 互动服务
section made from its services."""
from __future__ import annotations

from kit.data.rules.civicchecks import service_checks
from kit.data.kinds import Checking, Kind, Section
from kit.data.model.settings import Settings


def _published(settings, production: bool):
    """An example service is withheld like an example entry."""
    if not production:
        return settings
    return settings.model_copy(update={"services": [x for x in settings.services if not x.example]})


def check(c: Checking) -> None:
    service_checks(c.loaded, c.prefix + KIND.file, c.report)


KIND = Kind(
    check=check,
    name="settings", key="site", label="网站设置", model=Settings, file="site.yml", single=True, order=10,
    sections=(Section("services/index.md", "section-services.html", "互动服务", layout="services.html", order=13),),
    publish_single=_published, health=False,
    examples={"services.name": "name: 文明随手拍"},
)
