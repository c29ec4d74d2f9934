"""data/site.yml: the one file a county changes to make the kit its own."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from kit.data.fields import Bool, Date, Photo, SiteUrl, Strict, Text


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
    error_report: str = ""         # 我为政府网站找错: the address of the national error-report page


class Colours(Strict):
    primary: str = "#b71c1c"
    accent: str = "#c62828"


class Service(Strict):
    """A service a static site cannot run (随手拍, volunteer registration, surveys): a link
    out or a QR image, always labelled 外部网站 with who runs it; nothing is sent from our pages."""

    name: Text
    summary: Text
    operator: Text
    url: str = ""
    qr: Optional[Photo] = None
    example: Bool = False          # shown with 示例; left out of a production build


class Health(Strict):
    """Site-health warnings for inspections (make check): how old is stale, and whether
    the publishing pipeline fails on them."""

    days: int = Field(default=14, ge=1, le=365)
    fail: Bool = False


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
    services: list[Service] = []
    health: Health = Health()
