"""Is an article in English? A cheap, deterministic check with no model and no download.

Two cues, both from ``sitrep/data/language/function_words.json``:

* the script: when most letters are not Latin, the script names the language (Cyrillic with
  Ukrainian-only letters is Ukrainian, Arabic with Persian-only letters is Persian, ...);
* function words: running English has about 40% of its words among the 60 most frequent
  function words; other languages have their own. The share of each list among the first
  words of the text tells English from French, German, Spanish and the rest.

Short texts (fewer than :data:`MIN_WORDS` words) pass: too little to tell, and a headline
with two names in it is no reason to refuse an article. Share of function words, not
n-grams, after Grefenstette (1995), "Comparing two language identification schemes".
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sitrep import vocab
from sitrep.resources import cached

MIN_WORDS = 25  # fewer words than this: too short to tell, accepted
MIN_ENGLISH_SHARE = 0.15  # English news text runs at 0.35-0.5; a list of names with captions at ~0.2
SAMPLE_CHARS = 6_000  # the first thousand words or so are enough to tell
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\x00-\u036f]")


@dataclass(frozen=True)
class Verdict:
    english: bool
    language: str | None  # the likely language, when known
    reason: str  # one line, for an InputError or a log


@cached
def _data() -> tuple[dict[str, tuple[str, frozenset[str]]], list[dict]]:
    raw = json.loads(vocab.read_text("language/function_words.json"))
    langs = {code: (v["name"], frozenset(v["words"])) for code, v in raw["languages"].items()}
    return langs, raw["scripts"]


def _script(sample: str) -> tuple[str, float] | None:
    """The non-Latin script most letters are in, with its share of letters; None if mostly Latin."""
    _, scripts = _data()
    if len(_NON_LATIN_LETTER.findall(sample)) < 0.25 * len(sample):  # mostly Latin or not letters
        return None
    letters = 0
    counts = [0] * len(scripts)
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        o = ord(ch)
        if o < 0x370:  # Latin (with its accents)
            continue
        for i, s in enumerate(scripts):
            if any(lo <= o <= hi for lo, hi in s["ranges"]):
                counts[i] += 1
                break
    if not letters:
        return None
    i = max(range(len(scripts)), key=counts.__getitem__)
    if counts[i] / letters < 0.5:
        return None
    name = scripts[i]["name"]
    if name == "Chinese":
        kana = counts[next(j for j, s in enumerate(scripts) if s["name"] == "Japanese")]
        if kana >= 0.2 * counts[i]:
            name = "Japanese"
    for lang, marks in (scripts[i].get("marks") or {}).items():
        if any(m in sample for m in marks):
            name = lang
            break
    return name, counts[i] / letters


def check_english(text: str) -> Verdict:
    """Tell whether ``text`` is English; the reason names the likely language when it is not."""
    sample = text[:SAMPLE_CHARS]
    script = _script(sample)
    if script:
        name, share = script
        return Verdict(False, name, f"not in English: likely {name} ({share:.0%} of the letters in its script)")
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return Verdict(True, None, f"too short to tell the language ({len(words)} words)")
    langs, _ = _data()
    shares = {code: sum(w in fw for w in words) / len(words) for code, (_, fw) in langs.items()}
    en = shares.pop("en")
    best = max(shares, key=shares.__getitem__)
    if en >= MIN_ENGLISH_SHARE and en >= shares[best]:
        return Verdict(True, "English", f"English ({en:.0%} English function words)")
    if shares[best] > en:
        name = langs[best][0]
        return Verdict(False, name, f"not in English: looks like {name} "
                                    f"({shares[best]:.0%} {name} function words, {en:.0%} English)")
    return Verdict(False, None, f"does not look like English (only {en:.0%} English function words)")
