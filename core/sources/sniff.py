"""What a source holds — an HTML page, a feed, a JSON Feed or plain text — judged from its bytes."""

from __future__ import annotations

import json
import re
from typing import Literal

from ..errors import InputError
from ..textio import wide_encoding

Kind = Literal["html", "feed", "jsonfeed", "text"]

_FEED = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|article|meta|title)[\s>/]", re.IGNORECASE)
_JSONFEED = re.compile(rb'"version"\s*:\s*"https:\\?/\\?/jsonfeed\.org')
_UTF8_BOM = b"\xef\xbb\xbf"  # UTF-16/32 marks are gone once _as_utf8 has re-encoded the text


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 20


def _as_utf8(data: bytes) -> bytes:
    """UTF-16/32 text (known by its byte order mark) re-encoded as UTF-8, so that the checks below see
    its characters rather than NUL bytes; any other bytes as they are. Only the judgement uses it:
    the decoders downstream read the original bytes, mark and all."""
    encoding = wide_encoding(data)
    if encoding is None:
        return data
    return data.decode(encoding, errors="replace").encode("utf-8")


def sniff(data: bytes, origin: str, *, content_type: str | None = None) -> Kind:
    """The kind of ``data``; raises ``InputError`` for empty or binary input."""
    data = _as_utf8(data)
    head = data[:8192]
    if not head.strip():
        raise InputError(f"{origin}: empty file")
    if _looks_binary(head):
        raise InputError(f"{origin}: binary file, not text, HTML or a feed")
    body = head.removeprefix(_UTF8_BOM).lstrip()
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
