"""Hostile and careless local input (issue 11 items 4, 5, 9, 12, 13, 14, 28): pipes, FIFOs, devices,
looping symlinks, unreadable folders, UTF-16 and cut-off gzip — each read once, under the cap, or
refused in one line while the rest goes on. Real files, FIFOs, pipes, SQLite and the real CLI."""

from __future__ import annotations

import codecs
import gzip
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from shlex import quote

import pytest
from newsread.core import textio
from newsread.core.errors import InputError
from newsread.core.sources import Article, Failed, Pending, expand, files, load
from newsread.core.store.library import Library
from support.hostile_files import FifoWriter, bash

LIMIT_LINE = "too large for an article (the limit is 20 MB)"


def article(title: str, paragraphs: int) -> str:
    """A small real-looking article: a headline, then quoted paragraphs with curly quotes."""
    lines = [title, ""]
    for i in range(1, paragraphs + 1):
        lines.append(f"“Talks will go on in round {i},” Antony Blinken told reporters in Cairo on Tuesday.")
        lines.append("")
    return "\n".join(lines)


def stored_texts(db: Path) -> list[str]:
    """Every stored article's text, in the order added."""
    with Library.open(db) as lib:
        rows = lib.articles(order="added", descending=False)
        return [lib.analysis(row.id).text for row in rows]  # type: ignore[union-attr]


def origins(ref: Path, cap: int = 50) -> list[str]:
    """What ``expand`` makes of ``ref``, relative to it, at most ``cap`` items (a loop stays finite)."""
    out = []
    for item in itertools.islice(expand([str(ref)]), cap):
        assert isinstance(item, Pending), item
        out.append(Path(item.origin).relative_to(ref).as_posix())
    return out


# Item 4: a pipe is read once; sniffing its head must not lose it.


def test_piped_articles_are_stored_whole(tmp_path: Path) -> None:
    small, big = article("A short piped article", 10), article("A long piped article", 150)
    assert len(small.encode()) < 8192 < len(big.encode())
    (tmp_path / "small.txt").write_text(small, encoding="utf-8")
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    db = tmp_path / "lib.db"
    pipes = " ".join(f"<(cat {quote(str(tmp_path / name))})" for name in ("small.txt", "big.txt"))
    proc = bash(f'"$NEWSREAD" add --db {quote(str(db))} {pipes}')
    assert proc.returncode == 0, proc.stderr
    assert stored_texts(db) == [small, big]


def test_fifo_bytes_are_read_once_while_expanding(tmp_path: Path) -> None:
    text = article("A FIFO article", 150)
    writer = FifoWriter(tmp_path / "fifo.txt", text.encode("utf-8"))
    items = list(expand([str(writer.path)]))
    writer.join()
    assert len(items) == 1 and isinstance(items[0], Pending)
    assert items[0].data == text.encode("utf-8")
    loaded = load(items[0])
    assert loaded.text == text and loaded.title == "A FIFO article"


# Items 5 and 28: every real folder and file once; no loops, no way out of the folder named.


def test_two_symlinks_to_the_folder_itself_give_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(article("Alpha", 1))
    (tmp_path / "loop1").symlink_to(".")
    (tmp_path / "loop2").symlink_to(".")
    assert origins(tmp_path) == ["a.txt"]


def test_parent_symlinks_do_not_lead_back_or_out(tmp_path: Path) -> None:
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "a.txt").write_text(article("Alpha", 1))
    (news / "sub" / "b.txt").write_text(article("Bravo", 1))
    (news / "sub" / "up").symlink_to("..")
    (news / "out").symlink_to("..")
    (tmp_path / "outside.txt").write_text(article("Outside", 1))
    assert origins(news) == ["a.txt", "sub/b.txt"]


