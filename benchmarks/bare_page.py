"""The floor of `python -m benchmarks browser`: a bare Streamlit page on the app's own server,
registered by app.py only when RECOVERY_BENCHMARK_PAGE=1. Its "Rerun" costs what any Streamlit
rerun costs here, round trip through the browser included."""

import streamlit as st

st.title("A bare page")
st.write("One line of text: what any Streamlit rerun costs on this machine.")
st.button("Rerun")
