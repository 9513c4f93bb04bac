"""Public pages to find and compare published reviews: home, the list and its search (which
also finds the documents other kinds published), a Member State, an objective, a cycle's
tracker (with the regional reports that fed an IMRF) and coverage matrix. Anonymous pages are cached
(`cache_public_page`); every page runs a fixed number of queries whatever the data size."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from reviews import documents, home_html, objective_page
from reviews.filters import ObjectiveEntryFilter, PublicReviewFilter, TrackerFilterForm
from reviews.list_html import review_rows
from reviews.models import (
    ImplementationStatus,
    MemberState,
    RegionalCommission,
    ReviewCycle,
    ReviewStatus,
    VoluntaryReview,
)
from reviews.names import name_order
from reviews.search import normalise_query, reviews_found, search_reviews, snippets
from reviews.selectors import (
    coverage_rows,
    listed_reviews,
    publication_summary,
    published_reviews,
    review_cycles,
    status_distribution,
)
from reviews.throttle import limit_searches
from reviews.views.common import (
    answers_page,
    cache_public_page,
    scope_of_objective,
    scope_of_state,
)

PAGE_SIZE = 20


def _query_string(request, drop=("page",)) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


@require_GET
@cache_public_page
def home(request):
    list_url = reverse("reviews:public_list")
    cycle_url = _url_prefix("reviews:tracker", "x")
    roundtables = home_html.home_roundtables()
    return render(
        request,
        "reviews/public/home.html",
        {
            "summary_html": home_html.summary_html(publication_summary(), list_url, cycle_url),
            "latest": review_rows(listed_reviews()[:6], list_url),
            "roundtables": roundtables,
            "objectives_html": home_html.objectives_html(
                roundtables, _url_prefix("reviews:objective_page", 0)
            ),
            "list_url": list_url,
        },
    )


def _url_prefix(name: str, placeholder) -> str:
    """The URL `name` without its last segment (`/<lang>/objectives/`, `/<lang>/cycles/`): the
    home page's 23 objective links and two links per cycle from one `reverse()` each."""
    return reverse(name, args=[placeholder]).removesuffix(f"{placeholder}/")


@require_GET
@limit_searches
@cache_public_page
def review_list(request):
    filters = PublicReviewFilter(request.GET or None, queryset=listed_reviews())
    paginator = Paginator(filters.qs, PAGE_SIZE)
    q = normalise_query(request.GET.get("q", "")) if filters.is_valid() else ""
    count = _found_by_search_alone(filters, q)
    if count is not None:
        if not filters.form.cleaned_data.get("sort"):
            # Best first: the ranking read every review found, with its rank and date; the
            # page is cut from its order rather than by sorting the same ids again in SQL.
            paginator = Paginator(filters.ranks.reviews_in_order(), PAGE_SIZE)
        paginator.count = count  # a cached_property: the Paginator's COUNT query is not run
    page = paginator.get_page(request.GET.get("page"))
    # The search's ranks (`PublicReviewFilter.filter_search`) hold each review's best parts:
    # read when the page's rows ask for their passages, after the filter ran.
    passages = (lambda ids: snippets(ids, q, getattr(filters, "ranks", None))) if q else None
    rows = review_rows(page.object_list, reverse("reviews:public_list"), passages)
    response = render(
        request,
        "reviews/public/list.html",
        {
            "filter": filters,
            "page": page,
            "rows": rows,
            "others": _other_documents_found(filters, q, getattr(filters, "ranks", None)),
            "q": q,
            "query_string": _query_string(request),
            "csv_query": _query_string(request, drop=("page", "sort")),
        },
    )
    return answers_page(response, request, page)


def _found_by_search_alone(filters, q: str) -> int | None:
    """The number of reviews listed when the search is all that is asked (`sort` aside): what
    its ranking counted (`reviews.search.reviews_found`). Called after `filters.qs` was read:
    that ran the search (`PublicReviewFilter.filter_search`), which keeps its ranks."""
    if not q or _other_criteria(filters, also_cycle=True):
        return None
    return reviews_found(q, getattr(filters, "ranks", None))


def _other_criteria(filters, also_cycle: bool = False) -> bool:
    """Whether anything but the search (and the order, and the cycle unless `also_cycle`) is
    asked."""
    data = filters.form.cleaned_data
    kept = {"q", "sort"} if also_cycle else {"q", "sort", "cycle"}
    return any(data.get(name) for name in filters.form.fields if name not in kept)


OTHERS_FOUND = 10


def _other_documents_found(filters, q: str, ranks=None) -> list[dict]:
    """A search also reads what other kinds published (regional review reports, inputs): their
    first matches, beside the reviews, in the cycle chosen if any. Filters on a State, its
    groups, objectives or languages of reviews leave them out: those only describe reviews.
    `ranks`: `best_ranks(q)`, when the reviews' search computed it already."""
    if not q:
        return []
    if _other_criteria(filters):
        return []
    data = filters.form.cleaned_data
    found = documents.published_documents()
    if data.get("cycle"):
        found = found.filter(cycle=data["cycle"])
    others = None if ranks is None else ranks.only(reviews=False)
    found = list(search_reviews(found, q, ranks=others).only("pk", "kind")[:OTHERS_FOUND])
    passages = snippets([d.pk for d in found], q, ranks)
    return [
        {**row, "snippets": passages.get(row["document"].pk, [])} for row in documents.rows(found)
    ]


