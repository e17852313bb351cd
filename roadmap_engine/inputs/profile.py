"""The person's profile: who they are, where they go, and when they can study.

Field docstrings are the profile format's documentation (and its JSON Schema).
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .. import _limits
from .._levels import Level
from .._reading import as_path
from .._validation import FieldProblem, describe
from .._yaml import load_yaml_file
from ..errors import ProfileError

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = {name: i for i, name in enumerate(WEEKDAYS)} | {
    full: i
    for i, full in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}


def _budget(value: object) -> object:
    """``any``, ``free`` or a number of dollars at least 0, with one message for all
    three (a union type would report one contradicting line per member)."""
    if isinstance(value, str) and value.strip().lower() in ("any", "free"):
        return value.strip().lower()
    if isinstance(value, bool):
        value = None  # YAML's yes/no are not amounts
    if isinstance(value, str):
        try:
            value = float(value.strip().lstrip("$").replace(",", ""))
        except ValueError:
            value = None
    if isinstance(value, int | float) and math.isfinite(value) and value >= 0:
        return float(value)
    raise ValueError("must be any, free, or a number of US dollars of 0 or more, e.g. budget: 200")


Budget = Annotated[Literal["any", "free"] | float, BeforeValidator(_budget)]
"""``any``, ``free`` or a ceiling in US dollars, checked in one step."""
Hours = Annotated[float, Field(gt=0, le=100)]
DayHours = Annotated[float, Field(ge=0, le=24)]
MAX_WEEKLY_HOURS = 100


def _weekday(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in _WEEKDAY_NAMES:
        return WEEKDAYS[_WEEKDAY_NAMES[value.strip().lower()]]
    return value


def _weekday_list(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_weekday(v) for v in value)
    return value


def _weekday_keys(value: Any) -> Any:
    if isinstance(value, dict):
        days = {_weekday(k): v for k, v in value.items()}
        if len(days) < len(value):
            raise ValueError("names the same day twice (e.g. mon and Monday); name each day once")
        return days
    return value


def _session_starts(value: Any) -> Any:
    """A time, or a mapping of weekdays (and ``default``) to times, as one mapping."""
    if isinstance(value, dict):
        days = _weekday_keys({k: v for k, v in value.items() if k != "default"})
        if "default" in value:
            days["default"] = value["default"]
        return days
    if value is None:
        return value
    return {"default": value}


def _done_items(value: Any) -> Any:
    """``done`` as a list of names (dates unknown) or a mapping of names to dates."""
    if isinstance(value, list | tuple):
        return {name: None for name in value}
    return value


def _spread(
    weekly_hours: float | None, study_days: tuple[str, ...], per_weekday: Mapping[Any, float] | None
) -> tuple[float, ...]:
    """Hours for Monday ... Sunday from either form of availability."""
    if per_weekday is not None:
        return tuple(float(per_weekday.get(day, 0.0)) for day in WEEKDAYS)
    assert weekly_hours is not None
    share = weekly_hours / len(study_days)
    return tuple(share if day in study_days else 0.0 for day in WEEKDAYS)


class _Input(BaseModel):
    """Field docstrings document the profile (``field_docs``); they are not read at import."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class TimeOff(_Input):
    """A span of dates with no study at all (both ends included)."""

    start: dt.date
    end: dt.date
    reason: str = Field(default="time off", max_length=200)
    """Shown in the plan next to the gap it makes."""

    @model_validator(mode="after")
    def _ordered(self) -> TimeOff:
        if self.end < self.start:
            raise FieldProblem(
                "end", f"{self.end} is before start {self.start}; swap them or fix the dates"
            )
        return self


