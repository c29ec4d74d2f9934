"""data/site.yml: the one file a county changes to make the kit its own."""
from __future__ import annotations

from kit.data.fields import Bool, Date, SiteUrl, Strict, Text


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


class Colours(Strict):
    primary: str = "#b71c1c"
    accent: str = "#c62828"


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
