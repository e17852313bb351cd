"""``python -m roadmap_engine`` is the ``roadmap`` command."""

from ._cli import run

run()
