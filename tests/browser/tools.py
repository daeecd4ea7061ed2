"""What the browser gate needs on the machine, and what happens when it is missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def require_tools(*needs: str) -> None:
    """Skip when a tool is missing, or fail when REQUIRE_BROWSER=1 (as in CI)."""
    checks = {
        "chromium": (
            CHROMIUM.exists(),
            f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
        ),
        "axe": (AXE.exists(), f"{AXE.relative_to(ROOT)} is missing (npm install)"),
        "vnu": (VNU.exists(), f"{VNU.relative_to(ROOT)} is missing (npm install)"),
        "java": (shutil.which("java") is not None, "Java is not installed (needed by vnu.jar)"),
    }
    missing = [reason for need in needs for ok, reason in [checks[need]] if not ok]
    if not missing:
        return
    reason = "; ".join(missing)
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)
