"""data/site.yml: the one file a county changes to make the kit its own."""
from __future__ import annotations

from typing import Literal

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


class Editing(Strict):
    """Where the web forms at /admin/ save: this computer (decap-server), or the county's own
    GitLab or Gitea/Forgejo (an OAuth application there; README, 网页编辑)."""

    backend: Literal["local", "gitlab", "gitea"] = "local"
    url: str = ""          # https://git.example.gov.cn
    repo: str = ""         # group/project
    app_id: str = ""       # the OAuth application's id
    branch: str = "main"
    review: Bool = False   # draft -> review -> publish (GitLab only)


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
