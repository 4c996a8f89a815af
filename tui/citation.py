"""A quote as a journalist pastes it: “…” — Name, role, organisation; Site, date.

Textual-free and pure, so it is tested on its own; the reader copies it with ``y``.
"""

from __future__ import annotations

from ..core.model import Quote, Speaker

_MARKS = "\"'“”‘’„‟«»‹›"


def cite(
    quote: Quote,
    speaker: Speaker | None,
    *,
    organisation: str | None = None,
    site: str | None = None,
    date: str | None = None,
) -> str:
    """The quote's words in curly quotes, who said it (name, role, organisation) and where (site,
    date). Parts that are unknown are left out; an unattributed quote says so."""
    words = " ".join(quote.text.split()).strip(_MARKS + " ")
    role = speaker.role if speaker else None
    who = [quote.speaker or "unattributed", role, organisation]
    if organisation and role and organisation.casefold() in role.casefold():
        who.pop()  # "spokesman for Hamas, Hamas" says it twice
    where = [site, date[:10] if date else None]
    out = f"“{words}” — {', '.join(p for p in who if p)}"
    source = ", ".join(p for p in where if p)
    return f"{out}; {source}" if source else out
