"""Load the checked reference data in `fixtures/` (copied from shared/reference, see SOURCES.md).

Idempotent: a row is written only when it differs from the file, so a second run reports
nothing created and nothing updated. Review cycles are created once and then left alone,
because the secretariat opens and closes them.
"""

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from reviews.models import (
    CategoryChange,
    GuidingPrinciple,
    MemberState,
    Objective,
    RegionalCommission,
    ReviewCycle,
    StakeholderCategory,
)


def fixtures_dir() -> Path:
    return Path(settings.BASE_DIR) / "fixtures"


def read_csv(name: str) -> list[dict[str, str]]:
    with (fixtures_dir() / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, label: str, created: bool | None) -> None:
        self.created.setdefault(label, 0)
        self.updated.setdefault(label, 0)
        if created is True:
            self.created[label] += 1
        elif created is False:
            self.updated[label] += 1

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def lines(self) -> list[str]:
        return [
            f"{label}: {self.created[label]} created, {self.updated[label]} updated"
            for label in self.created
        ]


def _sync(model, lookup: dict, values: dict) -> bool | None:
    """Create or update one row; True when created, False when updated, None when unchanged."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        return True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return None
    for name in changed:
        setattr(obj, name, values[name])
    obj.save(update_fields=changed)
    return False


# The languages other than English whose names the fixtures may give (`name_fr`, `title_zh_hans`
# …): empty where no source was found (fixtures/SOURCES.md); reading falls back to English.
TRANSLATED = ("fr", "es", "ar", "zh_hans", "ru")


def _names(row: dict, field: str, english: str) -> dict:
    """The field's value in each language: `<field>_en` from `english`, the others from the
    row's `<field>_<lang>` columns (None, so English shows, when empty or absent)."""
    values = {f"{field}_en": english}
    for lang in TRANSLATED:
        values[f"{field}_{lang}"] = row.get(f"{field}_{lang}") or None
    return values


def _flag(value: str) -> bool:
    if value not in {"0", "1"}:
        raise ValueError(f"expected 0 or 1, got {value!r}")
    return value == "1"


def _load_category_changes(report: LoadReport) -> None:
    """LDC/LLDC/SIDS entries and exits with their dates (fixtures/category_changes.csv).

    A row is keyed by State, category and day; a row no longer in the file is deleted (counted
    as updated), so moving a date (a deferred graduation) leaves no stale change behind.
    """
    label = "category changes"
    report.count(label, None)
    categories = set(CategoryChange.Category.values)
    kept = set()
    for row in read_csv("category_changes.csv"):
        if row["category"] not in categories:
            raise ValueError(f"category_changes.csv: unknown category {row['category']!r}")
        effective_on = date.fromisoformat(row["effective_on"])
        lookup = {
            "member_state_id": row["iso3"],
            "category": row["category"],
            "effective_on": effective_on,
        }
        values = {
            "member": _flag(row["member"]),
            "confirmed": _flag(row["confirmed"]),
            "source": row["source"],
        }
        report.count(label, _sync(CategoryChange, lookup, values))
        kept.add((row["iso3"], row["category"], effective_on))
    for change in CategoryChange.objects.all():
        if (change.member_state_id, change.category, change.effective_on) not in kept:
            change.delete()
            report.count(label, False)


@transaction.atomic
def load_reference_data() -> LoadReport:
    report = LoadReport()

    commissions = {}
    for row in read_csv("regional_commissions.csv"):
        values = {
            **_names(row, "name", row["name_en"]),
            "seat_city": row["seat_city"],
            "member_states_count": int(row["member_states_count"]),
            "notes": row["notes"],
        }
        report.count(
            "regional commissions", _sync(RegionalCommission, {"code": row["code"]}, values)
        )
        commissions[row["code"]] = RegionalCommission.objects.get(code=row["code"])

    for row in read_csv("member_states.csv"):
        values = {
            "iso2": row["iso2"],
            "m49": row["m49"],
            **_names(row, "name", row["name_en"]),
            "un_regional_group": row["un_regional_group"],
            "m49_region": row["m49_region"],
            "m49_subregion": row["m49_subregion"],
            "is_ldc": _flag(row["ldc"]),
            "is_lldc": _flag(row["lldc"]),
            "is_sids": _flag(row["sids"]),
        }
        result = _sync(MemberState, {"iso3": row["iso3"]}, values)
        state = MemberState.objects.get(iso3=row["iso3"])
        wanted = {commissions[code] for code in row["regional_commissions"].split(";") if code}
        if set(state.regional_commissions.all()) != wanted:
            state.regional_commissions.set(wanted)
            result = bool(result)
        report.count("Member States", result)

    for row in read_csv("gcm_objectives.csv"):
        values = {
            **_names(row, "title", row["title"]),
            **_names(row, "short_title", row.get("short_title_en", "")),
            "roundtable": int(row["imrf_roundtable"]),
        }
        report.count("objectives", _sync(Objective, {"number": int(row["number"])}, values))

    for position, row in enumerate(read_csv("guiding_principles.csv"), start=1):
        values = {**_names(row, "name", row["name_en"]), "position": position}
        report.count("guiding principles", _sync(GuidingPrinciple, {"key": row["key"]}, values))

    for position, row in enumerate(read_csv("stakeholder_categories.csv"), start=1):
        values = {**_names(row, "name", row["name_en"]), "position": position}
        report.count(
            "stakeholder categories", _sync(StakeholderCategory, {"key": row["key"]}, values)
        )

    for row in read_csv("review_cycles.csv"):
        _, created = ReviewCycle.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "kind": row["kind"],
                "year": int(row["year"]),
                **_names(row, "title", row["title_en"]),
            },
        )
        # The secretariat may retitle a cycle: only a title missing in a language is filled.
        cycle = ReviewCycle.objects.get(slug=row["slug"])
        missing = [
            column
            for column, value in _names(row, "title", row["title_en"]).items()
            if value and getattr(cycle, column) is None
        ]
        for column in missing:
            setattr(cycle, column, row[column] if column != "title_en" else row["title_en"])
        if missing:
            cycle.save(update_fields=missing)
        report.count("review cycles", True if created else None)
    _load_category_changes(report)

    # A regional cycle feeds the IMRF after it (regional-2024 → imrf-2026): set once, when the
    # cycle has none (the secretariat may change it).
    for row in read_csv("review_cycles.csv"):
        if row.get("feeds"):
            ReviewCycle.objects.filter(slug=row["slug"], feeds__isnull=True).update(
                feeds=ReviewCycle.objects.filter(slug=row["feeds"]).first()
            )

    return report
