"""Demo regional content for `make run`, created by `gcm_portal`'s `seed_demo` (never in
production: that command runs only with DEBUG on).

For the regional cycle 2024: the regional review meetings of ECE and ESCWA, their published
reports (ECE's in English, ESCWA's in Arabic), and the published Annex 3 input of a regional
consultative process to ECE's review. All of it goes through the portal's own doors
(`start_report`, `start_regional_input`, `save_part`, `submit_document`, `publish_document`), so
the demo shows what the workflow makes, PDFs included; the synthesis table in (iii) is inserted
as the synthesis page's button inserts it. `seed_demo` publishes the national reviews that
synthesis reads first, and opens the cycle while this runs. Safe to run again: a document that
exists is left alone (it may be someone's work).
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import translation

from regional.drafting import start_regional_input, start_report
from regional.models import (
    RegionalInput,
    RegionalMeeting,
    RegionalProcess,
    RegionalReporterMembership,
    RegionalReviewReport,
)
from regional.synthesis import as_markdown, regional_synthesis
from reviews.editing import save_part
from reviews.models import MemberState, RegionalCommission, ReviewCycle, ReviewRevision
from reviews.parts import SectionPart
from reviews.workflow import publish_document, submit_document

CYCLE = "regional-2024"
KEY_FINDINGS = 3  # (iii), where a reporter inserts the synthesis table

# The States whose national reviews for CYCLE `seed_demo` publishes first, for the synthesis
# (France and the Russian Federation are in ECE, Jordan in ESCWA).
NATIONAL = ("FRA", "RUS", "JOR")

# A made-up process: its name says so, since its text is invented.
PROCESS = {
    "slug": "demo-rcp-europe",
    "name": "Regional Consultative Process on Migration in Europe (demo)",
    "kind": RegionalProcess.Kind.CONSULTATIVE_PROCESS,
    "states": ["AUT", "DEU", "ESP", "FRA", "ITA", "POL", "ROU", "SWE"],
}

# Listed by `seed_demo` with the other demo accounts (same keys; "commission" or "process" makes
# a reporter membership, "language" the account's preferred language, which a report starts in).
ACCOUNTS = [
    {
        "email": "reporter@example.org",
        "full_name": "Rania Reporter",
        "password": "demo-reporter-2026",
        "commission": "ECE",
        "role": "regional reporter for ECE (report in English)",
    },
    {
        "email": "layla@example.org",
        "full_name": "Layla Demo",
        "password": "demo-layla-2026",
        "commission": "ESCWA",
        "language": "ar",
        "role": "regional reporter for ESCWA (report in Arabic)",
    },
    {
        "email": "petra@example.org",
        "full_name": "Petra Demo",
        "password": "demo-petra-2026",
        "process": PROCESS["slug"],
        "role": "reporter for a regional consultative process (Annex 3 input to ECE)",
    },
]

# Demo text only: short, plainly illustrative, in the report's own language. Section 3 gets the
# synthesis table appended after its text.
REPORTS = [
    {
        "commission": "ECE",
        "reporter": "reporter@example.org",
        "meeting": {
            "title": "Regional review of the Global Compact for Migration in the ECE region",
            "starts_on": date(2024, 11, 14),
            "ends_on": date(2024, 11, 15),
            "mode": RegionalMeeting.Mode.HYBRID,
            "place": "Geneva",
            "working_languages": ["en", "fr", "ru"],
        },
        "sections": {
            1: "The regional review met in Geneva on 14 and 15 November 2024, organized by ECE "
            "with the regional United Nations Network on Migration. Member States, regional "
            "processes and stakeholders took part.",
            2: "Participants took stock of progress since 2021 and agreed that regular pathways, "
            "fair recruitment and migrants' access to services are the region's priorities "
            "until the next IMRF.",
            3: "The region's voluntary GCM reviews report most progress on data and on "
            "integration; gaps remain in alternatives to detention and in access to justice.",
            4: "- *Skills partnerships* that link training in countries of origin with "
            "recruitment in countries of destination.\n"
            "- Local one-stop shops that inform migrants of their rights in several languages.",
            5: "Member States are encouraged to:\n\n"
            "- widen regular pathways for labour migration;\n"
            "- publish migration data disaggregated by sex and age;\n"
            "- involve local authorities and migrants' organizations in the next review.",
            6: "**Organization of work.** An opening session, four round tables following those "
            "of the IMRF, and a closing session.\n\n"
            "**Participants.** Representatives of 38 Member States, 6 regional processes and 25 "
            "stakeholder organizations.",
        },
        "objectives": [1, 5, 6, 16, 20, 23],
    },
    {
        "commission": "ESCWA",
        "reporter": "layla@example.org",
        "meeting": {
            "title": "Arab regional review of the Global Compact for Migration",
            "starts_on": date(2025, 2, 25),
            "ends_on": date(2025, 2, 26),
            "mode": RegionalMeeting.Mode.HYBRID,
            "place": "Beirut",
            "working_languages": ["ar", "en"],
        },
        "sections": {
            1: "عُقد الاستعراض الإقليمي العربي للاتفاق العالمي من أجل الهجرة في بيروت يومَي 25 "
            "و26 شباط/فبراير 2025، بتنظيم من الإسكوا وشبكة الأمم المتحدة المعنية بالهجرة.",
            2: "استعرض المشاركون التقدم المحرز منذ عام 2021، واتفقوا على أولوية حماية العمال "
            "المهاجرين وتحسين بيانات الهجرة.",
            3: "تشير الاستعراضات الطوعية المنشورة إلى تقدم في الخدمات الصحية للمهاجرين، مع "
            "استمرار التحديات في مجال الاستقدام العادل.",
            4: "- توسيع الخدمات الصحية الأساسية لتشمل المهاجرين.\n"
            "- منصات إلكترونية لتوثيق عقود العمل.",
            5: "يوصي المشاركون الدول الأعضاء بما يلي:\n\n"
            "- مواءمة سياسات الهجرة مع خطة التنمية المستدامة لعام 2030؛\n"
            "- تعزيز التعاون الإقليمي في جمع البيانات.",
            6: "**تنظيم العمل.** جلسة افتتاحية وأربع موائد مستديرة وجلسة ختامية.\n\n"
            "**المشاركون.** ممثلو 15 دولة عضواً و20 منظمة من أصحاب المصلحة.",
        },
        "objectives": [6, 15, 20],
    },
]

INPUT = {
    "commission": "ECE",
    "reporter": "petra@example.org",
    "sections": {
        1: "The States of the process adopted a regional action plan on labour migration in "
        "2022. By 2024, 6 of its 8 States had bilateral labour agreements in force "
        "(objective 5).",
        2: "The action plan was prepared by the ministries of labour, interior and foreign "
        "affairs, with trade unions and employers' organizations.",
        3: "Data on return and reintegration are not comparable across States, and local "
        "authorities are rarely involved.",
        4: "A shared register of licensed recruitment agencies lets jobseekers check an agency "
        "before they sign; see the practices below.",
        5: "The process needs support to harmonize migration statistics and to train labour "
        "inspectors on fair recruitment.",
    },
    "principles": ["human_rights", "whole_of_government", "whole_of_society"],
    "practices": [
        {
            "title": "Shared register of licensed recruitment agencies",
            "description": "One public register, in the languages of the region, of the "
            "agencies each State has licensed.",
            "objectives": [6],
            "present_at_imrf": True,
        },
        {
            "title": "Joint inspections of seasonal work",
            "description": "Labour inspectors of two States inspect farms together during "
            "the harvest.",
            "objectives": [6, 22],
            "present_at_imrf": False,
        },
    ],
    "needs": [
        {
            "area": RegionalInput.SupportArea.DATA,
            "objective": 1,
            "principle": None,
            "note": "Common definitions and a shared format for return statistics.",
        },
        {
            "area": RegionalInput.SupportArea.CAPACITY,
            "objective": 6,
            "principle": None,
            "note": "Training of labour inspectors on fair recruitment.",
        },
    ],
}


def ensure_process() -> RegionalProcess:
    """The demo's regional consultative process, with the States it covers."""
    process, created = RegionalProcess.objects.get_or_create(
        slug=PROCESS["slug"], defaults={"name": PROCESS["name"], "kind": PROCESS["kind"]}
    )
    if created:
        process.member_states.set(MemberState.objects.filter(iso3__in=PROCESS["states"]))
    return process


