"""The words on printed pages (cover, legend, footers), in the map's language.

Like card labels, they follow the project's language, not the interface's: a client
reading a French map gets a French cover.
"""

from __future__ import annotations

from journeyeditor.marks import QT_TRANSLATE_NOOP
from journeyeditor.render import labels
from journeyeditor.render.sheets import PrintWords

PAGE = QT_TRANSLATE_NOOP("Labels", "Page {0} / {1}")
SHEET = QT_TRANSLATE_NOOP("Labels", "Sheet {0} of {1}, overlap {2} mm")
GOALS = QT_TRANSLATE_NOOP("Labels", "Goals")
FRUSTRATIONS = QT_TRANSLATE_NOOP("Labels", "Frustrations")
LEGEND = QT_TRANSLATE_NOOP("Labels", "Legend")
LANES = QT_TRANSLATE_NOOP("Labels", "Lanes")
CHANNELS = QT_TRANSLATE_NOOP("Labels", "Channels")
DEPARTMENTS = QT_TRANSLATE_NOOP("Labels", "Departments")
EVIDENCE = QT_TRANSLATE_NOOP("Labels", "Evidence")
EMOTIONS = QT_TRANSLATE_NOOP("Labels", "Emotions")
AGE = QT_TRANSLATE_NOOP("Labels", "{0} years old")
QUOTE = QT_TRANSLATE_NOOP("Labels", "“{0}”")
KEY_FIGURES = QT_TRANSLATE_NOOP("Labels", "Key figures")
STAGES = QT_TRANSLATE_NOOP("Labels", "Stages")
CARDS = QT_TRANSLATE_NOOP("Labels", "Cards")
TOP_PAINS = QT_TRANSLATE_NOOP("Labels", "Top pain points")
TOP_OPPORTUNITIES = QT_TRANSLATE_NOOP("Labels", "Top opportunities")
VOTES = QT_TRANSLATE_NOOP("Labels", "Votes: {0}")
STATES = {
    "current": QT_TRANSLATE_NOOP("Labels", "Current journey"),
    "ideal": QT_TRANSLATE_NOOP("Labels", "Ideal journey"),
}


def print_words(language: str) -> PrintWords:
    def word(text: str) -> str:
        return labels.word(text, language)

    return PrintWords(
        page=word(PAGE),
        sheet=word(SHEET),
        goals=word(GOALS),
        frustrations=word(FRUSTRATIONS),
        legend=word(LEGEND),
        lanes=word(LANES),
        channels=word(CHANNELS),
        departments=word(DEPARTMENTS),
        evidence=word(EVIDENCE),
        emotions=word(EMOTIONS),
        age=word(AGE),
        quote=word(QUOTE),
        key_figures=word(KEY_FIGURES),
        stages=word(STAGES),
        cards=word(CARDS),
        top_pains=word(TOP_PAINS),
        top_opportunities=word(TOP_OPPORTUNITIES),
        votes=word(VOTES),
        language=language,
        states={key: word(text) for key, text in STATES.items()},
        lane_kinds={key: word(text) for key, text in labels.LANE_KINDS.items()},
        channel_names={key: word(text) for key, text in labels.CHANNELS.items()},
        evidence_names={key: word(text) for key, text in labels.EVIDENCE.items()},
    )
