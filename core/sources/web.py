"""http(s) fetching with httpx: a deadline for the whole request, a size cap, redirects, a few
requests at a time per host, and one clear reason on failure."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from ..errors import InputError
from ..textio import MAX_BYTES, too_large

ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/json",
)
USER_AGENT = "newsread/0.1 (terminal news reader)"
SCHEMES = ("http", "https")
PER_HOST = 2
"""Requests in flight at once to one host: polite to each site, while many sites are fetched in parallel."""
WORKERS = 8
"""Threads fetching ahead (``Fetcher.prefetch``): up to this many hosts at once."""


# -- a deadline for the whole request ----------------------------------------------------------------
#
# httpx's timeouts bound each network operation, so a server sending one header line a second never
# times out. The socket operations of a request run in the thread that made it; each one is given
# only the time left before that thread's deadline.

_deadline = threading.local()


def _time_left(timeout: float | None) -> float | None:
    """``timeout`` cut to the time left before this thread's deadline; ``ReadTimeout`` once it is past."""
    deadline: float | None = getattr(_deadline, "at", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the deadline for the whole request has passed")
    return left if timeout is None else min(timeout, left)


@contextmanager
def _until(deadline: float) -> Iterator[None]:
    """Every socket operation of this thread ends by ``deadline`` (``time.monotonic()``)."""
    _deadline.at = deadline
    try:
        yield
    finally:
        _deadline.at = None


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes never wait past the deadline of the request using it."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        return _DeadlineStream(self.stream.start_tls(ssl_context, server_hostname, _time_left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    """Connections that connect, read and write within the deadline of the request that uses them."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = super().connect_tcp(host, port, _time_left(timeout), local_address, socket_options)
        return _DeadlineStream(stream)


HTTPX_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)
"""Each httpcore error and the httpx error a transport raises for it (the first that matches: the
most specific first), as httpx's own transport does."""


@contextmanager
def as_httpx_errors() -> Iterator[None]:
    """httpcore's errors raised inside become the matching httpx errors, which ``Fetcher`` handles."""
    try:
        yield
    except Exception as exc:
        for core_error, httpx_error in HTTPX_ERRORS:
            if isinstance(exc, core_error):
                raise httpx_error(str(exc)) from exc
        raise


class _Body(httpx.SyncByteStream):
    """A response body read from the pool, its errors as httpx's."""

    def __init__(self, stream: Iterable[bytes]) -> None:
        self.stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with as_httpx_errors():
            yield from self.stream

    def close(self) -> None:
        close = getattr(self.stream, "close", None)
        if close is not None:
            close()


class DeadlineTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore connection pool (httpcore's default limits, httpx's
    TLS settings) of ``_DeadlineBackend`` connections. Built from public API only: httpx's own
    ``HTTPTransport`` has no way to give its pool a network backend."""

    def __init__(self) -> None:
        self.pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=_DeadlineBackend())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)  # a sync Client's requests always are
        url = request.url
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with as_httpx_errors():
            response = self.pool.handle_request(core_request)
        assert isinstance(response.stream, Iterable)  # the sync pool's bodies always are
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Body(response.stream),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self.pool.close()


@dataclass(slots=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str | None
    charset: str | None
    etag: str | None = None  # the validators a conditional request sends back (``fetch_if_changed``)
    modified: str | None = None


def _deadline_transport() -> httpx.BaseTransport | None:
    """The deadline transport, or None (httpx's own) when the environment names a proxy: httpx
    honours HTTP_PROXY and the like only with its own transports (through a proxy each network
    operation is still bounded by the timeout, not the request as a whole)."""
    import urllib.request

    return None if urllib.request.getproxies() else DeadlineTransport()


class Fetcher:
    """One HTTP client for a whole ``add`` run (connections are reused); close it when done.

    Safe to share between threads: at most ``per_host`` requests are in flight to one host at a
    time, and ``timeout`` bounds each request as a whole (connect, headers and body). A host that
    cannot be reached at all (no network, DNS failure, connection refused or timed out) is not tried
    again in the same run: a feed's 33 items fail at once with the first item's reason.
    """

    def __init__(
        self, *, timeout: float = 20.0, max_bytes: int = MAX_BYTES, max_redirects: int = 5, per_host: int = PER_HOST
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.per_host = per_host
        self.transport = _deadline_transport()  # None: httpx's own transport (a proxy is set)
        self.client = httpx.Client(
            transport=self.transport,
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=max_redirects,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml,*/*;q=0.8"},
        )
        self.unreachable: dict[str, str] = {}  # host -> why it could not be reached
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()
        self._workers: ThreadPoolExecutor | None = None
        self._ahead: dict[str, Future[Fetched]] = {}  # url -> its fetch started by prefetch

    def close(self) -> None:
        """Stop fetching ahead (requests under way end by their deadline), then close the client."""
        if self._workers is not None:
            self._workers.shutdown(wait=True, cancel_futures=True)
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        """The semaphore that keeps requests to ``host`` to ``per_host`` at a time."""
        with self._slots_lock:
            slot = self._slots.get(host)
            if slot is None:
                slot = self._slots[host] = threading.BoundedSemaphore(self.per_host)
            return slot

    def prefetch(self, url: str) -> None:
        """Start fetching ``url`` in a background thread; ``fetch(url)`` then returns that result."""
        if url in self._ahead:
            return
        if self._workers is None:
            self._workers = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="newsread-fetch")
        self._ahead[url] = self._workers.submit(self._fetch_now, url)

    def fetch(self, url: str) -> Fetched:
        """The page or feed at ``url`` (http or https); ``InputError`` says in one line why not."""
        ahead = self._ahead.pop(url, None)
        if ahead is not None:
            return ahead.result()
        return self._fetch_now(url)

    def fetch_if_changed(self, url: str, *, etag: str | None = None, modified: str | None = None) -> Fetched | None:
        """``fetch`` as a conditional request (a subscribed feed refreshed): None when the server
        answers 304 Not Modified to the ``etag`` and ``modified`` validators of the last fetch."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return self._request(url, headers)

    def _fetch_now(self, url: str) -> Fetched:
        got = self._request(url, {})
        if got is None:  # 304 to a request that named no version: nothing to keep
            raise InputError(f"{url}: HTTP 304 Not Modified to a request that was not conditional")
        return got

    def _request(self, url: str, headers: dict[str, str]) -> Fetched | None:
        parts = urlsplit(url)
        if not parts.scheme:
            raise InputError(f"{url}: not a full URL (http:// or https://)")
        if parts.scheme.lower() not in SCHEMES:
            raise InputError(f"{url}: {unsupported_scheme(parts.scheme)}")
        host = parts.netloc.lower()
        if host in self.unreachable:
            raise InputError(f"{url}: {self.unreachable[host]}")
        with self._slot(host):
            if host in self.unreachable:  # found out while this request waited for its turn
                raise InputError(f"{url}: {self.unreachable[host]}")
            return self._fetch(url, host, headers)

    def _fetch(self, url: str, host: str, headers: dict[str, str]) -> Fetched | None:
        try:
            with _until(time.monotonic() + self.timeout):
                return self._get(url, headers)
        except httpx.ConnectTimeout:
            self.unreachable[host] = f"could not connect (timed out after {self.timeout:g} s)"
            raise InputError(f"{url}: {self.unreachable[host]}") from None
        except httpx.TimeoutException:
            raise InputError(f"{url}: timed out after {self.timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise InputError(f"{url}: too many redirects") from None
        except httpx.UnsupportedProtocol:
            raise InputError(f"{url}: redirected to an unsupported URL scheme") from None
        except httpx.InvalidURL as exc:
            raise InputError(f"{url}: invalid URL ({exc})") from None
        except httpx.ConnectError as exc:
            self.unreachable[host] = f"could not connect ({_short(exc)})"
            raise InputError(f"{url}: {self.unreachable[host]}") from None
        except httpx.HTTPError as exc:
            raise InputError(f"{url}: download failed ({_short(exc)})") from None

    def _get(self, url: str, headers: dict[str, str]) -> Fetched | None:
        """One GET within the size cap; refuses error pages and content that is no article or feed.
        None for 304 Not Modified (only a conditional request gets one)."""
        with self.client.stream("GET", url, headers=headers) as resp:
            if resp.status_code == 304:
                return None
            if resp.status_code >= 400:
                raise InputError(f"{url}: HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
            ctype = resp.headers.get("content-type")
            mime = (ctype or "").split(";")[0].strip().lower()
            if mime and not (mime in ACCEPTED_TYPES or mime.endswith(("+xml", "+json"))):
                raise InputError(f"{url}: not an article page or feed (content type {mime})")
            length = resp.headers.get("content-length")
            if length and length.isdigit() and int(length) > self.max_bytes:
                raise too_large(url, int(length), self.max_bytes)
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise too_large(url, limit=self.max_bytes)
                chunks.append(chunk)
            return Fetched(
                str(resp.url),
                b"".join(chunks),
                ctype,
                resp.charset_encoding,
                etag=resp.headers.get("etag"),
                modified=resp.headers.get("last-modified"),
            )


def unsupported_scheme(scheme: str) -> str:
    """Why a URL with ``scheme`` is not fetched, as said after its URL."""
    return f"unsupported URL scheme '{scheme.lower()}:' (newsread fetches http and https only)"


def _short(exc: Exception) -> str:
    msg = str(exc) or type(exc).__name__
    return msg.splitlines()[0][:200]
