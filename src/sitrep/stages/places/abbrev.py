"""Abbreviated first-level divisions after a town: "Barrie, Ont.", "Louisville, KY", "EDMONTON, Ky
(WBKO)". News style writes the state or province of a town as an agency abbreviation (AP and
Canadian Press stylebooks) or a postal code, which the NER model tags PERSON ("Que") or splits from
its full stop. An abbreviation counts only right after "Town," and only when the gazetteer has a
place of that name inside that division, so "Man.", "Miss." or "IN" elsewhere never become places.
The town becomes a mention too when nothing else found it, also before a spelled-out division or
country the article names ("all of Hugo, Oklahoma", "Buffalo, New York"): the gazetteer holding a
place of that name inside it is the evidence.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from sitrep.stages.places.evidence import name_before
from sitrep.stages.places.lexicon import division_abbrevs
from sitrep.stages.places.tokens import tokens

MAX_TOWN_TOKENS = 3
# the abbreviation, then what may follow it: punctuation, a bracket, a dash or the end of the line;
# a dotless abbreviation must not run on into a word ("Paris, Miss Smith")
_COMMA = re.compile(r",(?= *[A-Z]) *")  # a comma before a capitalised word: "Barrie, Ont."
_ABBR = re.compile(r"([A-Z][A-Za-z.]{0,5})(?=$|[\s,;:()\[\]\-–—\"'”’])")


def _divisions(text: str, pos: int, gaz):
    """The divisions the abbreviation at text[pos:] may stand for, as ([entry, ...], end offset), or None."""
    m = _ABBR.match(text, pos)
    if m is None:
        return None
    table = division_abbrevs()
    word = m.group(1)
    bare = word.rstrip(".")
    for key, written in ((word, word), (bare, bare), (bare + ".", word)):
        hit = table.get(key)
        if hit is None:
            continue
        end = pos + len(written)
        if not written.endswith(".") and re.match(r" [a-z]| [A-Z][a-z]", text[end:end + 3]):
            continue  # a dotless form runs on into the sentence ("Paris, Miss Smith")
        entries = [e for e in (gaz.admin1(*h) for h in hit) if e is not None]
        if entries:
            return entries, end
    return None


def _inside(cands, div) -> list:
    return [e for e in cands if e.kind in ("city", "admin2", "seat") and e.country == div.country
            and (div.kind == "country" or e.admin1_code == div.admin1_code)]


def _town(sp, k: int, taken: list, gaz, text: str, divs: list):
    """The free capitalised tokens right before the comma at k that name a town inside one of
    ``divs``, as (first token, candidates), or None. Not part of a person's name ("John Smith, Ky.")."""
    for n in range(MAX_TOWN_TOKENS, 0, -1):
        i = k - n
        if i < 0 or any(taken[i:k]) or not all(t.text[:1].isupper() and t.is_alpha and t.ent_type_ != "PERSON"
                                               for t in sp[i:k]):
            continue
        if name_before(sp, i, sentence_start=False) and sp[i - 1].is_alpha:
            continue  # the end of a longer name
        cands = gaz.lookup(text[sp[i].idx:sp[k - 1].idx + len(sp[k - 1])], variants=False)
        if any(_inside(cands, d) for d in divs):
            return i, cands
    return None


def find_division_abbrevs(doc, sp, gaz, mentions: list, taken: list, make) -> None:
    """Add "Town, Abbr." divisions to ``mentions``, and the town of "Town, Abbr." or
    "Town, Division" ("Hugo, Oklahoma", "Buffalo, New York") when nothing else found it.

    ``make(i, j, start, end, cands)`` builds a PlaceMention for tokens i..j at text[start:end];
    ``sp``: the parse or its Tokens."""
    text = doc.text
    sp = tokens(sp)
    starts = sp.idx  # token start offsets
    by_last = {m.j - 1: m for m in mentions}
    by_first = {m.i: m for m in mentions}

    def tok_at(offset: int):
        """The index of the token starting at ``offset``, or None."""
        n = bisect_left(starts, offset)
        return n if n < len(starts) and starts[n] == offset else None

    for hit_at in _COMMA.finditer(text):
        k, pos = tok_at(hit_at.start()), hit_at.end()
        if k is None or k == 0 or tok_at(pos) != k + 1:
            continue
        after = by_first.get(k + 1)
        if after is not None:  # "Town, Division": a division or country found already
            divs = [e for e in after.cands if e.kind in ("admin1", "country") and e.match != "skeleton"]
            if divs and k - 1 not in by_last and not after.adjectival:
                found = _town(sp, k, taken, gaz, text, divs)
                if found is not None:
                    i, cands = found
                    mentions.append(make(i, k, sp[i].idx, sp[k - 1].idx + len(sp[k - 1]), cands))
                    for t in range(i, k):
                        taken[t] = True
            continue
        if taken[k + 1]:
            continue
        hit = _divisions(text, pos, gaz)
        if hit is None:
            continue
        divs, end = hit
        town = by_last.get(k - 1)
        if town is not None:
            cands = town.cands
        else:
            found = _town(sp, k, taken, gaz, text, divs)
            if found is None:
                continue
            i, cands = found
            mentions.append(make(i, k, sp[i].idx, sp[k - 1].idx + len(sp[k - 1]), cands))
            for t in range(i, k):
                taken[t] = True
        div = next((d for d in divs if _inside(cands, d)), None)  # "Spokane, WA" is Washington
        if div is None:
            continue
        j = k + 1
        while j < len(sp) and sp[j].idx < end:
            j += 1
        mentions.append(make(k + 1, j, pos, end, [div]))
        for t in range(k + 1, j):
            taken[t] = True
