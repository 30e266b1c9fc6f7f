"""The events stage's weights: the confidences it gives events (issue 20: named, one home)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # A reporting verb whose content names a crime ("said war crimes were committed") is an ACCUSE: set by
    # hand when the rule was written (commit 7891463), below the lexicon's triggers, not calibrated.
    accuse_confidence: float = 0.7
    # "X said Y must ..." is a REQUEST: set by hand with the rule above (7891463), not calibrated; lower,
    # as a modal in reported speech is often advice rather than a demand.
    request_confidence: float = 0.65
    # An event's confidence is multiplied by this when its source is no actor of the actors layer, and
    # again when its place comes from beyond the trigger's own clause and content: set by hand with the
    # first events stage (commit 4bf0ccd), not calibrated.
    unlinked_source_factor: float = 0.9
    far_place_factor: float = 0.9
    # An event told as what led to another event of its sentence ("imposed a curfew after gunmen attacked the
    # market") is multiplied by this, so that the main clause's event leads: set by hand (issue 16, s10), low
    # enough to put a background attack (0.9) under a curfew or an arrest whose source is unlinked (0.9 x 0.9).
    background_factor: float = 0.8
    # ... and a protest's grievance ("marched against the rape of a girl") by this as well: set by hand (issue 16,
    # s10) to put the surest trigger (0.95) with an unlinked source under the least sure protest (0.7 x 0.9).
    grievance_factor: float = 0.6


SETTINGS = Settings()