@require_GET
@cache_public_page(scope=scope_of_state)
def state_detail(request, iso3):
    state = get_object_or_404(
        MemberState.objects.prefetch_related("regional_commissions"), iso3=iso3.upper()
    )
    reviews = list(
        published_reviews().filter(member_state=state).order_by("-cycle__year", "cycle__slug")
    )
    objectives, rows = coverage_rows(reviews)
    return render(
        request,
        "reviews/public/state.html",
        {"state": state, "rows": rows, "objectives": objectives, "labels": _status_labels()},
    )


def _status_labels() -> dict[str, str]:
    return dict(ImplementationStatus.choices)


@require_GET
@cache_public_page(scope=scope_of_objective)
def objective_detail(request, number):
    around = objective_page.objectives_around(number)
    if number not in around:
        raise Http404
    objective = around[number]
    entries = objective_page.published_entries(objective)
    filters = ObjectiveEntryFilter(request.GET or None, queryset=entries)
    counts = objective_page.status_counts(objective_page.without_status(filters))
    page = objective_page.entry_page(
        filters.qs,
        request.GET.get("page"),
        objective=objective.number,
        count=objective_page.entries_listed(filters, counts),
        size=PAGE_SIZE,
    )
    distribution = status_distribution(counts.elements())
    response = render(
        request,
        "reviews/public/objective.html",
        {
            "objective": objective,
            "filter": filters,
            "page": page,
            "distribution": distribution,
            "total": sum(d["count"] for d in distribution),
            "query_string": _query_string(request),
            "csv_query": _query_string(request),
            "previous": around.get(number - 1),
            "next": around.get(number + 1),
        },
    )
    return answers_page(response, request, page)


@require_GET
@cache_public_page
def cycle_tracker(request, cycle):
    cycle = get_object_or_404(ReviewCycle, slug=cycle)
    form = TrackerFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    rows = _tracker_rows(cycle, chosen.get("commission"))
    published = sum(1 for row in rows if row["stage"] == "published")
    submitted = sum(1 for row in rows if row["stage"] == "submitted")
    if form.errors:
        # A value that is none of the choices lists nobody: the page says so at the field
        # rather than listing every State as if nothing had been asked.
        listed = []
    elif chosen.get("reported"):
        reported = chosen["reported"] == TrackerFilterForm.REPORTED
        listed = [row for row in rows if bool(row["stage"]) == reported]
    else:
        listed = rows
    return render(
        request,
        "reviews/public/tracker.html",
        {
            "cycle": cycle,
            "form": form,
            "rows": listed,
            "fed_by": _fed_by(cycle),
            "published": published,
            "submitted": submitted,
            "cycles": review_cycles(),
        },
    )


def _tracker_rows(cycle, commission=None) -> list[dict]:
    """Every Member State (of `commission` if given) with how far it got in `cycle`: "published",
    "submitted" (only where the cycle's tracker shows submissions), or "" (not reported)."""
    states = MemberState.objects.prefetch_related(
        Prefetch("regional_commissions", queryset=RegionalCommission.objects.order_by("code"))
    ).order_by("name")
    if commission is not None:
        states = states.filter(regional_commissions=commission)
    reviews = VoluntaryReview.objects.filter(cycle=cycle).only(
        "member_state_id",
        "status",
        "published_revision_id",
        "first_published_at",
        "published_at",
        "submitted_at",
    )
    by_state = {r.member_state_id: r for r in reviews}
    rows = []
    for state in states:
        review = by_state.get(state.iso3)
        stage, date = "", None
        if review is not None and review.published_revision_id:
            stage, date = "published", review.first_published_at
        elif (
            cycle.tracker_shows_submitted
            and review is not None
            and review.status in {ReviewStatus.SUBMITTED, ReviewStatus.CHANGES_REQUESTED}
            and review.submitted_at
        ):
            # Only the fact and the date of submission: never the text or the moderation.
            stage, date = "submitted", review.submitted_at
        rows.append({"state": state, "stage": stage, "date": date})
    return rows


def _fed_by(cycle) -> list[dict]:
    """What the cycles that inform this one published (an IMRF's regional review reports and
    inputs), by body; for any other cycle, what other kinds published in it."""
    found = documents.published_documents()
    if cycle.kind == ReviewCycle.Kind.IMRF:
        found = found.filter(cycle__feeds=cycle)
    else:
        found = found.filter(cycle=cycle)
    return documents.rows(found.order_by("cycle__year", "kind", "authored_by"))


@require_GET
@cache_public_page
def coverage(request, cycle):
    cycle = get_object_or_404(ReviewCycle, slug=cycle)
    reviews = list(published_reviews().filter(cycle=cycle).order_by(name_order("member_state__")))
    objectives, rows = coverage_rows(reviews)
    totals = [
        sum(1 for r in rows if r["cells"][i][1] != ImplementationStatus.NOT_ADDRESSED)
        for i in range(len(objectives))
    ]
    return render(
        request,
        "reviews/public/coverage.html",
        {
            "cycle": cycle,
            "bodies": documents.rows(documents.published_documents().filter(cycle=cycle)),
            "rows": rows,
            "objectives": objectives,
            "totals": list(zip(objectives, totals, strict=True)),
            "labels": _status_labels(),
            "cycles": review_cycles(),
        },
    )
