"""Whether a State was a least developed country (LDC), a landlocked developing country (LLDC)
or a small island developing State (SIDS) on a given day.

`MemberState.is_ldc`, `is_lldc` and `is_sids` are the situation on the day the reference data
were compiled (fixtures/SOURCES.md); `CategoryChange` rows record the entries into and exits
from a category with their dates, before or after that day (Bangladesh, Lao PDR and Nepal were
due to leave the LDC category on 24 November 2026). The status on a day is the last change on
or before it; before a State's first recorded change, the opposite of that change; a State
without changes keeps its flag.

Unconfirmed rows (`confirmed` False: a scheduled or reported change that no stored source shows
taking effect) count like confirmed ones: they are the best date known, and
fixtures/SOURCES.md says for each what is and is not confirmed.
"""

from datetime import date, datetime

from reviews.models import CategoryChange, MemberState

CATEGORIES = ("ldc", "lldc", "sids")


def development_status(member_state: MemberState, on: date, changes=None) -> dict[str, bool]:
    """{"ldc": …, "lldc": …, "sids": …} for `member_state` on the day `on`.

    `changes`: the State's CategoryChange rows when the caller has them (prefetched), else
    read here in one query.
    """
    if isinstance(on, datetime):
        # A datetime is a date subclass but does not compare with one (TypeError).
        on = on.date()
    if changes is None:
        changes = CategoryChange.objects.filter(member_state=member_state)
    by_category: dict[str, list] = {c: [] for c in CATEGORIES}
    for change in changes:
        # Prefetched rows of several States may be passed: keep this State's.
        if change.member_state_id == member_state.pk:
            by_category[change.category].append(change)
    status = {}
    for category in CATEGORIES:
        rows = sorted(by_category[category], key=lambda c: c.effective_on)
        before = [c for c in rows if c.effective_on <= on]
        if before:
            status[category] = before[-1].member
        elif rows:
            status[category] = not rows[0].member
        else:
            status[category] = getattr(member_state, f"is_{category}")
    return status


def is_priority_country(member_state: MemberState, on: date, changes=None) -> bool:
    """An LDC, LLDC or SIDS on that day: travel support favours its residents (Annex 4).

    `changes` as for `development_status` (pass them when counting many registrations).
    """
    return any(development_status(member_state, on, changes).values())
