"""Full-text search on PostgreSQL: per-language stemming, Chinese through character bigrams,
phrases, ranking and highlighted snippets that link to the part.

Tests marked `postgresql` (stemming, ranking, the GIN plan) are skipped on SQLite, whose
fallback search only matches substrings; the others hold on both."""

import pytest

from reviews.models import PublishedPart
from reviews.public_index import han_index_text, han_ngrams, plain_text
from reviews.search import (
    START,
    STOP,
    _highlight,
    _postgres_query_text,
    matching_parts,
    search_reviews,
    snippets,
)
from reviews.selectors import published_reviews
from tests.publishing import published_review

pytestmark = pytest.mark.django_db


def found(q: str) -> list[str]:
    return [r.member_state_id for r in search_reviews(published_reviews(), q)]


@pytest.fixture
def library():
    published_review(
        "GHA",
        sections={2: "Ghana expanded **labour migration** agreements with partner countries."},
        objectives={5: ("under_way", "Regular pathways for seasonal workers.")},
    )
    published_review(
        "FRA",
        language="fr",
        sections={
            2: "La France a renforcé les voies de migration régulière pour les travailleurs."
        },
    )
    published_review(
        "ESP",
        language="es",
        sections={1: "España consultó a las organizaciones de migrantes y a los sindicatos."},
    )
    published_review(
        "RUS",
        language="ru",
        sections={4: "Россия расширила программы трудовой миграции."},
    )
    published_review(
        "JOR",
        language="ar",
        sections={3: "عززت الأردن حماية العمال المهاجرين."},
    )
    published_review(
        "CHN",
        language="zh-hans",
        sections={2: "中国加强了移民治理和数据收集。"},
        objectives={1: ("planned", "计划建立按性别和年龄分列的移民数据系统。")},
    )


@pytest.mark.postgresql
def test_every_language_is_found_with_its_own_stemming(library):
    assert found("agreement") == ["GHA"]  # English stem of "agreements"
    assert found("migrations") == ["FRA", "GHA"]  # French "migration" too, ranked first
    assert found("travailleur") == ["FRA"]  # French: singular finds the plural
    assert found("sindicato") == ["ESP"]
    assert found("миграция") == ["RUS"]  # Russian: another case of the same noun
    assert found("المهاجرين") == ["JOR"]


def test_chinese_is_found_by_character_bigrams(library):
    assert found("移民治理") == ["CHN"]
    assert found("数据") == ["CHN"]
    assert found("治") == ["CHN"]  # one character still matches
    assert found("治移") == []  # characters present but never in this order


def test_a_quoted_phrase_needs_its_words_in_order(library):
    assert found('"labour migration"') == ["GHA"]
    assert found('"migration labour"') == []


def test_a_result_links_to_the_section_or_objective_with_highlighted_words(library):
    ghana = published_reviews().get(member_state_id="GHA")
    result = snippets([ghana.pk], "pathways")[ghana.pk]
    assert [s.anchor for s in result] == ["objective-5"]
    assert "<mark>pathways</mark>" in result[0].html

    china = published_reviews().get(member_state_id="CHN")
    result = snippets([china.pk], "移民")[china.pk]
    assert {s.anchor for s in result} == {"section-2", "objective-1"}
    # The best part shows the passage; the others are links to where the words also are.
    assert "<mark>移民</mark>" in result[0].html
    assert result[1].html == ""


@pytest.mark.postgresql
def test_the_best_match_ranks_first():
    published_review("GHA", sections={2: "remittances " * 30})
    published_review("SEN", sections={2: "Remittances are mentioned once."})
    assert found("remittances") == ["GHA", "SEN"]


def test_what_the_author_typed_is_escaped_in_snippets():
    review = published_review("GHA", sections={2: "Plain <script>alert(1)</script> danger"})
    html = snippets([review.pk], "danger")[review.pk][0].html
    assert "<script>" not in html
    assert "<mark>danger</mark>" in html
    # The snippet is escaped before the markers become <mark>, whatever the text holds.
    assert _highlight(f"a <b>{START}x{STOP}") == "a &lt;b&gt;<mark>x</mark>"


def test_the_index_holds_reader_text_without_markup():
    review = published_review("GHA", sections={1: "# Heading\n\n* **bold** item"})
    part = PublishedPart.objects.get(document=review, kind="section", number=1)
    assert part.text == "Heading\nbold item"
    assert "<strong>bold</strong>" in part.html


def test_han_tokens_are_ascii_bigrams_in_order():
    assert han_ngrams("移民治理") == [
        "zh" + "移民".encode().hex(),
        "zh" + "民治".encode().hex(),
        "zh" + "治理".encode().hex(),
    ]
    assert han_index_text("no Han here") == ""
    assert _postgres_query_text("GCM 移民") == f'GCM  "{han_ngrams("移民")[0]}" '
    assert _postgres_query_text('"移民"') == f'" {han_ngrams("移民")[0]} "'


def test_empty_and_symbol_only_queries_find_nothing(library):
    assert list(matching_parts("")) == []
    assert list(matching_parts("&&& !!! ***")) == []


def test_plain_text_keeps_line_breaks_between_blocks():
    assert plain_text("one\n\ntwo") == "one\ntwo"


def test_reindex_public_rebuilds_the_index_from_published_revisions(library):
    from io import StringIO

    from django.core.management import call_command

    PublishedPart.objects.all().delete()  # a database restored without its index
    assert found("labour migration") == []
    out = StringIO()
    call_command("reindex_public", stdout=out)
    assert "Indexed 6 published documents" in out.getvalue()
    assert found("labour migration") == ["GHA"]
    assert found("移民数据") == ["CHN"]
    call_command("reindex_public", stdout=StringIO())  # again: the same index, no duplicates
    assert PublishedPart.objects.count() == int(out.getvalue().split("(")[1].split()[0])


@pytest.mark.postgresql
def test_search_uses_the_gin_index_on_the_stored_vectors(library):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'reviews_publishedpart' "
            "AND indexdef ILIKE '%%USING gin (search_vector)%%'"
        )
        assert cursor.fetchall()
        sql, params = (
            matching_parts("labour migration").order_by().values("pk").query.sql_with_params()
        )
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "reviews_publishedpart_search_gin" in plan
