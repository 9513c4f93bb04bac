"""Synthetic review text for the benchmarks: Markdown in the six UN languages with a Zipf
vocabulary of a few thousand words, and revision contents in the shape of
reviews.content.snapshot (`review_content`). Pure Python, no Django: bench/seeding.py builds the
published archive from it, bench/editing.py the drafts, bench/wrk.py the unique search phrases.
"""

import itertools
import random
import re

LANGUAGES = ["en", "fr", "es", "ar", "zh-hans", "ru"]
STATUSES = ["not_started", "planned", "under_way", "achieved", "not_applicable", "not_addressed"]
STATUS_WEIGHTS = [10, 20, 35, 15, 5, 15]
# Section shares of a review's words (the template's suggested limits 500/1000/700/400/400);
# the objective entries and their promising practices get the rest.
SECTION_SHARES = [0.10, 0.20, 0.14, 0.08, 0.08]

# A sentence that search finds: English "labour migration", Chinese 移民工人.
KEY_SENTENCES = {
    "en": "Labour migration policies expand regular pathways and protect the rights of migrant workers.",
    "fr": "La politique de migration de main-d'œuvre élargit les voies régulières et protège les travailleurs migrants.",
    "es": "La política de migración laboral amplía las vías regulares y protege a los trabajadores migrantes.",
    "ar": "تعزز سياسة هجرة اليد العاملة المسارات النظامية وتحمي حقوق العمال المهاجرين.",
    "zh-hans": "国家计划加强正常移民渠道并保护移民工人的权利。",
    "ru": "Политика трудовой миграции расширяет легальные пути и защищает права трудящихся-мигрантов.",
}
# Frequent words first (they get the highest Zipf weights), then pseudo-words from SYLLABLES
# give each language a vocabulary of a few thousand words, as real text has.
WORDS = {
    "en": "the of and to in for with on by as was were has have been which their this that through under "
    "migration migrants migrant workers labour regular pathways national plan government ministry policy "
    "policies rights protection data border consular services integration return reintegration remittances "
    "skills recognition trafficking smuggling children women families detention alternatives access health "
    "education employment recruitment fair decent work cooperation regional bilateral agreement implementation "
    "review stakeholders civil society local authorities framework strategy programme capacity training "
    "information evidence diaspora climate disasters vulnerability documentation identity legal safe orderly",
    "fr": "la le les de des du et à en pour dans sur par avec une un est sont ont été qui que ce cette leur "
    "migration migrants travailleurs main-d'œuvre voies régulières plan national gouvernement ministère "
    "politique droits protection données frontières services consulaires intégration retour réintégration "
    "envois fonds compétences reconnaissance traite trafic enfants femmes familles rétention alternatives "
    "accès santé éducation emploi recrutement équitable travail décent coopération régionale bilatéral "
    "accord œuvre examen parties prenantes société civile autorités locales cadre stratégie programme "
    "capacités formation information diaspora climat catastrophes vulnérabilité identité sûre ordonnée",
    "es": "la el los las de del y a en para por con una un es son han sido que este esta su sus migración "
    "migrantes trabajadores laboral vías regulares plan nacional gobierno ministerio política derechos "
    "protección datos fronteras servicios consulares integración retorno reintegración remesas "
    "competencias reconocimiento trata tráfico niños mujeres familias detención alternativas acceso salud "
    "educación empleo contratación equitativa trabajo decente cooperación regional bilateral acuerdo "
    "aplicación examen partes interesadas sociedad civil autoridades locales marco estrategia programa "
    "capacidades formación información diáspora clima desastres vulnerabilidad identidad segura ordenada",
    "ar": "في من على إلى أن التي الذي مع عن هذه هذا كما قد تم الهجرة المهاجرين العمال العمل المسارات النظامية "
    "الخطة الوطنية الحكومة وزارة السياسة الحقوق الحماية البيانات الحدود الخدمات القنصلية الإدماج العودة "
    "إعادة التحويلات المهارات الاعتراف الاتجار التهريب الأطفال النساء الأسر الاحتجاز بدائل الوصول الصحة "
    "التعليم التوظيف الاستقدام العادل اللائق التعاون الإقليمي الثنائي الاتفاق التنفيذ الاستعراض أصحاب "
    "المصلحة المجتمع المدني السلطات المحلية الإطار الاستراتيجية البرنامج القدرات التدريب المعلومات "
    "الشتات المناخ الكوارث الهشاشة الهوية الآمنة المنظمة",
    "zh-hans": "的 和 在 是 了 与 对 为 等 中 将 已 移民 工人 国家 计划 政府 部门 政策 权利 保护 数据 边境 领事 "
    "服务 融合 返回 汇款 技能 承认 贩运 偷运 儿童 妇女 家庭 拘留 替代 获得 卫生 教育 就业 招聘 公平 "
    "体面 工作 合作 区域 双边 协定 执行 审查 利益 社会 地方 当局 框架 战略 方案 能力 培训 信息 侨民 "
    "气候 灾害 脆弱 身份 安全 有序 正常 渠道 劳动 进展 措施 目标 实施 报告 机制 包括 通过 加强 支持 "
    "促进 以及",
    "ru": "и в на с по для из что как это его их был были также миграция мигрантов трудящихся трудовой "
    "легальные пути национальный план правительство министерство политика права защита данные границы "
    "консульские услуги интеграция возвращение реинтеграция денежные переводы навыки признание торговля "
    "людьми незаконный ввоз детей женщин семей задержание альтернативы доступ здравоохранение образование "
    "занятость наем справедливый достойный труд сотрудничество региональное двустороннее соглашение "
    "осуществление обзор заинтересованные стороны гражданское общество местные органы власти рамки "
    "стратегия программа потенциал обучение информация диаспора климат бедствия уязвимость документы",
}
SYLLABLES = {
    "en": "ka ri to men sa lo ver na pe tion al der mo li ra ne co ti bu go fa pi se ma ro di lu te vi zo",
    "fr": "ra té lo ment si ve con pré ma ne tion ri è que di sa bo lu fé mi ge an ou",
    "es": "ra to lo ción se ma ne ri ta do pe gu ña fi co lu mi ve sa be dí ti",
    "ar": "مد نا سل كر تب رح عل قو حم فا يس بر جد لو مي ها شر طب",
    "zh-hans": "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
               "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
               "好应开它合还因由其些然前外天政四日那社义事平形相全表间样关各重新线内数正心反明看原又利比或但质气第向道",
    "ru": "ко ра ни ст ва ло ми пре до ге ту за ше бы ле жи но про ве ка",
}  # fmt: skip
PARTNERS = "IOM, ILO, UNHCR, UNICEF, UN Women, OHCHR"
HAN = re.compile(r"[\u4e00-\u9fff]")


