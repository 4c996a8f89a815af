"""http(s) fetching with httpx: a timeout, a size cap, redirects, and one clear reason on failure."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..errors import InputError
from ..textio import MAX_BYTES

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


@dataclass(slots=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str | None
    charset: str | None


class Fetcher:
    """One HTTP client for a whole ``add`` run (connections are reused); close it when done.

    A host that cannot be reached at all (no network, DNS failure, connection refused or timed out)
    is not tried again in the same run: a feed's 33 items fail at once with the first item's reason.
    """

    def __init__(self, *, timeout: float = 20.0, max_bytes: int = MAX_BYTES, max_redirects: int = 5) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=max_redirects,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml,*/*;q=0.8"},
        )
        self.unreachable: dict[str, str] = {}  # host -> why it could not be reached

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str) -> Fetched:
        host = urlsplit(url).netloc.lower()
        if host in self.unreachable:
            raise InputError(f"{url}: {self.unreachable[host]}")
        deadline = time.monotonic() + self.timeout
        try:
            with self.client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise InputError(f"{url}: HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
                ctype = resp.headers.get("content-type")
                mime = (ctype or "").split(";")[0].strip().lower()
                if mime and not (mime in ACCEPTED_TYPES or mime.endswith(("+xml", "+json"))):
                    raise InputError(f"{url}: not an article page or feed (content type {mime})")
                length = resp.headers.get("content-length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise InputError(
                        f"{url}: too large for an article ({int(length) // (1024 * 1024)} MB; "
                        f"the limit is {self.max_bytes // (1024 * 1024)} MB)"
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise InputError(
                            f"{url}: too large for an article (the limit is {self.max_bytes // (1024 * 1024)} MB)"
                        )
                    if time.monotonic() > deadline:
                        raise InputError(f"{url}: timed out after {self.timeout:g} s")
                    chunks.append(chunk)
                charset = resp.charset_encoding
                return Fetched(str(resp.url), b"".join(chunks), ctype, charset)
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


def _short(exc: Exception) -> str:
    msg = str(exc) or type(exc).__name__
    return msg.splitlines()[0][:200]
