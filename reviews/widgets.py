"""Form widgets shared by the filters of reviews and of the apps built on it."""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from reviews.names import english_attrs


def html_attrs(attrs: dict) -> str:
    """Attributes as Django's widget templates write them: in order, `True` as a bare name,
    `False` left out, other values (even `None`) written as strings, escaped."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastSelect(forms.Select):
    """A `<select>` rendered in Python rather than through a template per option.

    Django renders every option with the template engine: for the public filters (193 Member
    States, 23 objectives, cycles, commissions: about 250 options a page) that was most of the
    time of an uncached list page. Same markup, attributes and escaping as `forms.Select`
    (tests/test_widgets.py compares the two), option groups included."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        # A reference name shown in English in another language is marked so (issue 15).
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"].update(english_attrs(instance))
        return option

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        name_attr = conditional_escape(widget["name"])
        html = [f'<select name="{name_attr}"{html_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'<optgroup label="{conditional_escape(group_name)}">')
            html.extend(
                f'<option value="{conditional_escape("" if o["value"] is None else o["value"])}"'
                f"{html_attrs(o['attrs'])}>{conditional_escape(o['label'])}</option>"
                for o in options
            )
            if group_name:
                html.append("</optgroup>")
        html.append("</select>")
        return mark_safe("".join(html))  # noqa: S308 - every value above is escaped
