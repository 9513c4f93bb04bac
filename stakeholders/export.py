"""The participants of an event as a CSV or XLSX file, with the columns the secretariat chose.

`COLUMNS` is the fixed list a form offers (key -> label and how a registration gives the
value); `table(event, columns, statuses)` the header and rows, read in one query whatever their
number; `as_csv` and `as_xlsx` the files. Both files are safe to open in a spreadsheet: a text
cell starting with `=`, `+`, `-`, `@` (a formula) is written with a single quote in front
(`reviews.csvsafe`, one rule for every export of the portal); XLSX cells also lose the control
characters the format cannot hold (openpyxl refuses them).
"""

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from reviews.csvsafe import SafeWriter, safe_cell
from stakeholders.models import Registration


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable  # (registration) -> str, number or None


def _moment(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _category(registration):
    name = registration.category.name
    return f"{name}: {registration.category_other}" if registration.category_other else name


def _amount(registration):
    return registration.travel_total if registration.travel == Registration.Travel.GRANTED else None


COLUMNS: dict[str, Column] = {
    "name": Column(_("Name"), lambda r: r.full_name),
    "email": Column(_("E-mail address"), lambda r: r.email),
    "organization": Column(_("Organization"), lambda r: r.organization),
    "website": Column(_("Website"), lambda r: r.organization_website),
    "category": Column(_("Stakeholder category"), _category),
    "level": Column(_("Level"), lambda r: r.get_level_display()),
    "residence": Column(_("Country of residence"), lambda r: r.residence.name),
    "nationality": Column(_("Nationality"), lambda r: r.nationality.name),
    "gender": Column(_("Gender"), lambda r: r.get_gender_display()),
    "age_group": Column(_("Age group"), lambda r: r.get_age_group_display()),
    "participation": Column(_("Participation"), lambda r: r.get_participation_display()),
    "language": Column(_("Preferred language"), lambda r: r.get_language_display()),
    "accessibility": Column(_("Accessibility needs"), lambda r: r.accessibility_needs),
    "travel": Column(_("Travel support"), lambda r: r.get_travel_display()),
    "days": Column(_("Days of subsistence granted"), lambda r: r.subsistence_days),
    "amount": Column(_("Travel support granted (USD)"), _amount),
    "status": Column(_("Status"), lambda r: r.get_status_display()),
    "verified_at": Column(_("Address confirmed (UTC)"), lambda r: _moment(r.verified_at)),
    "decided_at": Column(_("Decided (UTC)"), lambda r: _moment(r.decided_at)),
}
DEFAULT_COLUMNS = ["name", "organization", "category", "residence", "status"]
FORMATS = [("csv", "CSV"), ("xlsx", "XLSX (Excel, LibreOffice)")]


def table(event, columns: list[str], statuses: list[str]) -> list[list]:
    """The header (labels in the active language) and one row per registration."""
    chosen = [COLUMNS[key] for key in COLUMNS if key in columns]  # the list's order
    registrations = (
        event.registrations.filter(status__in=statuses)
        .select_related("event", "category", "residence", "nationality")
        .order_by("full_name", "pk")
    )
    header = [str(column.label) for column in chosen]
    rows = [[_plain(column.value(r)) for column in chosen] for r in registrations]
    return [header, *rows]


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, (int, float)) or hasattr(value, "as_tuple"):  # numbers stay numbers
        return value
    return str(value)


def as_csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    SafeWriter(out).writerows(rows)
    # A byte-order mark: spreadsheets then read the file as UTF-8 (names in six scripts).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(rows: list[list], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    # A sheet's title: at most 31 characters, none of []:*?/\
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "participants"
    for row in rows:
        sheet.append([_xlsx_cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_cell(value):
    if isinstance(value, str):
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def filename(event, file_format: str) -> str:
    return f"{event.slug}-participants.{file_format}"
