"""An index for an objective's public page (issue 17): see `PublishedPart.Meta.indexes`."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0017_published_diff"),
    ]

    operations = [
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
