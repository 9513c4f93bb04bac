from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages of 50 rows; `page_size` asks for 1 to 500 (empty: the default). A `page_size` that
    is not a whole number in that range is refused (400), as the schema says, rather than
    silently replaced by the default or the maximum."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if not raw:  # absent or empty: the default
            return self.page_size
        if not (raw.isascii() and raw.isdecimal() and 1 <= int(raw) <= self.max_page_size):
            message = _("Enter a whole number from 1 to %(maximum)d.") % {
                "maximum": self.max_page_size
            }
            raise ValidationError({self.page_size_query_param: [message]})
        return int(raw)

    def page_number(self, request) -> int | None:
        """The page asked for (None: the first, even for `page=`, or the last with `page=last`);
        a `page` that is no whole number from 1 is an unknown page (404), as DRF answers."""
        raw = request.query_params.get(self.page_query_param)
        if not raw or raw in self.last_page_strings:
            return None
        if not (raw.isascii() and raw.isdecimal() and int(raw) >= 1):
            raise NotFound(self.invalid_page_message.format(page_number=raw, message=""))
        return int(raw)
