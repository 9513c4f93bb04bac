"""Every named route of the URLconf, discovered rather than listed: leak, permission and bad-input
tests walk these, so a route added later is covered (or fails the test) without anyone
remembering to add it to a list."""

import itertools
from dataclasses import dataclass

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation


@dataclass(frozen=True)
class Route:
    name: str  # qualified: "reviews:public_review"
    params: tuple[str, ...]  # the path parameters, in order of appearance

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0]


def _params(pattern) -> list[str]:
    # A RegexPattern (the admin's app_list) has converters too, but always empty: its
    # parameters are the regex's named groups.
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return list(converters)
    return list(pattern.pattern.regex.groupindex)


def named_routes(resolver=None, namespace: str = "", inherited: tuple = ()) -> list[Route]:
    """Every named route with all its path parameters (those of enclosing includes too)."""
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        params = inherited + tuple(_params(entry))
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            routes += named_routes(entry, inner, params)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            routes.append(Route(name, params))
    # One route per name: Django reverses a name to the last pattern that bears it.
    return list({route.name: route for route in routes}.values())


class MissingValues(Exception):
    pass


def urls_of(route: Route, values: dict[str, list], *, language: str = "en") -> list[str]:
    """Every URL of `route` built from the candidate `values` per parameter name.

    Raises `MissingValues` when a parameter has no candidates: a new route must say what to try.
    """
    missing = [p for p in route.params if p not in values]
    if missing:
        raise MissingValues(f"{route.name}: no test values for {', '.join(missing)}")
    urls = []
    with translation.override(language):
        for combo in itertools.product(*(values[p] for p in route.params)):
            try:
                urls.append(reverse(route.name, kwargs=dict(zip(route.params, combo, strict=True))))
            except NoReverseMatch:
                continue  # a value that this route's converter does not accept
    return urls
