"""Where the tests keep what a person may want to look at afterwards (screenshots from Chromium,
reports converted to PDF): never inside the repository. $RECOVERY_ARTIFACTS if set; otherwise a
folder of this run's own under recovery-artifacts in the system's temporary folder
(/tmp/recovery-artifacts/<date>-<time>-<pid>), so runs side by side never touch each other's.
The path is printed at the end of the run."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

if not os.environ.get("RECOVERY_ARTIFACTS"):
    # Set here, on the first import, so the pytest-xdist workers started later share the folder.
    os.environ["RECOVERY_ARTIFACTS"] = str(
        Path(tempfile.gettempdir())
        / "recovery-artifacts"
        / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    )
ARTIFACTS = Path(os.environ["RECOVERY_ARTIFACTS"])
SCREENSHOTS = ARTIFACTS / "screenshots"
REPORTS = ARTIFACTS / "reports"
