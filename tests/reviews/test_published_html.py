"""The public review page is assembled from the stored published HTML (`PublishedPart.html`),
never from Markdown at request time, and reads exactly as when it rendered the Markdown."""

import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction

from reviews import markdown, public_index, selectors
from reviews.editing import save_part
from reviews.models import GuidingPrinciple, PublishedPart
from reviews.public_index import index_published_review, plain_text
from reviews.published_html import html_text, narrative_html
from reviews.views import public
from reviews.workflow import publish_document, revise_document, submit_document
from tests.publishing import published_review, secretariat

pytestmark = pytest.mark.django_db

TRICKY = (
    "# Heading\n\nA *paragraph* with a link https://example.org and <b>typed</b> markup, "
    'even <div class="practice x">.\n\n- one\n- two &amp; three\n\n| a | b |\n|---|---|\n| 1 | 2 |'
)


def _two_cycles():
    """Ghana in 2022, then in 2026 with other texts and a promising practice: the 2026 page
    shows what changed since 2022."""
    published_review(
        "GHA", "imrf-2022", sections={1: "Old *methods*.", 3: TRICKY},
        objectives={5: ("planned", "Old narrative."), 7: ("achieved", "Kept.")},
    )  # fmt: skip
    review = published_review(
        "GHA", sections={1: TRICKY, 2: "> quoted\n\n1. first\n2. second"},
        objectives={5: ("achieved", TRICKY), 7: ("achieved", "Kept."), 9: ("planned", "")},
    )  # fmt: skip
    revision = review.published_revision
    revision.content["objectives"]["5"]["practices"] = [
        {"title": "Desk <one>", "description": "Line 1\nLine 2", "partners": "IOM"},
        {"title": "Two", "description": "Plain.", "partners": ""},
    ]
    revision.save()
    with transaction.atomic():
        index_published_review(review)
    return review


def _refuse_markdown(*args, **kwargs):
    raise AssertionError("Markdown rendered at request time")


def _without_nonce(html: str) -> str:
    return re.sub(r'nonce="[^"]*"', "", html)


def test_review_page_reads_as_rendered_markdown_without_rendering_any(client):
    review = _two_cycles()
    url = review.get_absolute_url()
    content = review.published_revision.content

    def markdown_texts(*documents):  # the page as before: every text rendered from Markdown
        return {d.pk: selectors.rendered_texts(d.published_revision.content) for d in documents}

    cache.clear()
    with mock.patch.object(public, "published_texts", markdown_texts):
        before = client.get(url)
    cache.clear()
    with (
        mock.patch.object(markdown, "render_markdown", _refuse_markdown),
        mock.patch.object(selectors, "render_markdown", _refuse_markdown),
        mock.patch.object(public_index, "render_markdown", _refuse_markdown),
    ):
        after = client.get(url)

    assert after.status_code == 200
    assert _without_nonce(after.content.decode()) == _without_nonce(before.content.decode())
    sections = {str(s["section"].number): s["html"] for s in after.context["sections"]}
    assert sections == {n: markdown.render_markdown(t) for n, t in content["sections"].items()}
    shown = {
        str(e["objective"].number): e["html"]
        for _table, entries in after.context["objective_rows"]
        for e in entries
        if e["entry"] and e["entry"]["status"] != "not_addressed"
    }
    assert shown == {
        "5": markdown.render_markdown(TRICKY),
        "7": "<p>Kept.</p>\n",
        "9": "",
    }
    assert after.context["changes"] == before.context["changes"]
    # Every section names its cycle; objective 7 is the same in both.
    assert [p["label"] for p in after.context["changes"]] == [
        "1. Methodology for preparing the voluntary GCM reviews",
        "2. Policy and enabling environment",
        "3. Progress on GCM objectives",
        "4. Means of implementation",
        "5. Next steps",
        "Objective 5",
        "Objective 9",
    ]


def test_an_earlier_version_still_renders_its_markdown(client):
    review = _two_cycles()
    old_number = review.published_revision.number
    draft = revise_document(review, by=review.author)
    save_part(draft.pk, "section-1", {"text": "Newer *text*."}, by=review.author,
              base_version=draft.version, kind="save")  # fmt: skip
    submit_document(draft, by=review.author)
    publish_document(draft, by=secretariat())
    cache.clear()
    html = client.get(f"{review.get_absolute_url()}versions/{old_number}/").content.decode()
    assert markdown.render_markdown(TRICKY) in html  # section 1 of the earlier version
    current = client.get(review.get_absolute_url()).content.decode()
    assert "<p>Newer <em>text</em>.</p>" in current and markdown.render_markdown(TRICKY) in current


def test_an_objective_part_splits_into_narrative_and_practices():
    review = _two_cycles()
    part = PublishedPart.objects.get(document=review, number=5, kind="objective")
    assert narrative_html(part.html) == markdown.render_markdown(TRICKY)
    assert part.html != narrative_html(part.html)  # the practices were there


@pytest.mark.parametrize("source", [TRICKY, "", "Line\n\n> quote &lt; *x*", "a\nb\n\n  c  "])
def test_plain_text_of_the_stored_html_is_that_of_the_markdown(source):
    assert html_text(markdown.render_markdown(source)) == plain_text(source)


def test_what_changed_reads_the_guiding_principles_once(django_assert_num_queries):
    from reviews.content import diff_content

    def content(principles):
        entry = {"status": "planned", "narrative": "Same.", "principles": principles}
        return {"sections": {}, "objectives": {str(n): entry for n in (1, 2, 3)}}

    keys = list(GuidingPrinciple.objects.order_by("position").values_list("key", flat=True))
    with django_assert_num_queries(1):
        parts = diff_content(content([keys[0]]), content(keys[:2]))
    assert [p["label"] for p in parts] == ["Objective 1", "Objective 2", "Objective 3"]
    names = dict(GuidingPrinciple.objects.values_list("key", "name"))
    assert parts[2]["fields"] == [
        ("Guiding principles", names[keys[0]], f"{names[keys[0]]}, {names[keys[1]]}")
    ]


def test_a_review_never_indexed_still_shows_its_texts(client):
    review = published_review("GHA", sections={1: "Only *here*."})
    PublishedPart.objects.filter(document=review).delete()  # as before the public index
    cache.clear()
    assert "<p>Only <em>here</em>.</p>" in client.get(review.get_absolute_url()).content.decode()
