"""Name keys for gazetteer look-ups: a folded key (case, accents, punctuation) and a looser
transliteration skeleton that unites spelling families such as Kharkov/Kharkiv, Lugansk/Luhansk,
Odessa/Odesa or Dnepropetrovsk/Dnipropetrovsk.

The skeleton rules are general properties of romanisation, not lists of places: vowels vary
between Russian- and Ukrainian-based spellings (o/i, e/i, y/i), Cyrillic г is romanised g or h,
х is kh, h or x, й is y, j or i, ц is ts, tz or c, doubled letters come and go, and soft signs
become apostrophes or nothing (BGN/PCGN and the Ukrainian national system, compared in
https://en.wikipedia.org/wiki/Romanization_of_Ukrainian).
"""
from __future__ import annotations

import re
import unicodedata

_APOS = re.compile(r"[\u2018\u2019\u02bc\u02b9\u2032'`\u00b4]")
_NONWORD = re.compile(r"[^\w]+")
_SPACE = re.compile(r"\s+")
_PLAIN = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")  # ASCII words single-spaced: fold only lower-cases
_TRANSLIT = (("shch", "s"), ("sch", "s"), ("zh", "z"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("ts", "c"),
             ("tz", "c"), ("cz", "c"), ("sz", "s"), ("ph", "f"), ("w", "v"), ("g", "h"), ("x", "h"),
             ("q", "k"), ("ck", "k"))
_VOWELS = re.compile(r"[aeiouyj]")
_DOUBLE = re.compile(r"(.)\1+")


def strip_accents(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ß", "ss").replace("ı", "i")


def fold(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Donets’k" -> "donetsk", "U.S." -> "us"."""
    if _PLAIN.fullmatch(name):
        return name.lower()  # most names: nothing to strip or merge (the steps below give the same)
    s = _APOS.sub("", name)
    s = s.casefold() if s.isascii() else strip_accents(s).casefold()
    s = s.replace(".", "")
    s = _NONWORD.sub(" ", s).replace("_", " ")
    return _SPACE.sub(" ", s).strip()


def _translit(name: str) -> str:
    """The folded name without spaces, romanisation variants merged (the common step of
    :func:`skeleton` and :func:`consonant_frame`)."""
    s = fold(name).replace(" ", "")
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    return s


def skeleton(name: str) -> str:
    """Transliteration-insensitive key: consonants after the first letter, with romanisation
    variants merged. "Kharkov" and "Kharkiv" -> "hrkv"; "Lugansk" and "Luhansk" -> "lhnsk"."""
    s = _translit(name)
    return _DOUBLE.sub(r"\1", s[0] + _VOWELS.sub("", s[1:])) if s else ""


def consonant_frame(name: str) -> str:
    """A stricter check on two names that share a skeleton: doubled letters merged first, then the
    vowels dropped, so consonants that only vowels kept apart stay two ("Bariyarpur" keeps r-r-p-r,
    "Baruipur" has r-p-r), while "Kharkov"/"Kharkiv" and "Odessa"/"Odesa" still agree."""
    s = _DOUBLE.sub(r"\1", _translit(name))
    return s[0] + _VOWELS.sub("", s[1:]) if s else ""


def undouble(folded: str) -> str:
    """A folded name with doubled letters made single: "hiiraan" and "hiraan" -> "hiran" (Somali and
    other orthographies write long vowels and geminates double; English spellings of the same names
    often do not)."""
    return _DOUBLE.sub(r"\1", folded)


def without_article(folded: str, articles: frozenset[str]) -> str | None:
    """A folded name without its leading article ("al busayrah" -> "busayrah"), or None when it has
    none or is the article alone."""
    head, _, rest = folded.partition(" ")
    return rest if rest and head in articles else None


def somali_key(folded: str, letters: dict) -> str:
    """A folded name (no hyphens left) as English usage spells a Somali one: no spaces, Somali letters
    replaced (``letters``, from ``data/places/somali_spelling.json``) and doubled letters single ("ceel
    dheere" and "el dhere" -> "eldhere")."""
    s = folded.replace(" ", "")
    for a, b in letters.items():
        s = s.replace(a, b)
    return undouble(s)


def is_latin_name(name: str) -> bool:
    """A name written in Latin letters and capitalised like a proper name (GeoNames also lists
    lower-case romanisations of Chinese, Thai, Korean names, which only add noise here)."""
    if not name or not name[0].isupper():
        return False
    if name.isascii():
        return True
    for c in name:
        if c.isalpha() and not ("LATIN" in unicodedata.name(c, "") or c.isascii()):
            return False
    return True


def izafe_forms(name: str) -> list[str]:
    """Other romanisations of a Persian or Pashto izafe name: "Kuhi Safed", "Kuh-i Safed" and
    "Kuh-ye Safed" for GeoNames' "Kuh-e Safed" (the BGN/PCGN form), and the reverse. Only for a name of
    two or more words whose first word carries the izafe: an "-e", "-i" or "-ye" particle, or a final
    "i" on a word of four letters or more."""
    words = name.split(" ", 1)
    if len(words) < 2 or not words[1][:1].isupper():
        return []
    first, rest = words
    head = None
    for p in ("-e", "-i", "-ye"):
        if first.endswith(p) and len(first) - len(p) >= 3:
            head = first[: -len(p)]
    if head is None and len(first) >= 4 and first.endswith("i") and first.isalpha():
        head = first[:-1]
    if head is None:
        return []
    return [f"{head}{p} {rest}" for p in ("-e", "-i", "-ye", "i") if f"{head}{p}" != first]
