"""Path converters: a URL parameter that cannot be valid never reaches a view or the database.

`<iso3:iso3>` is a Member State's ISO 3166-1 alpha-3 code: three ASCII letters, in either case
(the views compare it upper-cased). Anything else (a NUL, a space, four letters) does not match
the pattern, so the answer is a plain 404 instead of a query PostgreSQL refuses with a 500.

Importing this module registers the converters, once (Django refuses a second registration):
every URL module that uses them imports it.
"""

from django.urls import register_converter


class Iso3Converter:
    regex = "[A-Za-z]{3}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(Iso3Converter, "iso3")
