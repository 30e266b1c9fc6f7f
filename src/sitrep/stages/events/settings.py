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


SETTINGS = Settings()
