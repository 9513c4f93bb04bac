"""State names sort in the reader's language: on PostgreSQL each language's column takes that
language's ICU collation, so `order_by("name")` (rewritten by modeltranslation to `name_fr`…)
sorts "Égypte" after "Équateur"'s neighbours, not after "Zimbabwe", and Chinese by pinyin.
The database's own collation (often C.UTF-8) sorts by code point. SQLite keeps its default.
An `AlterField` on these columns would drop the collation: apply it again after one."""

from django.db import migrations

COLLATIONS = {
    "name_en": "en-x-icu",
    "name_fr": "fr-x-icu",
    "name_es": "es-x-icu",
    "name_ar": "ar-x-icu",
    "name_zh_hans": "zh-x-icu",
    "name_ru": "ru-x-icu",
}


def collate(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT collname FROM pg_collation WHERE collname LIKE '%%-x-icu'")
        available = {row[0] for row in cursor.fetchall()}
    for column, collation in COLLATIONS.items():
        if collation in available:  # a PostgreSQL built without ICU keeps its default
            schema_editor.execute(
                f'ALTER TABLE reviews_memberstate ALTER COLUMN "{column}" '
                f'TYPE varchar(200) COLLATE "{collation}"'
            )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0014_names_in_six_languages")]

    operations = [migrations.RunPython(collate, migrations.RunPython.noop)]
