"""Test-wide setup: Qt runs offscreen and nothing touches the real user data folder."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Set before any ao_desktop module asks for the data folder, so a test can never
# create or open the user's real database.
os.environ["AO_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="ao-desktop-test-home-")
