"""A trust laptop in a workshop often has no internet: the app must ask nothing of it."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import sign_in, wait_for_app

pytestmark = pytest.mark.e2e

PAGES = ["", "framework", "providers", "rounds", "workshop", "summary", "plans", "trip",
         "trip-summary", "portfolio", "reports"]  # fmt: skip


def test_no_page_asks_anything_of_the_internet(page, demo_server):
    elsewhere: list[str] = []
    local = (demo_server.url, "ws://127.0.0.1", "data:", "blob:", "about:")
    page.on("request", lambda r: None if r.url.startswith(local) else elsewhere.append(r.url))
    page.goto(f"{demo_server.url}/rounds")
    wait_for_app(page)
    sign_in(page)
    for path in PAGES:
        page.goto(f"{demo_server.url}/{path}")
        wait_for_app(page)

    assert elsewhere == []  # the page icon was once fetched from fonts.gstatic.com