def grant(user, spec: dict) -> None:
    """The reporter membership a demo account's `spec` names, if any."""
    if spec.get("commission"):
        RegionalReporterMembership.objects.get_or_create(
            user=user, commission=RegionalCommission.objects.get(code=spec["commission"])
        )
    if spec.get("process"):
        RegionalReporterMembership.objects.get_or_create(
            user=user, process=RegionalProcess.objects.get(slug=spec["process"])
        )


def seed(stdout, *, secretariat) -> None:
    """The meetings, the two reports and the input, each drafted, submitted and published
    unless it exists. The cycle must be open (`seed_demo` opens it)."""
    cycle = ReviewCycle.objects.get(slug=CYCLE)
    User = get_user_model()
    for spec in REPORTS:
        commission = RegionalCommission.objects.get(code=spec["commission"])
        meeting, _ = RegionalMeeting.objects.get_or_create(
            commission=commission, cycle=cycle, defaults=spec["meeting"]
        )
        if RegionalReviewReport.objects.filter(cycle=cycle, authored_by=commission.code).exists():
            continue
        reporter = User.objects.get(email=spec["reporter"])
        report = start_report(meeting, by=reporter)
        report = _save(report, reporter, [
            *((SectionPart.key_for(n), {"text": t}) for n, t in spec["sections"].items()),
            ("objectives", {"objectives": spec["objectives"]}),
        ])  # fmt: skip
        report = _insert_synthesis(report, reporter)
        _publish(stdout, report, reporter, secretariat)
    process = ensure_process()
    commission = RegionalCommission.objects.get(code=INPUT["commission"])
    if RegionalInput.objects.filter(cycle=cycle, commission=commission, process=process).exists():
        return
    author = User.objects.get(email=INPUT["reporter"])
    regional_input = start_regional_input(
        commission=commission, cycle=cycle, process=process, by=author
    )
    regional_input = _save(regional_input, author, [
        *((SectionPart.key_for(n), {"text": t}) for n, t in INPUT["sections"].items()),
        ("principles", {"principles": INPUT["principles"]}),
        ("practices", {"practices": INPUT["practices"]}),
        ("needs", {"needs": INPUT["needs"]}),
    ])  # fmt: skip
    _publish(stdout, regional_input, author, secretariat)


def _save(document, author, parts):
    for part, data in parts:
        document = save_part(
            document,
            part,
            data,
            by=author,
            base_version=document.version,
            kind=ReviewRevision.Kind.SAVE,
        )
    return document


def _insert_synthesis(report, reporter):
    """What the synthesis page's button does (`regional.views.drafting.insert_synthesis`):
    the tables, in the report's language, appended to (iii) Key findings."""
    meeting = report.meeting
    found = regional_synthesis(
        commission=meeting.commission, process=meeting.process, cycle=report.cycle
    )
    with translation.override(report.language):
        table = as_markdown(found)
    current = getattr(report, f"section_{KEY_FINDINGS}").rstrip()
    text = f"{current}\n\n{table}"
    return _save(report, reporter, [(SectionPart.key_for(KEY_FINDINGS), {"text": text})])


def _publish(stdout, document, author, secretariat):
    document = submit_document(document, by=author)
    document = publish_document(document, by=secretariat)
    with translation.override(document.language):
        stdout.write(f"Demo publication: {document.kind_spec.public_url(document)}")
