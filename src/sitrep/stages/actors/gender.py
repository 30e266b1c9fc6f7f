"""First-name genders for pronoun resolution ("he said" -> the last male person).

Look-ups read ``sitrep/data/actors/first_names.tsv`` (name, gender, sources), built from lists of
three MIT-licensed PyPI packages by :mod:`sitrep.stages.actors.gender_build`, whose docstring gives
the sources and the rule. Look-ups ignore case and accents.
"""
from __future__ import annotations

import unicodedata

from sitrep import vocab
from sitrep.resources import cached

DATA = ("actors", "first_names.tsv")


# letters that Unicode does not decompose into a base letter and an accent
_PLAIN = str.maketrans({"ı": "i", "ə": "a", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"})


def fold(name: str) -> str:
    """Casefold and drop accents: "José" and "JOSE" -> "jose", "Rəşad" -> "rasad", "Aydın" -> "aydin"."""
    s = unicodedata.normalize("NFKD", name.casefold().translate(_PLAIN))
    return "".join(c for c in s if not unicodedata.combining(c))


@cached
def _table() -> dict[str, str | None]:
    """Folded first name -> 'male', 'female' or None (a name of either sex)."""
    text = vocab.read_text(f"{DATA[0]}/{DATA[1]}")
    out: dict[str, str | None] = {}
    for ln in text.splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        name, gender = ln.split("\t")[:2]
        g = gender if gender in ("male", "female") else None
        for key in {name.casefold(), fold(name)}:
            out[key] = g if out.get(key, g) == g else None  # "André" and "Andre" listed for different sexes
    return out


def _looks_like_first_name(name: str) -> bool:
    return bool(name[:1].isupper()) and not (name.isupper() and len(name) > 1)  # not NATO, not "said"


@cached(limit=4096)
def first_name_gender(name: str) -> str | None:
    """'male', 'female' or None for a first name (None also for a name of either sex or no name)."""
    if not _looks_like_first_name(name):
        return None
    t = _table()
    return t.get(name.casefold()) or t.get(fold(name))


@cached(limit=4096)
def is_first_name(name: str) -> bool:
    """A capitalised word the name table lists, whatever its gender."""
    if not _looks_like_first_name(name):
        return False
    t = _table()
    return name.casefold() in t or fold(name) in t
