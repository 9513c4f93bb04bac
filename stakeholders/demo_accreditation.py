"""Demo organisations, special accreditation and pledges for `make run` (issue 19), called by
`stakeholders.demo.seed` after the events and registrations (never in production: seed_demo
runs only with DEBUG on).

- Two organisations imported as rows, the way the secretariat uploads its lists
  (`stakeholders.organizations.import_list`): one in consultative status with ECOSOC, one
  accredited to the GCM process before.
- Five applications for special accreditation to the demo IMRF 2026, through the door
  (`stakeholders.accreditation`): two recommended and accredited, one recommended but objected
  to by Mexico's focal point (focal.point@example.org) and so not accredited, one not
  recommended (with its reason), one that confirmed its address after the list went to Member
  States and stays "applied". The Member States' period is opened and closed through the door
  (`close_review` is given its closing time as `now`, as the beat task would be at that time).
  One door forbids showing "recommended" and "under review" beside the settled states on one
  event: the list goes to Member States once, and closing it settles all of it. Those steps
  are in each application's history.
- Two published pledges: Mexico's, by its focal point, with a progress report published as its
  second version (its page shows a history of two versions); and one of the accredited
  Association Voix des Migrantes, by its pledger (pledger@example.org, invited by the
  secretariat and accepted: `stakeholders.pledges.invitations`).

The IMRF's `accreditation_deadline` is set (30 days after the first seeding, so that the public
form can be tried) only here, after its registrations: from then on registering for it asks for
an organisation (`stakeholders.admission`). `stakeholders.demo._ensure_imrf` leaves it unset.
Safe to run again: what exists is left alone, and nothing is printed.
"""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from reviews.editing import save_part
from reviews.invitations import accept_invitation, invitation_token
from reviews.models import MemberState, ReviewCycle, StakeholderCategory
from reviews.workflow import publish_document, revise_document, submit_document
from stakeholders import accreditation
from stakeholders.models import AccreditationApplication, Organization, Pledge, normalize_name
from stakeholders.organizations import import_list
from stakeholders.pledges.drafting import start_organization_pledge, start_state_pledge
from stakeholders.pledges.invitations import invite_pledger

FOCAL_POINT = "focal.point@example.org"  # seed_demo's focal point for Mexico and the Philippines
OBJECTING_STATE = "MEX"
PLEDGER = {
    "email": "pledger@example.org",
    "full_name": "Paula Pledger",
    "password": "demo-pledges-voix-2026",
}

ECOSOC_CSV = (
    "name,acronym,country,website,category,status,since\n"
    "Global Alliance of Migrant Workers' Associations (demo),GAMWA,PHL,"
    "https://gamwa.example.org,civil_society,special,2009\n"
)
GCM_CSV = (
    "name,acronym,country,website,category\n"
    "Red Latinoamericana de Diásporas (demo),RELADI,MEX,https://reladi.example.org,"
    "migrant_youth_diaspora_organizations\n"
)

# "outcome": what the secretariat and the Member States do; "late": confirmed after the list
# went to Member States.
APPLICATIONS = [
    {
        "name": "Association Voix des Migrantes (démo)",
        "acronym": "AVM",
        "category": "civil_society",
        "headquarters": "FRA",
        "website": "https://voixdesmigrantes.example.org",
        "head_name": "Claire Dubois",
        "head_title": "Présidente",
        "contact_name": "Yasmina Haddad",
        "email": "contact@voixdesmigrantes.example.org",
        "language": "fr",
        "purpose": "Accompagner les femmes migrantes dans l'accès aux droits et aux services.",
        "relevance": "Nos permanences juridiques servent les objectifs 15 et 16 du Pacte.",
        "objectives": [15, 16],
        "roundtables": [2],
        "outcome": "accredited",
    },
    {
        "name": "Kenya Migrant Rights Network (demo)",
        "acronym": "KMRN",
        "category": "civil_society",
        "headquarters": "KEN",
        "website": "https://kmrn.example.org",
        "head_name": "Achieng Otieno",
        "head_title": "Director",
        "contact_name": "Brian Mwangi",
        "email": "info@kmrn.example.org",
        "language": "en",
        "purpose": "Legal aid and pre-departure training for migrant domestic workers.",
        "relevance": "Fair recruitment and decent work (objectives 6 and 7).",
        "objectives": [6, 7],
        "roundtables": [1, 3],
        "outcome": "accredited",
    },
    {
        "name": "Coalición Frontera Sur (demo)",
        "acronym": "CFS",
        "category": "civil_society",
        "headquarters": "GTM",
        "website": "https://fronterasur.example.org",
        "head_name": "María López",
        "head_title": "Coordinadora",
        "contact_name": "José Pérez",
        "email": "contacto@fronterasur.example.org",
        "language": "es",
        "purpose": "Acompañamiento a personas migrantes en tránsito.",
        "relevance": "Migración segura y gestión integrada de fronteras (objetivos 8 y 11).",
        "objectives": [8, 11],
        "roundtables": [3],
        "outcome": "objected",
    },
    {
        "name": "Nepal Returnee Workers Forum (demo)",
        "acronym": "NRWF",
        "category": "migrants",
        "headquarters": "NPL",
        "website": "https://nrwf.example.org",
        "head_name": "Sita Gurung",
        "head_title": "Chair",
        "contact_name": "Hari Karki",
        "email": "forum@nrwf.example.org",
        "language": "en",
        "purpose": "Reintegration of returning migrant workers.",
        "relevance": "Return and reintegration (objective 21).",
        "objectives": [21],
        "roundtables": [4],
        "outcome": "not_recommended",
        "reason": "The application gives no activity of the organisation in the last two "
        "years (demo).",
    },
    {
        "name": "Pacific Climate Mobility Collective (demo)",
        "acronym": "PCMC",
        "category": "academia",
        "headquarters": "FJI",
        "website": "https://pcmc.example.org",
        "head_name": "Litia Naivalu",
        "head_title": "Convenor",
        "contact_name": "Sione Fifita",
        "email": "hello@pcmc.example.org",
        "language": "en",
        "purpose": "Research on migration in the context of climate change in the Pacific.",
        "relevance": "Drivers of migration, including climate change (objective 2).",
        "objectives": [2],
        "roundtables": [2],
        "outcome": "late",
    },
]

