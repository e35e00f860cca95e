# SPDX-License-Identifier: EUPL-1.2
"""The import report: what a file held that Bouwplaats did not keep.

A reader calls :meth:`Notes.add` with a code and the name of what it left out; the model stores
the notes (``ArchitectureModel.import_notes``) and its page shows them through :func:`describe`.
Nothing a file holds is dropped without a note here.
"""

from __future__ import annotations

from django.utils.translation import ngettext

MAX_NAMES = 10


def _messages(count: int) -> dict:
    return {
        "sketch_view": ngettext(
            "%(count)d Sketch view was not imported (it is not an ArchiMate view).",
            "%(count)d Sketch views were not imported (they are not ArchiMate views).",
            count,
        ),
        "canvas_view": ngettext(
            "%(count)d Canvas view was not imported (it is not an ArchiMate view).",
            "%(count)d Canvas views were not imported (they are not ArchiMate views).",
            count,
        ),
        "diagram_object": ngettext(
            "%(count)d diagram object without ArchiMate content (an image or a reference to another view) "
            "was left out of its view.",
            "%(count)d diagram objects without ArchiMate content (images or references to other views) "
            "were left out of their views.",
            count,
        ),
        "viewpoint": ngettext(
            "%(count)d view has a viewpoint that ArchiMate 3.1 does not know; it was imported without it.",
            "%(count)d views have a viewpoint that ArchiMate 3.1 does not know; they were imported without it.",
            count,
        ),
        "language": ngettext(
            "%(count)d text in another language than the model's was not kept.",
            "%(count)d texts in other languages than the model's were not kept.",
            count,
        ),
        "position": ngettext(
            "%(count)d diagram object lay left of or above its view's origin and was moved onto it.",
            "%(count)d diagram objects lay left of or above their view's origin and were moved onto it.",
            count,
        ),
        "metadata": ngettext(
            "%(count)d metadata entry with nested content was not kept.",
            "%(count)d metadata entries with nested content were not kept.",
            count,
        ),
    }


class Notes:
    """Notes gathered while reading one file: per code a count and the first few names."""

    def __init__(self) -> None:
        self.items: dict[str, dict] = {}

    def add(self, code: str, name: str = "") -> None:
        item = self.items.setdefault(code, {"code": code, "count": 0, "names": []})
        item["count"] += 1
        if name and len(item["names"]) < MAX_NAMES and name not in item["names"]:
            item["names"].append(name)

    def as_list(self) -> list[dict]:
        return list(self.items.values())


def describe(notes: list[dict]) -> list[dict]:
    """``[{"message", "names"}]`` for a page, in the reader's language."""
    described = []
    for note in notes or []:
        count = int(note.get("count", 0))
        message = _messages(count).get(note.get("code"))
        if message is None:
            message = ngettext(
                "%(count)d item was not kept (%(code)s).", "%(count)d items were not kept (%(code)s).", count
            ) % {"count": count, "code": note.get("code")}
        else:
            message = message % {"count": count}
        described.append({"message": message, "names": note.get("names", [])})
    return described
