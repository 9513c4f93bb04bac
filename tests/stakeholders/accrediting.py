"""Helpers of the accreditation tests: the application form's data, posting it, the links
e-mailed, and organisations with an application in a given status (no log, no e-mail)."""

import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import StakeholderCategory
from stakeholders.models import AccreditationApplication, Organization


def form_data(**overrides) -> dict:
    data = {
        "name": "Association Voix des Migrantes",
        "name_latin": "",
        "acronym": "AVM",
        "category": "civil_society",
        "headquarters": "FRA",
        "website": "https://voixdesmigrantes.example.org",
        "head_name": "Claire Dubois",
        "head_title": "Présidente",
        "contact_name": "Yasmina Haddad",
        "email": "contact@voixdesmigrantes.example.org",
        "language": "fr",
        "purpose": "Accompagner les femmes migrantes dans l'accès aux droits.",
        "relevance": "Nous travaillons sur l'accès aux services de base (objectif 15).",
        "objectives": ["15", "16"],
        "roundtables": ["2"],
        "consent_privacy": "on",
        "contact_fax": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def apply_url(event, lang="en") -> str:
    return reverse("stakeholders:accreditation_apply", args=[event.slug]).replace(
        "/en/", f"/{lang}/", 1
    )


def post_application(client, event, capture, ip="10.0.1.1", lang="en", files=None, **overrides):
    data = form_data(**overrides)
    if files:
        data["documents"] = files
    with capture(execute=True):
        return client.post(apply_url(event, lang), data, REMOTE_ADDR=ip)


def link_in(message, kind: str) -> str:
    """The path of the verification ("verify") or management ("manage") link of an
    application in an e-mail."""
    match = re.search(
        rf"https?://[^/\s]+(/[a-z-]+/events/accreditation/{kind}/[^/\s]+/)", message.body
    )
    assert match, message.body
    return match.group(1)


def pdf(name="statuts.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% statuts\n%%EOF\n", "application/pdf")


def xlsx(name="budget.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return SimpleUploadedFile(name, buffer.getvalue(), "application/octet-stream")


def organization(name, *, category="civil_society", country="FRA", **fields) -> Organization:
    return Organization.objects.create(
        name=name,
        category=StakeholderCategory.objects.get(key=category),
        headquarters_id=country,
        email=fields.pop("email", f"{abs(hash(name)) % 10**8}@example.org"),
        **fields,
    )


def application(event, org, status=AccreditationApplication.Status.ACCREDITED, **fields):
    return AccreditationApplication.objects.create(
        event=event,
        organization=org,
        purpose=fields.pop("purpose", "Purpose."),
        relevance=fields.pop("relevance", "Relevance."),
        language=fields.pop("language", "en"),
        status=status,
        **fields,
    )
