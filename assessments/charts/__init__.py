"""Plotly figures from analytics data: pure functions, with meaning never carried by colour
alone."""