OBJECTION = "The organisation is not registered under national law (demo)."

STATE_PLEDGE = {
    "title": "Ventanillas únicas para personas trabajadoras migrantes (demo)",
    "language": "es",
    "sections": {
        1: "Abrir tres ventanillas únicas para las quejas de contratación de personas "
        "trabajadoras migrantes.",
        2: "La Secretaría del Trabajo, con la central sindical nacional.",
        3: "Número de ventanillas abiertas y de quejas resueltas, según el registro de la "
        "Secretaría.",
    },
    "objectives": [6, 16],
    "regions": ["ECLAC"],
    "countries": ["MEX"],
    "progress": (
        "under_way",
        "Dos ventanillas abiertas; 412 quejas resueltas en el primer semestre.",
    ),
}
ORGANIZATION_PLEDGE = {
    "title": "Permanences juridiques pour les femmes migrantes (démo)",
    "language": "fr",
    "sections": {
        1: "Ouvrir des permanences juridiques hebdomadaires dans cinq villes.",
        2: "L'Association Voix des Migrantes, avec les barreaux locaux.",
        3: "Nombre de permanences tenues et de personnes reçues, d'après nos registres.",
    },
    "objectives": [15, 16],
    "regions": ["ECE"],
    "countries": ["FRA"],
}


def seed(stdout, imrf, *, secretariat) -> None:
    """Create what does not exist yet (see the module) and print it."""
    if imrf.accreditation_deadline is None:
        imrf.accreditation_deadline = timezone.now() + timedelta(days=30)
        imrf.save(update_fields=["accreditation_deadline"])
    imported = _import_lists()
    made = _ensure_applications(imrf, secretariat)
    if imported or made:
        statuses = ", ".join(
            f"{a.organization.name} ({a.get_status_display()})"
            for a in imrf.applications.select_related("organization").order_by("pk")
        )
        stdout.write(
            f"Demo organisations: {len(imported)} imported; special accreditation to "
            f"{imrf.slug}: {statuses}; public list /en/events/{imrf.slug}/organizations/"
        )
    for line in _ensure_pledges(imrf, secretariat):
        stdout.write(line)


def _import_lists() -> list[Organization]:
    created = []
    for track, text in (("ecosoc", ECOSOC_CSV), ("gcm", GCM_CSV)):
        created += import_list(io.StringIO(text), track).created
    return created


def _apply(imrf, spec) -> AccreditationApplication:
    organization_fields = {
        "name": spec["name"],
        "acronym": spec["acronym"],
        "category": StakeholderCategory.objects.get(key=spec["category"]),
        "headquarters": MemberState.objects.get(iso3=spec["headquarters"]),
        **{k: spec[k] for k in ("website", "head_name", "head_title", "contact_name", "email")},
    }
    return accreditation.apply(
        event=imrf,
        organization_fields=organization_fields,
        application_fields={"purpose": spec["purpose"], "relevance": spec["relevance"]},
        objectives=spec["objectives"],
        roundtables=spec["roundtables"],
        language=spec["language"],
    )


