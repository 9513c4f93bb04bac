"""One door per change: every action of the generic decision endpoint, posted as every persona,
against one table of outcomes; and a document's status (and its PDF's) written in one place.

The endpoint (`/workspace/<cycle>/<iso3>/action/<action>/`) looks the door up in
`reviews.workflow.ACTIONS`. Each case puts Mexico's complete review in the status the action
starts from and posts the decision (a comment, the version on the page) as one persona of
`tests.personas.cast` (Mexico's people, a focal point of Ghana, a reporter of ECLAC, Mexico's
own region). The outcomes:
  <status>   done: the review is now in that status (`DONE`), one event of the action;
  refused    302 with the message "You are not allowed to do this.", nothing changed;
  details    302 with the message asking for the official's name, title and date: the
             generic endpoint carries none, so sign-off is refused there whoever posts it;
  404        the review is not visible to this persona (its existence stays secret);
  login      302 to the login page (anonymous).
The cases are drawn from ACTIONS and from `cast()`, not from the table: an action or persona
added without its row or column fails here.
"""

import ast
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.messages import get_messages

from reviews.editing import record_revision
from reviews.models import ModerationEvent, ReviewStatus, VoluntaryReview
from reviews.views.confirmations import done_message
from reviews.workflow import ACTIONS, TRANSITIONS, sign_off_document
from tests.personas import cast

S = ReviewStatus
URL = "/en/workspace/imrf-2026/MEX/action/{}/"
NOT_ALLOWED = "You are not allowed to do this."
DETAILS = "Give the official's name, title and the date of sign-off."

PERSONAS = (
    "anonymous", "focal_point", "colleague", "other_state", "official", "reporter",
    "secretariat", "admin",
)  # fmt: skip
# The status each action starts from (the review is put there before the post).
SOURCE = {
    "submit": S.DRAFT,
    "sign_off": S.AWAITING_SIGN_OFF,
    "send_back": S.AWAITING_SIGN_OFF,
    "request_changes": S.SUBMITTED,
    "publish": S.SUBMITTED,
    "unpublish": S.PUBLISHED,
    "withdraw": S.DRAFT,
    "reopen": S.WITHDRAWN,
    "revise": S.PUBLISHED,
}
# What a done decision leaves the review in, in the table's words.
DONE = {
    "draft": S.DRAFT,
    "signoff": S.AWAITING_SIGN_OFF,
    "submitted": S.SUBMITTED,
    "changes": S.CHANGES_REQUESTED,
    "published": S.PUBLISHED,
    "withdrawn": S.WITHDRAWN,
}
# fmt: off
#                   anonymous focal_point colleague other_state official reporter secretariat admin
EXPECTED = {
    # Mexico has an authorizing official (in the cast): a submission waits for sign-off.
    "submit":          "login   signoff   signoff   404   refused   404   refused   refused",
    "sign_off":        "login   refused   refused   404   details   404   refused   refused",
    "send_back":       "login   refused   refused   404   draft     404   refused   refused",
    "request_changes": "login   refused   refused   404   refused   404   changes   changes",
    "publish":         "login   refused   refused   404   refused   404   published published",
    "unpublish":       "login   refused   refused   404   refused   404   submitted submitted",
    "withdraw":        "login   withdrawn withdrawn 404   refused   404   refused   refused",
    "reopen":          "login   draft     draft     404   refused   404   refused   refused",
    "revise":          "login   draft     draft     404   refused   404   refused   refused",
}
# fmt: on


def outcome(action: str, persona: str) -> str:
    row = EXPECTED[action].split()  # KeyError: an action of ACTIONS with no row
    return dict(zip(PERSONAS, row, strict=True))[persona]


def test_the_table_covers_every_action_and_every_persona(db):
    assert sorted(EXPECTED) == sorted(ACTIONS) == sorted(TRANSITIONS) == sorted(SOURCE)
    assert tuple(cast(state="MEX", other_state="GHA", commission="ECLAC")) == PERSONAS


