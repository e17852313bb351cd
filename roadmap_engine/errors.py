"""The errors a user of roadmap-engine can see.

Every problem caused by input (a profile, a catalog folder, a template, a
schedule that cannot fit) raises a subclass of ``RoadmapError`` whose message
says where the problem is, what was found and what would fix it. Anything else
escaping the library is a bug.

    RoadmapError
    ├── ProfileError    a profile file, dict or model is invalid
    ├── CoachError      a coach file (the brand on the documents) is invalid
    ├── CatalogError    a catalog folder is invalid (syntax, reference, cycle)
    ├── ScheduleError   the inputs are valid but cannot make a sane schedule
    ├── TemplateError   a template is missing, broken or refused
    └── OutputError     a document or folder cannot be written
"""

from __future__ import annotations


class RoadmapError(Exception):
    """Base class: a message meant for the person who supplied the input."""


class ProfileError(RoadmapError):
    """The profile is invalid; the message names the file and field."""


class CoachError(RoadmapError):
    """The coach file is invalid; the message names the file and field."""


class CatalogError(RoadmapError):
    """The catalog is invalid; the message names the file and the items."""


class BaselineError(RoadmapError):
    """The baseline plan cannot be read or belongs to another person or target."""


class ScheduleError(RoadmapError):
    """The plan cannot be scheduled within the horizon; says which input."""


class TemplateError(RoadmapError):
    """A template could not be found, compiled or rendered."""


class OutputError(RoadmapError):
    """A document or its folder cannot be written; names the path and why."""


__all__ = [
    "BaselineError",
    "CatalogError",
    "CoachError",
    "OutputError",
    "ProfileError",
    "RoadmapError",
    "ScheduleError",
    "TemplateError",
]
