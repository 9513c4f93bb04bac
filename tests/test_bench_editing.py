"""bench/editing.py's checks work (issue 17, item 4); not timed: the figures are the bench's.

Three editors alone on their parts and one pair on the same part autosave against a live server
for a few seconds: nothing is lost, no conflict where parts differ, every pair round reported.
Then the endpoint is broken on purpose, one way at a time (a save acknowledged but dropped, a
stale save accepted, a conflict invented), and the check names exactly that failure.
"""

import pytest

from bench.editing import check_saves, make_plan
from bench.editors import run_editors
from reviews.models import VoluntaryReview
from reviews.views import editor

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

# make_plan gives the pair the first part, then one part to each editor alone.
PAIR, DROPPED, INVENTED = "section-1", "section-2", "section-3"


@pytest.fixture
def plan(reference_data):
    plan = make_plan(5, 1, words=300)
    assert [(slot.part, len(slot.sessions)) for slot in plan] == [
        (PAIR, 2),
        (DROPPED, 1),
        (INVENTED, 1),
        ("section-4", 1),
    ]
    return plan


def edit(live_server, plan) -> dict:
    return check_saves(run_editors(live_server.url, plan, seconds=2.5, interval=0.5))


def break_saves_of(monkeypatch, part: str, broken):
    """Route the autosave of `part` through `broken(save_part, document, part, data, **kw)`."""
    real = editor.save_part

    def save_part(document, part_, data, **kwargs):
        if part_.key == part:
            return broken(real, document, part_, data, **kwargs)
        return real(document, part_, data, **kwargs)

    monkeypatch.setattr(editor, "save_part", save_part)


def test_editors_and_a_pair_lose_nothing_and_every_conflict_is_reported(live_server, plan):
    result = edit(live_server, plan)

    assert result["failures"] == []
    assert result["lost"] == result["false_conflicts"] == result["missed"] == 0
    assert result["provoked"] >= 1  # a round every 0.5 s for 2.5 s, fewer on a busy machine
    assert result["reported"] == result["provoked"]
    # Every solo save and one save per pair round acknowledged.
    assert result["saves"] == result["requests"] - result["provoked"]


def test_a_dropped_save_is_found(live_server, plan, monkeypatch):
    # Acknowledged ("ok", the same version) but never written.
    break_saves_of(monkeypatch, DROPPED, lambda real, document, *a, **kw: document)

    result = edit(live_server, plan)

    iso3 = VoluntaryReview.objects.get(pk=plan[1].review_pk).member_state_id
    assert result["lost"] == 1
    assert result["failures"] == [f"saves lost: 1 ({iso3} {DROPPED})"]


def test_a_missed_conflict_is_found(live_server, plan, monkeypatch):
    # Every save of the pair's part treated as made from the latest version.
    break_saves_of(
        monkeypatch,
        PAIR,
        lambda real, *a, base_version, **kw: real(*a, base_version=10**9, **kw),
    )

    result = edit(live_server, plan)

    assert result["reported"] == 0
    assert result["missed"] == result["provoked"] >= 1
    assert result["failures"] == [f"conflicts reported 0 of {result['provoked']} provoked"]


def test_a_conflict_where_nobody_else_edited_is_found(live_server, plan, monkeypatch):
    # Every save of a part edited by one person treated as made from a version before any.
    break_saves_of(
        monkeypatch,
        INVENTED,
        lambda real, *a, base_version, **kw: real(*a, base_version=-1, **kw),
    )

    result = edit(live_server, plan)

    assert result["false_conflicts"] >= 1
    assert result["failures"] == [
        f"conflicts reported where nobody else edited: {result['false_conflicts']}"
    ]