def vocabulary(language: str, rng: random.Random, size: int = 3000):
    """(words, cumulative Zipf weights): the language's frequent words, then pseudo-words."""
    words = WORDS[language].split()
    syllables = SYLLABLES[language].split() if language != "zh-hans" else list(SYLLABLES[language])
    seen = set(words)
    while len(words) < size:
        n = rng.randint(2, 2 if language == "zh-hans" else 4)
        word = "".join(rng.choice(syllables) for _ in range(n))
        if word not in seen:
            seen.add(word)
            words.append(word)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    return words, cumulative


def sentence(rng, language, vocab, n_words) -> tuple[str, int]:
    """A sentence of about `n_words` words and its word count (Han characters for Chinese)."""
    words, cumulative = vocab
    chosen = rng.choices(words, cum_weights=cumulative, k=n_words)
    if language == "zh-hans":
        cut = rng.randint(1, max(1, n_words - 1))
        text = "".join(chosen[:cut]) + "，" + "".join(chosen[cut:]) + "。"
        return text, sum(len(w) for w in chosen)
    if rng.random() < 0.1:
        i = rng.randrange(n_words)
        chosen[i] = f"**{chosen[i]}**"
    if n_words > 10:
        i = rng.randrange(3, n_words - 3)
        chosen[i] += ","
    chosen[0] = chosen[0][:1].upper() + chosen[0][1:]
    return " ".join(chosen) + ".", n_words


def count_key(language: str) -> int:
    key = KEY_SENTENCES[language]
    return len(HAN.findall(key)) if language == "zh-hans" else len(key.split())


def text_of(rng, language, vocab, words, key_rate=0.0) -> tuple[str, int]:
    """Markdown paragraphs of four sentences (and a few lists) of about `words` words: it stops
    within half a sentence of the target. `key_rate`: the share of paragraphs that hold the
    sentence search looks for."""
    glue = "" if language == "zh-hans" else " "
    scale = 2 if language == "zh-hans" else 1  # a Chinese word is about two characters
    blocks, count = [], 0
    while count < words - 6:
        if rng.random() < 0.12 and words - count > 20:  # a Markdown list
            items = [
                sentence(rng, language, vocab, rng.randint(4, 9) // scale + 1) for _ in range(3)
            ]
            blocks.append("\n".join(f"- {text}" for text, _ in items))
            count += sum(n for _, n in items)
            continue
        pieces = []
        for _ in range(4):
            if count >= words - 6:
                break
            if rng.random() < key_rate / 4:
                pieces.append(KEY_SENTENCES[language])
                count += count_key(language)
                continue
            text, n = sentence(
                rng, language, vocab, min(rng.randint(8, 24), words - count) // scale + 1
            )
            pieces.append(text)
            count += n
        blocks.append(glue.join(pieces))
    return "\n\n".join(blocks), count


def review_content(rng, language, vocab, words, principles) -> tuple[dict, int]:
    """A revision's content (the shape of reviews.content.snapshot) of about `words` words."""
    key_rate = 0.15 if rng.random() < 0.5 else 0.0  # half the reviews hold the search phrase
    sections, total = {}, 0
    for number, share in enumerate(SECTION_SHARES, start=1):
        sections[str(number)], n = text_of(rng, language, vocab, int(words * share), key_rate)
        total += n
    statuses = rng.choices(STATUSES, weights=STATUS_WEIGHTS, k=23)
    addressed = [s for s in statuses if s != "not_addressed"] or ["under_way"]
    per_entry = max(20, (words - total) // len(addressed))
    objectives = {}
    for number, status in enumerate(statuses, start=1):
        if status == "not_addressed":
            objectives[str(number)] = {
                "status": status,
                "priority": None,
                "narrative": "",
                "principles": [],
                "practices": [],
            }
            continue
        practices = []
        budget = per_entry
        if rng.random() < 0.3:
            title, n_title = sentence(rng, language, vocab, 6)
            description, n_description = text_of(rng, language, vocab, 40)
            practices.append(
                {"title": title.rstrip(".。"), "description": description, "partners": PARTNERS}
            )
            budget -= n_title + n_description + 7
            total += n_title + n_description + 7
        narrative, n = text_of(rng, language, vocab, max(10, budget), key_rate)
        total += n
        objectives[str(number)] = {
            "status": status,
            "priority": rng.choice([None, None, 1, 2, 3]),
            "narrative": narrative,
            "principles": sorted(rng.sample(principles, k=min(len(principles), 3))),
            "practices": practices,
        }
    content = {
        "language": language,
        "sections": sections,
        "objectives": objectives,
        "details": {
            "stakeholders": [],
            "part_of_national_plan": rng.random() < 0.5,
            "limits_justification": "",
            "contacts": [],
        },
    }
    return content, total
