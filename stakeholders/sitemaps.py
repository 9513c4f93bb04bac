"""The stakeholders' pages of `/sitemap.xml` (added to reviews' sections by the project's
URLconf): every published written input, in the six languages."""

from django.contrib.sitemaps import Sitemap

from stakeholders.published import all_published_inputs


class StakeholderInputSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return all_published_inputs()

    def lastmod(self, stakeholder_input):
        return stakeholder_input.published_at


SITEMAPS = {"stakeholder-inputs": StakeholderInputSitemap}
