"""Entry point: page setup and navigation only. Every screen lives in pages/."""

import streamlit as st

st.set_page_config(
    page_title="Recovery self-assessment",
    page_icon="🧭",
    layout="wide",
    initial_sidebar_state="expanded",
)

navigation = st.navigation(
    [
        st.Page("pages/home.py", title="Home", icon="🏠", default=True),
        st.Page("pages/the_framework.py", title="The framework", icon="📘", url_path="framework"),
    ]
)
navigation.run()
