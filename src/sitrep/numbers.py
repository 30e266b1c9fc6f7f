"""Numbers written in digits or words: '1,200', '11 million', 'twenty-five', 'dozens', 'a dozen'.

Shared by the counts stage (how many people) and the dates stage ('two days ago'). The word lists and
the values of vague quantities live in ``sitrep/data/vocab/numbers.json`` (vague quantities follow
ACLED's conservative coding; the file says where each value comes from).
"""
from __future__ import annotations

import re

from sitrep import vocab
from sitrep.resources import cached


def lexicon() -> dict:
    return vocab.table("vocab/numbers.json")


@cached
def _time_word() -> re.Pattern:
    return re.compile(r"(?i)(?:" + "|".join(re.escape(w) for w in vocab.table("dates/lexicon.json")["time_words"])
                      + r"|\d{4})")


def is_time_expression(text: str) -> bool:
    """Whether a spaCy DATE entity's text is a time expression: it holds a time word (``time_words`` of
    ``data/dates/lexicon.json``) or a year. The small model also labels counts DATE ("Between 10 and 15
    people"): the dates stage keeps only time expressions, and the counts stage reads the rest as numbers."""
    return bool(_time_word().search(text))


@cached
def word_values() -> dict[str, int]:
    lx = lexicon()
    return {**lx["units"], **lx["tens"], **lx["scales"]}


def vague_quantities() -> list[dict]:
    """Vague quantity phrases, longest first."""
    return sorted(lexicon()["vague"], key=lambda v: -len(v["text"]))


_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


def parse_number(words: list[str]) -> float | None:
    """Value of a number written as tokens: ['11', 'million'], ['two', 'hundred', 'and', 'fifty'],
    ['twenty', '-', 'five'], ['1,200'], ['a', 'hundred']. None when the tokens are not a number."""
    ws = [w.lower() for w in words if w not in ("-", "–", "and")]
    if not ws:
        return None
    values = word_values()
    total, current, seen = 0.0, 0.0, False
    for i, w in enumerate(ws):
        if _DIGITS.match(w):
            current += float(w.replace(",", ""))
        elif w in lexicon()["articles"] and i == 0 and len(ws) > 1:
            current += 1
        elif w in lexicon()["scales"]:
            scale = values[w]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        elif w in values:
            current += values[w]
        else:
            return None
        seen = True
    return total + current if seen else None


def is_number_word(w: str) -> bool:
    w = w.lower()
    return bool(_DIGITS.match(w)) or w in word_values()
