"""A search passage finds its words in the folded text and maps them back to the text: the
binary search over prefixes (`original_offset`) agrees with folding a character at a time."""

import pytest

from reviews.search_query import fold, fold_with_offsets, original_offset

TEXTS = [
    "Labour migration policies",
    "La main-d’œuvre étrangère: l’intégration des travailleurs migrants",
    "Straße und Maßnahmen für Migrantinnen",
    "Cafe\u0301 et re\u0301gularisation",  # combining accents, dropped by folding
    "ﬁnancement ﬂexible",  # ligatures that fold to two letters
    "国家计划加强正常移民渠道并保护移民工人的权利。",
    "تعزز سياسة هجرة اليد العاملة المسارات النظامية",
    "Политика трудовой миграции",
]


@pytest.mark.parametrize("text", TEXTS)
def test_original_offset_is_what_folding_each_character_says(text):
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert [original_offset(text, i) for i in range(len(folded))] == offsets
