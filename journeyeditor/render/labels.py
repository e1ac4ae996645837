"""The words drawn on cards, in the map's own language (not the interface's).

A French project exported on an English desktop still says « Interne » on its cards,
so labels are looked up in that language's Qt translation directly.
"""

from __future__ import annotations

from journeyeditor import i18n
from journeyeditor.marks import QT_TRANSLATE_NOOP
from journeyeditor.render.drawing import Labels
from journeyeditor.render.measures import MeasureWords

CONTEXT = "Labels"
OWN = QT_TRANSLATE_NOOP("Labels", "Own")
EXTERNAL = QT_TRANSLATE_NOOP("Labels", "External")
CHANNELS = {
    "website": QT_TRANSLATE_NOOP("Labels", "Website"),
    "shop": QT_TRANSLATE_NOOP("Labels", "Shop"),
    "social": QT_TRANSLATE_NOOP("Labels", "Social network"),
    "email": QT_TRANSLATE_NOOP("Labels", "E-mail"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
    "ads": QT_TRANSLATE_NOOP("Labels", "Advertising"),
    "word_of_mouth": QT_TRANSLATE_NOOP("Labels", "Word of mouth"),
    "app": QT_TRANSLATE_NOOP("Labels", "App"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}
PRIORITIES = {
    "low": QT_TRANSLATE_NOOP("Labels", "Low"),
    "medium": QT_TRANSLATE_NOOP("Labels", "Medium"),
    "high": QT_TRANSLATE_NOOP("Labels", "High"),
}
EVIDENCE = {
    "assumption": QT_TRANSLATE_NOOP("Labels", "Assumption"),
    "partial": QT_TRANSLATE_NOOP("Labels", "Partly backed"),
    "research": QT_TRANSLATE_NOOP("Labels", "Backed by research"),
}
LANE_KINDS = {
    "text": QT_TRANSLATE_NOOP("Labels", "Text"),
    "touchpoint": QT_TRANSLATE_NOOP("Labels", "Touchpoints"),
    "emotion": QT_TRANSLATE_NOOP("Labels", "Emotions"),
    "pain_point": QT_TRANSLATE_NOOP("Labels", "Pain points"),
    "opportunity": QT_TRANSLATE_NOOP("Labels", "Opportunities"),
    "metric": QT_TRANSLATE_NOOP("Labels", "Metrics"),
    "image": QT_TRANSLATE_NOOP("Labels", "Images"),
    "funnel": QT_TRANSLATE_NOOP("Labels", "Funnel"),
    "survey": QT_TRANSLATE_NOOP("Labels", "Survey"),
}
MEASURE_WORDS = {
    "reached": QT_TRANSLATE_NOOP("Labels", "{0} reached"),
    "converted": QT_TRANSLATE_NOOP("Labels", "{0} from previous"),
    "dropped": QT_TRANSLATE_NOOP("Labels", "{0} dropped"),
    "times": QT_TRANSLATE_NOOP("Labels", "median {0}, p90 {1}"),
    "skipped": QT_TRANSLATE_NOOP("Labels", "{0} skipped"),
    "came_back": QT_TRANSLATE_NOOP("Labels", "{0} came back"),
    "since": QT_TRANSLATE_NOOP("Labels", "vs {0}"),
    "nps": QT_TRANSLATE_NOOP("Labels", "NPS {0}"),
    "ces": QT_TRANSLATE_NOOP("Labels", "CES {0}"),
    "answers": QT_TRANSLATE_NOOP("Labels", "n = {0}"),
    "few": QT_TRANSLATE_NOOP("Labels", "under {0} answers"),
    "run": QT_TRANSLATE_NOOP("Labels", "Run of {0}"),
    "group": QT_TRANSLATE_NOOP("Labels", "only {0}"),
    "no_value": QT_TRANSLATE_NOOP("Labels", "(no value)"),
    "seconds": QT_TRANSLATE_NOOP("Labels", "s"),
    "minutes": QT_TRANSLATE_NOOP("Labels", "min"),
    "hours": QT_TRANSLATE_NOOP("Labels", "h"),
    "days": QT_TRANSLATE_NOOP("Labels", "d"),
}
"""The words of funnel and survey lanes (render/measures.py MeasureWords, field by field)."""


def word(text: str, language: str) -> str:
    """`text` (a Labels source string) in `language`, English when there is no translation."""
    return i18n.in_language(CONTEXT, text, language)


def labels(language: str) -> Labels:
    return Labels(
        own=word(OWN, language),
        language=language,
        external=word(EXTERNAL, language),
        channels={key: word(text, language) for key, text in CHANNELS.items()},
        priorities={key: word(text, language) for key, text in PRIORITIES.items()},
        measures=MeasureWords(**{key: word(text, language) for key, text in MEASURE_WORDS.items()}),
    )
