"""The regional routes: the reporters' workspace (drafting) and the public pages.

Two blocks kept apart so the drafting side and the public side can each add theirs.
"""

from django.urls import path

from regional.views import attachments, drafting, inputs
from regional.views import invitations as invitation_views
from regional.views import public as public_views
from regional.views import secretariat as secretariat_views

app_name = "regional"

# --- drafting (reporters' workspace) -----------------------------------------------------------
report = "workspace/regional/<slug:cycle>/<slug:body>/"
regional_input = f"{report}inputs/<int:pk>/"

urlpatterns = [
    path(f"{report}start/", drafting.start, name="report_start"),
    path(report, drafting.overview, name="report_overview"),
    path(f"{report}section/<int:number>/", drafting.section, name="report_section"),
    path(f"{report}objectives/", drafting.objectives, name="report_objectives"),
    path(f"{report}autosave/<str:part>/", drafting.autosave, name="report_autosave"),
    path(f"{report}synthesis/", drafting.synthesis, name="report_synthesis"),
    path(f"{report}synthesis/insert/", drafting.insert_synthesis, name="report_insert_synthesis"),
    path(f"{report}attachments/", attachments.attachments, name="report_attachments"),
    path(
        f"{report}attachments/<int:attachment>/",
        attachments.download_attachment,
        name="report_attachment",
    ),
    path(
        f"{report}attachments/<int:attachment>/delete/",
        attachments.delete_attachment,
        name="report_delete_attachment",
    ),
    path(f"{report}submit/", drafting.submit, name="report_submit"),
    path(f"{report}action/<slug:action>/", drafting.act, name="report_act"),
    path(f"{report}inputs/start/", inputs.start, name="input_start"),
    path(regional_input, inputs.overview, name="input_overview"),
    path(f"{regional_input}section/<int:number>/", inputs.section, name="input_section"),
    path(f"{regional_input}principles/", inputs.principles, name="input_principles"),
    path(f"{regional_input}practices/", inputs.practices, name="input_practices"),
    path(f"{regional_input}needs/", inputs.needs, name="input_needs"),
    path(f"{regional_input}autosave/<str:part>/", inputs.autosave, name="input_autosave"),
    path(f"{regional_input}attachments/", attachments.attachments, name="input_attachments"),
    path(
        f"{regional_input}attachments/<int:attachment>/",
        attachments.download_attachment,
        name="input_attachment",
    ),
    path(
        f"{regional_input}attachments/<int:attachment>/delete/",
        attachments.delete_attachment,
        name="input_delete_attachment",
    ),
    path(f"{regional_input}submit/", inputs.submit, name="input_submit"),
    path(f"{regional_input}action/<slug:action>/", inputs.act, name="input_act"),
]

# --- public ------------------------------------------------------------------------------------
# A contract (DESIGN.md, URLs): shareable, stable. <body> is a commission's code or a process's
# identifier, as `Document.authored_by` holds it.
published = "regional/<slug:cycle>/<slug:body>/"
urlpatterns += [
    path("regional/", public_views.report_list, name="list"),
    path(published, public_views.published_report, name="report"),
    path(f"{published}pdf", public_views.report_pdf, name="report_pdf"),
    path(f"{published}inputs/<int:pk>/", public_views.published_input, name="input"),
]

# --- secretariat and people (moderation, invitations) ------------------------------------------
moderated = "secretariat/regional/<slug:cycle>/<slug:body>/"
urlpatterns += [
    path("secretariat/regional/invitations/", invitation_views.invite_reporter_page,
         name="invite_reporter"),
    path("workspace/regional/invitations/", invitation_views.invite_input_author_page,
         name="invite_input_author"),
    path(moderated, secretariat_views.moderate_report, name="moderate_report"),
    path(f"{moderated}action/<slug:action>/", secretariat_views.act_report, name="act_report"),
    path(f"{moderated}inputs/<int:pk>/", secretariat_views.moderate_input, name="moderate_input"),
    path(f"{moderated}inputs/<int:pk>/action/<slug:action>/", secretariat_views.act_input,
         name="act_input"),
]  # fmt: skip
