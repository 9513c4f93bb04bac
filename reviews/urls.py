from django.urls import path

from reviews.views import attachments, editor, invitations, workspace

app_name = "reviews"

review = "workspace/<slug:cycle>/<str:iso3>/"

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
    path(f"{review}preview/", editor.preview, name="preview"),
    path(f"{review}attachments/", attachments.attachments, name="attachments"),
    path(f"{review}attachments/<int:pk>/", attachments.download_attachment, name="attachment"),
    path(
        f"{review}attachments/<int:pk>/delete/",
        attachments.delete_attachment,
        name="delete_attachment",
    ),
    path("secretariat/invitations/", invitations.invite, name="invite"),
    path("accounts/invitation/<str:token>/", invitations.accept, name="accept_invitation"),
]
