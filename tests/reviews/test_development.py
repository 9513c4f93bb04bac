"""LDC/LLDC/SIDS status on a date (reviews.development) and the category changes behind it
(fixtures/category_changes.csv, loaded by load_reference_data)."""

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from django.conf import settings

from reviews.development import development_status, is_priority_country
from reviews.models import CategoryChange, MemberState
from reviews.reference import load_reference_data

pytestmark = pytest.mark.django_db

# The day the member_states.csv flags describe (fixtures/SOURCES.md).
COMPILED_ON = date(2026, 11, 22)


def _state(iso3):
    return MemberState.objects.get(iso3=iso3)


# --- the data --------------------------------------------------------------------------------


def test_bangladesh_is_still_an_ldc_after_24_november_2026_because_the_deferral_is_recorded():
    # The file records the reported deferral to 24 Nov 2029 (unconfirmed), not the original
    # 24 Nov 2026 date: on both sides of that date Bangladesh is an LDC.
    bangladesh = _state("BGD")
    assert development_status(bangladesh, date(2026, 11, 23))["ldc"] is True
    assert development_status(bangladesh, date(2026, 11, 25))["ldc"] is True
    assert development_status(bangladesh, date(2029, 11, 24))["ldc"] is False
    change = CategoryChange.objects.get(member_state_id="BGD")
    assert (change.effective_on, change.member, change.confirmed) == (
        date(2029, 11, 24),
        False,
        False,
    )


def test_lao_pdr_and_nepal_leave_the_ldc_category_on_24_november_2026():
    for iso3 in ("LAO", "NPL"):
        state = _state(iso3)
        assert development_status(state, date(2026, 11, 23)) == {
            "ldc": True,
            "lldc": True,
            "sids": False,
        }
        assert development_status(state, date(2026, 11, 24)) == {
            "ldc": False,
            "lldc": True,
            "sids": False,
        }


def test_graduated_states_were_ldcs_before_their_graduation_day():
    for iso3, day in (
        ("VUT", date(2020, 12, 4)),
        ("BTN", date(2023, 12, 13)),
        ("STP", date(2024, 12, 13)),
    ):
        state = _state(iso3)
        assert development_status(state, date.fromordinal(day.toordinal() - 1))["ldc"] is True
        assert development_status(state, day)["ldc"] is False


def test_bahrain_was_sids_before_april_2023_and_not_after():
    bahrain = _state("BHR")
    assert development_status(bahrain, date(2022, 5, 1))["sids"] is True
    assert development_status(bahrain, date(2023, 5, 1))["sids"] is False


def test_flags_agree_with_the_changes_on_the_compilation_day():
    # The member_states.csv flags are the situation on COMPILED_ON: the changes must say the same.
    for change in CategoryChange.objects.select_related("member_state"):
        state = change.member_state
        assert development_status(state, COMPILED_ON)[change.category] == getattr(
            state, f"is_{change.category}"
        ), change


def test_every_file_row_is_loaded_with_a_source():
    path = Path(settings.BASE_DIR) / "fixtures" / "category_changes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert CategoryChange.objects.count() == len(rows) == 7
    assert all(row["source"].startswith("https://") for row in rows)


# --- the rule, on synthetic rows ---------------------------------------------------------------


def _change(category, member, on):
    return CategoryChange(member_state_id="MEX", category=category, member=member, effective_on=on)


def test_without_changes_the_flag_stands():
    mexico = MemberState(iso3="MEX", is_ldc=False, is_lldc=False, is_sids=True)
    assert development_status(mexico, date(1990, 1, 1), changes=[]) == {
        "ldc": False,
        "lldc": False,
        "sids": True,
    }


def test_before_the_first_change_the_opposite_holds_and_after_the_last_change_holds():
    state = MemberState(iso3="MEX", is_ldc=True)
    changes = [_change("ldc", False, date(2020, 1, 1)), _change("ldc", True, date(2022, 1, 1))]
    assert development_status(state, date(2019, 12, 31), changes)["ldc"] is True
    assert development_status(state, date(2020, 1, 1), changes)["ldc"] is False
    assert development_status(state, date(2021, 6, 1), changes)["ldc"] is False
    assert development_status(state, date(2022, 1, 1), changes)["ldc"] is True
    # Rows given out of order are ordered by date.
    assert development_status(state, date(2021, 6, 1), changes[::-1])["ldc"] is False


def test_a_datetime_is_read_as_its_day():
    state = MemberState(iso3="MEX", is_ldc=False)
    changes = [_change("ldc", False, date(2020, 1, 1))]
    assert development_status(state, datetime(2019, 12, 31, 23, 0), changes)["ldc"] is True


def test_rows_of_another_state_are_ignored():
    state = MemberState(iso3="MEX", is_ldc=False)
    other = CategoryChange(
        member_state_id="PER", category="ldc", member=True, effective_on=date(2020, 1, 1)
    )
    assert development_status(state, date(2021, 1, 1), [other])["ldc"] is False


def test_priority_country_uses_the_status_on_the_day():
    assert is_priority_country(_state("LAO"), date(2026, 11, 25)) is True  # still an LLDC
    assert is_priority_country(_state("BTN"), date(2030, 1, 1)) is True  # LLDC
    assert is_priority_country(_state("STP"), date(2030, 1, 1)) is True  # SIDS
    assert is_priority_country(_state("BHR"), date(2024, 1, 1)) is False
    assert is_priority_country(_state("BHR"), date(2022, 1, 1)) is True


# --- the loader --------------------------------------------------------------------------------


def test_second_load_creates_and_updates_no_category_change():
    report = load_reference_data()
    assert report.created["category changes"] == 0
    assert report.updated["category changes"] == 0


def test_load_restores_an_edited_change_and_removes_one_not_in_the_file():
    CategoryChange.objects.filter(member_state_id="LAO").update(confirmed=True)
    CategoryChange.objects.create(
        member_state_id="BGD", category="ldc", member=False, effective_on=date(2026, 11, 24)
    )
    report = load_reference_data()
    assert report.updated["category changes"] == 2
    assert CategoryChange.objects.get(member_state_id="LAO").confirmed is False
    assert list(
        CategoryChange.objects.filter(member_state_id="BGD").values_list("effective_on", flat=True)
    ) == [date(2029, 11, 24)]
