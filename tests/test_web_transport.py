"""The deadline transport of ``core.sources.web``: httpx's public transport API over an httpcore pool
whose connections never wait past the request's deadline. A real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import ClassVar

import httpcore
import httpx
import pytest
from newsread.core.errors import InputError
from newsread.core.sources import web
from newsread.core.sources.web import Fetcher
from support.server import QuietHandler, serve


class _Pages(QuietHandler):
    """``/slow-body``: headers at once, then one byte a second; ``/cut``: a body shorter than its
    Content-Length, then the connection closes; anything else: a small page."""

    protocol_version = "HTTP/1.1"  # keeps the connection open for the next request
    stop: ClassVar[threading.Event] = threading.Event()

    def do_GET(self) -> None:
        if self.path == "/slow-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "60")
            self.end_headers()
            for _ in range(60):
                if self.stop.wait(1):
                    return
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
        elif self.path == "/cut":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"only this much")
            self.close_connection = True
        else:
            self.reply(200, b"Title\n\nThe mayor said the bridge would reopen.\n", "text/plain; charset=utf-8")


@pytest.fixture
def server() -> Iterator[str]:
    _Pages.stop.clear()
    with serve(_Pages) as base:
        yield base
        _Pages.stop.set()


def test_the_fetcher_uses_the_deadline_transport_and_reuses_its_connections(server: str) -> None:
    with Fetcher(timeout=5) as fetcher:
        transport = fetcher.transport
        assert isinstance(transport, web.DeadlineTransport)
        first = fetcher.fetch(f"{server}/a")
        second = fetcher.fetch(f"{server}/b")
        connections = transport.pool.connections
    assert first.data.startswith(b"Title") and second.url == f"{server}/b"
    assert first.charset == "utf-8"
    assert len(connections) == 1  # the body was read to its end and the connection went back


def test_the_deadline_bounds_a_body_that_trickles_in(server: str) -> None:
    started = time.monotonic()
    with Fetcher(timeout=2) as fetcher, pytest.raises(InputError, match=r"/slow-body: timed out after 2 s$"):
        fetcher.fetch(f"{server}/slow-body")
    assert time.monotonic() - started < 10


def test_a_body_cut_short_is_a_download_failure_not_a_crash(server: str) -> None:
    with Fetcher(timeout=5) as fetcher, pytest.raises(InputError, match=r"/cut: download failed \("):
        fetcher.fetch(f"{server}/cut")


def test_a_refused_connection_is_httpx_connect_error() -> None:
    transport = web.DeadlineTransport()
    try:
        with pytest.raises(httpx.ConnectError):
            transport.handle_request(httpx.Request("GET", "http://127.0.0.1:9/"))
    finally:
        transport.close()


def test_every_httpcore_error_becomes_the_httpx_error_of_its_name() -> None:
    """httpx's transports raise httpx's errors, which ``Fetcher`` handles; httpcore's are mapped
    by name, the most specific first. A new httpcore error fails here until it is mapped."""
    internal = {"ConnectionNotAvailable"}  # the pool's own signal to try another connection; never raised out
    errors = {
        name: cls
        for name in httpcore.__all__
        if isinstance(cls := getattr(httpcore, name), type) and issubclass(cls, Exception) and name not in internal
    }
    assert {core for core, _ in web.HTTPX_ERRORS} == set(errors.values())
    for name, cls in errors.items():
        with pytest.raises(httpx.TransportError) as raised, web.as_httpx_errors():
            raise cls("boom")
        assert type(raised.value) is getattr(httpx, name)
        assert str(raised.value) == "boom"


def test_other_errors_pass_through_unchanged() -> None:
    with pytest.raises(KeyError), web.as_httpx_errors():
        raise KeyError("not a network error")
