"""Places named after a settlement noun: "the village of Xinmo", "the towns of Haris and
Varzaqan", "four villages: Kampungu, Makonono and Mombo". The construction says the name is a
place even when the gazetteer lacks it (small villages, new spellings), so the name becomes a
mention; with no candidates it stays unresolved with its reason, which tells an analyst a place
was named that could not be pinned.
"""
from __future__ import annotations

from sitrep.stages.places.lexicon import cues

MAX_NAME = 3  # tokens in one name


def _name_end(sp, k: int, taken: list) -> int:
    """The end of a run of free capitalised proper nouns starting at k (k itself if none)."""
    j = k
    while j < len(sp) and j - k < MAX_NAME and not taken[j] and sp[j].pos_ == "PROPN" and sp[j].is_title \
            and sp[j].is_alpha:
        j += 1
    return j


def _before_of_or_colon(sp, lower=None):
    """The tokens followed by "of" or ":", the only ones the construction can start at (reading
    the lower-case column once costs less than making a Token for every word). ``lower``: the
    column of lower-case string ids (a numpy array), when the caller has it."""
    import numpy as np
    from spacy.attrs import LOWER

    if len(sp) < 2:
        return []
    strings = sp.vocab.strings
    if lower is None:
        lower = sp.to_array(LOWER)
    after = lower[1:]
    # ":" has no case: its lower-case form is its text
    return [sp[k] for k in np.flatnonzero((after == strings["of"]) | (after == strings[":"])).tolist()]


def find_named_by_place_noun(sp, gaz, mentions: list, taken: list, make, lower=None) -> None:
    """Add the names after "<settlement noun> of" or "<settlement nouns>:" (and names coordinated
    with them) that nothing found; ``lower`` as for :func:`_before_of_or_colon`."""
    nouns = cues()["settlement_nouns"]
    for t in _before_of_or_colon(sp, lower):
        if t.lemma_.lower() not in nouns or t.i + 2 >= len(sp):
            continue
        # "the village of X", or a plural noun introducing a list: "four villages: A, B and C"
        if sp[t.i + 1].lower_ != "of" and not (sp[t.i + 1].text == ":" and t.tag_ == "NNS"):
            continue
        k = t.i + 2
        while k < len(sp):
            j = _name_end(sp, k, taken)
            if j == k or j < len(sp) and sp[j].text in ("'s", "’s"):
                break
            if j < len(sp) and sp[j].ent_iob_ == "I" and sp[j].lower_ not in ("and", ",", "or"):
                break  # the name runs on into a longer one ("the city of Chicago Bulls")
            text = sp[k:j].text
            mentions.append(make(k, j, sp[k].idx, sp[j - 1].idx + len(sp[j - 1]),
                                 gaz.lookup(text, variants=False)))
            for x in range(k, j):
                taken[x] = True
            # coordinated names: "the villages of Foua and Kfraya", "of A, B and C"
            if j + 1 < len(sp) and sp[j].lower_ in ("and", ",", "or"):
                k = j + 1 + (sp[j].text == "," and j + 2 < len(sp) and sp[j + 1].lower_ == "and")
                continue
            break
