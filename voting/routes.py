"""The phones' routes, mounted beside Streamlit (server.py): GET /vote, the page; GET
/vote/api/state?code=, what a phone may know of a vote; POST /vote/api/cast, a vote as JSON.
They are reachable without signing in, and ask the service only as `VOTER_ACCESS`, which
reaches nothing but casting and a code's state. Plain Starlette, no Streamlit: a phone never
gets a Streamlit session. A client that has tried many codes that are not open is refused
(429) before any lookup (assessments/rules/vote_guesses.py; its address: voting/client.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from assessments.records.votes import OPEN, VoteState
from assessments.rules.errors import ServiceError
from assessments.rules.vote_guesses import GuessLimit
from assessments.rules.votes import NotOpen
from assessments.service import Service
from voting.client import client_address, trusted_proxies
from voting.page import page_parts, vote_page

MAX_BODY = 2_000  # bytes: a vote is about 150
_CODE_IN_ADDRESS = re.compile(r"[A-Za-z ]{0,8}")
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _phones_service() -> Service:
    """The store and definitions the app itself opens (migrated on first use), asked as the
    phones' access; one per process, which also holds the per-process rate limits."""
    from assessments.service.votes import VOTER_ACCESS
    from assessments.store import open_store
    from framework.loader import load

    return Service(open_store(), load(), access=VOTER_ACCESS)


def state_reply(found: VoteState) -> dict:
    """What a phone is told of a code: the subject's words and answers as plain text."""
    choices = [{"value": c.value, "label": c.label, "hint": c.hint} for c in found.choices]
    return {"code": found.code, "status": found.status, "title": found.title,
            "revealed": found.revealed, "ballot": found.ballot, "subject": found.subject,
            "ask": found.ask, "choices": choices}  # fmt: skip


def vote_routes(
    service: Callable[[], Service] | None = None,
    guesses: GuessLimit | None = None,
    trusted: str | None = None,
) -> list[Route]:
    """The routes, on `service()` (built once, on the first request: starting the server
    opens nothing more than before); `guesses`, the process's limit on guessing codes;
    `trusted`, the proxies whose X-Forwarded-For is believed (RECOVERY_TRUSTED_PROXIES when
    None)."""
    held = cache(service or _phones_service)
    guesses = guesses or GuessLimit()
    proxies = trusted_proxies(trusted)

    def client(request: Request) -> str:
        peer = request.client.host if request.client else None
        return client_address(peer, request.headers.get("x-forwarded-for"), proxies)

    def json_reply(body: dict, status: int = 200) -> JSONResponse:
        return JSONResponse(body, status_code=status, headers=_HEADERS)

    def refused(error: ServiceError) -> JSONResponse:
        status = 429 if error.field == "rate" else 400
        return json_reply({"stored": False, "field": error.field, "message": error.message}, status)

    async def page(request: Request) -> Response:
        svc = await run_in_threadpool(held)
        script, policy = page_parts(svc.definitions)
        typed = request.query_params.get("code", "")
        code = typed.upper() if _CODE_IN_ADDRESS.fullmatch(typed) else ""
        headers = _HEADERS | {"Content-Security-Policy": policy, "X-Frame-Options": "DENY"}
        return HTMLResponse(vote_page(svc.definitions, script, code), headers=headers)

    async def state(request: Request) -> Response:
        address = client(request)
        svc = await run_in_threadpool(held)
        try:
            guesses.check(address)
            found = await run_in_threadpool(svc.votes.state, request.query_params.get("code", ""))
        except NotOpen as error:
            guesses.missed(address, error.code)
            return refused(error)
        except ServiceError as error:
            return refused(error)
        if found.status != OPEN:
            guesses.missed(address, found.code)
        return json_reply(state_reply(found))

    async def cast(request: Request) -> Response:
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            # Only a script of this page sends JSON; a form posted from another site cannot.
            return json_reply(
                {"stored": False, "message": "Send the vote from the vote page."}, 415
            )
        body = await request.body()
        try:
            if len(body) > MAX_BODY:
                raise ValueError
            sent = json.loads(body)
            if not isinstance(sent, dict):
                raise ValueError
        except ValueError:
            return json_reply({"stored": False, "message": "The vote could not be read."}, 400)
        address = client(request)
        svc = await run_in_threadpool(held)
        groups = {g.id: g.name for g in svc.definitions.stakeholder_groups}
        try:
            guesses.check(address)
            stored = await run_in_threadpool(
                svc.votes.cast,
                sent.get("code", ""),
                sent.get("device", ""),
                sent.get("group", ""),
                sent.get("answer", ""),
                sent.get("priority"),
            )
        except NotOpen as error:
            guesses.missed(address, error.code)
            return refused(error)
        except ServiceError as error:
            return refused(error)
        priority = f", priority {stored.priority}" if stored.priority else ""
        verb = "Changed" if stored.changed else "Stored"
        message = (
            f"{verb}: {stored.answer_label} for {groups[stored.group]}{priority}, on "
            f"code {stored.code}. You can change it until the vote closes."
        )
        return json_reply({"stored": True, "changed": stored.changed, "message": message})

    return [
        Route("/vote", page, methods=["GET"]),
        Route("/vote/api/state", state, methods=["GET"]),
        Route("/vote/api/cast", cast, methods=["POST"]),
    ]
