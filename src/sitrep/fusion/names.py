"""Place and actor names across spellings: folding, a consonant skeleton for transliterations, matching.

Two reports of one incident spell its village differently (Dowlatabad / Dawlat Abad, Lokichokio /
Lokichoggio); the folds are data (``data/fusion/transliteration.json``).
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata

from sitrep import vocab
from sitrep.resources import cached


@cached(limit=1)
def _translit() -> dict:
    return json.loads(vocab.read_text("fusion/transliteration.json"))


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
        return similar(fx, fy)
    # a name cut short: the shorter's words begin the longer ('Mazar' / 'Mazar-e Sharif')
    wx, wy = norm(x).split(), norm(y).split()
    wshort, wlong = (wx, wy) if len(wx) <= len(wy) else (wy, wx)
    if len(wshort) < len(wlong) and [fold(w) for w in wlong[:len(wshort)]] == [fold(w) for w in wshort]:
        return True
    fshort, flong = (fx, fy) if len(fx) <= len(fy) else (fy, fx)
    return long_.startswith(short) and flong.startswith(fshort)


def similar(fx: str, fy: str) -> bool:
    """Two folded spellings close enough letter for letter to be one name (their skeletons agree): a
    consonant skeleton of three letters is shared by unrelated names (Tarkh / Toruk, Norvan / Norvanyah)."""
    t = _translit()
    if abs(len(fx) - len(fy)) > t["max_length_gap"]:
        return False
    return difflib.SequenceMatcher(None, fx, fy).ratio() >= t["min_similarity"]


# A capitalised word of running text (hyphenated names stay one word: "Mazar-e-Sharif", "Dasht-e-Noor")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def _capitalised_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words with only spaces between them; all-capital words (datelines,
    acronyms) end a run and are left out."""
    runs, run, last = [], [], -1
    for m in _WORD.finditer(text or ""):
        w = re.sub(r"['’]s$", "", m.group().rstrip("-'’"))
        cap = w[:1].isupper() and not (len(w) > 1 and w.isupper())
        if cap and run and text[last:m.start()].strip(" ") == "":
            run.append(w)
        else:
            if run:
                runs.append(run)
            run = [w] if cap else []
        last = m.end()
    if run:
        runs.append(run)
    return runs


def name_keys(text: str, *, longest: int = 3) -> dict[str, frozenset[str]]:
    """Every name-like phrase of a text (one to ``longest`` capitalised words in a row), folded, under its
    consonant skeleton. :func:`named_in` looks a place name up in them: a place the places layer missed
    in one report ("Kenya's Laikipia county") is still found when another report names it."""
    out: dict[str, set[str]] = {}
    for run in _capitalised_runs(text):
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + longest) + 1):
                f = fold(" ".join(run[i:j]))
                if len(f) >= 4:  # short names ("Di") are too often something else in running text
                    out.setdefault(skeleton(f), set()).add(f)
    return {k: frozenset(v) for k, v in out.items()}


def named_in(name: str | None, keys: dict[str, frozenset[str]]) -> bool:
    """The place name occurs among a text's :func:`name_keys`: the same letters once folded, or the same
    skeleton and a :func:`similar` spelling (Dowlatabad / Dawlat Abad, Lokichoggio / Lokichokio)."""
    f = fold(name)
    if len(f) < 4 or not keys:
        return False
    got = keys.get(skeleton(f), ())
    return f in got or any(similar(f, g) for g in got)
