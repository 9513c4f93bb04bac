"""Indexes for cold public pages (issue 17): an objective's entries (`PublishedPart`) and the
latest publications (`Document`); their `Meta.indexes` say why."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0017_published_diff"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True),
                models.F("id"),
                condition=models.Q(published_revision__isnull=False),
                name="published_documents_latest",
            ),
        ),
        migrations.AddIndex(
            model_name="publishedpart",
            index=models.Index(
                condition=models.Q(kind="objective"),
                fields=["objective", "status", "document"],
                include=["id"],
                name="published_objective_entries",
            ),
        ),
    ]