@pytest.fixture
def review(open_cycle):
    """Mexico's complete review, made directly: the table runs 72 times."""
    made = VoluntaryReview.objects.create(
        member_state_id="MEX",
        cycle=open_cycle,
        **{f"section_{n}": "Some text on migration." for n in range(1, 6)},
    )
    record_revision(made, by=None, kind="system")
    return made


def put_in(review, status):
    # Test set-up only: production code changes a status through a door of reviews.workflow.
    published = review.revisions.get() if status == S.PUBLISHED else None
    VoluntaryReview.objects.filter(pk=review.pk).update(
        status=status, published_revision=published, published_language="en" if published else ""
    )
    review.refresh_from_db()
    return review


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_action_as_every_persona(client, review, action, persona):
    people = cast(state="MEX", other_state="GHA", commission="ECLAC")
    expected = outcome(action, persona)
    review = put_in(review, SOURCE[action])
    before = (review.status, review.version)
    if people[persona] is not None:
        client.force_login(people[persona])

    response = client.post(URL.format(action), {"comment": "Because.", "version": review.version})

    review.refresh_from_db()
    events = list(ModerationEvent.objects.values_list("action", "from_status", "to_status"))
    if expected in DONE:
        # What was done, dated (`reviews.views.confirmations`, tested in test_confirmations).
        said = (302, [done_message(action, review)])
        assert (response.status_code, messages_of(response)) == said
        assert (review.status, review.version) == (DONE[expected], before[1] + 1)
        assert events == [(action, SOURCE[action], DONE[expected])]
        return
    assert (review.status, review.version, events) == (*before, [])
    if expected == "login":
        assert response.status_code == 302 and "/accounts/login/?next=" in response["Location"]
    elif expected == "404":
        assert response.status_code == 404
    else:
        message = {"refused": NOT_ALLOWED, "details": DETAILS}[expected]
        assert (response.status_code, messages_of(response)) == (302, [message])


def test_an_unknown_action_is_404(client, review):
    people = cast(state="MEX", other_state="GHA", commission="ECLAC")
    client.force_login(people["secretariat"])
    response = client.post(URL.format("approve"), {"comment": "Because."})
    assert response.status_code == 404
    assert not ModerationEvent.objects.exists()


def test_sign_off_is_done_through_its_door_with_the_officials_details(review):
    people = cast(state="MEX", other_state="GHA", commission="ECLAC")
    review = put_in(review, S.AWAITING_SIGN_OFF)
    signed = sign_off_document(review, by=people["official"], name="Ana Ruiz",
                               title="Director-General", signed_on=date(2026, 11, 20))  # fmt: skip
    assert (signed.status, signed.signed_off_name) == (S.SUBMITTED, "Ana Ruiz")


# --- one place assigns a status ---------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
APPS = ("reviews", "regional", "stakeholders", "gcm_portal")
# The one place that assigns a document's status, and the one module that writes its PDF's.
DOCUMENT_STATUS = ("reviews/workflow/transitions.py", "_change")
PDF_STATUS = "reviews/rendition.py"
# A registration's status changes in two doors: the registrant's own steps and the
# secretariat's decisions (stakeholders/models/registrations.py draws the state machine).
REGISTRATION_STATUS = {"stakeholders/registration.py", "stakeholders/decisions.py"}
# An organisation's special accreditation application changes in one door.
ACCREDITATION_STATUS = {"stakeholders/accreditation.py"}
# Writes the scan cannot tie to a model by name, of rows that are no document:
# (file, what is written) -> what it is.
NOT_A_DOCUMENT = {
    ("reviews/parts.py", "entries"): "ObjectiveProgress rows: an objective's implementation status",
    ("reviews/reference.py", "model"): "reference data loaded from the fixtures",
}
WRITING_METHODS = {"update", "create", "get_or_create", "update_or_create"}


