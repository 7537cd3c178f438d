"""Where the tests keep what a person may want to look at afterwards (screenshots from Chromium,
reports converted to PDF): never inside the repository. $RECOVERY_ARTIFACTS if set, else
recovery-artifacts in the system's temporary folder (/tmp/recovery-artifacts); `bash
scripts/test.sh` prints the path at the end of the run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ARTIFACTS = Path(
    os.environ.get("RECOVERY_ARTIFACTS") or Path(tempfile.gettempdir()) / "recovery-artifacts"
)
SCREENSHOTS = ARTIFACTS / "screenshots"
REPORTS = ARTIFACTS / "reports"
