"""File names any system accepts for what the app hands out: plain letters, digits and
hyphens from the scope's name, then the date, so a folder of reports sorts and never breaks a
mail client or a shared drive."""

from __future__ import annotations

import re
import unicodedata
from datetime import date


def file_name(kind: str, name: str, made_on: date, extension: str) -> str:
    """ "recovery-report-east-cmht-2026-12-02.xlsx" from ("recovery-report", "East CMHT", ...)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()[:60].strip("-")
    return f"{kind}-{slug or 'scope'}-{made_on.isoformat()}.{extension}"
