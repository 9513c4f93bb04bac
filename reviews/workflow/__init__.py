"""Every status change of a document (a voluntary review, and any other kind) happens here.

```
draft --submit--> [awaiting_sign_off --sign_off-->] submitted --publish--> published
  ^                      | send_back                   |                    | unpublish
  +----------------------+                     request_changes              v
  +---------------- changes_requested <-----------------+                submitted
draft/submitted/changes_requested --withdraw--> withdrawn --reopen--> draft
published --revise--> draft (the published revision stays online until the next publication)
```

One door per transition (`transitions`): `submit_document`, `sign_off_document`,
`send_back_document`, `request_changes`, `publish_document`, `unpublish_document`,
`withdraw_document`, `reopen_document`, `revise_document`. Each lists its effects in its
docstring and holds its own preconditions (submit: the content, `check_submission`, and the
kind's sign-off rule; sign-off: the official's name, title and date; unpublish: a reason).
What they all do alike is done by one private helper, in order: lock the row; return quietly
when someone just made the same change; check the status, the actor's permission and the
comment against the transition's row (`table.TRANSITIONS`) and that the decision was made on
the current version (`seen_version`, else `StaleDecision`); run the door's own checks and
fields (raising `TransitionRefused` or `SubmissionProblems`, with nothing changed); set the
status and bump the version; record a revision; write the `ModerationEvent`; and queue the
e-mail and the PDF with `transaction.on_commit`, so a rolled-back transaction sends nothing.
That helper is the only code that assigns a document's status: views, tasks, commands and the
admin call a door (`ACTIONS` maps each action's slug to it).

Two other state machines live beside this one, each with its own single writer: the PDF's
(`PdfRendition.status`, in `reviews.rendition`) and each event's e-mail delivery
(`ModerationEvent.notify_status`, in `reviews.notifications`). A transition only asks them for
work (`queue_pdf`, `queue_notification`); it never sets their states.

Why not django-fsm-2: its transitions are model methods (our models hold no side effects), its
conditional targets hide the sign-off rule in a return value, and the row lock, the audit row
and the on-commit queueing would be written around it anyway. A table of nine rows and nine
plain functions are plainer.
"""

from reviews.workflow.conversation import add_comment, assign_review
from reviews.workflow.errors import StaleDecision, TransitionRefused
from reviews.workflow.submission import SubmissionProblems, check_submission
from reviews.workflow.table import TRANSITIONS, Transition, available_actions
from reviews.workflow.transitions import (
    ACTIONS,
    publish_document,
    reopen_document,
    request_changes,
    revise_document,
    send_back_document,
    sign_off_document,
    submit_document,
    unpublish_document,
    withdraw_document,
)

__all__ = [
    "ACTIONS",
    "TRANSITIONS",
    "StaleDecision",
    "SubmissionProblems",
    "Transition",
    "TransitionRefused",
    "add_comment",
    "assign_review",
    "available_actions",
    "check_submission",
    "publish_document",
    "reopen_document",
    "request_changes",
    "revise_document",
    "send_back_document",
    "sign_off_document",
    "submit_document",
    "unpublish_document",
    "withdraw_document",
]
