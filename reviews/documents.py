"""Published documents of every kind, as public lists show them, without naming the kinds.

The tracker and coverage pages of a cycle, the search results and the Atom feed list what
other apps publish (regional review reports, Annex 3 inputs, …) beside national reviews:
`reviews` knows them only through their kind (`reviews.kinds`), which says what a row reads
(`public_related`), its body's name and its address. Each kind's rows are read in one query,
so a list costs a constant number of queries whatever its length.
"""

from reviews.kinds import kind_named, registered_kinds
from reviews.models import NATIONAL_REVIEW, Document


def published_documents():
    """Published documents of every kind but the national review (read through its own list)."""
    return (
        Document.objects.filter(published_revision__isnull=False)
        .exclude(kind=NATIONAL_REVIEW)
        .order_by("-published_at", "pk")
    )


def as_kinds(documents) -> list:
    """The kind's own rows of `documents` (in their order), with what a list row reads."""
    ids = [d.pk for d in documents]
    kinds_of = {d.pk: d.kind for d in documents}
    specific = {}
    for kind in registered_kinds():
        wanted = [pk for pk in ids if kinds_of[pk] == kind.slug]
        if wanted:
            rows = kind.model.objects.filter(pk__in=wanted).select_related(
                "cycle", *kind.public_related
            )
            specific.update({row.pk: row for row in rows})
    return [specific[pk] for pk in ids if pk in specific]


def rows(documents) -> list[dict]:
    """What a public list shows of each document: its kind's label, body, cycle, address."""
    return [
        {
            "document": d,
            "kind": kind_named(d.kind).label,
            "body": d.body_name,
            "url": d.get_absolute_url(),
        }
        for d in as_kinds(documents)
    ]
