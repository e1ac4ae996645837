"""Generated projects of a chosen size, for the benchmarks (made through the interchange plan)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeyeditor.store import database, interchange

KINDS = ("touchpoint", "text", "text", "emotion", "pain_point", "opportunity", "metric", "text")
WORDS = [
    "client",
    "parcours",
    "achat",
    "boutique",
    "site",
    "avis",
    "prix",
    "attente",
    "conseil",
    "livraison",
]


def project_data(cards: int, stages: int = 10) -> dict[str, Any]:
    """One map with `stages` stages, eight lanes and `cards` cards spread evenly."""
    lanes = [
        {"id": 100 + i, "name": f"Lane {i}", "kind": kind, "height": 120.0}
        for i, kind in enumerate(KINDS)
    ]
    card_lanes = [lane["id"] for lane in lanes if lane["kind"] != "emotion"]
    items = []
    for n in range(cards):
        text = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(3 + n % 6)) + f" {n}"
        items.append(
            {
                "id": n + 1,
                "stage": 1 + n % stages,
                "lane": card_lanes[(n // stages) % len(card_lanes)],
                "text": text,
                "severity": 1 + n % 3,
                "channel": "website",
                "owned": bool(n % 2),
                "priority": "medium",
                "value": float(n % 50),
                "target": 40.0,
                "evidence": ("assumption", "partial", "research")[n % 3],
            }
        )
    items.sort(key=lambda c: (c["stage"], card_lanes.index(c["lane"]), c["id"]))
    return {
        "format": interchange.FORMAT,
        "version": interchange.VERSION,
        "project": {"name": f"Bench {cards}", "language": "en"},
        "maps": [
            {
                "id": 1,
                "name": f"{cards} cards",
                "stages": [{"id": s + 1, "name": f"Stage {s + 1}"} for s in range(stages)],
                "lanes": lanes,
                "cards": items,
                "emotions": [
                    {"id": s + 1, "lane": 103, "stage": s + 1, "value": (s % 5) - 2}
                    for s in range(stages)
                ],
            }
        ],
    }


def make_project(path: Path, cards: int) -> Path:
    plan = interchange.plan_import(project_data(cards), path)
    database.create_file(path, interchange.populate_from(plan))
    return path


def big_project_data(maps: int, cards: int, stages: int = 10) -> dict[str, Any]:
    """`maps` maps like `project_data`'s, each of `cards` cards, with ids of their own."""
    one = project_data(cards, stages)["maps"][0]
    journeys = []
    for number in range(maps):
        stage_base, lane_base, card_base = number * stages, number * 100, number * cards
        journeys.append(
            {
                "id": number + 1,
                "name": f"Map {number + 1}",
                "stages": [{**s, "id": s["id"] + stage_base} for s in one["stages"]],
                "lanes": [{**ln, "id": ln["id"] + lane_base} for ln in one["lanes"]],
                "cards": [
                    {
                        **c,
                        "id": c["id"] + card_base,
                        "stage": c["stage"] + stage_base,
                        "lane": c["lane"] + lane_base,
                        "text": f"{c['text']} m{number + 1}",
                    }
                    for c in one["cards"]
                ],
                "emotions": [
                    {
                        **e,
                        "id": e["id"] + stage_base,
                        "lane": e["lane"] + lane_base,
                        "stage": e["stage"] + stage_base,
                    }
                    for e in one["emotions"]
                ],
            }
        )
    data = project_data(0, stages)
    data["project"]["name"] = f"Bench {maps} × {cards}"
    data["maps"] = journeys
    return data


def make_big_project(path: Path, maps: int, cards: int) -> Path:
    plan = interchange.plan_import(big_project_data(maps, cards), path)
    database.create_file(path, interchange.populate_from(plan))
    return path
