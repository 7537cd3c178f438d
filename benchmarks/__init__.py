"""The performance harness, `python -m benchmarks`: builds a synthetic store, times a few
Streamlit reruns of the app against a bare page in the same process, and prints ratios. It
informs; it never passes or fails on a time."""
