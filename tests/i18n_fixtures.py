"""The fixture dataset (tests/fixtures.py) with a Ukrainian translation of every reader-facing field,
as translators write it (translated_from: pending), for tests of the Ukrainian edition that must not
depend on the site's own translations."""

from __future__ import annotations

from fixtures import CHARTS, CLAIMANTS, EVENTS, METRICS, OBSERVATIONS


def _after(text: str, anchor: str, insert: str) -> str:
    """text with `insert` (lines) after the first line starting with anchor."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(anchor):
            lines.insert(i + 1, insert)
            return "".join(lines)
    raise AssertionError(f"no line {anchor!r}")


CLAIMANTS_UK = CLAIMANTS
for _id, _name, _role in (
    ("syrskyi", "Олександр Сирський", "Головнокомандувач ЗСУ"),
    ("afp-isw", "Аналіз AFP за даними ISW", "аналіз мап аналітичного центру інформаційною агенцією"),
    ("ushakov", "Юрій Ушаков", "помічник президента Росії"),
):
    CLAIMANTS_UK = _after(
        CLAIMANTS_UK,
        f"- id: {_id}",
        f"  uk:\n    name: {_name}\n    role: {_role}\n    translated_from: pending\n",
    )

METRICS_UK = _after(
    METRICS,
    "- id: territory-km2",
    "  uk:\n    label: Площа, яку, за словами України, вона контролює\n    unit: км²\n"
    "    description: Квадратні кілометри Курської області під контролем України.\n    translated_from: pending\n",
)
METRICS_UK = _after(
    METRICS_UK,
    "- id: settlements",
    "  uk:\n    label: Населені пункти під контролем України\n"
    "    unit: {one: населений пункт, few: населені пункти, many: населених пунктів, other: населеного пункту}\n"
    "    description: Кількість населених пунктів.\n    translated_from: pending\n",
)

CHARTS_UK = CHARTS
for _id, _title, _summary in (
    ("territory", "Територія, яку заявляє Україна", "Заяви України зростали, а незалежна оцінка лишалася нижчою."),
    ("settlements-bar", "Населені пункти", "Україна заявила про 93 населені пункти."),
    ("talks", "Переговори", "Росія відкинула переговори."),
):
    CHARTS_UK = _after(
        CHARTS_UK,
        f"- id: {_id}",
        f"  uk:\n    title: {_title}\n    summary: {_summary}\n    translated_from: pending\n",
    )

OBSERVATIONS_UK = (
    OBSERVATIONS.replace("source,note\n", "source,note,note_uk,uk_from\n", 1)
    .replace(",about 1000\n", ",about 1000,близько 1000,pending\n")
    .replace("afp-isw,assessed,afp-isw,\n", "afp-isw,assessed,afp-isw,,,\n")
    .replace("up-syrskyi,\n", "up-syrskyi,,,\n")
)
EVENTS_UK = (
    EVENTS.replace("place,note", "place,note")
    .replace("source,note\n", "source,note,label_uk,short_uk,note_uk,uk_from\n", 1)
    .replace(
        "Ushakov: no talks,moscow-times,\n",
        "Ushakov: no talks,moscow-times,,Ушаков каже: переговорів на цьому етапі не буде,Ушаков: без переговорів,,pending\n",
    )
)

TRANSLATED = {
    "claimants_yml": CLAIMANTS_UK,
    "metrics_yml": METRICS_UK,
    "charts_yml": CHARTS_UK,
    "observations_csv": OBSERVATIONS_UK,
    "events_csv": EVENTS_UK,
}
TRANSLATED_FILES = ("claimants.yml", "metrics.yml", "charts.yml", "observations.csv", "events.csv")

# The page the tests render in Ukrainian: a fact of each form, a chart.
PAGE_UK = """# Територія

Найновіша цифра: :fact[territory-km2]. Раніше: :fact[territory-km2]{date=2024-08-12 claimant=syrskyi}.
Незалежна оцінка: :fact[territory-km2]{claimant=afp-isw}. Населені пункти: :fact[settlements].

::chart[territory]
"""
