"""What is worked out from records for a screen or a report: pure functions over plain data
(pandas frames, counts, XmR limits), no database and no Streamlit."""
