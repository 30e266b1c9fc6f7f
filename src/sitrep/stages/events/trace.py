"""What the events stage knows of an event while building it, kept beside the item it writes (issue 20):
the trigger's tokens, its sentence, where its place was found. The item holds only what the layer's
schema says; the stage reads these to fold triggers together and settle ACLED types, then drops them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(eq=False)
class Trace:
    """One event item and its parse facts (token indices of the document)."""

    item: dict
    anchor: int  # the trigger's token
    head: int  # the head of the clause the event is read from
    sent: tuple[int, int]  # the sentence's token range
    casualty: bool  # the trigger is a casualty verb ("killed", "died")
    place_tier: int  # the tier the place was found in (0 nearest; -1 none)
    src: int | None  # the source's head token
    tgt: int | None  # the target's head token
    background: bool = False  # told as what led to another event of its sentence ('after gunmen attacked ...')


def table(traces: list[Trace]) -> dict[int, Trace]:
    """The side table: id of an item -> its trace (each trace holds its item, so the ids stay unique)."""
    return {id(t.item): t for t in traces}
