"""Metrics worth measuring at each kind of stage, to offer when a metric lane is added.

The articles behind the app measure a journey stage by stage: awareness by reach, visits
and search rank; consideration by click-through, time on page and cost per click;
purchase by conversion, basket and abandonment; retention by repeat purchases,
satisfaction and reviews; advocacy by NPS and referrals. Each metric says which way is
good (`Direction`), so its card is coloured right as soon as it has a value and target.

Names and units are words drawn on cards, so they are marked in the "Labels" context:
the card is written in the map's language (`render.labels.word`), the dialog in the
interface's. A stage's kind is guessed from its name in English or French.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from journeyeditor.marks import QT_TRANSLATE_NOOP
from journeyeditor.model.enums import Direction


class StageKind(StrEnum):
    """The classic stages of a purchase journey, in journey order."""

    AWARENESS = "awareness"
    CONSIDERATION = "consideration"
    PURCHASE = "purchase"
    RETENTION = "retention"
    ADVOCACY = "advocacy"


STAGE_KIND_NAMES = {
    StageKind.AWARENESS: QT_TRANSLATE_NOOP("Labels", "Awareness"),
    StageKind.CONSIDERATION: QT_TRANSLATE_NOOP("Labels", "Consideration"),
    StageKind.PURCHASE: QT_TRANSLATE_NOOP("Labels", "Purchase"),
    StageKind.RETENTION: QT_TRANSLATE_NOOP("Labels", "Retention"),
    StageKind.ADVOCACY: QT_TRANSLATE_NOOP("Labels", "Advocacy"),
}


@dataclass(frozen=True)
class MetricSuggestion:
    """A metric card to offer: its name and unit (Labels source strings: translate them
    for the map's language) and which way is better."""

    name: str
    unit: str
    direction: Direction


_HIGHER, _LOWER = Direction.HIGHER, Direction.LOWER
SUGGESTIONS: dict[StageKind, tuple[MetricSuggestion, ...]] = {
    StageKind.AWARENESS: (
        MetricSuggestion(
            QT_TRANSLATE_NOOP("Labels", "Reach"), QT_TRANSLATE_NOOP("Labels", "people"), _HIGHER
        ),
        MetricSuggestion(
            QT_TRANSLATE_NOOP("Labels", "Visits"), QT_TRANSLATE_NOOP("Labels", "visits"), _HIGHER
        ),
        MetricSuggestion(
            QT_TRANSLATE_NOOP("Labels", "SEO rank"), QT_TRANSLATE_NOOP("Labels", "rank"), _LOWER
        ),
    ),
    StageKind.CONSIDERATION: (
        MetricSuggestion(QT_TRANSLATE_NOOP("Labels", "Click-through rate"), "%", _HIGHER),
        MetricSuggestion(QT_TRANSLATE_NOOP("Labels", "Time on page"), "s", _HIGHER),
        MetricSuggestion(QT_TRANSLATE_NOOP("Labels", "Cost per click"), "€", _LOWER),
    ),
    StageKind.PURCHASE: (
        MetricSuggestion(QT_TRANSLATE_NOOP("Labels", "Conversion rate"), "%", _HIGHER),
        MetricSuggestion(QT_TRANSLATE_NOOP("Labels", "Average basket"), "€", _HIGHER),
        MetricSuggestion(QT_TRANSLATE_NOOP("Labels", "Cart abandonment"), "%", _LOWER),
    ),
    StageKind.RETENTION: (
        MetricSuggestion(QT_TRANSLATE_NOOP("Labels", "Repeat purchase rate"), "%", _HIGHER),
        MetricSuggestion(QT_TRANSLATE_NOOP("Labels", "Satisfaction"), "/5", _HIGHER),
        MetricSuggestion(
            QT_TRANSLATE_NOOP("Labels", "Reviews"), QT_TRANSLATE_NOOP("Labels", "reviews"), _HIGHER
        ),
    ),
    StageKind.ADVOCACY: (
        MetricSuggestion(
            QT_TRANSLATE_NOOP("Labels", "NPS"), QT_TRANSLATE_NOOP("Labels", "points"), _HIGHER
        ),
        MetricSuggestion(
            QT_TRANSLATE_NOOP("Labels", "Referrals"),
            QT_TRANSLATE_NOOP("Labels", "referrals"),
            _HIGHER,
        ),
    ),
}

# Beginnings of words (accents removed, any case) that name each kind, English and
# French. Later kinds are tried first: "Post-purchase" and "Après-achat" are retention.
_STEMS: dict[StageKind, tuple[str, ...]] = {
    StageKind.ADVOCACY: ("advoca", "recommand", "recommend", "referr", "parrain", "ambassad",
                         "partag", "bouche"),
    StageKind.RETENTION: ("retention", "loyal", "fidel", "after", "apres", "post", "usage",
                          "utilis", "service", "support", "repeat", "reachat", "onboard"),
    StageKind.PURCHASE: ("purchas", "achat", "achet", "buy", "booking", "reserv", "pay",
                         "paie", "checkout", "order", "commande", "decision", "convers",
                         "billet", "ticket", "transact"),
    StageKind.CONSIDERATION: ("consider", "search", "recherch", "informat", "choice", "choix",
                              "choos", "compar", "evaluat", "research", "explor"),
    StageKind.AWARENESS: ("aware", "discover", "decouv", "sensibilis", "notoriet", "attention",
                          "reach", "need", "besoin", "inspir"),
}  # fmt: skip


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in plain if not unicodedata.combining(char)).casefold()
    return re.findall(r"[a-z0-9]+", plain)


def stage_kind(name: str) -> StageKind | None:
    """The kind of stage a name says ("Découverte", "Post-purchase"…), None if unsure."""
    words = _words(name)
    for kind, stems in _STEMS.items():
        if any(word.startswith(stem) for word in words for stem in stems):
            return kind
    return None
