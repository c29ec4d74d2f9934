"""When a line of a data file was written, from git: which of two copies of an id is the new one;
when each line of a data file last changed (最近更新 of entry pages, the health report's sections).

Only asked when something needs it (two entries with one id), so a clean check never runs git.
A line not yet committed is newer than any commit; without git or history the answer is None.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import subprocess
from pathlib import Path


def line_time(root: Path, file: str, line: int) -> float | None:
    """Commit time of the line (seconds since 1970), math.inf when it is not committed yet."""
    try:
        out = subprocess.run(["git", "blame", "--porcelain", "-L", f"{line},{line}", "--", file],
                             cwd=root, capture_output=True, text=True, encoding="utf-8", timeout=10,
                             env={**os.environ, "LC_ALL": "C"})   # git's messages unlocalised
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0 or not out.stdout:
        return math.inf if "no such path" in out.stderr else None     # a file git does not have yet
    if out.stdout.startswith("0" * 40):
        return math.inf
    for row in out.stdout.splitlines():
        if row.startswith("committer-time "):
            return float(row.split()[1])
    return None


CHINA = dt.timezone(dt.timedelta(hours=8))


def line_dates(root: Path, files: set[str], today: dt.date) -> dict[str, dict[int, dt.date]]:
    """file -> {line number: date of the commit that last changed it} (Beijing dates)."""
    out: dict[str, dict[int, dt.date]] = {}
    for file in sorted(files):
        try:
            blame = subprocess.run(["git", "blame", "--line-porcelain", "--", file], cwd=root, capture_output=True,
                                   text=True, encoding="utf-8", errors="replace", timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        if blame.returncode != 0:
            if "no such path" in blame.stderr and (root / file).is_file():   # a new file, not committed yet
                out[file] = {n: today for n in range(1, len((root / file).read_bytes().splitlines()) + 1)}
            continue
        days: dict[int, dt.date] = {}
        line, uncommitted = 0, False
        for row in blame.stdout.splitlines():
            head = row.split(" ")
            if len(head) >= 3 and len(head[0]) == 40 and head[2].isdigit() and not row.startswith("\t"):
                line, uncommitted = int(head[2]), head[0] == "0" * 40
                if uncommitted:
                    days[line] = today
            elif row.startswith("committer-time ") and not uncommitted:
                days[line] = dt.datetime.fromtimestamp(int(row.split()[1]), CHINA).date()
        out[file] = days
    return out
