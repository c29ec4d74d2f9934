"""When a line of a data file was written, from git: which of two copies of an id is the new one.

Only asked when something needs it (two entries with one id), so a clean check never runs git.
A line not yet committed is newer than any commit; without git or history the answer is None.
"""
from __future__ import annotations

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
