"""`/sitemap.xml`: every public page in the six languages (hreflang alternates)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from reviews.models import MemberState, Objective, ReviewCycle
from reviews.selectors import published_reviews


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(_I18nSitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "reviews:public_list"]

    def location(self, name):
        return reverse(name)


class ReviewSitemap(_I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return published_reviews().order_by("cycle__year", "member_state__name")

    def lastmod(self, review):
        return review.published_at


class StateSitemap(_I18nSitemap):
    changefreq = "monthly"

    def items(self):
        # States with something published: the others' pages only say "nothing yet".
        return (
            MemberState.objects.filter(reviews__published_revision__isnull=False)
            .distinct()
            .order_by("name")
            .only("iso3", "name")
        )

    def location(self, state):
        return reverse("reviews:state", args=[state.iso3])


class ObjectiveSitemap(_I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Objective.objects.order_by("number").only("number")

    def location(self, objective):
        return reverse("reviews:objective_page", args=[objective.number])


class CycleSitemap(_I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            (cycle.slug, name)
            for cycle in ReviewCycle.objects.order_by("-year", "slug")
            for name in ("reviews:tracker", "reviews:coverage")
        ]

    def location(self, item):
        slug, name = item
        return reverse(name, args=[slug])


SITEMAPS = {
    "pages": StaticSitemap,
    "reviews": ReviewSitemap,
    "states": StateSitemap,
    "objectives": ObjectiveSitemap,
    "cycles": CycleSitemap,
}
