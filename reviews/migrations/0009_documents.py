"""National reviews become one kind of document, with nothing lost.

Every `VoluntaryReview` row gets a `Document` row with the same id (so every address, API id and
foreign key stays valid), its status, publication and sign-off move there, its PDF fields move
to a `PdfRendition`, and revisions, events, attachments and public parts point at the document.
Last, the review's own `id` column becomes the link to its document (multi-table inheritance),
without being renamed: the foreign keys and many-to-many tables that point at it are untouched.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

NATIONAL_REVIEW = "national_review"
MOVED_TO_DOCUMENT = [
    "cycle_id",
    "language",
    "status",
    "version",
    "part_versions",
    "published_revision_id",
    "submitted_at",
    "published_language",
    "published_at",
    "first_published_at",
    "unpublished_at",
    "unpublish_reason",
    "signed_off_name",
    "signed_off_title",
    "signed_off_on",
    "assigned_to_id",
]
PDF_FIELDS = [
    "file",
    "status",
    "hash",
    "error",
    "attempts",
    "requested_at",
    "claimed_by",
    "lease_until",
    "rendered_at",
]
ATTACHED = ["reviewrevision", "moderationevent", "attachment", "publishedpart"]


def copy_reviews_into_documents(apps, schema_editor):
    VoluntaryReview = apps.get_model("reviews", "VoluntaryReview")
    Document = apps.get_model("reviews", "Document")
    PdfRendition = apps.get_model("reviews", "PdfRendition")
    for review in VoluntaryReview.objects.order_by("pk").iterator():
        Document.objects.create(
            id=review.pk,
            kind=NATIONAL_REVIEW,
            authored_by=review.member_state_id,
            **{field: getattr(review, field) for field in MOVED_TO_DOCUMENT},
        )
        # auto_now and auto_now_add would stamp the migration's time: keep the real ones.
        Document.objects.filter(pk=review.pk).update(
            created_at=review.created_at, updated_at=review.updated_at
        )
        if review.pdf_status != "none" or review.pdf_file:
            PdfRendition.objects.create(
                document_id=review.pk,
                **{field: getattr(review, f"pdf_{field}") for field in PDF_FIELDS},
            )
    for model_name in ATTACHED:
        apps.get_model("reviews", model_name).objects.update(document_id=models.F("review_id"))
    if schema_editor.connection.vendor == "postgresql":
        # Ids were given explicitly: the next document must not collide with them.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('reviews_document', 'id'), "
                "COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM reviews_document"
            )


def link_review_id_to_document(apps, schema_editor):
    # The column keeps its name and values; it stops counting by itself and points at the
    # document. SQLite (the embedded default) keeps its rowid column as it is: harmless, since
    # every new review is given its document's id, and Django rebuilds the table from the model
    # the next time a migration alters it.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE reviews_voluntaryreview ALTER COLUMN id DROP IDENTITY IF EXISTS")
    schema_editor.execute("ALTER TABLE reviews_voluntaryreview ALTER COLUMN id DROP DEFAULT")
    schema_editor.execute(
        "ALTER TABLE reviews_voluntaryreview ADD CONSTRAINT reviews_voluntaryreview_document_fk "
        "FOREIGN KEY (id) REFERENCES reviews_document (id) DEFERRABLE INITIALLY DEFERRED"
    )


class MakeVoluntaryReviewADocument(migrations.operations.base.Operation):
    """State only: `VoluntaryReview(Document)`, its primary key the parent link in column `id`.

    Django has no operation that changes a model's bases; this one does, for the state, while
    `link_review_id_to_document` changes the database.
    """

    reversible = False

    def state_forwards(self, app_label, state):
        model = state.models[app_label, "voluntaryreview"]
        link = models.OneToOneField(
            db_column="id",
            on_delete=django.db.models.deletion.CASCADE,
            parent_link=True,
            primary_key=True,
            related_name="national_review",
            serialize=False,
            to="reviews.document",
        )
        fields = {name: field for name, field in model.fields.items() if name != "id"}
        model.fields = {"document_ptr": link, **fields}
        model.bases = ("reviews.document",)
        state.reload_model(app_label, "voluntaryreview", delay=False)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        raise NotImplementedError

    def describe(self):
        return "VoluntaryReview becomes a kind of Document (same ids)"


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0008_reliability"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(editable=False, max_length=40, verbose_name="kind of document")),
                ("authored_by", models.CharField(editable=False, max_length=60, verbose_name="authored by")),
                ("language", models.CharField(choices=[("en", "English"), ("fr", "French"), ("es", "Spanish"), ("ar", "Arabic"), ("zh-hans", "Chinese"), ("ru", "Russian")], default="en", max_length=10, verbose_name="language of the review")),
                ("status", models.CharField(choices=[("draft", "Draft"), ("awaiting_sign_off", "Awaiting sign-off"), ("submitted", "Submitted"), ("changes_requested", "Changes requested"), ("published", "Published"), ("withdrawn", "Withdrawn")], default="draft", max_length=20, verbose_name="status")),
                ("version", models.PositiveIntegerField(default=1, verbose_name="version")),
                ("part_versions", models.JSONField(blank=True, default=dict)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last saved")),
                ("submitted_at", models.DateTimeField(blank=True, null=True, verbose_name="submitted")),
                ("published_language", models.CharField(blank=True, choices=[("en", "English"), ("fr", "French"), ("es", "Spanish"), ("ar", "Arabic"), ("zh-hans", "Chinese"), ("ru", "Russian")], max_length=10, verbose_name="language of the published review")),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="published")),
                ("first_published_at", models.DateTimeField(blank=True, null=True, verbose_name="first published")),
                ("unpublished_at", models.DateTimeField(blank=True, null=True, verbose_name="unpublished")),
                ("unpublish_reason", models.TextField(blank=True, verbose_name="why it was unpublished")),
                ("signed_off_name", models.CharField(blank=True, max_length=200, verbose_name="signed off by")),
                ("signed_off_title", models.CharField(blank=True, max_length=200, verbose_name="title of the official")),
                ("signed_off_on", models.DateField(blank=True, null=True, verbose_name="signed off on")),
                ("assigned_to", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="assigned_reviews", to=settings.AUTH_USER_MODEL, verbose_name="assigned to")),
                ("cycle", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="documents", to="reviews.reviewcycle", verbose_name="cycle")),
                ("published_revision", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="reviews.reviewrevision", verbose_name="published revision")),
            ],
            options={"verbose_name": "document", "verbose_name_plural": "documents"},
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["kind", "status"], name="reviews_doc_kind_667a24_idx"),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(fields=("kind", "cycle", "authored_by"), name="one_document_per_kind_cycle_body"),
        ),
        migrations.CreateModel(
            name="PdfRendition",
            fields=[
                ("document", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="pdf", serialize=False, to="reviews.document")),
                ("file", models.FileField(blank=True, upload_to="", verbose_name="PDF")),
                ("status", models.CharField(choices=[("none", "Not needed yet"), ("pending", "Waiting to be rendered"), ("rendering", "Rendering"), ("ready", "Ready"), ("failed", "Failed")], default="none", max_length=20, verbose_name="PDF")),
                ("hash", models.CharField(blank=True, max_length=64)),
                ("error", models.TextField(blank=True, verbose_name="PDF error")),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("requested_at", models.DateTimeField(blank=True, null=True)),
                ("claimed_by", models.CharField(blank=True, max_length=64)),
                ("lease_until", models.DateTimeField(blank=True, null=True)),
                ("rendered_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={"verbose_name": "PDF rendition", "verbose_name_plural": "PDF renditions"},
        ),
        migrations.AddIndex(
            model_name="pdfrendition",
            index=models.Index(fields=["status"], name="reviews_pdf_status_f7b2cc_idx"),
        ),
        # What attaches to a review attaches to its document: a nullable column first, filled below.
        *[
            migrations.AddField(
                model_name=model_name,
                name="document",
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name=related, to="reviews.document"),
            )
            for model_name, related in [
                ("reviewrevision", "revisions"),
                ("moderationevent", "events"),
                ("attachment", "attachments"),
                ("publishedpart", "published_parts"),
            ]
        ],
        migrations.RunPython(copy_reviews_into_documents, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="publishedpart", name="one_part_per_place"),
        migrations.RemoveConstraint(model_name="reviewrevision", name="unique_revision_number"),
        migrations.RemoveConstraint(model_name="voluntaryreview", name="one_review_per_state_and_cycle"),
        *[migrations.RemoveField(model_name=model_name, name="review") for model_name in ATTACHED],
        *[
            migrations.AlterField(
                model_name=model_name,
                name="document",
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name=related, to="reviews.document"),
            )
            for model_name, related in [
                ("reviewrevision", "revisions"),
                ("moderationevent", "events"),
                ("attachment", "attachments"),
                ("publishedpart", "published_parts"),
            ]
        ],
        migrations.AlterModelOptions(
            name="publishedpart",
            options={"ordering": ["document", "kind", "number"]},
        ),
        migrations.AlterModelOptions(
            name="reviewrevision",
            options={"ordering": ["document", "-number"], "verbose_name": "revision", "verbose_name_plural": "revisions"},
        ),
        migrations.AddConstraint(
            model_name="publishedpart",
            constraint=models.UniqueConstraint(fields=("document", "kind", "number"), name="one_part_per_place"),
        ),
        migrations.AddConstraint(
            model_name="reviewrevision",
            constraint=models.UniqueConstraint(fields=("document", "number"), name="unique_revision_number"),
        ),
        *[
            migrations.RemoveField(model_name="voluntaryreview", name=name.removesuffix("_id"))
            for name in [*MOVED_TO_DOCUMENT, "created_at", "updated_at"]
        ],
        *[
            migrations.RemoveField(model_name="voluntaryreview", name=f"pdf_{field}")
            for field in PDF_FIELDS
        ],
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunPython(link_review_id_to_document, migrations.RunPython.noop)
            ],
            state_operations=[MakeVoluntaryReviewADocument()],
        ),
    ]  # fmt: skip
