"""Place and actor names across spellings: folding, a consonant skeleton for transliterations, matching.

Two reports of one incident spell its village differently (Dowlatabad / Dawlat Abad, Lokichokio /
Lokichoggio); the folds are data (``data/fusion/transliteration.json``).
"""
from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources

from sitrep.resources import cached


@cached(limit=1)
def _translit() -> dict:
    return json.loads(resources.files("sitrep.data").joinpath("fusion/transliteration.json").read_text())


@cached(limit=65536)
def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


@cached(limit=65536)
def fold(s: str | None) -> str:
    """ASCII letters and digits only: 'Dowlatābād' -> 'dowlatabad', 'Khan Abad' -> 'khanabad'."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]", "", s)


@cached(limit=65536)
def skeleton(s: str | None) -> str:
    """A spelling-blind key of a name: first letter, then consonants after transliteration folds."""
    f = fold(s)
    if not f:
        return ""
    t = _translit()
    for a, b in t["digraphs"].items():
        f = f.replace(a, b)
    f = "".join(t["letters"].get(c, c) for c in f)
    f = re.sub(r"(.)\1+", r"\1", f)  # a doubled letter counts once
    return f[0] + "".join(c for c in f[1:] if c not in t["drop"])


@cached(limit=65536)
def names_match(x: str | None, y: str | None) -> bool:
    """One place name, however spelt: equal when folded, or the same consonant skeleton (three
    consonants at least, so short names must agree letter for letter), or one a cut-off of the other
    ('Mazar' / 'Mazar-e Sharif'; four letters at least)."""
    fx, fy = fold(x), fold(y)
    if not fx or not fy:
        return False
    if fx == fy:
        return True
    sx, sy = skeleton(x), skeleton(y)
    short, long_ = (sx, sy) if len(sx) <= len(sy) else (sy, sx)
    if len(short) < 3 or min(len(fx), len(fy)) < 4:
        return False
    if sx == sy:
        return True
    # a name cut short: the shorter's words begin the longer (in folded or skeleton form)
    wx, wy = norm(x).split(), norm(y).split()
    wshort, wlong = (wx, wy) if len(wx) <= len(wy) else (wy, wx)
    if len(wshort) < len(wlong) and [fold(w) for w in wlong[:len(wshort)]] == [fold(w) for w in wshort]:
        return True
    return long_.startswith(short)
