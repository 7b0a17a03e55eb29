"""Where the shared sample copy lives: ../shared beside the checkout (CI has it too)."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSROOM_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "edition-2023-11.txt"


def read_sample(binary=False):
    """The sample page's text (or bytes); skips the test, saying why, when the shared
    folder is not beside this checkout (a clone elsewhere, a machine that is not
    this one). The import fixtures in tests/data/import need no such folder."""
    if not SAMPLE.exists():
        pytest.skip(
            f"the shared sample page is not here ({SAMPLE}); "
            "set NEWSROOM_SHARED to the folder that holds samples/ to run this test"
        )
    return SAMPLE.read_bytes() if binary else SAMPLE.read_text(encoding="utf-8")
