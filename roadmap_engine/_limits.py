"""The sizes the engine accepts, so that no input can make it hang or eat memory.

Each limit sits far above anything a real profile or catalog needs and is
checked before the expensive work starts, so an absurd input is refused in
milliseconds with a message saying which limit it broke.
"""

from __future__ import annotations

import datetime as dt

PLAN_YEARS = 10
PLAN_DAYS = 3653
"""Ten years of dates: the longest plan the engine will make."""
LATEST_START = dt.date.max - dt.timedelta(days=PLAN_DAYS + 366)
"""The latest start_date or today: a ten-year plan and the year of calendar
around it must still fit before 9999-12-31, where Python's dates end."""

PROFILE_FILE_BYTES = 1_000_000
"""A real profile is a few hundred bytes."""
COACH_FILE_BYTES = 100_000
BASELINE_FILE_BYTES = 100_000_000
"""A plan's own JSON: ten years of daily sessions stay well below this."""
"""A coach file is a dozen lines."""
LOGO_BYTES = 500_000
"""A logo is embedded in every document, so it must stay small."""
CATALOG_FILE_BYTES = 10_000_000
"""YAML parses at about 1 MB a second; the shipped catalog files are under 100 kB."""
CATALOG_FOLDER_BYTES = 50_000_000
CATALOG_FILES = 1_000
ALIAS_EXPANSION = 10
"""YAML aliases may grow a document to at most this many times its written nodes ..."""
ALIAS_FLOOR = 10_000
"""... or to this many nodes, whichever is more (an alias bomb grows it a billionfold)."""
REPORT_BYTES = 200_000_000
"""A batch's earlier report, read to skip unchanged profiles (about 1 kB a profile)."""
PROFILE_LIST_ITEMS = 1_000
"""Skills, time off and periods a profile may list."""
TEMPLATE_FILE_BYTES = 1_000_000
"""A coach's template file; the built-in ones are under 20 kB."""
TEMPLATE_SECONDS = 10.0
"""Wall-clock time one render of a coach's template may take (the built-in ones take ms)."""
TEMPLATE_MEMORY_BYTES = 1_000_000_000
"""Memory a coach's template may add while rendering."""
TEMPLATE_OUTPUT_CHARS = 50_000_000
"""Characters a coach's template may write (the sample plan's HTML is about 60,000)."""