def _ensure_applications(imrf, secretariat) -> int:
    """Apply, verify and decide; open and close Member States' period once (first run)."""
    known = set(
        AccreditationApplication.objects.filter(event=imrf).values_list(
            "organization__name_key", flat=True
        )
    )
    todo = [s for s in APPLICATIONS if normalize_name(s["name"]) not in known]
    if not todo:
        return 0
    applications = {}
    for spec in todo:
        application = _apply(imrf, spec)
        if spec["outcome"] != "late":
            application = accreditation.verify(application)
        applications[spec["name"]] = application
        if spec["outcome"] in ("accredited", "objected"):
            accreditation.recommend(application, by=secretariat, version=None)
        elif spec["outcome"] == "not_recommended":
            accreditation.not_recommend(
                application, by=secretariat, reason=spec["reason"], version=None
            )
    imrf.refresh_from_db()
    if imrf.review_opened_at is None and any(
        s["outcome"] in ("accredited", "objected") for s in todo
    ):
        # The period closes an hour later; the door is told that hour has come.
        closes_at = timezone.now() + timedelta(hours=1)
        accreditation.open_review(imrf, by=secretariat, closes_at=closes_at)
        focal_point = get_user_model().objects.filter(email=FOCAL_POINT).first()
        for spec in todo:
            if spec["outcome"] == "objected" and focal_point is not None:
                accreditation.object(
                    applications[spec["name"]],
                    member_state=MemberState.objects.get(iso3=OBJECTING_STATE),
                    by=focal_point,
                    reason=OBJECTION,
                )
        accreditation.close_review(imrf, now=closes_at)
    for spec in todo:
        if spec["outcome"] == "late":
            accreditation.verify(applications[spec["name"]])
    return len(todo)


# --- pledges -----------------------------------------------------------------------------------


def _save(pledge, part, data, *, by):
    return save_part(pledge.pk, part, data, by=by, base_version=pledge.version, kind="save")


def _details(spec, progress="") -> dict:
    return {
        "title": spec["title"],
        "due_by": "2030-12-31",
        "progress": progress,
        "language": spec["language"],
        "objectives": spec["objectives"],
        "principles": [],
        "regions": spec["regions"],
        "countries": spec["countries"],
    }


def _publish_new(pledge, spec, *, by, secretariat) -> Pledge:
    for number, text in spec["sections"].items():
        pledge = _save(pledge, f"section-{number}", {"text": text}, by=by)
    pledge = _save(pledge, "details", _details(spec), by=by)
    pledge = submit_document(pledge, by=by)
    return publish_document(pledge, by=secretariat)


def _report_progress(pledge, spec, *, by, secretariat) -> Pledge:
    progress, report = spec["progress"]
    pledge = revise_document(pledge, by=by)
    pledge = _save(pledge, "section-4", {"text": report}, by=by)
    pledge = _save(pledge, "details", _details(spec, progress), by=by)
    pledge = submit_document(pledge, by=by)
    return publish_document(pledge, by=secretariat)


def _pledger_account(organization, secretariat):
    User = get_user_model()
    person = User.objects.filter(email=PLEDGER["email"]).first()
    if person is not None and organization.pledgers.filter(user=person).exists():
        return person
    invitation = invite_pledger(organization, email=PLEDGER["email"], language="fr",
                                by=secretariat, full_name=PLEDGER["full_name"])  # fmt: skip
    return accept_invitation(invitation_token(invitation), password=PLEDGER["password"])


def _ensure_pledges(imrf, secretariat) -> list[str]:
    """The two pledges, in the IMRF cycle opened for the demo's drafting (left as found)."""
    lines = []
    cycle = ReviewCycle.objects.get(pk=imrf.cycle_id)
    was_open = cycle.is_open
    ReviewCycle.objects.filter(pk=cycle.pk).update(is_open=True)
    focal_point = get_user_model().objects.filter(email=FOCAL_POINT).first()
    if focal_point and not Pledge.objects.filter(title=STATE_PLEDGE["title"]).exists():
        pledge = start_state_pledge(OBJECTING_STATE, by=focal_point, language="es")
        pledge = _publish_new(pledge, STATE_PLEDGE, by=focal_point, secretariat=secretariat)
        pledge = _report_progress(pledge, STATE_PLEDGE, by=focal_point, secretariat=secretariat)
        lines.append(f"Demo pledge with a progress report: /es/pledges/{pledge.reference}/")
    organization = Organization.objects.filter(
        name_key=normalize_name(APPLICATIONS[0]["name"])
    ).first()
    if (
        organization is not None
        and accreditation.is_accredited(organization, imrf)
        and not Pledge.objects.filter(title=ORGANIZATION_PLEDGE["title"]).exists()
    ):
        person = _pledger_account(organization, secretariat)
        pledge = start_organization_pledge(organization, by=person, language="fr")
        pledge = _publish_new(pledge, ORGANIZATION_PLEDGE, by=person, secretariat=secretariat)
        lines.append(
            f"Demo pledge of {organization}: /fr/pledges/{pledge.reference}/ (pledger "
            f"{PLEDGER['email']} / {PLEDGER['password']})"
        )
    ReviewCycle.objects.filter(pk=cycle.pk).update(is_open=was_open)
    return lines
