"""The phone's side of a live vote: one small HTML page and two JSON endpoints, as plain
Starlette routes mounted beside Streamlit (server.py). No Streamlit here: a phone never gets a
Streamlit session (issue 19 measured one at 50-100 times the server's CPU per vote)."""
