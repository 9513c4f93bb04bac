"""The pledges' pages of `/sitemap.xml` (added by the project's URLconf): the list and every
published pledge, in the six languages."""

from django.contrib.sitemaps import Sitemap

from stakeholders.pledges.published import all_published_pledges


class PledgeSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return all_published_pledges()

    def lastmod(self, pledge):
        return pledge.published_at


SITEMAPS = {"pledges": PledgeSitemap}
