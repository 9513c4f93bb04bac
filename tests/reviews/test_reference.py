"""The reference data in fixtures/ reaches the database whole, exact and idempotently."""

import pytest
from django.core.management import call_command

from reviews.models import (
    GuidingPrinciple,
    MemberState,
    Objective,
    RegionalCommission,
    ReviewCycle,
    StakeholderCategory,
)
from reviews.reference import load_reference_data

pytestmark = pytest.mark.django_db


def test_counts_match_the_checked_sources():
    assert MemberState.objects.count() == 193
    assert RegionalCommission.objects.count() == 5
    assert Objective.objects.count() == 23
    assert GuidingPrinciple.objects.count() == 10
    assert StakeholderCategory.objects.count() == 14
    assert sorted(ReviewCycle.objects.values_list("slug", flat=True)) == [
        "imrf-2022",
        "imrf-2026",
        "regional-2020",
        "regional-2024",
    ]


def test_group_counts_match_sources_md():
    assert MemberState.objects.filter(is_ldc=True).count() == 44
    assert MemberState.objects.filter(is_lldc=True).count() == 32
    assert MemberState.objects.filter(is_sids=True).count() == 37
    per_commission = {c.code: c.member_states.count() for c in RegionalCommission.objects.all()}
    assert per_commission == {"ECA": 54, "ECE": 56, "ECLAC": 46, "ESCAP": 53, "ESCWA": 20}
    per_table = {
        table: Objective.objects.filter(roundtable=table).count() for table in (1, 2, 3, 4)
    }
    assert per_table == {1: 5, 2: 7, 3: 6, 4: 5}


def test_spot_values_from_the_files():
    afghanistan = MemberState.objects.get(iso3="AFG")
    assert (afghanistan.iso2, afghanistan.m49, afghanistan.name) == ("AF", "004", "Afghanistan")
    assert (afghanistan.is_ldc, afghanistan.is_lldc, afghanistan.is_sids) == (True, True, False)
    algeria = MemberState.objects.get(iso3="DZA")
    assert sorted(algeria.regional_commissions.values_list("code", flat=True)) == ["ECA", "ESCWA"]
    usa = MemberState.objects.get(iso3="USA")
    assert usa.un_regional_group == MemberState.RegionalGroup.NONE
    assert sorted(usa.regional_commissions.values_list("code", flat=True)) == [
        "ECE",
        "ECLAC",
        "ESCAP",
    ]
    assert MemberState.objects.get(iso3="TUR").name == "Türkiye"
    assert MemberState.objects.get(iso3="CIV").name == "Côte d'Ivoire"
    bahrain = MemberState.objects.get(iso3="BHR")
    assert bahrain.is_sids is False  # left the SIDS list in April 2023
    sao_tome = MemberState.objects.get(iso3="STP")
    assert (sao_tome.is_ldc, sao_tome.is_sids) == (False, True)  # graduated from LDC in 2024
    kiribati = MemberState.objects.get(iso3="KIR")
    assert (kiribati.un_regional_group, kiribati.is_sids) == ("none", True)
    assert Objective.objects.get(number=13).title == (
        "Use migration detention only as a measure of last resort and work towards alternatives"
    )
    assert Objective.objects.get(number=23).roundtable == 4
    assert Objective.objects.get(number=2).roundtable == 1
    assert list(GuidingPrinciple.objects.values_list("key", flat=True)[:2]) == [
        "people_centred",
        "international_cooperation",
    ]
    assert GuidingPrinciple.objects.get(position=10).name == "Whole-of-society approach"
    assert StakeholderCategory.objects.get(key="nhris").name == "National Human Rights Institutions"
    assert RegionalCommission.objects.get(code="ESCWA").seat_city == "Beirut"
    assert ReviewCycle.objects.get(slug="imrf-2022").kind == ReviewCycle.Kind.IMRF


def test_second_load_changes_nothing():
    report = load_reference_data()
    assert report.changed is False
    assert sum(report.created.values()) == 0
    assert sum(report.updated.values()) == 0


def test_load_restores_an_edited_row_and_keeps_cycle_settings():
    MemberState.objects.filter(iso3="MEX").update(name="Edited", is_sids=True)
    MemberState.objects.get(iso3="MEX").regional_commissions.clear()
    ReviewCycle.objects.filter(slug="imrf-2026").update(is_open=True)

    report = load_reference_data()

    mexico = MemberState.objects.get(iso3="MEX")
    assert (mexico.name, mexico.is_sids) == ("Mexico", False)
    assert list(mexico.regional_commissions.values_list("code", flat=True)) == ["ECLAC"]
    assert report.updated["Member States"] == 1
    # The secretariat's decision to open a cycle survives a reload of the reference data.
    assert ReviewCycle.objects.get(slug="imrf-2026").is_open is True


def test_command_says_when_nothing_changed(capsys):
    call_command("load_reference_data")
    assert "Reference data already up to date." in capsys.readouterr().out