def test_symlinked_folders_and_files_elsewhere_are_followed_once(tmp_path: Path) -> None:
    news, elsewhere = tmp_path / "news", tmp_path / "elsewhere"
    news.mkdir()
    elsewhere.mkdir()
    (news / "a.txt").write_text(article("Alpha", 1))
    (elsewhere / "b.txt").write_text(article("Bravo", 1))
    (news / "ext1").symlink_to(elsewhere)
    (news / "ext2").symlink_to(elsewhere)
    (news / "same.txt").symlink_to(news / "a.txt")
    (news / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    assert origins(news) == ["a.txt", "ext1/b.txt"]


def test_add_of_a_looping_folder_finishes_and_adds_once(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(article("Alpha talks", 2))
    (news / "loop1").symlink_to(".")
    (news / "loop2").symlink_to(".")
    (news / "up").symlink_to("..")
    db = tmp_path / "lib.db"
    proc = bash(f'"$NEWSREAD" add --db {quote(str(db))} {quote(str(news))}', timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert "added 1, duplicates 0, updated 0, failed 0" in proc.stdout
    assert stored_texts(db) == [article("Alpha talks", 2)]


# Item 9: an unreadable subfolder is one failure; the walk goes on.


def test_unreadable_subfolder_is_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    news = tmp_path / "news"
    locked = news / "b_locked"
    locked.mkdir(parents=True)
    (news / "a.txt").write_text(article("Alpha talks", 1))
    (locked / "c.txt").write_text(article("Charlie talks", 1))
    (news / "z.txt").write_text(article("Zulu talks", 1))
    db = tmp_path / "lib.db"
    locked.chmod(0)
    try:
        proc = bash(f'"$NEWSREAD" add --db {quote(str(db))} {quote(str(news))}', modes_bind=True)
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"newsread: {locked}: folder not read: permission denied"]
    assert "added 2, duplicates 0, updated 0, failed 1" in proc.stdout
    assert stored_texts(db) == [article("Alpha talks", 1), article("Zulu talks", 1)]


# Item 12: the 20 MB cap holds for pipes, FIFOs, devices and stdin: cap + 1 bytes, then one line.


def _read_source(path: Path, *, limit: int) -> str:
    return textio.read_source(str(path), max_bytes=limit)


@pytest.mark.parametrize("reader", [files.read_bytes, _read_source], ids=["add", "analyze"])
def test_fifo_past_the_cap_is_refused_after_reading_cap_plus_one(tmp_path: Path, reader: Callable[..., object]) -> None:
    writer = FifoWriter(tmp_path / "endless.txt", b"Blinken said so.\n" * 60_000)  # ~1 MB
    with pytest.raises(InputError) as err:
        reader(writer.path, limit=1000)
    writer.join()
    assert writer.written < 300_000  # the read stopped at the cap (plus what the pipe buffered)
    assert str(err.value) == f"{writer.path}: too large for an article (the limit is 0 MB)"


YES = "yes 'Blinken said the talks would continue.'"


@pytest.mark.parametrize(
    ("command", "origin"),
    [
        (f"add --db LIB <({YES})", "/dev/fd/"),
        (f"add --db LIB - < <({YES})", "-"),
        ("add --db LIB /dev/zero", "/dev/zero"),
        ("analyze /dev/urandom", "/dev/urandom"),
        (f"analyze <({YES})", "/dev/fd/"),
    ],
    ids=["add-pipe", "add-stdin", "add-device", "analyze-device", "analyze-pipe"],
)
def test_endless_sources_are_refused_in_one_line(tmp_path: Path, command: str, origin: str) -> None:
    db = tmp_path / "lib.db"
    proc = bash('"$NEWSREAD" ' + command.replace("LIB", quote(str(db))), timeout=60)
    assert proc.returncode == 1
    [line] = proc.stderr.splitlines()
    assert line.startswith(f"newsread: {origin}") and line.endswith(f": {LIMIT_LINE}")


# Item 13: UTF-16 and UTF-32 with a byte order mark are text, not binary.

UNICODE_TEXT = "Überschrift: Gespräche gehen weiter\n\n“Wir verhandeln weiter,” sagte Blinken in Kairo.\n"
BOMS = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@pytest.mark.parametrize("encoding", list(BOMS))
def test_text_with_a_wide_bom_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(BOMS[encoding] + UNICODE_TEXT.encode(encoding))
    [item] = list(expand([str(path)]))
    assert isinstance(item, Pending), item
    loaded = load(item)
    assert loaded.title == "Überschrift: Gespräche gehen weiter" and loaded.text == UNICODE_TEXT


def test_utf16_page_is_read_as_a_page(tmp_path: Path) -> None:
    body = "".join(f"<p>“Talks go on, round {i},” Blinken said in Cairo on Tuesday.</p>" for i in range(8))
    head = '<meta charset="utf-16"><title>Gespräche</title>'
    page = f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(codecs.BOM_UTF16_LE + page.encode("utf-16-le"))
    [item] = list(expand([str(path)]))
    loaded = load(item)  # type: ignore[arg-type]
    assert isinstance(loaded, Article) and loaded.title == "Gespräche"
    assert "round 7" in loaded.text and "<p>" not in loaded.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (codecs.BOM_UTF16_LE + b"A\x00B", "not valid UTF-16 text (byte 4)"),
        (codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le"), "empty file"),
    ],
    ids=["odd-length", "only-spaces"],
)
def test_broken_utf16_is_refused_in_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as err:
        textio.decode_text(data, "x.txt")
    assert str(err.value) == f"x.txt: {reason}"


def test_analyze_reads_utf16_files(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + UNICODE_TEXT.encode("utf-16-le"))
    proc = bash(f'"$NEWSREAD" analyze --json {quote(str(path))}')
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["text"] == UNICODE_TEXT


# Item 14: a gzip stream cut short is refused, not stored as half an article.


def _truncated_gzip(tmp_path: Path) -> Path:
    whole = gzip.compress(article("A compressed article", 40).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def test_truncated_gzip_is_refused(tmp_path: Path) -> None:
    path = _truncated_gzip(tmp_path)
    assert list(expand([str(path)])) == [Failed(str(path), "truncated gzip file (the compressed stream ends early)")]


def test_whole_and_multi_member_gzip_are_read(tmp_path: Path) -> None:
    first, second = article("A compressed article", 2), "“More,” Blinken said.\n"
    path = tmp_path / "two.txt.gz"
    path.write_bytes(gzip.compress(first.encode()) + gzip.compress(second.encode()))
    [item] = list(expand([str(path)]))
    assert isinstance(item, Pending) and load(item).text == first + second


@pytest.mark.parametrize("how", ["file", "stdin"])
def test_add_of_a_truncated_gzip_fails_and_keeps_the_library(seed_library: Path, tmp_path: Path, how: str) -> None:
    path = _truncated_gzip(tmp_path)
    before = stored_texts(seed_library)
    source = quote(str(path)) if how == "file" else f"- < {quote(str(path))}"
    proc = bash(f'"$NEWSREAD" add --db {quote(str(seed_library))} {source}')
    assert proc.returncode == 1
    origin = str(path) if how == "file" else "-"
    assert proc.stderr.splitlines() == [f"newsread: {origin}: truncated gzip file (the compressed stream ends early)"]
    assert stored_texts(seed_library) == before
