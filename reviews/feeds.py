"""Atom feed of publications: `/feeds/publications/` (optionally `?lang=fr` for titles and links
in another UN language). Only currently published documents of every kind (national reviews,
and what other apps publish: regional review reports, inputs, read through their kind): an
unpublished document leaves it."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from reviews import documents
from reviews.models import NATIONAL_REVIEW, Document
from reviews.selectors import published_reviews
from reviews.views.common import answers_query

FEED_SIZE = 50


class PublicationsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        language = request.GET.get("lang", "")
        codes = {code for code, _name in settings.LANGUAGES}
        return language if language in codes else settings.LANGUAGE_CODE

    def __call__(self, request, *args, **kwargs):
        language = self.get_object(request)
        with translation.override(language):
            response = super().__call__(request, *args, **kwargs)
        # `?lang=xx` alone, in one of the six languages, is an address worth caching.
        return answers_query(response, f"lang={language}") if request.GET else response

    def title(self, language):
        return _("GCM Review Portal: published voluntary GCM reviews and regional reports")

    def subtitle(self, language):
        return _(
            "Each voluntary GCM review, regional review report and input when it is published "
            "or updated."
        )

    def link(self, language):
        return reverse("reviews:public_list")

    def items(self, language):
        latest = list(
            Document.objects.filter(published_revision__isnull=False)
            .order_by("-published_at", "pk")
            .only("pk", "kind")[:FEED_SIZE]
        )
        national = {
            r.pk: r
            for r in published_reviews().filter(
                pk__in=[d.pk for d in latest if d.kind == NATIONAL_REVIEW]
            )
        }
        others = {d.pk: d for d in documents.as_kinds([d for d in latest if d.pk not in national])}
        return [found for d in latest if (found := national.get(d.pk) or others.get(d.pk))]

    def item_title(self, document):
        if document.kind != NATIONAL_REVIEW:
            return _("%(body)s: %(kind)s, %(cycle)s") % {
                "body": document.body_name,
                "kind": document.kind_spec.label,
                "cycle": document.cycle.title,
            }
        return _("%(state)s: voluntary GCM review, %(cycle)s") % {
            "state": document.member_state.name,
            "cycle": document.cycle.title,
        }

    def item_description(self, document):
        if document.kind != NATIONAL_REVIEW:
            return _("Published in %(language)s.") % {
                "language": document.get_published_language_display()
            }
        return _("Published in %(language)s; %(count)s objectives addressed.") % {
            "language": document.get_published_language_display(),
            "count": document.objectives_addressed,
        }

    def item_guid(self, document):
        if document.kind != NATIONAL_REVIEW:
            return f"gcm-{document.kind}:{document.cycle.slug}:{document.authored_by}"
        return f"gcm-review:{document.cycle.slug}:{document.member_state_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, document):
        return document.first_published_at

    def item_updateddate(self, document):
        return document.published_at

    def item_author_name(self, document):
        if document.kind != NATIONAL_REVIEW:
            return document.body_name
        return _("Government of %(state)s") % {"state": document.member_state.name}

    def item_categories(self, document):
        if document.kind != NATIONAL_REVIEW:
            return [document.cycle.slug, document.kind]
        return [
            document.cycle.slug,
            *(c.code for c in document.member_state.regional_commissions.all()),
        ]
