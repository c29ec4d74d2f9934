"""The day a build or check counts as 'today'. Tiny on purpose: check.py imports it
without pulling in MkDocs."""
from __future__ import annotations

import datetime as dt
import os


def build_date() -> dt.date:
    """SOURCE_DATE_EPOCH pins the day for reproducible builds and tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def production() -> bool:
    """WENMING_PRODUCTION=1 marks the build that goes public: example entries are withheld."""
    return os.environ.get("WENMING_PRODUCTION", "") == "1"
