"""`action|asks_confirmation`: whether a decision's button opens its confirmation page (a GET
on its address) rather than posting at once (`reviews.views.confirmations.CONFIRMED`)."""

from django import template

from reviews.views.confirmations import CONFIRMED

register = template.Library()


@register.filter
def asks_confirmation(action: str) -> bool:
    return action in CONFIRMED
