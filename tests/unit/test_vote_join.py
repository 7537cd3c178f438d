"""The address a phone types to join a vote, and its QR code, made on this machine."""

from __future__ import annotations

import re

import segno

from assessments.rules.vote_join import join_address, qr_svg


def test_the_address_the_browser_used_is_the_one_phones_get_with_the_code_and_no_page_path():
    found = join_address("ABCD", None, "http://192.168.1.20:8501/workshop", False)

    assert found.url == "http://192.168.1.20:8501/vote?code=ABCD"
    assert found.shown == "192.168.1.20:8501/vote?code=ABCD"
    assert found.reachable and not found.advice


def test_the_setting_wins_over_the_browsers_address_and_keeps_a_proxys_path():
    found = join_address("ABCD", "https://votes.example.nhs.uk/recovery/",
                         "http://127.0.0.1:8501/workshop", False)  # fmt: skip

    assert found.url == "https://votes.example.nhs.uk/recovery/vote?code=ABCD"
    assert found.reachable


def test_this_computers_own_address_is_shown_but_said_to_be_out_of_the_phones_reach():
    for browser in ("http://127.0.0.1:8501/", "http://localhost:8501/workshop",
                    "http://[::1]:8501/"):  # fmt: skip
        found = join_address("WXYZ", None, browser, serves_network=False)
        assert not found.reachable
        assert found.url.endswith("/vote?code=WXYZ")
        assert "Phones cannot reach 127.0.0.1" in found.advice
        assert "create-admin" in found.advice and "--server.address 0.0.0.0" in found.advice


def test_on_a_server_listening_on_the_network_the_advice_is_to_open_it_at_its_network_address():
    found = join_address("WXYZ", None, "http://127.0.0.1:8501/", serves_network=True)

    assert not found.reachable
    assert "this computer's network address" in found.advice
    assert "create-admin" not in found.advice


def test_with_no_address_at_all_only_the_path_is_given_and_not_called_reachable():
    found = join_address("ABCD", None, None, False)

    assert (found.url, found.reachable) == ("/vote?code=ABCD", False)


def test_the_qr_code_is_svg_markup_holding_the_address_with_a_title_escaped():
    svg = qr_svg("http://192.168.1.20:8501/vote?code=ABCD", 'Join <the> "vote"')

    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<title>Join &lt;the&gt;" in svg
    assert 'fill="#fff"' in svg  # white behind the code on any page colour
    assert not re.search(r"https?://(?!192\.168)", svg.replace("http://www.w3.org", ""))
    # The same symbol segno makes for that address: what a phone's camera reads.
    expected = segno.make("http://192.168.1.20:8501/vote?code=ABCD", error="m", micro=False)
    assert f'viewBox="0 0 {expected.symbol_size(scale=1, border=4)[0]}' in svg
