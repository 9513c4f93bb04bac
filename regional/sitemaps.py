"""The regional pages of `/sitemap.xml` (added to reviews' sections by the project's URLconf):
the list, every published report and every published input, in the six languages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from regional.published import published_inputs, published_reports


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class RegionalListSitemap(_I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["regional:list"]

    def location(self, name):
        return reverse(name)


class RegionalReportSitemap(_I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return published_reports()

    def lastmod(self, report):
        return report.published_at


class RegionalInputSitemap(_I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return published_inputs()

    def lastmod(self, regional_input):
        return regional_input.published_at


SITEMAPS = {
    "regional": RegionalListSitemap,
    "regional-reports": RegionalReportSitemap,
    "regional-inputs": RegionalInputSitemap,
}
