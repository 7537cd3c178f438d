"""The performance harness, `python -m benchmarks`: builds a synthetic store, times a few
Streamlit reruns of the app against a bare page in the same process, and prints ratios.
`python -m benchmarks browser` times Next and Save in Chromium against a bare page on the app's
own server. It informs; it never passes or fails on a time."""

import logging

# The app's caches are made as its modules are imported, and Streamlit warns, outside a server,
# that it keeps them in memory: true here, and noise to the reader of the table.
logging.getLogger("streamlit.runtime.caching.cache_data_api").disabled = True
