"""Keep each part's search vector in its row where it fits (issue 17, item 3: search).

A search ranks every part that matches (`reviews.search._best_ranks`), so it reads every
matching part's vector. Under the default storage PostgreSQL moves the widest value out of the
row first, and the vector (both the language's stems and the folded copy, with positions) is
the widest: each ranked part then cost a few TOAST index lookups. STORAGE MAIN moves the text
and the HTML out first and keeps the vector in the row, compressed, whenever it fits: the
ranking query ran in 0.67-0.77 of the time at 800 reviews (bench/search.py) and the same
vectors are read, so the ranks are the same. The text and HTML are read for 20 parts a page.

Existing rows are rewritten with the same vectors (`|| ''::tsvector` changes nothing but makes
PostgreSQL store the value again, under the new storage; an UPDATE of a column to itself would
keep the old out-of-line value). PostgreSQL only: SQLite has no such storage.
"""

from django.db import migrations


def keep_vectors_in_rows(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE reviews_publishedpart ALTER COLUMN search_vector SET STORAGE MAIN"
        )
        schema_editor.execute(
            "UPDATE reviews_publishedpart SET search_vector = search_vector || ''::tsvector"
        )


def default_storage(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE reviews_publishedpart ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0018_public_page_indexes"),
    ]

    operations = [migrations.RunPython(keep_vectors_in_rows, default_storage)]
