"""Why a transition was refused: nothing was changed when one of these is raised."""

from django.utils.translation import gettext as _


class TransitionRefused(Exception):
    """The actor may not make this change, or the document is not in a state that allows it."""


class StaleDecision(TransitionRefused):
    """The decision was made on a version of the document that is no longer the current one.

    A page open for a while may show a text the focal points have since withdrawn, changed and
    submitted again: publishing from it would publish the newer text unseen. The caller shows
    what changed between `seen_version` and `current_version` and lets the person decide again.
    """

    def __init__(self, *, seen_version: int, current_version: int):
        self.seen_version, self.current_version = seen_version, current_version
        super().__init__(
            _(
                "The review changed since you opened it (version %(seen)s, now %(current)s). "
                "Read what changed, then decide again: nothing was done."
            )
            % {"seen": seen_version, "current": current_version}
        )
