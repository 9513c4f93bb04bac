"""Demo accounts and content for `make run`: the project's command, since it seeds every app.

It lives in `gcm_portal` (which wires the apps together) rather than in `reviews`, because it
seeds the regional documents too (`regional.demo`), and later stakeholder data: `reviews` never
imports the apps built on it. Runs only with DEBUG on (the passwords are printed); safe to run
again.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from regional import demo as regional_demo
from reviews.editing import save_part, start_review
from reviews.models import FocalPointMembership, MemberState, ReviewCycle, VoluntaryReview
from reviews.permissions import SECRETARIAT_GROUP
from reviews.workflow import publish_document, submit_document
from stakeholders import demo as stakeholders_demo

# Demo accounts exist only on development machines (DEBUG on): their passwords are printed.
DEMO_ACCOUNTS = [
    {
        "email": "admin@example.org",
        "full_name": "Ada Admin",
        "password": "demo-admin-2026",
        "superuser": True,
        "role": "technical administrator (Django admin)",
    },
    {
        "email": "secretariat@example.org",
        "full_name": "Sam Secretariat",
        "password": "demo-secretariat-2026",
        "secretariat": True,
        "role": "secretariat of the UN Network on Migration",
    },
    {
        "email": "focal.point@example.org",
        "full_name": "Fatima Focal",
        "password": "demo-focal-2026",
        "states": ["MEX", "PHL"],
        "lead_of": ["MEX"],
        "role": "focal point for Mexico and the Philippines (Mexico's lead: invites its team)",
    },
    {
        "email": "colleague@example.org",
        "full_name": "Carlos Colleague",
        "password": "demo-colleague-2026",
        "states": ["MEX"],
        "role": "second focal point for Mexico",
    },
    {
        "email": "amal@example.org",
        "full_name": "Amal Demo",
        "password": "demo-amal-2026",
        "states": ["JOR"],
        "role": "focal point for Jordan (draft in Arabic)",
    },
    {
        "email": "wei@example.org",
        "full_name": "Wei Demo",
        "password": "demo-wei-2026",
        "states": ["CHN"],
        "role": "focal point for China (draft in Chinese)",
    },
    {
        "email": "claire@example.org",
        "full_name": "Claire Demo",
        "password": "demo-claire-2026",
        "states": ["FRA"],
        "role": "focal point for France (review in French)",
    },
    {
        "email": "ivan@example.org",
        "full_name": "Ivan Demo",
        "password": "demo-ivan-2026",
        "states": ["RUS"],
        "role": "focal point for the Russian Federation (review in Russian)",
    },
    {
        "email": "kofi@example.org",
        "full_name": "Kofi Demo",
        "password": "demo-kofi-2026",
        "states": ["GHA"],
        "role": "focal point for Ghana (review in English)",
    },
    # The regional reporters (ECE, ESCWA, a regional consultative process).
    *regional_demo.ACCOUNTS,
]


# Demo text only: short, plainly illustrative, in the review's own language.
DEMO_DRAFTS = [
    (
        "MEX",
        "focal.point@example.org",
        "es",
        {
            1: "La revisión se preparó con un enfoque de todo el gobierno y de toda la sociedad, "
            "con consultas a la sociedad civil y a las autoridades locales.",
            2: "- Ley de Migración reformada\n- Coordinación con los gobiernos estatales",
        },
        [
            (
                6,
                "under_way",
                "Se elimina el cobro de comisiones de contratación a las personas migrantes.",
            ),
            (5, "planned", "El programa de trabajo temporal se ampliará a nuevos sectores."),
        ],
    ),
    (
        "PHL",
        "focal.point@example.org",
        "en",
        {
            1: "The review was prepared by an inter-agency working group with *civil society* "
            "and migrant organisations, drawing on the 2021 national survey.",
            3: "Progress is reported for all 23 objectives; see the entries below.",
        },
        [
            (22, "achieved", "Social security agreements now cover 14 countries of destination."),
            (6, "under_way", "Recruitment agencies are licensed and monitored online."),
        ],
    ),
    (
        "JOR",
        "amal@example.org",
        "ar",
        {
            1: "أُعدّ هذا الاستعراض بمشاركة الوزارات المعنية ومنظمات المجتمع المدني، "
            "واعتمد على بيانات عام 2022.",
            2: "تعمل الحكومة على مواءمة سياسات الهجرة مع خطة التنمية المستدامة لعام 2030.",
        },
        [
            (15, "under_way", "توسيع الخدمات الصحية الأساسية لتشمل المهاجرين في 12 محافظة."),
            (6, "planned", "مراجعة إجراءات استقدام العمال لضمان عدالتها وشفافيتها."),
        ],
    ),
    (
        "CHN",
        "wei@example.org",
        "zh-hans",
        {
            1: "本审查由多个政府部门共同编写，并征求了地方政府和研究机构的意见。",
            2: "政府将移民治理纳入可持续发展目标的落实工作。",
        },
        [
            (1, "planned", "计划建立按性别和年龄分列的移民数据系统。"),
            (23, "under_way", "与区域伙伴开展移民数据和能力建设合作。"),
        ],
    ),
    (
        "GHA",
        "kofi@example.org",
        "en",
        {
            1: "The review was prepared by the Ghana Immigration Service with the National "
            "Migration Unit, civil society and *diaspora organisations*.",
            3: "Progress is reported below for the objectives the review addresses.",
        },
        [
            (19, "under_way", "A diaspora investment window was opened in 2023."),
            (5, "planned", "Bilateral labour migration agreements are being negotiated."),
            (1, "achieved", "Migration data are published each year by the statistical service."),
        ],
    ),
    (
        "FRA",
        "claire@example.org",
        "fr",
        {
            1: "L'examen a été préparé par un groupe de travail interministériel avec la "
            "société civile et les collectivités locales.",
            2: "La politique migratoire est intégrée au suivi des objectifs de développement "
            "durable.",
        },
        [
            (
                16,
                "under_way",
                "Des parcours d'intégration linguistique sont proposés dans 40 villes.",
            ),
            (23, "achieved", "La coopération avec les pays d'origine repose sur des accords."),
        ],
    ),
    (
        "RUS",
        "ivan@example.org",
        "ru",
        {
            1: "Обзор подготовлен межведомственной рабочей группой с участием гражданского "
            "общества.",
            2: "Миграционная политика учитывается при реализации целей устойчивого развития.",
        },
        [
            (20, "achieved", "Стоимость денежных переводов снизилась до 3 процентов."),
            (5, "under_way", "Расширены легальные пути трудовой миграции."),
        ],
    ),
]


# Ghana's review of the previous IMRF, so that the demo shows a State's cycles and what changed.
DEMO_EARLIER = (
    "GHA",
    "imrf-2022",
    "kofi@example.org",
    "en",
    {
        1: "The review was prepared by the Ghana Immigration Service with the National "
        "Migration Unit.",
        3: "Progress is reported below for the objectives the review addresses.",
    },
    [
        (19, "planned", "A diaspora investment window is planned."),
        (1, "under_way", "Migration data are being gathered by the statistical service."),
    ],
)


# Short closing sentences, per language, for the sections a demo draft leaves empty.
DEMO_FILLER = {
    "en": "The results will be shared with stakeholders before the next review.",
    "es": "Los resultados se compartirán con las partes interesadas antes del próximo examen.",
    "fr": "Les résultats seront partagés avec les parties prenantes avant le prochain examen.",
    "ru": "Результаты будут представлены заинтересованным сторонам до следующего обзора.",
    "ar": "ستُعرض النتائج على أصحاب المصلحة قبل الاستعراض المقبل.",
    "zh-hans": "审查结果将在下一次审查前与利益攸关方分享。",
}


class Command(BaseCommand):
    help = "Create demo accounts (and, as later features land, demo content). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a production database).",
        )

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with published passwords; it runs only with DEBUG on "
                "(or --force on a throwaway database)."
            )
        if not MemberState.objects.exists():
            raise CommandError("Load the reference data first: manage.py load_reference_data")
        User = get_user_model()
        secretariat = Group.objects.get(name=SECRETARIAT_GROUP)
        regional_demo.ensure_process()  # before the accounts that report for it
        self.stdout.write("Demo accounts (log in at /en/accounts/login/):")
        for spec in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(
                email=spec["email"], defaults={"full_name": spec["full_name"]}
            )
            user.set_password(spec["password"])
            user.is_superuser = spec.get("superuser", False)
            user.is_staff = spec.get("superuser", False) or spec.get("secretariat", False)
            user.preferred_language = spec.get("language", user.preferred_language)
            user.save()
            if spec.get("secretariat"):
                user.groups.add(secretariat)
            for iso3 in spec.get("states", []):
                FocalPointMembership.objects.update_or_create(
                    user=user,
                    member_state_id=iso3,
                    role=FocalPointMembership.Role.FOCAL_POINT,
                    defaults={"is_lead": iso3 in spec.get("lead_of", ())},
                )
            regional_demo.grant(user, spec)
            if user.is_staff:  # two-factor is required of them: an authenticator for the demo
                TOTPDevice.objects.get_or_create(
                    user=user, name="authenticator", defaults={"confirmed": True}
                )
            self.stdout.write(f"  {spec['email']:<28} {spec['password']:<24} {spec['role']}")
        self.stdout.write(
            "  Secretariat and admin also ask for a two-factor code: "
            "`.venv/bin/python manage.py demo_code EMAIL` prints it."
        )
        self._seed_drafts(User)
        self._seed_regional(User)
        # After the regional demo: the ECE event is linked to its regional meeting.
        stakeholders_demo.seed(
            self.stdout, secretariat=User.objects.get(email="secretariat@example.org")
        )

    def _seed_drafts(self, User):
        """Demo reviews in the six languages for the open demo cycle (IMRF 2026), and Ghana's
        for IMRF 2022; all are published but the Philippines', which stays a draft to edit."""
        cycle = ReviewCycle.objects.get(slug="imrf-2026")
        if not cycle.is_open:
            cycle.is_open = True
            cycle.save(update_fields=["is_open"])
        earlier = ReviewCycle.objects.get(slug=DEMO_EARLIER[1])
        if not VoluntaryReview.objects.filter(
            member_state_id=DEMO_EARLIER[0], cycle=earlier
        ).exists():
            # A closed cycle: opened for the demo's submission, closed again.
            ReviewCycle.objects.filter(pk=earlier.pk).update(is_open=True)
            earlier.refresh_from_db()
            iso3, _slug, email, language, sections, entries = DEMO_EARLIER
            self._draft(User, earlier, iso3, email, language, sections, entries)
            self._publish(User, earlier, iso3, email, language)
            ReviewCycle.objects.filter(pk=earlier.pk).update(is_open=False)
        created = []
        for iso3, email, language, sections, entries in DEMO_DRAFTS:
            if VoluntaryReview.objects.filter(member_state_id=iso3, cycle=cycle).exists():
                continue
            self._draft(User, cycle, iso3, email, language, sections, entries)
            created.append(f"{iso3} ({language})")
        if created:
            self.stdout.write(f"Demo drafts for {cycle}: {', '.join(created)}")
        for iso3, email, language, _sections, _entries in DEMO_DRAFTS:
            if iso3 != "PHL":
                self._publish(User, cycle, iso3, email, language)

    def _seed_regional(self, User):
        """The regional cycle of the demo: the national reviews its synthesis reads, then the
        regional meetings, reports and input (`regional.demo`). The cycle is opened for the
        demo's drafting and left as it was found."""
        cycle = ReviewCycle.objects.get(slug=regional_demo.CYCLE)
        was_open = cycle.is_open
        ReviewCycle.objects.filter(pk=cycle.pk).update(is_open=True)
        cycle.refresh_from_db()
        for iso3, email, language, sections, entries in DEMO_DRAFTS:
            if iso3 not in regional_demo.NATIONAL:
                continue
            if not VoluntaryReview.objects.filter(member_state_id=iso3, cycle=cycle).exists():
                self._draft(User, cycle, iso3, email, language, sections, entries)
            self._publish(User, cycle, iso3, email, language)
        secretariat = User.objects.get(email="secretariat@example.org")
        regional_demo.seed(self.stdout, secretariat=secretariat)
        ReviewCycle.objects.filter(pk=cycle.pk).update(is_open=was_open)

    def _draft(self, User, cycle, iso3, email, language, sections, entries):
        author = User.objects.get(email=email)
        review = start_review(iso3, cycle, by=author)
        details = {
            "language": language,
            "stakeholders": ["civil_society", "migrants"],
            "part_of_national_plan": False,
            "limits_justification": "",
        }
        parts = [("details", details)]
        parts += [(f"section-{n}", {"text": text}) for n, text in sections.items()]
        parts += [
            (
                f"objective-{number}",
                {
                    "status": status,
                    "priority": None,
                    "narrative": narrative,
                    "principles": ["human_rights"],
                    "practices": [],
                },
            )
            for number, status, narrative in entries
        ]
        for part, data in parts:
            review = save_part(
                review.pk, part, data, by=author, base_version=review.version, kind="save"
            )

    def _publish(self, User, cycle, iso3, email, language):
        """Fill the sections a demo draft leaves empty, submit and publish it (its PDF renders
        in-process here), unless it is published already."""
        review = VoluntaryReview.objects.get(member_state_id=iso3, cycle=cycle)
        if review.published_revision_id:
            return
        author = User.objects.get(email=email)
        secretariat = User.objects.get(email="secretariat@example.org")
        for number in range(1, 6):
            if not getattr(review, f"section_{number}").strip():
                review = save_part(
                    review.pk,
                    f"section-{number}",
                    {"text": DEMO_FILLER[language]},
                    by=author,
                    base_version=review.version,
                    kind="save",
                )
        review = submit_document(review, by=author)
        publish_document(review, by=secretariat)
        self.stdout.write(f"Demo publication: /{language}/reviews/{cycle.slug}/{iso3}/")
