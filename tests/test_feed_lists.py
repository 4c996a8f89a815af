"""Subscription lists in and out: OPML 2.0 and newsboat's urls file, through the command line on
real library files; hostile OPML is read without resolving entities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from newsread.core.cli import cli
from newsread.core.errors import InputError
from newsread.core.sources.subscriptions import Subscription, discover_feed, opml, read_list, urls_file

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Mine</title></head><body>
  <outline text="News">
    <outline type="rss" text="BBC  World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/>
    <outline type="rss" title="Ars [Tech]" text="ars" xmlUrl="https://feeds.arstechnica.com/arstechnica/index"/>
  </outline>
  <outline type="link" text="A page, not a feed" url="https://example.com/"/>
  <outline text="No name" type="atom" XMLURL="https://example.org/atom.xml"/>
</body></opml>
"""

URLS = """# newsboat urls
https://feeds.bbci.co.uk/news/world/rss.xml "~BBC World" news
https://example.org/atom.xml tech
"query:Unread:unread = \\"yes\\""
exec:~/bin/feed.sh
"""


def _run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def test_opml_and_urls_files_are_read() -> None:
    assert read_list(OPML, "x.opml") == [
        Subscription("https://feeds.bbci.co.uk/news/world/rss.xml", "BBC World"),
        Subscription("https://feeds.arstechnica.com/arstechnica/index", "Ars [Tech]"),
        Subscription("https://example.org/atom.xml", "No name"),
    ]
    assert read_list(URLS.encode(), "urls") == [
        Subscription("https://feeds.bbci.co.uk/news/world/rss.xml", "BBC World"),
        Subscription("https://example.org/atom.xml", None),
    ]


def test_written_lists_read_back_the_same() -> None:
    subs = [Subscription("https://a.test/feed?x=1&y=2", 'Quotes "and" <angles>'), Subscription("https://b.test/")]
    assert read_list(opml(subs), "out.opml") == [subs[0], Subscription("https://b.test/", "https://b.test/")]
    assert read_list(urls_file(subs).encode(), "urls") == subs


def test_hostile_opml_reads_no_local_file_and_expands_no_entity(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY s SYSTEM "file://{secret}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<opml version="2.0"><body><outline type="rss" text="&s;&b;" xmlUrl="https://x.test/&s;"/></body></opml>'
    ).encode()
    laughs = xxe.decode().replace(f'<!ENTITY s SYSTEM "file://{secret}">', "").replace("&s;", "")
    wide = laughs.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>', 1).encode("utf-16")  # past a byte scan
    for hostile in (xxe, laughs.encode(), wide):
        with pytest.raises(InputError, match="declaring entities is not read") as refused:
            read_list(hostile, "evil.opml")
        assert "SECRET" not in str(refused.value) and "aaaa" not in str(refused.value)
    with pytest.raises(InputError, match="no feeds in this list"):
        read_list(b"<opml><body><outline text='folder'/></body></opml>", "empty.opml")
    with pytest.raises(InputError, match="not a readable OPML file"):
        read_list(b"<?xml version='1.0'?><opml><body>", "cut.opml")


def test_import_and_export_through_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    (tmp_path / "mine.opml").write_bytes(OPML)
    (tmp_path / "urls").write_text(URLS)
    first = _run(db, "feeds", "import", str(tmp_path / "mine.opml"))
    assert first.stdout == "subscribed to 3 feed(s); 0 already subscribed or refused\n"
    again = _run(db, "feeds", "import", str(tmp_path / "urls"))
    assert again.stdout == "subscribed to 0 feed(s); 2 already subscribed or refused\n"
    listed = json.loads(_run(db, "feeds", "ls", "--json").stdout)
    assert [(f["name"], f["articles"], f["last_refresh"]) for f in listed] == [
        ("Ars [Tech]", 0, None),
        ("BBC World", 0, None),
        ("No name", 0, None),
    ]
    out = tmp_path / "out.opml"
    assert _run(db, "feeds", "export", "-o", str(out)).exit_code == 0
    assert [s.url for s in read_list(out.read_bytes(), "out.opml")] == [f["url"] for f in listed]
    urls = _run(db, "feeds", "export", "--format", "urls").stdout
    assert urls.splitlines()[0] == "https://feeds.arstechnica.com/arstechnica/index '~Ars [Tech]'"
    removed = _run(db, "feeds", "rm", "bbc world")
    assert removed.stdout == "unsubscribed from BBC World; deleted 0 article(s)\n"
    assert len(json.loads(_run(db, "feeds", "ls", "--json").stdout)) == 2


def test_a_page_names_its_feed() -> None:
    page = (
        b'<html><head><link rel="stylesheet" href="a.css"><link rel="alternate" type="application/feed+json" '
        b'href="/feed.json"><link rel="Alternate" type="application/rss+xml; charset=utf-8" href="feeds/rss.xml">'
        b'<link rel="alternate" type="application/atom+xml" href="javascript:alert(1)"></head></html>'
    )
    assert discover_feed(page, "https://news.test/world/") == "https://news.test/world/feeds/rss.xml"
    assert discover_feed(b"<html><head><title>No feed</title></head></html>", "https://x.test/") is None
    assert discover_feed(b"", "https://x.test/") is None
