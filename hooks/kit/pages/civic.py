"""What the campaign-inspection pages show: the 公示 board, stations by town with their
schematic, the 公益广告 print downloads, the quiz's answer letters."""
from __future__ import annotations

from dataclasses import dataclass, field

from kit.data.model.civic import Station
from kit.data.kinds.ads import Download, download, print_url  # noqa: F401  (the ads pages use them)
from kit.data.kinds.stations import ORDER as STATION_ORDER


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
