"""How many examples the property-based tests generate: their full count times ``TIMELINE_FUZZ_SCALE``.

The test suite runs each property at a quarter of its full count (the same property, the same assertions,
fewer generated examples); ``benchmarks/run.py --only fuzz`` runs the same tests at the full count
(``TIMELINE_FUZZ_SCALE=1``) and prints their figures. For a longer, random exploration:
``TIMELINE_FUZZ_SCALE=10 TIMELINE_FUZZ_RANDOM=1 pytest tests/test_fuzz_normalisers.py``.
"""

from __future__ import annotations

import os

#: The share of each property's full example count the suite generates (the benchmark runs it at 1).
SUITE_SCALE = 0.25
SCALE = float(os.environ.get("TIMELINE_FUZZ_SCALE", SUITE_SCALE))
#: Random examples instead of the same ones every run (the default: the suite is deterministic).
RANDOM = os.environ.get("TIMELINE_FUZZ_RANDOM") == "1"


def examples(full: int) -> int:
    """The number of examples to generate for a property whose full count is ``full`` (at least 10)."""
    return max(10, round(full * SCALE))
