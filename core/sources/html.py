"""Web pages: main text, title, author, date, site and canonical URL, extracted by trafilatura."""

from __future__ import annotations

import html as htmllib
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import InputError

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)
logging.getLogger("courlan").setLevel(logging.CRITICAL)


@dataclass(slots=True)
class Page:
    text: str
    title: str | None
    byline: str | None
    published: str | None
    site: str | None
    url: str | None


def _decode(data: bytes | str, charset: str | None) -> bytes | str:
    """Text decoded by the HTTP charset when one was sent; otherwise bytes, for trafilatura to sniff."""
    if isinstance(data, str) or not charset:
        return data
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return data


def extract(data: bytes | str, origin: str, *, url: str | None = None, charset: str | None = None) -> Page:
    """The article in an HTML page; ``InputError`` when the page holds no article text."""
    import trafilatura
    from trafilatura.settings import Document

    try:
        doc = trafilatura.bare_extraction(
            _decode(data, charset),
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
        )
    except (ValueError, TypeError) as exc:  # lxml refusing a document it cannot parse at all
        raise InputError(f"{origin}: unreadable HTML ({exc})") from None
    text = (doc.text or "").strip() if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or not text:
        raise InputError(f"{origin}: no article text found in the page")
    canonical = doc.url or url
    site = doc.sitename or doc.hostname or (urlsplit(canonical).hostname if canonical else None)
    return Page(
        text=text,
        title=(doc.title or "").strip() or None,
        byline=(doc.author or "").strip() or None,
        published=doc.date or None,
        site=site,
        url=canonical,
    )


_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/h[1-6]|/li|/blockquote|/tr)\s*>")
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n+")


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed's summary or content), paragraphs kept apart."""
    s = _BLOCK_END.sub("\n\n", fragment)
    s = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", s)
    s = htmllib.unescape(_TAG.sub("", s))
    lines = [_SPACES.sub(" ", line).strip() for line in s.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
