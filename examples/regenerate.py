"""Render every profile in profiles/ into examples/ as Markdown, HTML and JSON,
and the check-in example (examples/check-in/) against its January baseline.

These files are also the golden files: tests/test_examples.py fails when the
engine's output differs from them. After an intended change, run this script
and review the diff.
"""

from __future__ import annotations

from pathlib import Path

from roadmap_engine import Plan, generate_plan, render
from roadmap_engine.writers.output import write_atomically

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("md", "html", "json")
CHECK_IN = ROOT / "examples" / "check-in" / "alex.yaml"
BASELINE = ROOT / "examples" / "software-engineer-to-ml-engineer.json"


def expected() -> dict[Path, str]:
    """Each example file and the text it should hold."""
    out = {}
    for profile in sorted((ROOT / "profiles").glob("*.yaml")):
        plan = generate_plan(profile)
        for fmt in FORMATS:
            out[ROOT / "examples" / f"{profile.stem}.{fmt}"] = render(plan, fmt)
    # the baseline as the CLI reads it: the January plan's own JSON
    baseline = Plan.model_validate_json(out[BASELINE])
    check_in = generate_plan(CHECK_IN, baseline=baseline)
    for fmt in ("md", "html", "ics"):
        out[CHECK_IN.with_name(f"alex-feb.{fmt}")] = render(check_in, fmt)
    return out


if __name__ == "__main__":
    for path, text in expected().items():
        write_atomically(path, text)
        print(f"wrote {path.relative_to(ROOT)}")