class Period(_Input):
    """A span of dates with other study hours than usual (both ends included)."""

    start: dt.date
    end: dt.date
    weekly_hours: Hours | None = None
    """Hours a week during the period, spread over ``study_days``."""
    study_days: tuple[Weekday, ...] | None = None
    """Days used with ``weekly_hours``; the profile's own days when left out."""
    hours_per_weekday: dict[Weekday, DayHours] | None = None
    """Instead of ``weekly_hours``: the hours of each weekday in the period."""
    reason: str = Field(default="other hours", max_length=200)

    _weekdays = field_validator("study_days", mode="before")(lambda v: _weekday_list(v))
    _per_day = field_validator("hours_per_weekday", mode="before")(lambda v: _weekday_keys(v))

    @model_validator(mode="after")
    def _consistent(self) -> Period:
        if self.end < self.start:
            raise FieldProblem(
                "end", f"{self.end} is before start {self.start}; swap them or fix the dates"
            )
        if (self.weekly_hours is None) == (self.hours_per_weekday is None):
            raise FieldProblem(
                "weekly_hours", "give the period weekly_hours or hours_per_weekday (one of them)"
            )
        return self

    def day_hours(self, default_days: tuple[str, ...]) -> tuple[float, ...]:
        return _spread(self.weekly_hours, self.study_days or default_days, self.hours_per_weekday)


class PublicHolidays(_Input):
    """Public holidays to keep free of study, from the ``holidays`` package."""

    country: str = Field(min_length=2, max_length=3)
    """ISO 3166 country code, e.g. US, GB, DE, IN."""
    subdivision: str | None = Field(default=None, max_length=10)
    """State, province or region code where holidays differ, e.g. CA for California."""

    @model_validator(mode="after")
    def _supported(self) -> PublicHolidays:
        import holidays  # only profiles that ask for holidays pay for this import

        supported = holidays.list_supported_countries()
        country = self.country.upper()
        if country not in supported:
            close = [c for c in supported if c[0] == country[0]][:8]
            raise FieldProblem(
                "country",
                f"no public holidays are known for country {self.country!r}; use an ISO "
                f"code such as {', '.join(close) or 'US, GB, DE'}",
            )
        subdivisions = supported[country]
        if self.subdivision is not None and self.subdivision.upper() not in {
            s.upper() for s in subdivisions
        }:
            raise FieldProblem(
                "subdivision",
                f"{country} has no subdivision {self.subdivision!r}; choose one of "
                f"{', '.join(subdivisions[:20])}{' ...' if len(subdivisions) > 20 else ''}",
            )
        return self

    def dates(self, first_year: int, last_year: int) -> dict[dt.date, str]:
        """The holidays of those years; for years a country's rules do not cover
        (some lunar calendars stop in the 2030s), none."""
        import holidays

        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Requested Holidays are available only")
            found = holidays.country_holidays(
                self.country.upper(),
                subdiv=self.subdivision.upper() if self.subdivision else None,
                years=range(first_year, last_year + 1),
            )
            return dict(sorted(found.items()))


SessionDay = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun", "default"]


