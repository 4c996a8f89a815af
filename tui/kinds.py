"""Who a quote is credited to, as the reader and the pickers group and label it.

``core.model.SPEAKER_KINDS`` names the kinds; here are their group headings, in the order groups
are shown, and the short tag a quote's speaker line carries (none for a person); and how counts of
quotes and reported statements read.
"""

from __future__ import annotations

KIND_GROUPS: dict[str, str] = {
    "person": "People",
    "organisation": "Organisations",
    "anonymous": "Anonymous sources",
    "document": "Documents",
    "unattributed": "Unattributed",
}
KIND_ORDER: dict[str, int] = {kind: i for i, kind in enumerate(KIND_GROUPS)}
KIND_TAGS: dict[str, str] = {"organisation": "org", "anonymous": "anonymous", "document": "document"}


def kind_of(kind: str | None) -> str:
    """A known kind for ``kind`` (stored text may hold anything): unknown kinds count as a person's."""
    return kind if kind in KIND_GROUPS else "person"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def statement_counts(quotes: int, reported: int) -> str:
    """ "4 quotes, 2 reported": quotations and reported statements counted apart, the reported
    part only when there are any ("0 quotes" alone when there is nothing)."""
    if reported and not quotes:
        return f"{reported} reported"
    return plural(quotes, "quote") + (f", {reported} reported" if reported else "")
