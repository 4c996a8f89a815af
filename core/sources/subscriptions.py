"""Subscription lists in the formats feed readers exchange: OPML 2.0 and newsboat's ``urls`` file,
and the feed a web page names.

``read_list`` takes either (OPML is told by its ``<opml`` root, anything else is read as a urls
file) and returns ``Subscription``s; ``opml`` and ``urls_file`` write them. OPML is parsed by lxml
with entities left unresolved, no DTD and no network, and a file that declares entities (which OPML
never needs) is refused, so a hostile file can neither read local files nor expand into gigabytes.
Nested outlines (folders) are flattened; an outline with no ``xmlUrl`` is a folder, not a feed.
``discover_feed`` finds the feed a site's page names in ``<link rel="alternate">``.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urlsplit

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no stubs

from ..errors import InputError
from ..textio import decode_text, wide_encoding

OPML_TYPES = ("rss", "atom", "json", "")
"""The ``type`` of an outline that is a feed (empty: not given, as many exporters write it)."""


@dataclass(frozen=True, slots=True)
class Subscription:
    """A feed in a list: its URL and the name it goes by (None: the list gives none)."""

    url: str
    name: str | None = None


def read_list(data: bytes, origin: str) -> list[Subscription]:
    """The feeds of an OPML file or a newsboat ``urls`` file; ``InputError`` when there are none."""
    wide = wide_encoding(data)
    head = data[:800].decode(wide or "latin-1", "ignore").lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<?xml") or "<opml" in head:
        found = _read_opml(data, origin)
    else:
        found = _read_urls(decode_text(data, origin))
    if not found:
        raise InputError(f"{origin}: no feeds in this list (OPML outlines with xmlUrl, or one URL a line)")
    return found


def _read_opml(data: bytes, origin: str) -> list[Subscription]:

    if b"<!ENTITY" in data:  # OPML needs no entities; refused before any is parsed (UTF-8 files)
        raise InputError(f"{origin}: an OPML file declaring entities is not read")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{origin}: not a readable OPML file ({exc})") from None
    if root.getroottree().docinfo.internalDTD is not None:  # the same in any other encoding
        raise InputError(f"{origin}: an OPML file declaring entities is not read")
    if not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise InputError(f"{origin}: not an OPML file (its root is not <opml>)")
    out: list[Subscription] = []
    for outline in root.iter("outline"):
        attrs = {str(k).lower(): str(v) for k, v in outline.attrib.items()}
        url = attrs.get("xmlurl", "").strip()
        if not url or attrs.get("type", "").lower() not in OPML_TYPES:
            continue
        name = (attrs.get("title") or attrs.get("text") or "").strip() or None
        out.append(Subscription(url, " ".join(name.split()) if name else None))
    return out


def _read_urls(text: str) -> list[Subscription]:
    """newsboat's ``urls`` file: a URL a line, then tags; a tag ``~Name`` renames the feed, ``#``
    starts a comment, and ``query:``/``exec:``/``filter:`` lines are not feeds."""
    out: list[Subscription] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            words = line.split()
        if not words or urlsplit(words[0]).scheme.lower() not in ("http", "https"):
            continue
        name = next((w[1:] for w in words[1:] if w.startswith("~") and len(w) > 1), None)
        out.append(Subscription(words[0], name))
    return out


def opml(feeds: Iterable[Subscription], *, title: str = "newsread subscriptions") -> bytes:
    """An OPML 2.0 document of ``feeds``, one ``<outline type="rss">`` each."""

    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = etree.SubElement(root, "body")
    for feed in feeds:
        name = feed.name or feed.url
        etree.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def urls_file(feeds: Sequence[Subscription]) -> str:
    """newsboat's ``urls`` file of ``feeds``: the URL, then the name as a ``~`` tag."""
    lines = []
    for feed in feeds:
        lines.append(f"{feed.url} {shlex.quote('~' + feed.name)}" if feed.name else feed.url)
    return "".join(f"{line}\n" for line in lines)


FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")
"""The ``type`` of a page's ``<link rel="alternate">`` that names its feed (autodiscovery)."""


def discover_feed(page: bytes, url: str) -> str | None:
    """The feed a web page names in ``<link rel="alternate" type="application/rss+xml" href=…>``
    (RSS before Atom before JSON Feed, then page order), resolved against ``url``; None when it
    names none. What readers do when given a site's address instead of its feed's."""
    from urllib.parse import urljoin

    from lxml import html as lxml_html

    try:
        doc = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None
    found: list[tuple[int, int, str]] = []
    for n, link in enumerate(doc.iter("link")):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            found.append((FEED_TYPES.index(kind), n, urljoin(url, href)))
    feeds = [u for _, _, u in sorted(found) if urlsplit(u).scheme.lower() in ("http", "https")]
    return feeds[0] if feeds else None
