"""Issue 8, "A stranger's file cannot hurt you": hostile files through every entry point.

tests/ goes on sys.path here, as pytest puts it there, so that `helpers` imports the same
way when the corpus runs as a script (`python -m tests.hostile.corpus OUTDIR`).
"""

import sys
from pathlib import Path

TESTS = str(Path(__file__).resolve().parents[1])
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
