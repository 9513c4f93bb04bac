from django.urls import path

from reviews import converters  # noqa: F401  (registers <iso3:…>)
from reviews.views import (
    attachments,
    browse,
    editor,
    invitations,
    public,
    revisions,
    secretariat,
    team,
    wordfile,
    wordfile_import,
    workspace,
)

app_name = "reviews"

review = "workspace/<slug:cycle>/<iso3:iso3>/"

urlpatterns = [
    path("workspace/", workspace.workspace, name="workspace"),
    path(f"{review}start/", workspace.start, name="start"),
    path(review, workspace.overview, name="overview"),
    path(f"{review}check/", workspace.readiness, name="readiness"),
    path(f"{review}submit/", workspace.submit, name="submit"),
    path(f"{review}section/<int:number>/", editor.edit_section, name="section"),
    path(f"{review}objectives/<int:number>/", editor.edit_objective, name="objective"),
    path(f"{review}details/", editor.edit_details, name="details"),
    path(f"{review}autosave/<str:part>/", editor.autosave, name="autosave"),
    path(f"{review}history/", editor.history, name="history"),
    path(f"{review}history/diff/", editor.diff, name="diff"),
    path(f"{review}history/restore/", revisions.restore, name="restore"),
    path(f"{review}preview/", editor.preview, name="preview"),
    path(f"{review}export/", wordfile.export, name="export"),
    path(f"{review}import/", wordfile_import.upload, name="import"),
    path(f"{review}import/<int:pk>/", wordfile_import.review_import, name="import_review"),
    path(f"{review}import/<int:pk>/apply/", wordfile_import.apply, name="import_apply"),
    path(f"{review}attachments/", attachments.attachments, name="attachments"),
    path(f"{review}attachments/<int:pk>/", attachments.download_attachment, name="attachment"),
    path(
        f"{review}attachments/<int:pk>/delete/",
        attachments.delete_attachment,
        name="delete_attachment",
    ),
    path(f"{review}action/<slug:action>/", secretariat.act, name="act"),
    path(f"{review}comment/", workspace.comment, name="comment"),
    path(f"{review}sign-off/", workspace.sign_off, name="sign_off"),
    path("secretariat/", secretariat.queue, name="queue"),
    path("secretariat/audit/", secretariat.audit, name="audit"),
    path(
        "secretariat/reviews/<slug:cycle>/<iso3:iso3>/", secretariat.review_detail, name="moderate"
    ),
    path("secretariat/reviews/<slug:cycle>/<iso3:iso3>/assign/", secretariat.assign, name="assign"),
    path(
        "secretariat/reviews/<slug:cycle>/<iso3:iso3>/render-pdf/",
        secretariat.render_again,
        name="render_pdf",
    ),
    path("reviews/", browse.review_list, name="public_list"),
    path("states/<iso3:iso3>/", browse.state_detail, name="state"),
    path("objectives/<int:number>/", browse.objective_detail, name="objective_page"),
    path("cycles/<slug:cycle>/", browse.cycle_tracker, name="tracker"),
    path("cycles/<slug:cycle>/coverage/", browse.coverage, name="coverage"),
    path("reviews/<slug:cycle>/<iso3:iso3>/", public.published_review, name="public_review"),
    path("reviews/<slug:cycle>/<iso3:iso3>/pdf", public.published_pdf, name="public_pdf"),
    path(
        "reviews/<slug:cycle>/<iso3:iso3>/attachments/<int:pk>/",
        public.published_attachment,
        name="public_attachment",
    ),
    path(
        "reviews/<slug:cycle>/<iso3:iso3>/versions/<int:number>/",
        public.earlier_version,
        name="public_version",
    ),
    path("secretariat/invitations/", invitations.invite, name="invite"),
    path("secretariat/invitations/<int:pk>/revoke/", invitations.revoke, name="revoke_invitation"),
    path(
        "secretariat/memberships/<int:pk>/revoke/",
        invitations.revoke_member,
        name="revoke_membership",
    ),
    path("workspace/states/<iso3:iso3>/team/", team.team, name="team"),
    path("accounts/invitation/<str:token>/", invitations.accept, name="accept_invitation"),
]
