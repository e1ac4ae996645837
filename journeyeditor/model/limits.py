"""Documented limits of what a project may hold, enforced wherever content enters.

The file check, the JSON import and the edits all read these numbers, so a file that
passes one passes all, and nothing within them can make layout, painting or export
take unbounded time or memory (docs/file-format.md lists them for people).
"""

from __future__ import annotations

import re

NAME_MAX_CHARS = 1_000
"""Names and short fields: map, stage, lane, persona and department names, units, owners."""

TEXT_MAX_CHARS = 20_000
"""Card text, notes, descriptions and a persona's long fields."""

SNAPSHOT_MAX_CHARS = 200_000_000
"""A snapshot holds a whole project as JSON text."""

STAGE_WIDTH_RANGE = (40.0, 4_000.0)
LANE_HEIGHT_RANGE = (20.0, 4_000.0)
"""Stage widths and lane heights in map pixels (1/96 inch at 100 %)."""

NUMBER_MAX_ABS = 1e15
"""Metric values and targets: finite, and no larger than this in magnitude."""

VOTES_MAX = 1_000_000
AGE_RANGE = (0, 150)

MAX_MAPS = 200
MAX_STAGES_PER_MAP = 200
MAX_LANES_PER_MAP = 100
MAX_CARDS_PER_MAP = 20_000
MAX_ORDER_KEY = 2**53
"""A card's position is an order key with gaps (editing/order_keys.py), at most this:
exact as a double too, so no reader of the file rounds two keys into one."""
MAX_PERSONAS = 1_000
MAX_DEPARTMENTS = 200
MAX_IMAGES = 2_000
MAX_PARTICIPANTS = 1_000
MAX_BALLOTS = 10_000
MAX_VOTES = 1_000_000
VOTE_ALLOWANCE_MAX = 100
"""Dots one participant may give in one vote."""
MAX_MERGED_SAMPLES = 1_000_000
"""Feelings an emotion point may average (one per merged draft)."""
STAMP_MAX_CHARS = 40
"""A date and time as ISO 8601 text ("2026-11-30T05:40:12Z")."""

MAX_RUNS_PER_KIND = 50
"""Measurement runs kept per map and kind (events, survey): an import deletes older ones."""
MAX_SEGMENT_VALUES = 200
"""Segment values one run may break its figures down by (besides everyone)."""
MAX_FIGURES_PER_RUN = MAX_STAGES_PER_MAP * (MAX_SEGMENT_VALUES + 1)
"""Figure rows of one run: per stage, everyone and each segment value."""
MAX_SEGMENT_COLUMNS = 10
"""Segment columns a map's event mapping names."""
MAX_PATTERNS_PER_STAGE = 100
"""Event-name patterns (globs) one stage's mapping lists; touchpoint cards likewise."""
COUNT_MAX = 10**15
"""Rows, customers and answers counted by a run: whole numbers from 0 to this."""
SECONDS_MAX = 1e12
"""Times between stages, in seconds (some 31,700 years): from 0 to this."""
EFFORT_RANGE = (0.0, 10.0)
"""A survey's mean effort score: on the scale of its answers, at most 0 to 10."""

IMAGE_MAX_BYTES = 25 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000

ID_MAX = (1 << 53) - 1
"""Row ids stay exact as JSON numbers and as SQLite integers."""

COLOR_PATTERN = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
"""#rgb, #rrggbb or #rrggbbaa, matched whole (`fullmatch`)."""


def is_color(value: object) -> bool:
    """Whether `value` is a colour as the model writes it."""
    return isinstance(value, str) and COLOR_PATTERN.fullmatch(value) is not None


SURVEY_MIN_ANSWERS = 30
"""Below this many answers a survey figure (NPS, CES) is flagged as a low sample."""
VERBATIMS_PER_STAGE_MAX = 100
"""Quotes a survey import may bring per stage (cards per map stay within their limit)."""
