"""The shared base of catalog and plan models keeps big plans small in memory."""

from __future__ import annotations

import pickle

import pytest
from pydantic import ValidationError

from roadmap_engine._plan_models import Recommendation, ResourceRef, WeekItem


def _item(activity: str) -> WeekItem:
    return WeekItem(activity_id=activity, title=activity.title(), hours=1.5)


def test_instances_given_the_same_fields_share_one_set_of_names() -> None:
    first, second = _item("sql"), _item("python")
    assert first.model_fields_set == {"activity_id", "title", "hours"}
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__


_GUIDE = ResourceRef(
    id="r", title="R", provider="P", kind="docs", cost="free", price_usd=None,
    price_note=None, hours=1, part=None, url=None,
)  # fmt: skip


def _recommend(short: bool | None = None) -> Recommendation:
    """Without ``short``, the two fields that have defaults are not given."""
    if short is None:
        return Recommendation(resource=_GUIDE, partial=False, hours=1, cost_usd=None, months=None)
    return Recommendation(
        resource=_GUIDE, partial=False, hours=1, cost_usd=None, months=None, short=short,
        paid_with="R",
    )  # fmt: skip


def test_instances_given_other_fields_keep_their_own_set() -> None:
    bare, fuller = _recommend(), _recommend(short=True)
    assert "short" not in bare.model_fields_set
    assert {"short", "paid_with"} <= fuller.model_fields_set
    assert bare.__pydantic_fields_set__ is not fuller.__pydantic_fields_set__


def test_a_copy_with_changes_leaves_the_shared_set_alone() -> None:
    bare, other = _recommend(), _recommend()
    assert bare.__pydantic_fields_set__ is other.__pydantic_fields_set__
    changed = bare.model_copy(update={"short": True})
    assert changed.short and "short" in changed.model_fields_set
    assert "short" not in other.model_fields_set
    assert "short" not in _recommend().model_fields_set


def test_models_stay_frozen_and_strict_and_survive_pickling() -> None:
    item = _item("sql")
    with pytest.raises(ValidationError):
        item.hours = 3  # type: ignore[misc]
    with pytest.raises(ValidationError):
        WeekItem(activity_id="a", title="A", hours=1, extra=True)  # type: ignore[call-arg]
    again = pickle.loads(pickle.dumps(item))
    assert again == item and again.model_fields_set == item.model_fields_set
