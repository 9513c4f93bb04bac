"""What the open data API's schema (`/api/v1/schema/`) says beyond what drf-spectacular infers,
so that it promises exactly what the API does (issue 16; `tests/test_api_schemathesis.py` holds
it to that):

- every operation may answer 404 (an unknown item, a page past the last, an unknown `format`)
  and 429 (too many requests, with `Retry-After`); every list may answer 400 (a filter value
  that is none of its choices, a bad `page_size`), in JSON or, with `format=csv`, in CSV;
- a filter's parameter lists the values the filter accepts (the same choices as its field:
  objectives 1-23, commission codes, cycle identifiers, the year choices...), `page` starts at
  1 and `page_size` is 1 to the pagination's maximum;
- a CSV answer is text, not the JSON object drf-spectacular copies for every renderer.

Hooked in through `POSTPROCESSING_HOOKS` (gcm_portal/openapi.py).
"""

from django.db import DatabaseError
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.settings import api_settings

from reviews.api.pagination import Pagination

JSON, CSV, HTML = "application/json", "text/csv", "text/html"
TEXT = {"type": "string"}
DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
NO_NUL = r"^[^\x00]*$"
FIELD_ERRORS = {
    "type": "object",
    "description": "The messages of each refused parameter, by its name.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}

BAD_REQUEST = {
    "description": "A parameter's value is none of those it accepts (see its schema).",
    "content": {JSON: {"schema": FIELD_ERRORS}, CSV: {"schema": TEXT}},
}
NOT_FOUND = {
    "description": (
        "No such item, no such page of the list, or an unknown `format`. An address that is no "
        "route of the API at all is answered by the site's HTML page."
    ),
    "content": {JSON: {"schema": DETAIL}, CSV: {"schema": TEXT}, HTML: {"schema": TEXT}},
}
THROTTLED = {
    "description": "Too many requests from this client: try again after `Retry-After` seconds.",
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before the next request.",
            "required": True,
            "schema": {"type": "integer", "minimum": 0},
        }
    },
    "content": {JSON: {"schema": DETAIL}},
}


def _views(generator) -> dict[str, type]:
    """{path of the schema: view class} of the API's operations."""
    return {path: callback.cls for path, _regex, _method, callback in generator.endpoints}


def _filters(view) -> dict:
    """{parameter: django-filter filter} of a list's filters (its `filterset_class`, or the one
    django-filter makes of its `filterset_fields`)."""
    if view is None:
        return {}
    filterset = DjangoFilterBackend().get_filterset_class(view(), getattr(view, "queryset", None))
    return filterset.base_filters if filterset is not None else {}


def _choices(filter_) -> list[str] | None:
    """The values a filter's field accepts, as sent in a query string; None if not a choice."""
    field = filter_.field
    if not hasattr(field, "choices"):
        return None
    try:
        choices = list(field.choices)
    except DatabaseError:  # `manage.py spectacular` without a database: the types only
        return None
    values = [str(getattr(value, "value", value)) for value, _label in choices]
    return [v for v in values if v != ""]  # the empty option is "no filter"


def _as_schema(values: list[str]) -> dict:
    """A parameter's schema that admits exactly `values`: a range when they are consecutive
    integers, else an enum."""
    if sorted(values) == ["false", "true"]:
        return {"type": "boolean"}
    if values and all(v.isdecimal() for v in values):
        numbers = sorted(int(v) for v in values)
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return {"type": "integer", "minimum": numbers[0], "maximum": numbers[-1]}
        return {"type": "integer", "enum": numbers}
    return {"type": "string", "enum": sorted(values)}


def _or_empty(schema: dict) -> dict:
    """A filter given no value (`?cycle=`, as the web pages' forms send it) filters nothing;
    an empty `page`, `page_size` or `format` is the default."""
    if schema.get("type") == "string" and "enum" not in schema:
        return schema  # already admits ""
    if schema.get("type") == "string":
        return {**schema, "enum": ["", *schema["enum"]]}
    return {"anyOf": [schema, {"type": "string", "maxLength": 0}]}


def _tighten(parameter: dict, filters: dict) -> None:
    name, schema = parameter["name"], parameter["schema"]
    if name == Pagination.page_query_param:
        schema["minimum"] = 1
        parameter["schema"] = _or_empty(schema)
    elif name == Pagination.page_size_query_param:
        schema.update(minimum=1, maximum=Pagination.max_page_size)
        parameter["schema"] = _or_empty(schema)
    elif name == api_settings.URL_FORMAT_OVERRIDE:
        parameter["schema"] = _or_empty(schema)
    elif name in filters and schema.get("type") != "array":
        field, values = filters[name].field, _choices(filters[name])
        if values is not None:
            for key in ("enum", "minimum", "maximum", "format", "type"):
                schema.pop(key, None)
            schema.update(_as_schema(values))
        elif schema.get("type") == "string":
            schema["pattern"] = NO_NUL  # Django's form fields refuse a NUL character
            if getattr(field, "max_length", None):
                schema["maxLength"] = field.max_length
        parameter["schema"] = _or_empty(schema)


def _is_list(path: str) -> bool:
    return not path.rstrip("/").endswith("}")


def complete_the_api_schema(result, generator, request, public):
    """drf-spectacular postprocessing hook: see the module's docstring."""
    views = _views(generator)
    for path, operations in result.get("paths", {}).items():
        view = views.get(path)
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for response in responses.values():
                if CSV in response.get("content", {}):
                    response["content"][CSV] = {"schema": TEXT}
            listing = _is_list(path)
            if listing:
                responses.setdefault("400", BAD_REQUEST)
            responses.setdefault("404", NOT_FOUND)
            responses.setdefault("429", THROTTLED)
            filters = _filters(view) if listing else {}
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    _tighten(parameter, filters)
    return result
