"""A phone's HTTP, as small as a browser's: HTTP/1.1 on kept-alive connections (a few per
phone, as a browser opens), JSON or HTML bodies with a Content-Length, and, as a browser does,
one more try on a new connection when a kept-alive one turns out closed before any reply.

Not httpx: profiled at 200 voters, httpx spent more CPU per request than the server did
answering it, on the same two CPUs, and its lateness was counted as the server's."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

TIMEOUT_SECONDS = 30.0  # a reply slower than this is a failed request


class NoReply(Exception):
    """The request got no complete reply: the reason, in a few words."""


@dataclass(frozen=True)
class Reply:
    status_code: int
    body: bytes

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    def json(self):
        return json.loads(self.body)  # ValueError when it is not JSON


class _Connection:
    def __init__(self) -> None:
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.replied = False  # the server began its reply to the request now being made

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def exchange(self, host: str, port: int, head: bytes, body: bytes) -> Reply:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(host, port)
        assert self.reader is not None
        self.replied = False
        self.writer.write(head + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionResetError("closed before any reply")
        self.replied = True
        headers: dict[str, str] = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" not in headers:
            raise NoReply("a reply without a Content-Length")
        content = await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return Reply(int(status_line.split()[1]), content)


class PhoneHttp:
    """One phone's connections to the server at `base_url`."""

    def __init__(self, base_url: str) -> None:
        address = urlsplit(base_url)
        self.host, self.port = address.hostname or "127.0.0.1", address.port or 80
        self._idle: list[_Connection] = []

    async def get(self, path: str) -> Reply:
        return await self._request("GET", path, b"", None)

    async def post_json(self, path: str, sent: dict) -> Reply:
        return await self._request("POST", path, json.dumps(sent).encode(), "application/json")

    async def close(self) -> None:
        for connection in self._idle:
            connection.close()
        self._idle.clear()

    async def _request(self, method: str, path: str, body: bytes, kind: str | None) -> Reply:
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        if kind:
            head += f"Content-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
        encoded = (head + "\r\n").encode()
        while True:  # each retry takes another idle connection, then a new one
            connection = self._idle.pop() if self._idle else _Connection()
            reused = connection.writer is not None
            try:
                reply = await asyncio.wait_for(
                    connection.exchange(self.host, self.port, encoded, body), TIMEOUT_SECONDS
                )
            except TimeoutError:  # before OSError, of which it is one
                connection.close()
                raise NoReply(f"no reply in {TIMEOUT_SECONDS:g} s") from None
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
                connection.close()
                # As a browser: a kept-alive connection closed under it is tried anew.
                if reused and not connection.replied and not isinstance(error, ValueError):
                    continue
                raise NoReply(type(error).__name__) from None
            if connection.writer is not None:
                self._idle.append(connection)
            return reply
