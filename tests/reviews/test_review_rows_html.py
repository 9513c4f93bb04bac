"""`{% review_rows %}` (reviews.list_html) writes what the row template wrote for each row of the
home page and the list (issue 17): same bytes in every language, with and without a search's
passages, for a State in two commissions and a name shown in English."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from reviews.list_html import review_rows, review_rows_html
from reviews.models import MemberState
from reviews.search_snippets import Snippet
from reviews.selectors import listed_reviews, published_reviews
from tests.publishing import published_review

pytestmark = pytest.mark.django_db

# reviews/public/_review_row.html before it became Python, byte for byte.
BEFORE = (
    "{% load i18n reviews_tags html_time %}{% comment %}One review in a list: a row o"
    "f `reviews.selectors.review_rows`.{% endcomment %}{% with review=row.review snip"
    'pets=row.snippets %}<article class="review-row border-bottom py-3">\n'
    '  <h3 class="h5 mb-1"><a href="{{ row.url }}">{{ review.member_state.name }}</a>'
    ' <span class="text-body-secondary">· {{ review.cycle.title }}</span></h3>\n'
    '  <p class="small mb-1">{% translate "Published" %} <time datetime="{{ review.pu'
    'blished_at|datetime_attr }}">{{ review.published_at|date:"DATE_FORMAT" }}</time>'
    " · {{ row.language }} · {% blocktranslate count n=review.objectives_addressed %}"
    "{{ n }} objective addressed{% plural %}{{ n }} objectives addressed{% endblocktr"
    "anslate %}{% for code in row.commissions %} · {{ code }}{% endfor %}</p>\n"
    '  {% if snippets %}{% with best=snippets.0 %}<p class="snippets mb-0"><a href="{'
    '{ row.url }}#{{ best.anchor }}">{% include "reviews/public/_part_name.html" with'
    ' s=best %}</a>: <span lang="{{ review.published_language|html_lang }}" dir="{{ r'
    'eview.published_language|text_direction }}">{{ best.html }}</span></p>{% endwith'
    " %}\n"
    '  {% if snippets|length > 1 %}<p class="small mb-0">{% translate "Also found in:'
    '" %} {% for s in snippets|slice:"1:" %}<a href="{{ row.url }}#{{ s.anchor }}">{%'
    ' include "reviews/public/_part_name.html" %}</a>{% if not forloop.last %} · {% e'
    "ndif %}{% endfor %}</p>{% endif %}{% endif %}\n"
    "</article>{% endwith %}\n"
)

PASSAGES = [
    Snippet("section-2", "section", 2, mark_safe("a <mark>b</mark> &amp;")),
    Snippet("objective-5", "objective", 5, mark_safe("c")),
    Snippet("objective-23", "objective", 23, mark_safe("d")),
]


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar", "zh-hans", "ru"])
def test_rows_read_as_the_template_wrote_them(language):
    published_review("GHA", language="fr", objectives={5: ("achieved", "x")})
    published_review("MEX", objectives={1: ("planned", "y"), 2: ("achieved", "z")})
    published_review("FJI", language="ar")
    published_review("CHN", language="zh-hans")
    MemberState.objects.filter(iso3="FJI").update(**{"name_fr": "", "name_ar": ""})
    with translation.override(language):
        reviews = listed_reviews()
        found = {r.pk: PASSAGES[:i] for i, r in enumerate(reviews)}  # 0 to 3 passages
        rows = review_rows(reviews, "/x/reviews/", lambda ids: {i: found[i] for i in ids})
        # The template read model instances: each row as it was given to it.
        instances = {r.pk: r for r in published_reviews()}
        expected = "".join(
            Template(BEFORE).render(Context({"row": {**row, "review": instances[row["pk"]]}}))
            for row in rows
        )
        assert review_rows_html(rows) == expected
        assert expected.count("<article") == 4 and "section-2" in expected
        assert "Also found in" in expected or language != "en"
