"""Sources: real pages and feeds, bad input, and http(s) against a local server on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsread.core.errors import InputError
from newsread.core.sources import Article, Failed, Pending, expand, load
from newsread.core.sources.web import Fetcher
from support.server import QuietHandler, serve

DATA = Path(__file__).parent / "data" / "sources"


def _all(refs: list[str], fetcher: Fetcher | None = None, fetch: bool = False) -> list[Article | Failed]:
    out: list[Article | Failed] = []
    for item in expand(refs, fetcher):
        if isinstance(item, Failed):
            out.append(item)
            continue
        try:
            out.append(load(item, fetcher=fetcher, fetch=fetch))
        except InputError as exc:
            out.append(Failed(item.origin, str(exc)))
    return out


def _one_failure(ref: str | Path) -> str:
    (result,) = _all([str(ref)])
    assert isinstance(result, Failed), result
    return result.reason


def test_html_page_gives_main_text_and_metadata() -> None:
    (page,) = _all([str(DATA / "page3.html")])
    assert isinstance(page, Article)
    assert page.url and page.url.startswith("https://thehill.com/")
    assert page.title and "meth" in page.title.lower()
    assert page.published and page.published.startswith("2019-11")
    assert page.site
    assert len(page.text) > 1500
    assert "<" not in page.text[:200]


def test_text_file_title_is_first_line() -> None:
    (art,) = _all([str(DATA / "seed.txt")])
    assert isinstance(art, Article)
    assert art.title and art.title.startswith("Blinken struggles")
    assert art.text.startswith("Blinken struggles")
    assert art.source == str((DATA / "seed.txt").resolve())


@pytest.mark.parametrize(
    ("name", "count", "sample"),
    [
        ("bbc_news_world.rss.xml", 33, None),
        ("dw_english_all.rdf.xml", 141, None),
        ("heise.atom", 15, None),
        ("feed.json", 25, None),
        ("uolNoticias.rss", 15, "Notícias"),
        ("iconv.xml", 10, "Оренбург"),
    ],
)
def test_feeds_expand_into_entries_with_their_encoding(name: str, count: int, sample: str | None) -> None:
    items = _all([str(DATA / name)])
    assert len(items) == count
    arts = [i for i in items if isinstance(i, Article)]
    failed = [i for i in items if isinstance(i, Failed)]
    # An entry with a title but no description at all is not an article (4 of uolNoticias.rss).
    assert all("has no text" in f.reason for f in failed)
    assert len(arts) >= count - 4
    assert all(a.title for a in arts)
    assert all(a.url and a.url.startswith("http") for a in arts)
    text = " ".join(a.title + " " + a.text for a in arts)
    assert "\ufffd" not in text and "Ã" not in text  # no mojibake
    if name == "uolNoticias.rss":
        assert any("ç" in a.title or "ã" in a.title for a in arts)
    if name == "iconv.xml":
        assert all(any("\u0400" <= ch <= "\u04ff" for ch in a.title) for a in arts)


def test_feed_entry_dates_and_kind_sniffed_not_from_extension(tmp_path: Path) -> None:
    disguised = tmp_path / "feed.txt"
    disguised.write_bytes((DATA / "heise.atom").read_bytes())
    arts = _all([str(disguised)])
    assert len(arts) == 15 and all(isinstance(a, Article) and a.published for a in arts)
    page = tmp_path / "page.txt"
    page.write_bytes((DATA / "page1.html").read_bytes())
    (art,) = _all([str(page)])
    assert isinstance(art, Article) and art.url and "latimes.com" in art.url


def test_feed_with_no_items(tmp_path: Path) -> None:
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    assert "no items" in _one_failure(empty)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (b"Caf\xc3 \xff\xfe broken utf-8 \xc3\x28", None),  # decoded by guessing, or refused clearly
    ],
)
def test_bad_files_fail_with_one_reason(tmp_path: Path, content: bytes, reason: str | None) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    results = _all([str(path)])
    assert len(results) == 1
    if reason is not None:
        assert isinstance(results[0], Failed) and reason in results[0].reason


def test_fifty_megabyte_file_is_refused_by_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    reason = _one_failure(big)
    assert "too large" in reason and "50 MB" in reason


def test_latin1_and_cp1251_texts_are_decoded(tmp_path: Path) -> None:
    pt = "Notícia: o governo anunciou ações para a educação. " * 10
    ru = "Новости Оренбурга: губернатор заявил, что строительство продолжится. " * 10
    (tmp_path / "pt.txt").write_bytes(("Título\n" + pt).encode("latin-1"))
    (tmp_path / "ru.txt").write_bytes(("Заголовок\n" + ru).encode("cp1251"))
    a, b = _all([str(tmp_path / "pt.txt"), str(tmp_path / "ru.txt")])
    assert isinstance(a, Article) and a.title == "Título" and "educação" in a.text
    assert isinstance(b, Article) and b.title == "Заголовок" and "Оренбурга" in b.text


def test_broken_html_still_yields_text_or_a_reason(tmp_path: Path) -> None:
    page = (DATA / "page2.html").read_bytes()
    truncated = tmp_path / "cut.html"
    truncated.write_bytes(page[: len(page) // 2])
    garbage = tmp_path / "garbage.html"
    garbage.write_bytes(b"<html><body><div><p>Unclosed <b>tags <i>everywhere<table><tr><td>x</p></div>" * 3)
    for result in _all([str(truncated), str(garbage)]):
        assert isinstance(result, Article | Failed)
        if isinstance(result, Failed):
            assert result.reason


def test_folder_is_recursive_and_skips_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("One\nFirst article.")
    (tmp_path / "a" / "b" / "two.md").write_text("# Two\nSecond article.")
    (tmp_path / ".hidden.txt").write_text("Hidden\nno")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    titles = sorted(a.title for a in _all([str(tmp_path)]) if isinstance(a, Article))
    assert titles == ["One", "Two"]


def test_schemes_other_than_http_are_refused_and_file_urls_read(tmp_path: Path) -> None:
    assert "unsupported URL scheme 'ftp'" in _one_failure("ftp://example.com/a.html")
    assert "unsupported URL scheme" in _one_failure("gopher://example.com/")
    (art,) = _all([(DATA / "seed.txt").resolve().as_uri()])
    assert isinstance(art, Article) and art.title and art.title.startswith("Blinken")
    assert "no such file" in _one_failure(tmp_path / "missing.txt")


# -- http(s) --------------------------------------------------------------------------------------


class _Handler(QuietHandler):
    def do_GET(self) -> None:
        path = self.path
        if path == "/page":
            self.reply(200, (DATA / "page3.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif path == "/slow":
            time.sleep(3)
            self.reply(200, b"<html><body><p>late</p></body></html>", "text/html")
        elif path == "/image":
            self.reply(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif path == "/feed":
            body = (DATA / "bbc_news_world.rss.xml").read_bytes()
            body = body.replace(b"https://www.bbc.com/news/articles/", f"http://{self.headers['Host']}/a/".encode())
            self.reply(200, body, "application/rss+xml")
        elif path.startswith("/a/"):
            self.reply(200, (DATA / "page1.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/latin1":
            text = "<html><head><title>Notícias</title></head><body>" + "<p>Ação educação notícia.</p>" * 40
            self.reply(200, (text + "</body></html>").encode("latin-1"), "text/html; charset=iso-8859-1")
        else:
            self.reply(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(_Handler) as base:
        yield base


def test_url_page_redirect_and_charset(server: str) -> None:
    with Fetcher(timeout=10) as fetcher:
        (page,) = _all([f"{server}/redirect"], fetcher)
        assert isinstance(page, Article)
        assert page.url and "thehill.com" in page.url  # the page's canonical URL
        assert page.title and "meth" in page.title.lower()
        (latin,) = _all([f"{server}/latin1"], fetcher)
        assert isinstance(latin, Article) and "educação" in latin.text


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404"),
        ("/slow", "timed out after 1 s"),
        ("/image", "not an article page or feed (content type image/png)"),
        ("/loop", "too many redirects"),
    ],
)
def test_url_failures_have_clear_reasons(server: str, path: str, reason: str) -> None:
    with Fetcher(timeout=1) as fetcher:
        (result,) = _all([server + path], fetcher)
    assert isinstance(result, Failed)
    assert reason in result.reason


def test_unreachable_host_is_a_reason_not_a_crash() -> None:
    with Fetcher(timeout=2) as fetcher:
        (result,) = _all(["http://127.0.0.1:9/nothing"], fetcher)
    assert isinstance(result, Failed) and "could not connect" in result.reason


def test_url_size_cap(server: str) -> None:
    with Fetcher(timeout=10, max_bytes=1000) as fetcher:
        (result,) = _all([f"{server}/page"], fetcher)
    assert isinstance(result, Failed) and "too large" in result.reason


def test_feed_url_fetches_each_item_page_unless_no_fetch(server: str) -> None:
    with Fetcher(timeout=10) as fetcher:
        items = list(expand([f"{server}/feed"], fetcher))
        assert len(items) == 33 and all(isinstance(i, Pending) for i in items)
        fetched = load(items[0], fetcher=fetcher, fetch=True)
        summary = load(items[0], fetcher=fetcher, fetch=False)
    assert "latimes.com" in (fetched.url or "")  # the item's page, extracted
    assert len(fetched.text) > 5 * len(summary.text)
    assert summary.url and summary.url.startswith(server)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_a_json_feed_is_read_in_any_unicode_encoding_with_a_byte_order_mark(encoding: str) -> None:
    import json

    from newsread.core.sources.feeds import parse

    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Harbour News",
        "items": [{"id": "1", "url": "https://example.org/a", "title": "Dredging ends", "content_text": "Done."}],
    }
    entries = parse(json.dumps(feed).encode(encoding), "feed.json")
    assert [e.title for e in entries] == ["Dredging ends"]
