"""The server's entry: the Streamlit app (app.py) and, beside it, the phones' vote page and its
two endpoints as plain Starlette routes (voting/), reachable without signing in and reaching
nothing but an open vote by its code. `streamlit run server.py` finds `app` and serves both
through uvicorn; app.py stays the app's script (page setup and navigation only). This file
imports Streamlit, as app.py does: it is an entry point, outside every import contract."""

import streamlit as st
from starlette.middleware import Middleware

from page_language import BritishEnglish
from voting.routes import vote_routes

app = st.App("app.py", routes=vote_routes(), middleware=[Middleware(BritishEnglish)])