class Progress(_Input):
    """What is done so far, as of a date: the plan is made again from that date."""

    as_of: dt.date | None = None
    """The date this progress is recorded on; the rest of the plan starts there.
    Without it, the profile's ``today``."""
    done: dict[Annotated[str, Field(min_length=1, max_length=200)], dt.date | None] = Field(
        default={}, max_length=_limits.PROFILE_LIST_ITEMS
    )
    """Items finished, by the plan's id, skill name or activity title, with the
    date each was finished (or empty when not known), e.g. {statistics: 2027-02-10}.
    A list of names also works."""
    spent: dict[
        Annotated[str, Field(min_length=1, max_length=200)], Annotated[float, Field(gt=0, le=10000)]
    ] = Field(default={}, max_length=_limits.PROFILE_LIST_ITEMS)
    """Hours spent so far on items not yet finished, in total, e.g. {ml-algorithms: 20}."""

    _done = field_validator("done", mode="before")(lambda v: _done_items(v))

    @field_validator("as_of")
    @classmethod
    def _fits_the_calendar(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and value > _limits.LATEST_START:
            raise ValueError(f"must be no later than {_limits.LATEST_START}; use the real date")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Progress:
        for name, on in self.done.items():
            if on is not None and self.as_of is not None and on > self.as_of:
                raise FieldProblem(
                    ("done", name),
                    f"{on} is after as_of {self.as_of}; a finished item has a date on or "
                    "before as_of",
                )
        both = [name for name in self.spent if name in self.done]
        if both:
            raise FieldProblem(
                ("spent", both[0]),
                f"{both[0]!r} is done, so its hours are not 'spent' on it any more; "
                "remove it from spent",
            )
        return self


class Profile(_Input):
    """One person's starting point, goal and study time."""

    name: str = Field(min_length=1, max_length=200)
    """The person the plan is for, as it should appear on the plan."""
    current_role: str = Field(min_length=1, max_length=200)
    """The role held now: a catalog role's id, title or alias (any case)."""
    target_role: str = Field(min_length=1, max_length=200)
    """The role to move into: a catalog role's id, title or alias (any case)."""
    start_date: dt.date
    """The first day of study (YYYY-MM-DD)."""
    weekly_hours: Hours | None = None
    """Hours of study a week, spread evenly over ``study_days``."""
    study_days: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri")
    """Days of the week used with ``weekly_hours`` (mon ... sun)."""
    hours_per_weekday: dict[Weekday, DayHours] | None = None
    """Instead of ``weekly_hours``: the hours of each weekday, e.g. {mon: 2, sat: 5}."""
    skills: dict[Annotated[str, Field(min_length=1, max_length=200)], Level] = Field(
        default={}, max_length=_limits.PROFILE_LIST_ITEMS
    )
    """Skills already held, by catalog id, name or alias, with a level:
    none, basic, intermediate, advanced or expert. Unlisted skills typical of
    the current role are assumed at the role's usual level; list one as
    ``none`` to say otherwise."""
    time_off: tuple[TimeOff, ...] = Field(default=(), max_length=_limits.PROFILE_LIST_ITEMS)
    """Date spans with no study (holidays, a move, a busy season)."""
    deadline: dt.date | None = None
    """The date the person wants to be ready by; the plan says if it is met."""
    budget: Budget = "any"
    """``free`` for free resources only, a number for a ceiling in US dollars
    on paid ones, or ``any``."""
    today: dt.date | None = None
    """The date the plan is made, which anchors "this week" and "this month".
    Defaults to the start date, so plans never depend on the wall clock."""
    periods: tuple[Period, ...] = Field(default=(), max_length=_limits.PROFILE_LIST_ITEMS)
    """Spans with other hours, e.g. an intensive summer at 20 hours a week;
    a later period wins where two overlap."""
    holidays: PublicHolidays | None = None
    """Keep a country's public holidays free of study."""
    review_buffer: float = Field(default=0.0, ge=0, le=0.5)
    """A share of each phase's hours added at its end for review and catching
    up, e.g. 0.1 for ten percent."""
    locale: str | None = Field(default=None, max_length=20)
    """Show dates in this locale's style (e.g. en_GB, de_DE); ISO dates otherwise."""
    date_style: Literal["short", "medium", "long", "full"] = "medium"
    """How long locale dates are: 04/01/2027, 4 Jan 2027, 4 January 2027, ..."""
    session_start: dict[SessionDay, dt.time] = {"default": dt.time(18, 0)}
    """When study sessions begin, for the calendar (.ics) file: one time
    ("19:30"), or a time per weekday with a default for the other days,
    e.g. {sun: "14:00", default: "19:30"}."""
    reminder_minutes: int | None = Field(default=None, ge=0, le=10080)
    """A calendar reminder this many minutes before each study session."""
    progress: Progress | None = None
    """What is done so far; the plan is then made again from ``progress.as_of``."""

    _weekdays = field_validator("study_days", mode="before")(lambda v: _weekday_list(v))
    _per_day = field_validator("hours_per_weekday", mode="before")(lambda v: _weekday_keys(v))

    @field_validator("start_date", "today")
    @classmethod
    def _fits_the_calendar(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and value > _limits.LATEST_START:
            raise ValueError(
                f"must be no later than {_limits.LATEST_START}, so that a "
                f"{_limits.PLAN_YEARS}-year plan still fits the calendar; use the real date"
            )
        return value

    @field_validator("session_start", mode="before")
    @classmethod
    def _a_written_time(cls, value: object) -> object:
        value = _session_starts(value)
        if isinstance(value, dict):
            for time in value.values():
                if isinstance(time, int | float) and not isinstance(time, bool):
                    raise ValueError('must be a time of day written HH:MM in quotes, e.g. "19:30"')
        return value

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from babel import Locale, UnknownLocaleError

        try:
            return str(Locale.parse(value.replace("-", "_")))
        except (UnknownLocaleError, ValueError):
            raise ValueError(
                f"unknown locale {value!r}; use a code such as en_US, en_GB, de_DE or fr_FR"
            ) from None

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.weekly_hours is None and self.hours_per_weekday is None:
            raise FieldProblem(
                "weekly_hours",
                "required: give weekly_hours (e.g. weekly_hours: 10) or hours_per_weekday "
                "(e.g. {mon: 2, sat: 5})",
            )
        if self.weekly_hours is not None and self.hours_per_weekday is not None:
            raise FieldProblem(
                "hours_per_weekday", "give weekly_hours or hours_per_weekday, not both"
            )
        if self.weekly_hours is not None and not self.study_days:
            raise FieldProblem(
                "study_days", "is empty; list at least one day, e.g. [mon, wed, sat]"
            )
        if len(set(self.study_days)) != len(self.study_days):
            raise FieldProblem("study_days", "lists a day twice; list each day once")
        if self.hours_per_weekday is not None:
            total = sum(self.hours_per_weekday.values())
            if total <= 0:
                raise FieldProblem(
                    "hours_per_weekday", "gives no hours at all; give some day hours"
                )
            if total > MAX_WEEKLY_HOURS:
                raise FieldProblem(
                    "hours_per_weekday",
                    f"adds up to {total:g} hours a week, over the "
                    f"{MAX_WEEKLY_HOURS} that is humanly possible; lower them",
                )
        if "default" not in self.session_start and len(self.session_start) < 7:
            raise FieldProblem(
                "session_start",
                'gives no time for some days; add a default, e.g. {sun: "14:00", default: "19:30"}',
            )
        if self.progress is not None:
            self._progress_dates(self.progress)
        if self.deadline is not None and self.deadline <= self.start_date:
            raise FieldProblem(
                "deadline",
                f"{self.deadline} is not after start_date {self.start_date}; "
                "move the deadline later",
            )
        return self

    def _progress_dates(self, progress: Progress) -> None:
        if progress.as_of is None and self.today is None:
            raise FieldProblem(
                ("progress", "as_of"),
                "required: the date the progress is recorded on, e.g. as_of: 2027-02-15 "
                "(or give the profile's today)",
            )
        as_of = progress.as_of or self.today
        assert as_of is not None
        if as_of < self.start_date:
            raise FieldProblem(
                ("progress", "as_of"),
                f"{as_of} is before start_date {self.start_date}; progress is "
                "recorded on or after the start",
            )
        for name, on in progress.done.items():
            if on is not None and on < self.start_date:
                raise FieldProblem(
                    ("progress", "done", name),
                    f"{on} is before start_date {self.start_date}; list a skill held "
                    "before the start under skills instead",
                )

    def starts_on(self, weekday: int) -> dt.time:
        """When sessions begin on ``weekday`` (0 = Monday)."""
        times = self.session_start  # every day, or a default: checked when validated
        return times.get(WEEKDAYS[weekday]) or times["default"]

    def day_hours(self) -> tuple[float, ...]:
        """Study hours for Monday ... Sunday outside any period."""
        return _spread(self.weekly_hours, self.study_days, self.hours_per_weekday)

    @property
    def hours_a_week(self) -> float:
        return sum(self.day_hours())


ProfileSource = str | Path | dict[str, Any] | Profile


def load_profile(source: ProfileSource) -> tuple[Profile, str]:
    """The validated profile and a name for it to use in messages."""
    if isinstance(source, Profile):
        return source, "profile"
    if isinstance(source, dict):
        return _validate(source, "profile"), "profile"
    if isinstance(source, str | Path):
        path = as_path(source, "a profile", ProfileError)
        data = load_yaml_file(path, ProfileError, _limits.PROFILE_FILE_BYTES)
        if data is None:
            raise ProfileError(
                f"{path}: the file is empty; write the profile fields (name, current_role, "
                "target_role, start_date, weekly_hours). See profiles/ for examples."
            )
        if not isinstance(data, dict):
            raise ProfileError(
                f"{path}: expected a mapping of profile fields (name, current_role, ...), "
                f"got {type(data).__name__}. See profiles/ for examples."
            )
        return _validate(data, str(path)), str(path)
    raise ProfileError(
        f"a profile must be a YAML file path, a dict or a Profile, not {type(source).__name__}"
    )


def _validate(data: dict[str, Any], source: str) -> Profile:
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError("invalid profile:\n" + describe(exc, source, model=Profile)) from None
