"""Reference names in the six languages (issue 15 item 1): State, objective, principle,
commission and cycle names read in the active language, fall back to English (marked) where no
source gave one, and lists of States sort in the reader's language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from reviews.models import GuidingPrinciple, MemberState, Objective, RegionalCommission, ReviewCycle
from reviews.reference import load_reference_data
from tests.publishing import published_review

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language,mexico,cycle",
    [
        ("en", "Mexico", "International Migration Review Forum 2026"),
        ("fr", "Mexique", "Forum d'examen des migrations internationales 2026"),
        ("es", "México", "Foro de Examen de la Migración Internacional 2026"),
        ("ar", "المكسيك", "منتدى استعراض الهجرة الدولية 2026"),
        ("zh-hans", "墨西哥", "国际移民审查论坛 2026"),
        ("ru", "Мексика", "Форум по обзору международной миграции 2026"),
    ],
)
def test_names_read_in_the_active_language(language, mexico, cycle):
    with translation.override(language):
        assert MemberState.objects.get(iso3="MEX").name == mexico
        assert ReviewCycle.objects.get(slug="imrf-2026").title == cycle


def test_objective_titles_short_titles_principles_and_commissions():
    with translation.override("fr"):
        five = Objective.objects.get(number=5)
        assert five.title.startswith("Faire en sorte que les filières de migration régulière")
        assert five.short_title == "Filières de migration régulière"
        assert GuidingPrinciple.objects.get(key="people_centred").name == (
            "Priorité à la dimension humaine"
        )
    with translation.override("zh-hans"):
        assert GuidingPrinciple.objects.get(key="human_rights").name == "人权"
        assert RegionalCommission.objects.get(code="ECA").name == "非洲经济委员会"
    with translation.override("en"):
        assert Objective.objects.get(number=5).short_title == "Regular pathways"


def test_a_name_no_source_gave_falls_back_to_english_and_is_marked():
    page = Template('{% load i18n_names %}<span{{ o|name_lang_attr:"title" }}>{{ o.title }}</span>')
    five = Objective.objects.get(number=5)
    english = "Enhance availability and flexibility of pathways for regular migration"
    with translation.override("ar"):  # no sourced Arabic title (fixtures/SOURCES.md §7)
        assert page.render(Context({"o": five})) == f'<span lang="en" dir="ltr">{english}</span>'
    with translation.override("fr"):
        assert page.render(Context({"o": five})).startswith("<span>Faire en sorte")
    with translation.override("en"):
        assert page.render(Context({"o": five})) == f"<span>{english}</span>"


@pytest.mark.postgresql
def test_lists_of_states_sort_in_the_readers_language():
    with translation.override("fr"):
        names = list(MemberState.objects.values_list("name", flat=True))
        # By code point "Égypte" would follow "Zimbabwe"; French order puts it among the E.
        assert names.index("Égypte") < names.index("El Salvador") < names.index("Zimbabwe")
        assert names[:2] == ["Afghanistan", "Afrique du Sud"]
    with translation.override("zh-hans"):
        names = list(MemberState.objects.values_list("name", flat=True))
        # Pinyin: 阿尔巴尼亚 (A'erbaniya) first; by code point 不丹 (U+4E0D) would be.
        assert names[0] == "阿尔巴尼亚"


def test_loading_again_changes_nothing():
    report = load_reference_data()
    assert not report.changed


def test_the_public_pages_use_the_readers_names(client):
    published_review("MEX")
    assert "墨西哥" in client.get("/zh-hans/states/MEX/").content.decode()
    french = client.get("/fr/reviews/").content.decode()
    assert "Mexique" in french and ">Mexico<" not in french
