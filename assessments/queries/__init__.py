"""Reads for a screen or a report: each a function that opens ONE read transaction, runs a
fixed number of statements whatever the number of teams, and returns plain frozen data (no
engine, no connection, no service inside), so what draws it is a pure function."""
