"""How statements are made and relayed: the reporting cues (``data/vocab/cues.tsv``, with their stance and
class), the news outlets that relay statements (``agencies.txt``) and the platforms they are made on
(``platforms.txt``). The actors stage reads them to find speakers and to leave outlets and platforms out; the
quotes stage to find cues, contents, outlets and platforms.
"""
from __future__ import annotations

from dataclasses import dataclass

from sitrep import vocab
from sitrep.resources import cached


@dataclass(frozen=True)
class Cue:
    lemma: str
    stance: str | None  # claims | denies | accuses | warns | urges | None
    cls: str  # say | accuse | deny | urge | think


@cached
def cues() -> dict[str, Cue]:
    """Reporting cues by lemma; the first line of a lemma wins."""
    out = {}
    for r in (ln.split("\t") for ln in vocab.terms("vocab/cues.tsv")):
        out.setdefault(r[0], Cue(r[0], None if r[1] == "-" else r[1], r[2]))
    return out


def cue_of(tok) -> Cue | None:
    """The reporting-cue entry when ``tok`` (a spaCy token) is a verb in the cue lexicon, else None."""
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        return None
    return cues().get(tok.lemma_.lower())


@cached
def platforms() -> frozenset[str]:
    return frozenset(ln.split("\t")[0].casefold() for ln in vocab.terms("vocab/platforms.txt"))


@cached
def agencies() -> frozenset[str]:
    return frozenset(ln.split("\t")[0].casefold() for ln in vocab.terms("vocab/agencies.txt"))


def is_outlet(name: str) -> bool:
    """A news agency or outlet ("AFP", "the Associated Press"): a quote's outlet, never an actor."""
    return strip_the(name).casefold() in agencies() or name.casefold() in agencies()


def is_platform(name: str) -> bool:
    """A platform a statement is made on ("Telegram"): a quote's platform, never an actor."""
    return name.casefold() in platforms()


def strip_the(s: str) -> str:
    """A name without a leading "the" ("the Kremlin" -> "Kremlin")."""
    return s[4:] if s[:4].lower() == "the " else s
