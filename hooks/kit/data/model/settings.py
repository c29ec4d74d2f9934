"""data/site.yml: the one file a county changes to make the kit its own."""
from __future__ import annotations

import re
from typing import Annotated, Literal, Optional

from pydantic import BeforeValidator, Field

from kit.data.model.fields import Bool, Date, Photo, SiteUrl, Strict, Text, Url

HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def luminance(hex_colour: str) -> float:
    h = hex_colour.strip().lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    if len(h) != 6:
        raise ValueError(hex_colour)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_colour(value: object) -> str:
    """White text sits on both colours (header, buttons, hero): #RRGGBB with 4.5:1 against white."""
    if value is None:
        raise ValueError("颜色要用半角引号括起来，例如 \"#b71c1c\"（不加引号时 # 后面的内容会被当作注释丢掉）")
    text = str(value).strip()
    if not HEX.match(text):
        raise ValueError(f"应为 #RRGGBB 形式的颜色，例如 \"#b71c1c\"，实际是 \"{text}\"")
    ratio = contrast(text, "#ffffff")
    if ratio < 4.5:
        raise ValueError(f"颜色 {text} 上的白字对比度只有 {ratio:.1f}:1，至少要 4.5:1（适老化和无障碍要求），"
                         f"请换深一些的颜色，例如 \"#b71c1c\"")
    return text


Colour = Annotated[str, BeforeValidator(check_colour)]


class Footer(Strict):
    host: Text
    organiser: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    icp: str = ""
    police_record: str = ""
    police_record_code: str = ""
    site_id_code: str = ""
    party_mark: Bool = False
    accessibility: str = ""
    error_report: Url = ""         # 我为政府网站找错: the address of the national error-report page


class Colours(Strict):
    primary: Colour = "#b71c1c"
    accent: Colour = "#c62828"


class Editing(Strict):
    """Where the web forms at /admin/ save: this computer (decap-server), or the county's own
    GitLab or Gitea/Forgejo (an OAuth application there; handbook/docs/tech/forms.md)."""

    backend: Literal["local", "gitlab", "gitea"] = "local"
    url: str = ""          # https://git.example.gov.cn
    repo: str = ""         # group/project
    app_id: str = ""       # the OAuth application's id
    branch: str = "main"
    review: Bool = False   # draft -> review -> publish (GitLab only)


class Service(Strict):
    """A service a static site cannot run (随手拍, volunteer registration, surveys): a link
    out or a QR image, always labelled 外部网站 with who runs it; nothing is sent from our pages."""

    name: Text
    summary: Text
    operator: Text
    url: Url = ""
    qr: Optional[Photo] = None
    example: Bool = False          # shown with 示例; left out of a production build


class Health(Strict):
    """Site-health warnings for inspections (make check): how old is stale, and whether
    the publishing pipeline fails on them."""

    days: int = Field(default=14, ge=1, le=365)
    fail: Bool = False     # the pipeline stops on any health warning
    veto: Bool = False     # the pipeline stops on the 单项否决 items only (health.VETO lines)


class Settings(Strict):
    county: Text
    county_short: Text
    site_name: Text
    site_description: Text
    site_url: SiteUrl
    department: Text
    objection_contact: Text
    footer: Footer
    colours: Colours = Colours()
    mourning_days: list[Date] = []
    editing: Editing = Editing()
    services: list[Service] = []
    health: Health = Health()