def _root(node) -> str:
    """The name a chain of calls and attributes starts from (`PdfRendition` in
    `PdfRendition.objects.filter(…).update(…)`), or its source when it starts elsewhere."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ast.unparse(node)


def _names_status(node) -> bool:
    return isinstance(node, ast.Constant) and node.value == "status"


def _sets_status(call: ast.Call) -> bool:
    """`status=…`, a "status" in `defaults=`, or `**fields` (which may hold one)."""
    defaults = [
        k.value for k in call.keywords
        if k.arg in {"defaults", "create_defaults"} and isinstance(k.value, ast.Dict)
    ]  # fmt: skip
    return any(k.arg in {"status", None} for k in call.keywords) or any(
        _names_status(key) for d in defaults for key in d.keys
    )


def status_writes(source: str, path: str, models: set[str]) -> list[tuple[str, str, str]]:
    """(path, enclosing function, what is written) for every write that may set a field named
    `status`: an assignment to `<x>.status`, `setattr(<x>, "status", …)`, or a status given
    (or `**` keywords passed) to update/create or to the constructor of one of `models`."""
    found = []

    def visit(node, function: str):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef) and not function else function
            targets = []
            if isinstance(child, ast.Assign):
                targets = child.targets
            elif isinstance(child, ast.AugAssign | ast.AnnAssign):
                targets = [child.target]
            for target in targets:
                for item in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if isinstance(item, ast.Attribute) and item.attr == "status":
                        found.append((path, function, ast.unparse(item)))
            if isinstance(child, ast.Call):
                func = child.func
                setattr_ = isinstance(func, ast.Name) and func.id == "setattr"
                if setattr_ and len(child.args) > 1 and _names_status(child.args[1]):
                    found.append((path, function, f"{ast.unparse(child.args[0])}.status"))
                writes = (isinstance(func, ast.Attribute) and func.attr in WRITING_METHODS) or (
                    isinstance(func, ast.Name) and func.id in models
                )
                if writes and _sets_status(child):
                    found.append((path, function, _root(func)))
            visit(child, inner)

    visit(ast.parse(source), "")
    return found


def model_kinds() -> dict[str, str]:
    """Each model's class name -> "document" (a kind of Document), "pdf" (PdfRendition), or
    "other" (a status of another meaning: an objective's implementation, or no status)."""
    from reviews.models import Document, PdfRendition

    def kind(model):
        if issubclass(model, Document):
            return "document"
        return "pdf" if model is PdfRendition else "other"

    return {model.__name__: kind(model) for model in apps.get_models()}


def misplaced(writes, kinds: dict[str, str]) -> list[tuple[str, str, str]]:
    """The writes made anywhere but their one place. A write whose model is not known from its
    source (`x.status = …`, `qs.update(status=…)`) counts as a document's."""
    wrong = []
    for path, function, what in writes:
        if what == "Registration" or what.startswith("registration"):
            if path not in REGISTRATION_STATUS:
                wrong.append((path, function, what))
            continue
        if what == "AccreditationApplication" or what.startswith("application"):
            if path not in ACCREDITATION_STATUS:
                wrong.append((path, function, what))
            continue
        kind = kinds.get(what, "other" if (path, what) in NOT_A_DOCUMENT else "document")
        if kind == "pdf" and path != PDF_STATUS:
            wrong.append((path, function, what))
        if kind == "document" and (path, function) != DOCUMENT_STATUS:
            wrong.append((path, function, what))
    return wrong


def source_writes() -> list[tuple[str, str, str]]:
    models = set(model_kinds())
    writes = []
    for app in APPS:
        for file in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in file.parts:
                continue  # a migration sets up rows of its moment, not a transition
            path = file.relative_to(ROOT).as_posix()
            writes += status_writes(file.read_text(), path, models)
    return writes


def test_a_documents_status_is_assigned_in_one_place_and_its_pdfs_in_rendition():
    kinds = model_kinds()
    assert (kinds["Document"], kinds["VoluntaryReview"], kinds["PdfRendition"]) == (
        "document", "document", "pdf"
    )  # fmt: skip
    writes = source_writes()
    assert misplaced(writes, kinds) == []
    # The one place is found (the scan is not blind), and it assigns the status once.
    assert [w for w in writes if (w[0], w[1]) == DOCUMENT_STATUS] == [
        (*DOCUMENT_STATUS, "document.status")
    ]
    assert {w[2] for w in writes if w[0] == PDF_STATUS} == {"PdfRendition"}
    assert {(w[0], w[2]) for w in writes} >= set(NOT_A_DOCUMENT)  # no stale exception


def test_the_scan_finds_a_status_assigned_in_a_view():
    kinds = model_kinds()
    view = (
        "def act(request, review, fields):\n"
        "    review.status = 'published'\n"
        "    review.title, review.status = 'x', 'draft'\n"
        "    setattr(review, 'status', 'draft')\n"
        "    VoluntaryReview.objects.filter(pk=review.pk).update(status='draft')\n"
        "    type(review).objects.filter(pk=review.pk).update(status='draft')\n"
        "    review.kind_spec.model.objects.filter(pk=review.pk).update(**fields)\n"
        "    Document.objects.create(status='published')\n"
        "    VoluntaryReview(status='draft')\n"
        "    PdfRendition.objects.update_or_create(document=review, defaults={'status': 'ready'})\n"
        "    review.objects.filter(status='draft').count()\n"  # a read, not a write
        "    ObjectiveProgress.objects.filter(review=review).update(status='planned')\n"
    )
    writes = status_writes(view, "reviews/views/secretariat.py", set(kinds))
    assert misplaced(writes, kinds) == [
        ("reviews/views/secretariat.py", "act", what)
        for what in [
            "review.status", "review.status", "review.status", "VoluntaryReview", "type",
            "review", "Document", "VoluntaryReview", "PdfRendition",
        ]
    ]  # fmt: skip


def test_the_scan_finds_a_registration_status_set_outside_its_two_doors():
    kinds = model_kinds()
    view = (
        "def decide(request, registration):\n"
        "    registration.status = 'approved'\n"
        "    Registration.objects.filter(pk=registration.pk).update(status='rejected')\n"
    )
    writes = status_writes(view, "stakeholders/views/secretariat/queue.py", set(kinds))
    assert misplaced(writes, kinds) == [
        ("stakeholders/views/secretariat/queue.py", "decide", "registration.status"),
        ("stakeholders/views/secretariat/queue.py", "decide", "Registration"),
    ]
    in_the_door = status_writes(view, "stakeholders/decisions.py", set(kinds))
    assert len(in_the_door) == 2
    assert misplaced(in_the_door, kinds) == []


def test_the_scan_finds_an_application_status_set_outside_its_door():
    kinds = model_kinds()
    view = (
        "def recommend(request, application):\n"
        "    application.status = 'recommended'\n"
        "    AccreditationApplication.objects.filter(pk=application.pk).update(status='x')\n"
    )
    writes = status_writes(view, "stakeholders/views/accreditation_secretariat.py", set(kinds))
    assert misplaced(writes, kinds) == [
        ("stakeholders/views/accreditation_secretariat.py", "recommend", "application.status"),
        (
            "stakeholders/views/accreditation_secretariat.py",
            "recommend",
            "AccreditationApplication",
        ),
    ]
    in_the_door = status_writes(view, "stakeholders/accreditation.py", set(kinds))
    assert len(in_the_door) == 2
    assert misplaced(in_the_door, kinds) == []


def test_the_accreditation_door_is_found_by_the_scan():
    """The door's one assignment is seen (the scan is not blind to it) and nowhere else."""
    writes = [w for w in source_writes() if w[2].startswith("application")]
    assert {(w[0], w[1]) for w in writes} == {("stakeholders/accreditation.py", "_move")}
