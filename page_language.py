"""The language every page of the app declares: British English (`<html lang="en-GB">`), so a
screen reader speaks it with British pronunciation and a browser checks British spelling.
Streamlit's index.html says "en" and has no setting for it, so the server's answer is rewritten
on its way out (server.py). A browser opening a page is sent it uncompressed for that (about
8 KB); every other answer, compressed or not, passes as it is."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

STREAMLITS = b'<html lang="en">'
OURS = b'<html lang="en-GB">'


class BritishEnglish:
    """ASGI middleware: an uncompressed HTML answer's `<html lang="en">` becomes "en-GB"."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or b"text/html" not in dict(scope["headers"]).get(
            b"accept", b""
        ):
            await self.app(scope, receive, send)
            return
        # A page opened in a browser: asked for uncompressed, so its text can be rewritten.
        scope = {
            **scope,
            "headers": [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"],
        }
        start: Message | None = None
        body: list[bytes] = []

        async def rewritten(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if b"text/html" in headers.get(b"content-type", b"") and (
                    b"content-encoding" not in headers
                ):
                    start = message  # held until the whole page is here
                    return
            if start is None:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = b"".join(body).replace(STREAMLITS, OURS, 1)
            headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", b"%d" % len(page))]})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, rewritten)
