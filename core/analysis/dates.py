"""Dates resolved against the publication date, never against "now".

dateparser is slow to import and to call, so it is imported on first use and every
(text, published) pair is parsed once per process.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
_ABSOLUTE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}")
_FIXED_BASE = datetime(2000, 1, 1)


@lru_cache(maxsize=256)
def parse_published(published: str | None) -> datetime | None:
    """The publication date as a datetime (any format dateparser understands), or None."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip()[:10])
    except ValueError:
        pass
    import dateparser

    return dateparser.parse(published, settings={"RELATIVE_BASE": _FIXED_BASE, "PREFER_DAY_OF_MONTH": "first"})


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: str | None) -> str | None:
    """ISO ``YYYY-MM-DD`` for a date expression, or None when it cannot be pinned down.

    Without a publication date only expressions that carry their own year are resolved.
    """
    base = parse_published(published)
    if base is None and not (_YEAR.search(text) or _ABSOLUTE.search(text)):
        return None
    try:
        parsed = _parser(base or _FIXED_BASE).get_date_data(text.replace(".", "")).date_obj
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    return parsed.date().isoformat() if parsed else None


@lru_cache(maxsize=64)
def _parser(base: datetime):
    """One English DateDataParser per publication date (building one is the slow part)."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)
