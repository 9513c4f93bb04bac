"""What an action said it did, and what it will do, for every kind of document.

`done_message(action, document)` is the message shown once a door has acted ("Submitted to
the secretariat on 26 November 2026"), dated in the active language; `confirm_page` is the
page a GET on an action's own address answers for the actions that ask first
(`CONFIRMED`, and removing an attachment): its title, what will happen (who is told, whether
editing stops, whether it becomes public) and a POST button to the same address. Kind-neutral:
each kind's own words are its registry's (`label`, `body_name`, `signers`).
"""

from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reviews.models import ReviewStatus

# The decisions that ask first (a GET on their address answers the confirmation page).
CONFIRMED = frozenset({"submit", "publish", "unpublish", "revise"})

CONFIRM_TEMPLATE = "reviews/confirm.html"


def _today():
    return timezone.localdate()


def _names(users) -> str:
    return ", ".join(sorted(str(user) for user in users))


def _words(document) -> dict:
    spec = document.kind_spec
    return {
        "date": date_format(_today(), "DATE_FORMAT"),
        "kind": spec.label,
        "body": spec.body_name(document.specific),
    }


def _version_number(document) -> int:
    """The version the authors now draft: one more than the texts ever published."""
    published = document.events.filter(action="publish").values("revision").distinct().count()
    return published + 1


def done_message(action: str, document) -> str:
    """What `action` did to `document` (the door's answer, with its new status), dated today."""
    words = _words(document)
    if action == "submit" and document.status == ReviewStatus.AWAITING_SIGN_OFF:
        officials = _names(document.kind_spec.signers(document.specific))
        return _("Sent to %(officials)s for sign-off on %(date)s.") % {
            **words,
            "officials": officials or _("your authorizing official"),
        }
    if action == "revise":
        return _(
            "Version %(number)s started on %(date)s: the published version stays online "
            "until the next one is published."
        ) % {**words, "number": _version_number(document)}
    messages = {
        "submit": _("Submitted to the secretariat on %(date)s."),
        "sign_off": _("Signed off on %(date)s and submitted to the secretariat."),
        "send_back": _("Sent back to the authors on %(date)s; they have been told by e-mail."),
        "request_changes": _(
            "Changes requested on %(date)s; the authors have been told by e-mail."
        ),
        "publish": _(
            "Published on %(date)s: the %(kind)s is on the public site and its PDF is being "
            "prepared."
        ),
        "unpublish": _(
            "Unpublished on %(date)s: the public page now says that the %(kind)s is no longer "
            "published, with your reason."
        ),
        "withdraw": _("Withdrawn on %(date)s."),
        "reopen": _("Reopened as a draft on %(date)s."),
    }
    return messages.get(action, _("Done on %(date)s.")) % words


def removed_message(attachment) -> str:
    return _("Attachment “%(name)s” removed on %(date)s.") % {
        "name": attachment.original_name,
        "date": date_format(_today(), "DATE_FORMAT"),
    }


def assigned_message(assignee) -> str:
    if assignee is None:
        return _("Nobody is assigned any more.")
    return _("Assigned to %(name)s.") % {"name": str(assignee)}


def _submit_effects(document, words) -> tuple[str, list[str]]:
    spec = document.kind_spec
    if spec.needs_sign_off(document.specific):
        officials = _names(spec.signers(document.specific)) or _("your authorizing official")
        return _("Send the %(kind)s of %(body)s for sign-off?") % words, [
            _("%(officials)s will be told by e-mail that it waits for their sign-off.")
            % {"officials": officials},
            _("They sign it off and submit it to the secretariat, or send it back to you."),
            _("You can no longer edit it while it waits for sign-off."),
            _("It is not public: only the secretariat can publish it."),
        ]
    return _("Submit the %(kind)s of %(body)s to the secretariat?") % words, [
        _("The secretariat will be told by e-mail and will review it."),
        _("You can no longer edit it, unless the secretariat asks for changes."),
        _("A PDF of what you submit is prepared for the secretariat."),
        _("It is not public: only the secretariat can publish it."),
    ]


def what_will_happen(action: str, document) -> tuple[str, list[str]]:
    """The confirmation page's title and what the action will do, in a list."""
    words = _words(document)
    if action == "submit":
        return _submit_effects(document, words)
    if action == "publish":
        return _("Publish the %(kind)s of %(body)s?") % words, [
            _("The text you read goes on the public site, with its public attachments, for "
              "anyone to read."),
            _("A PDF is prepared for its public page."),
            _("The authors will be told by e-mail."),
            _("They can start a new version later; this one stays online until the next one "
              "is published."),
        ]  # fmt: skip
    if action == "unpublish":
        return _("Unpublish the %(kind)s of %(body)s?") % words, [
            _("Its public page will say that it is no longer published, with the reason you "
              "give below."),
            _("Its PDF and attachments leave the public site within minutes."),
            _("This published text never comes back online, not even as an earlier version."),
            _("It returns to “Submitted”: you can publish it again, or ask for changes."),
            _("The authors are not e-mailed."),
        ]  # fmt: skip
    if action == "revise":
        return _("Start a new version of the %(kind)s of %(body)s?") % words, [
            _("A new draft opens from the published text, for the authors to edit."),
            _("The published version stays online until the secretariat publishes the new one."),
            _("Nobody is told until the new version is submitted."),
        ]
    raise ValueError(action)


def confirm_page(request, document, action: str, *, cancel_url: str, form=None, extra=None):
    """The confirmation page of `action` (see `what_will_happen`): a POST to this same address
    carrying `form`'s fields (the decision's version and comment) when there is one."""
    title, effects = what_will_happen(action, document)
    context = {
        "review": document,
        "document": document,
        "title": title,
        "effects": effects,
        "action": action,
        "button": _button(action),
        "form": form,
        "cancel_url": cancel_url,
        **(extra or {}),
    }
    return render(request, CONFIRM_TEMPLATE, context)


def _button(action: str) -> str:
    return {
        "submit": _("Submit"),
        "publish": _("Publish"),
        "unpublish": _("Unpublish"),
        "revise": _("Start a new version"),
    }[action]


def confirm_removal(request, document, attachment, *, cancel_url: str):
    """The confirmation page of removing `attachment` from `document`."""
    context = {
        "review": document,
        "document": document,
        "title": _("Remove the attachment “%(name)s”?") % {"name": attachment.original_name},
        "effects": [
            _(
                "The file is deleted from the %(kind)s: it cannot be recovered (upload it again "
                "to use it)."
            )
            % {"kind": document.kind_spec.label},
            _("It is no longer part of what is submitted or published next."),
        ],
        "action": "remove",
        "button": _("Remove"),
        "form": None,
        "cancel_url": cancel_url,
    }
    return render(request, CONFIRM_TEMPLATE, context)
