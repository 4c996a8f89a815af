"""What a source holds — an HTML page, a feed, a JSON Feed or plain text — judged from its bytes."""

from __future__ import annotations

import json
import re
from typing import Literal

from ..errors import InputError

Kind = Literal["html", "feed", "jsonfeed", "text"]

_FEED = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|article|meta|title)[\s>/]", re.IGNORECASE)
_JSONFEED = re.compile(rb'"version"\s*:\s*"https:\\?/\\?/jsonfeed\.org')
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text holds NULs by design
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 20


def sniff(data: bytes, origin: str, *, content_type: str | None = None) -> Kind:
    """The kind of ``data``; raises ``InputError`` for empty or binary input."""
    head = data[:8192]
    if not head.strip():
        raise InputError(f"{origin}: empty file")
    if _looks_binary(head):
        raise InputError(f"{origin}: binary file, not text, HTML or a feed")
    body = head
    for bom in _BOMS:
        if body.startswith(bom):
            body = body[len(bom) :]
    body = body.lstrip()
    if body[:1] in (b"{", b"["):
        try:
            doc = json.loads(data)
        except ValueError:
            doc = None
        if isinstance(doc, dict) and str(doc.get("version", "")).startswith("https://jsonfeed.org/version/"):
            return "jsonfeed"
        if doc is None and _JSONFEED.search(head):  # only the head of a long feed was read
            return "jsonfeed"
        ctype = (content_type or "").lower()
        if doc is not None and ("json" in ctype or origin.lower().endswith(".json")):
            raise InputError(f"{origin}: JSON but not a JSON Feed")
    if body.startswith(b"<"):
        # A feed declares its root element near the top; HTML pages may *mention* <rss> later on.
        first = body[:2048]
        feed = _FEED.search(first)
        page = _HTML.search(first)
        if feed and (not page or feed.start() < page.start()):
            return "feed"
        if page or (body[:5].lower() == b"<?xml" and b"<html" in data[:65536].lower()):
            return "html"
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if _HTML.search(head) and re.search(rb"<(p|div|br)[\s>/]", head, re.IGNORECASE):
        return "html"
    return "text"
