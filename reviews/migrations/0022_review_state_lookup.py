"""An index of each national review's State, read without the review's row (issue 17).

Pages that order reviews by their State's name (an objective's entries, the list sorted by
State) join every published review to its State. The review's row holds the five sections'
drafts and fits four to a table page, so that join read the whole table: 1.9 ms at 4,000
reviews, growing with the archive. The covering index answers it by an index-only scan (0.25
ms). SQLite has no INCLUDE: there Django creates a plain index of the key, which the demo's
few reviews do not miss.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0021_han_vectors_without_every_character"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="voluntaryreview",
            index=models.Index(
                fields=["document_ptr"], include=("member_state",), name="review_state_lookup"
            ),
        ),
    ]
