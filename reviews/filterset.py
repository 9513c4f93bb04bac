"""A django-filter `FilterSet` that copies its filters cheaply for each request.

django-filter gives every FilterSet instance its own filters with `copy.deepcopy(base_filters)`.
For the public list's nine filters that deep copy walks three querysets (their whole `Query`
objects), the ordering filter's choices and every lazy label: about a millisecond of each list
and objective page, cached or not (issue 17). The filters themselves are never changed by a
request, only given their FilterSet (`parent`), model and form field, so a shallow copy of each
does: its own `extra` (which `ModelChoiceFilter.field` writes to), its own `filter` bound to the
copy when it filters through a method, and no form field of another request.
tests/reviews/test_filterset.py checks that the copies behave as django-filter's.
"""

import copy

import django_filters


def fresh_filter(filter_):
    """A copy of `filter_` that a FilterSet instance may give its parent, model and field."""
    new = copy.copy(filter_)
    new.__dict__.pop("_field", None)  # built for the copy, from its own `extra`
    new.extra = dict(filter_.extra)
    if filter_.method is not None:
        # `filter` is a FilterMethod that calls back its filter's parent: the copy's own.
        new.method = filter_.method
    return new


class FreshFilters(dict):
    """`base_filters` whose deep copy (what `FilterSet.__init__` asks for) is a fresh copy of
    each filter, in order, rather than a deep copy of everything they refer to."""

    def __deepcopy__(self, memo):
        return {name: fresh_filter(filter_) for name, filter_ in self.items()}


class LeanFilterSet(django_filters.FilterSet):
    """A FilterSet whose instances copy their filters with `fresh_filter`, and whose form class
    is built once, as a declared Django form's is, instead of for each instance (a form field
    per filter and a new class: about half a millisecond a page). For filters whose fields
    are the same for every request: no queryset that depends on the request."""

    @classmethod
    def get_filters(cls):
        return FreshFilters(super().get_filters())

    def get_form_class(self):
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            # The class, not a memo of data: its fields, labels (lazy, so in every language)
            # and querysets (read when rendered or cleaned) are the filters' own.
            type(self)._form_class = form_class
        return form_class
