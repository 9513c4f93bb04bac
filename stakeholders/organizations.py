"""Organisations as records: found again by normalised name or website, and the lists of
organisations that take part without special accreditation, uploaded by the secretariat.

`find_or_create_organization(data)` -> (organization, created). An organisation matches when
its `name_key` (the name in Latin letters, else the name, normalised) or its `website_key`
equals the one of `data`. A found organisation keeps what it has: only its blank fields are
filled from `data` (an applicant never overwrites a record the secretariat keeps).

`import_list(csv_file, track)` reads a CSV (UTF-8, with or without BOM; comma, semicolon or
tab) whose first line names the columns, in any order, case aside:

| column     | meaning                                                      | needed              |
|------------|--------------------------------------------------------------|---------------------|
| name       | the organisation's name                                      | yes                 |
| name_latin | the name in Latin letters, when written in another script    | no                  |
| acronym    | acronym                                                      | no                  |
| country    | ISO 3166-1 alpha-3 code of the headquarters (e.g. KEN)       | no                  |
| website    | website address                                              | no                  |
| category   | stakeholder category key (e.g. civil_society); default: civil_society | no         |
| status     | ECOSOC: general, special or roster                           | yes for "ecosoc"    |
| since      | ECOSOC: year the status was granted (e.g. 2009)              | no                  |

`track` "ecosoc" sets the consultative status (and its year); "gcm" marks the organisation
as accredited to the GCM process before (`status` and `since` are ignored). Importing the
same file twice changes nothing the second time (every row is then "unchanged"). A bad row
is skipped and reported with its line number (the header is line 1); the good rows are
imported.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from reviews.models import MemberState, StakeholderCategory
from stakeholders.models import Organization, normalize_name, normalize_website

TRACKS = ("ecosoc", "gcm")
COLUMNS = ("name", "name_latin", "acronym", "country", "website", "category", "status", "since")
DEFAULT_CATEGORY = "civil_society"
MAX_ROWS = 20000
# Fields a found organisation takes from new data only when it has none.
FILLABLE = (
    "name_latin", "acronym", "headquarters", "website", "head_name", "head_title",
    "contact_name", "email",
)  # fmt: skip
ECOSOC_WORDS = {
    "general": Organization.Ecosoc.GENERAL,
    "special": Organization.Ecosoc.SPECIAL,
    "roster": Organization.Ecosoc.ROSTER,
}


def matching(name_key: str, website_key: str):
    """Organisations that are the same one by name or website."""
    same = Q(name_key=name_key) if name_key else Q(pk__in=[])
    if website_key:
        same |= Q(website_key=website_key)
    return Organization.objects.filter(same)


def find_or_create_organization(data: dict) -> tuple[Organization, bool]:
    """The organisation `data` describes (Organization field names; `category` and
    `headquarters` as rows), found again or created; (organization, created)."""
    name_key = normalize_name(data.get("name_latin") or data.get("name") or "")
    website_key = normalize_website(data.get("website") or "")
    # The oldest record is the reference when several match.
    found = matching(name_key, website_key).order_by("pk").first()
    if found is None:
        return Organization.objects.create(**data), True
    filled = [name for name in FILLABLE if data.get(name) and not getattr(found, name)]
    for name in filled:
        setattr(found, name, data[name])
    if filled:
        found.save()
    return found, False


# --- the uploaded lists ------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list = field(default_factory=list)  # organisations
    updated: list = field(default_factory=list)
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line, message)


def _read_rows(csv_file) -> tuple[list[str], list[tuple[int, dict]]]:
    raw = csv_file.read()
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    if "\x00" in text:
        raise ValidationError(_("The file holds NUL characters: it is not a CSV text file."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else "", ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [h.strip().casefold() for h in next(reader, [])]
    rows = []
    for row in reader:
        if reader.line_num > MAX_ROWS + 1:
            raise ValidationError(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
        if not any(cell.strip() for cell in row):
            continue
        rows.append((reader.line_num, dict(zip(header, (c.strip() for c in row), strict=False))))
    return header, rows


def _row_fields(row: dict, track: str, states: dict, categories: dict) -> dict:
    """Organisation fields of one row, or ValidationError with the row's problem."""
    name = row.get("name", "")
    if not name:
        raise ValidationError(_("The name is missing."))
    for column, limit in (("name", 250), ("name_latin", 250), ("acronym", 40), ("website", 200)):
        if len(row.get(column) or "") > limit:
            raise ValidationError(
                _("“%(column)s” is longer than %(limit)s characters.")
                % {"column": column, "limit": limit}
            )
    fields = {
        "name": name,
        "name_latin": row.get("name_latin", ""),
        "acronym": row.get("acronym", ""),
    }
    country = (row.get("country") or "").upper()
    if country:
        if country not in states:
            raise ValidationError(_("Unknown country code “%(code)s”.") % {"code": country[:10]})
        fields["headquarters"] = states[country]
    website = row.get("website", "")
    if website:
        website = website if "//" in website else f"https://{website}"
        try:
            URLValidator()(website)
        except ValidationError:
            raise ValidationError(_("The website is not a web address.")) from None
        fields["website"] = website
    key = (row.get("category") or DEFAULT_CATEGORY).casefold()
    if key not in categories:
        raise ValidationError(_("Unknown category “%(key)s”.") % {"key": key[:60]})
    fields["category"] = categories[key]
    if track == "ecosoc":
        word = (row.get("status") or "").casefold().split(" ")[0]
        if word not in ECOSOC_WORDS:
            raise ValidationError(_("The status must be general, special or roster."))
        fields["ecosoc_status"] = ECOSOC_WORDS[word]
        since = row.get("since", "")
        if since:
            if not since.isdigit() or not 1946 <= int(since) <= 2100:
                raise ValidationError(_("“since” must be a year, such as 2009."))
            fields["ecosoc_since"] = int(since)
    else:
        fields["gcm_accredited"] = True
    return fields


def _apply(fields: dict, track: str, result: ImportResult) -> None:
    status_fields = {
        k: fields.pop(k) for k in ("ecosoc_status", "ecosoc_since", "gcm_accredited") if k in fields
    }
    organization, created = find_or_create_organization({**fields, **status_fields})
    if created:
        result.created.append(organization)
        return
    changed = [k for k, v in status_fields.items() if getattr(organization, k) != v]
    for name in changed:
        setattr(organization, name, status_fields[name])
    if changed:
        organization.save()
        result.updated.append(organization)
    else:
        result.unchanged += 1


def import_list(csv_file, track: str) -> ImportResult:
    """Import the ECOSOC or GCM-process list (see the module's docstring)."""
    if track not in TRACKS:
        raise ValueError(f"unknown track {track!r}")
    result = ImportResult()
    try:
        header, rows = _read_rows(csv_file)
    except UnicodeDecodeError:
        result.errors.append((0, _("The file is not UTF-8 text: save it as “CSV UTF-8”.")))
        return result
    except (ValidationError, csv.Error) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        result.errors.append((0, message))
        return result
    needed = {"name", "status"} if track == "ecosoc" else {"name"}
    missing = sorted(needed - set(header))
    if missing:
        result.errors.append(
            (1, _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return result
    states = {s.iso3: s for s in MemberState.objects.all()}
    categories = {c.key: c for c in StakeholderCategory.objects.all()}
    with transaction.atomic():
        for line, row in rows:
            try:
                fields = _row_fields(row, track, states, categories)
            except ValidationError as error:
                result.errors.append((line, error.messages[0]))
                continue
            _apply(fields, track, result)
    return result
