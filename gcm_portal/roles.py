"""The secretariat role: a group and the permissions it carries.

Created after every `migrate` (post_migrate), so a fresh database always has it and a new
permission added here reaches existing installations on their next deploy. Reference data is
read-only for the secretariat: only superusers (technical staff) change it.
"""

from django.contrib.auth.models import Group, Permission

from reviews.permissions import SECRETARIAT_GROUP

SECRETARIAT_PERMISSIONS = [
    # reference data: read only
    "reviews.view_memberstate",
    "reviews.view_regionalcommission",
    "reviews.view_objective",
    "reviews.view_guidingprinciple",
    "reviews.view_stakeholdercategory",
    # cycles: the secretariat opens and closes them and decides whether limits are advisory
    "reviews.view_reviewcycle",
    "reviews.change_reviewcycle",
    # moderation of voluntary reviews
    "reviews.moderate_review",
    "reviews.view_voluntaryreview",
    "reviews.view_moderationevent",
    # who speaks for whom
    "reviews.invite_focal_point",
    "reviews.view_focalpointmembership",
    "reviews.add_focalpointmembership",
    "reviews.change_focalpointmembership",
    "reviews.delete_focalpointmembership",
    "regional.invite_regional_reporter",
    "regional.view_regionalprocess",
    "regional.add_regionalprocess",
    "regional.change_regionalprocess",
    "regional.view_regionalreportermembership",
    "regional.add_regionalreportermembership",
    "regional.change_regionalreportermembership",
    "regional.delete_regionalreportermembership",
    "regional.view_regionalmeeting",
    "regional.add_regionalmeeting",
    "regional.change_regionalmeeting",
    "regional.delete_regionalmeeting",
    "accounts.view_user",
]


def ensure_roles(**kwargs) -> Group:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    wanted = set()
    for dotted in SECRETARIAT_PERMISSIONS:
        app_label, codename = dotted.split(".")
        wanted.update(
            Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).values_list("pk", flat=True)
        )
    current = set(group.permissions.values_list("pk", flat=True))
    if wanted != current:
        group.permissions.set(wanted)
    return group
