"""The benchmark phones' own HTTP (benchmarks/live_http.py) against a tiny local server: a reply
read whole, a kept-alive connection reused, and one the server closed meanwhile tried once
anew, as a browser does; a server that says nothing is a failed request, not a hang."""

from __future__ import annotations

import asyncio

import pytest

from benchmarks import live_http
from benchmarks.live_http import NoReply, PhoneHttp


async def serve(handle) -> tuple[asyncio.AbstractServer, str]:
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}"


async def read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        (int(line.split(b":")[1]) for line in head.split(b"\r\n")
         if line.lower().startswith(b"content-length:")),
        0,
    )  # fmt: skip
    return head + await reader.readexactly(length)


def reply(body: bytes, status: str = "200 OK") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def test_replies_are_read_whole_and_a_connection_closed_meanwhile_is_tried_anew():
    connections, requests = [], []

    async def handle(reader, writer):
        connections.append(writer)
        # Each connection answers one request, then closes without saying so (Connection:
        # close left out): the client finds out only on its next request.
        requests.append(await read_request(reader))
        writer.write(reply(b'{"stored": true}'))
        await writer.drain()
        writer.close()

    async def run():
        server, url = await serve(handle)
        http = PhoneHttp(url)
        first = await http.post_json("/vote/api/cast", {"code": "ABCD"})
        await asyncio.sleep(0.05)  # the server has closed it by now
        second = await http.get("/vote/api/state?code=ABCD")
        await http.close()
        server.close()
        return first, second

    first, second = asyncio.run(run())
    assert first.is_success and first.json() == {"stored": True}
    assert second.json() == {"stored": True}
    assert len(connections) == 2  # the second request went again, on a new connection
    assert b"Content-Type: application/json" in requests[0]
    assert requests[0].endswith(b'{"code": "ABCD"}')
    assert requests[1].startswith(b"GET /vote/api/state?code=ABCD HTTP/1.1\r\n")


def test_a_kept_alive_connection_is_reused():
    connections = []

    async def handle(reader, writer):
        connections.append(writer)
        while True:
            try:
                await read_request(reader)
            except asyncio.IncompleteReadError:
                return
            writer.write(reply(b"{}", "400 Bad Request"))
            await writer.drain()

    async def run():
        server, url = await serve(handle)
        http = PhoneHttp(url)
        statuses = [(await http.get("/vote")).status_code for _ in range(3)]
        await http.close()
        server.close()
        return statuses

    assert asyncio.run(run()) == [400, 400, 400]
    assert len(connections) == 1


def test_a_server_that_never_answers_is_a_failed_request(monkeypatch):
    monkeypatch.setattr(live_http, "TIMEOUT_SECONDS", 0.2)

    async def handle(reader, writer):
        await asyncio.sleep(5)

    async def run():
        server, url = await serve(handle)
        try:
            await PhoneHttp(url).get("/vote")
        finally:
            server.close()

    with pytest.raises(NoReply, match="no reply in"):
        asyncio.run(run())
