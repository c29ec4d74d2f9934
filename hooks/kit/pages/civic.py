"""What the campaign-inspection pages show: the 公示 board, stations by town with their
schematic, the 公益广告 print downloads, the quiz's answer letters."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Optional

from kit.data.civic import LETTERS, Ad, Station
from kit.data.dataset import STATION_ORDER, Dataset
from kit.data.notices import board
from kit.pages import stationmap

DOWNLOADS = "downloads/ads"
FILE_KINDS = {".pdf": "PDF", ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


@dataclass(frozen=True)
class Download:
    url: str          # where the site publishes it: downloads/ads/<id>-print.pdf
    src: str          # its path inside data/
    kind: str         # PDF / JPEG / PNG
    size: str         # 36 KB / 2.3 MB


def print_url(ad: Ad) -> str:
    suffix = PurePosixPath(ad.print_file or "").suffix.lower()
    return f"{DOWNLOADS}/{ad.id}-print{suffix}"


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


def download(d: Dataset, ad: Ad) -> Optional[Download]:
    if not ad.print_file or d.data_dir is None:
        return None
    path = d.data_dir / ad.print_file
    suffix = path.suffix.lower()
    return Download(print_url(ad), ad.print_file, FILE_KINDS.get(suffix, suffix[1:].upper()),
                    _size(path.stat().st_size))


@dataclass
class Town:
    name: str
    anchor: str                       # id of its heading on the stations page
    stations: list[Station] = field(default_factory=list)

    def counts(self) -> list[tuple[str, int]]:
        return [(k, n) for k in STATION_ORDER if (n := sum(s.kind == k for s in self.stations))]

    @property
    def has_centre(self) -> bool:
        return any(s.kind == "实践中心" for s in self.stations)


def towns(stations: list[Station]) -> list[Town]:
    """Towns in the order the stations list meets them (the centre's town first)."""
    found: dict[str, Town] = {}
    for s in stations:
        if s.town not in found:
            found[s.town] = Town(s.town, f"town-{len(found) + 1}")
        found[s.town].stations.append(s)
    return list(found.values())


def index_context(d: Dataset, src: str) -> dict[str, Any]:
    if src == "notices/index.md":
        return {"board": board(d.honorees, d.awards, d.today)}
    if src == "stations/index.md":
        ts = towns(d.stations)
        return {"towns": ts, "schematic": stationmap.layout([(t.name, t.anchor, t.counts(), t.has_centre) for t in ts])}
    if src == "knowledge/quiz/index.md":
        return {"letters": LETTERS}
    if src == "ads/index.md":
        return {"downloads": {ad.id: download(d, ad) for ad in d.ads}}
    return {}
