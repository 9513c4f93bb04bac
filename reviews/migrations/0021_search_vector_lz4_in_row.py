"""Read each part's search vector faster (issue 17, item 3: a search's cost as the archive grows).

A search ranks every part that matches (`reviews.search._best_ranks`), so it reads every
matching part's vector, and that read grows with the archive. A Chinese part's vector is the
largest (each Han bigram and character is a token: about 15 kB, 4-5 kB compressed): past the
row's default limit of about 2 kB PostgreSQL moved it out of the row, and every ranked part
then cost a TOAST index lookup and three chunks, then pglz's decompression.

- `toast_tuple_target = 8160`: a row keeps its values in the row up to a page, so a vector
  that fits is read with its row.
- `COMPRESSION lz4` for the vector: lz4 decompresses several times faster than pglz.

At 4,000 reviews a Chinese search's ranking ran in about 0.75 of the time, an English one's in
the same (bench/search.py; the vectors and so the ranks are the same). The text and HTML
stay compressed where the row would not fit.

Existing vectors are stored again under the new settings (`|| ''::tsvector` changes nothing but
makes PostgreSQL store the value again, as migration 0019 did). lz4 needs a PostgreSQL built
with it (Debian's, the official images'); without it the vectors keep pglz and a notice says
so. PostgreSQL only: SQLite has no such storage.
"""

from django.db import migrations

LZ4 = """
DO $$
BEGIN
    ALTER TABLE reviews_publishedpart ALTER COLUMN search_vector SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available: search vectors keep the default compression';
END $$;
"""


def vectors_in_rows_lz4(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE reviews_publishedpart SET (toast_tuple_target = 8160)")
        schema_editor.execute(LZ4)
        schema_editor.execute(
            "UPDATE reviews_publishedpart SET search_vector = search_vector || ''::tsvector"
        )


def default_settings(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE reviews_publishedpart RESET (toast_tuple_target)")
        schema_editor.execute(
            "ALTER TABLE reviews_publishedpart ALTER COLUMN search_vector SET COMPRESSION DEFAULT"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0020_word_import"),
    ]

    operations = [migrations.RunPython(vectors_in_rows_lz4, default_settings)]
