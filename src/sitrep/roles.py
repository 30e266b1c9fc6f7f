"""Role nouns (``data/vocab/roles.tsv``): titles held by one person ("governor"), bodies ("ministry"),
groups of people ("officials", "troops"), armed groups and civilians, each with its kind and, where the
word says it, a gender. The actors stage reads a role off the words before a name and accepts an unnamed
noun phrase as an actor; the quotes stage accepts such a phrase as a speaker; the events stage reads the
kind of an event's participants.
"""
from __future__ import annotations

from dataclasses import dataclass

from sitrep import vocab
from sitrep.resources import cached


@dataclass(frozen=True)
class Role:
    word: str
    kind: str  # person | group | organisation | armed group | civilians
    gender: str | None


@cached
def roles() -> dict[str, Role]:
    """Role nouns by lower-case word."""
    return {r[0]: Role(r[0], r[1], None if r[2] == "-" else r[2])
            for r in (ln.split("\t") for ln in vocab.terms("vocab/roles.tsv"))}
