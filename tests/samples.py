"""Where the shared sample copy lives: ../shared beside the checkout (CI has it too)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSROOM_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "edition-2023-11.txt"
