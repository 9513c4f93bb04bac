"""Atom feed of publications: `/feeds/publications/` (optionally `?lang=fr` for titles and links
in another UN language). Only currently published reviews: an unpublished review leaves it."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from reviews.selectors import published_reviews

FEED_SIZE = 50


class PublicationsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        language = request.GET.get("lang", "")
        codes = {code for code, _name in settings.LANGUAGES}
        return language if language in codes else settings.LANGUAGE_CODE

    def __call__(self, request, *args, **kwargs):
        with translation.override(self.get_object(request)):
            return super().__call__(request, *args, **kwargs)

    def title(self, language):
        return _("GCM Review Portal: published voluntary GCM reviews")

    def subtitle(self, language):
        return _("Each voluntary GCM review when it is published or updated.")

    def link(self, language):
        return reverse("reviews:public_list")

    def items(self, language):
        return published_reviews().order_by("-published_at", "pk")[:FEED_SIZE]

    def item_title(self, review):
        return _("%(state)s: voluntary GCM review, %(cycle)s") % {
            "state": review.member_state.name,
            "cycle": review.cycle.title,
        }

    def item_description(self, review):
        return _("Published in %(language)s; %(count)s objectives addressed.") % {
            "language": review.get_published_language_display(),
            "count": review.objectives_addressed,
        }

    def item_guid(self, review):
        return f"gcm-review:{review.cycle.slug}:{review.member_state_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, review):
        return review.first_published_at

    def item_updateddate(self, review):
        return review.published_at

    def item_author_name(self, review):
        return _("Government of %(state)s") % {"state": review.member_state.name}

    def item_categories(self, review):
        return [
            review.cycle.slug,
            *(c.code for c in review.member_state.regional_commissions.all()),
        ]
