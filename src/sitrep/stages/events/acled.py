"""PLOVER mode and ACLED event type / sub-event type of an event.

Follows the ACLED codebook (2023): remote violence (shelling, air and drone strikes, explosives) is
"Explosions/Remote violence" whoever is hit; direct violence against unarmed people is "Violence against
civilians"; violence between armed sides is "Battles"; arrests, looting, agreements, troop movements and
disrupted weapons are "Strategic developments". Only violent and strategic events get ACLED names.
"""
from __future__ import annotations

from sitrep.stages.events.lexicon import acled_names, in_class, lemma, weapon_cues_by_first

KEEP_SPECIFIC = {"SD-looting", "SD-disrupted", "VAC-sexual", "VAC-abduct", "BAT-gov", "BAT-nsa", "BAT-territory"}
GOV_WORDS = {"army", "military", "government", "troop", "soldier", "force", "police", "navy", "guard"}


def weapon(tokens) -> tuple[str | None, str | None]:
    """(PLOVER mode, ACLED code) of the first weapon cue among the tokens (cue file order)."""
    lemmas = [lemma(t) for t in tokens]
    texts = [t.lower_ for t in tokens]
    by_first = weapon_cues_by_first()
    best: tuple[int, str, str | None] | None = None
    for i in range(len(lemmas)):
        for key in {lemmas[i], texts[i]}:
            for order, cue, mode, code in by_first.get(key, ()):
                if best is not None and order >= best[0]:
                    continue
                n = len(cue)
                if tuple(lemmas[i:i + n]) == cue or tuple(texts[i:i + n]) == cue:
                    best = (order, mode, code)
    return (best[1], best[2]) if best else (None, None)


def _kind(tok, actor: dict | None, klass: str) -> bool:
    if actor is not None:
        k = actor.get("kind")
        if klass == "civilians" and k == "civilians":
            return True
        if klass == "armed" and k in ("armed group", "state"):
            return True
    return tok is not None and in_class(tok, klass)


def resolve(code: str | None, event_type: str, mode: str | None, clause, *, src_tok=None, src_actor=None,
            tgt_tok=None, tgt_actor=None) -> tuple[str | None, str | None, str | None]:
    """(mode, acled_event_type, acled_subtype)."""
    if event_type == "ASSAULT":
        wmode, wcode = weapon(clause)
        mode = mode or wmode
        if wcode and code not in KEEP_SPECIFIC:
            code = wcode
        elif code == "VIOLENT":
            if _kind(tgt_tok, tgt_actor, "civilians"):
                code = "VAC-attack"
            elif _kind(tgt_tok, tgt_actor, "armed") or _kind(src_tok, src_actor, "armed") and tgt_tok is not None:
                code = "BAT-clash"
            else:
                code = None
        if code == "BAT-territory":
            gov = (src_actor or {}).get("kind") == "state" or (src_tok is not None and (
                lemma(src_tok) in GOV_WORDS and not any(c.lower_ in ("rebel", "militant") for c in src_tok.children)))
            code = "BAT-gov" if gov else "BAT-nsa"
    elif code == "VIOLENT":
        code = None
    names = acled_names().get(code or "")
    return mode, (names[0] if names else None), (names[1] if names else None)
