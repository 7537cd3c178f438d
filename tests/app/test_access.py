"""Who may reach the app: this computer only while nobody signs in, said on every page, and a
server that listens beyond this computer shows nothing."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from pages.kit import routes
from tests.app.conftest import APP, open_page

LOCAL = "This computer only, without sign-in"


def test_the_shipped_config_listens_on_this_computer_only():
    assert st.get_option("server.address") == "127.0.0.1"


@pytest.mark.parametrize("path", [routes.HOME.path, routes.WORKSHOP.path, routes.PORTFOLIO.path])
def test_every_page_says_it_is_for_this_computer_only(path):
    at = open_page(path)

    assert at.caption[0].value.startswith(LOCAL)


@pytest.fixture
def listening_everywhere(monkeypatch):
    """The server as `streamlit run app.py --server.address 0.0.0.0` starts it."""
    real = st.get_option

    def option(key: str):
        return "0.0.0.0" if key == "server.address" else real(key)

    monkeypatch.setattr(st, "get_option", option)


def test_a_server_listening_beyond_this_computer_shows_nothing_but_how_to_run_it_here(
    listening_everywhere,
):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()

    assert [t.value for t in at.title] == ["This app is for this computer only"]
    assert "other machines could reach it" in at.error[0].value
    assert "scripts/run.sh" in at.error[0].value
    assert not at.button and not at.text_input and not at.selectbox  # nothing of the app
