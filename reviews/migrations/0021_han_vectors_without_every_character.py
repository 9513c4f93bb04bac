"""Index Chinese parts again without a token for every Han character (issue 17, item 3).

`reviews.public_index.han_index_text` now keeps, besides the bigrams, only the characters that
start no bigram (each run's last); a query of one character asks for a prefix instead
(`reviews.search_match.WebSearch`). A vector written before still finds what it found (the
prefix meets its characters too), but it is a third larger, and a search reads every
matching part's vector: this writes the Chinese parts' vectors again, with today's indexing,
a few hundred parts per statement. PostgreSQL only: SQLite stores no vectors.

Going back leaves the new vectors; run `manage.py reindex_public` after, so that the former
code's one-character queries (a token, not a prefix) meet every character again.
"""

from django.db import migrations

BATCH = 500


def index_han_again(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from reviews.public_index import store_search_vectors

    part_model = apps.get_model("reviews", "PublishedPart")
    parts = part_model.objects.filter(language__startswith="zh").only("pk", "language", "text")
    batch = []
    for part in parts.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(part)
        if len(batch) == BATCH:
            store_search_vectors(batch)
            batch = []
    if batch:
        store_search_vectors(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0020_word_import"),
    ]

    operations = [
        migrations.RunPython(index_han_again, migrations.RunPython.noop, elidable=True),
    ]
