"""Metonymy: a capital or seat of power named as an actor ("sanctions against Moscow", "the Kremlin
denies", "Russia accused Kyiv of ...", "Moscow's troops") stands for its state's government.

Read off the dependency parse, after Markert & Nissim (2007, SemEval-2007 task 8: place-for-people
is the subject of communication/volition verbs, the object of verbs such as accuse or sanction,
and the possessor of nouns such as troops or government) and Gritta et al. (2018). Only capitals
and seats of power are flagged: a country name used as an actor ("Russia invaded") is still a
country mention in this layer, and its actor reading is the actors stage's business.
"""
from __future__ import annotations

from sitrep.stages.places.lexicon import cues


def is_metonym(sp, i: int, j: int) -> bool:
    """Whether tokens i..j (a capital or seat of power) are used for the government there."""
    c = cues()
    head = sp[j - 1]
    # "Moscow-backed separatists": the name fused with a participle by a hyphen
    if j + 1 < len(sp) and sp[j].text == "-" and sp[j + 1].lower_ in c["metonym_hyphen_suffixes"]:
        return True
    tok = head
    # climb out of a conjunction ("Moscow and Beijing said")
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    dep, gov = tok.dep_, tok.head
    lemma = gov.lemma_.lower()
    if dep in ("nsubj", "nsubjpass") and lemma in c["metonym_subject_verbs"]:
        return True
    if dep in ("dobj", "dative") and lemma in c["metonym_object_verbs"]:
        return True
    if dep == "poss" and lemma in c["metonym_possessed_nouns"]:
        return True
    if dep == "pobj" and gov.dep_ == "prep":
        top = gov.head
        if top.lemma_.lower() in c["metonym_governing_nouns"] or top.lower_ in c["metonym_governing_nouns"]:
            return True  # "sanctions against Moscow", "talks with Kyiv"
        if top.pos_ == "VERB" and top.lemma_.lower() in c["metonym_object_verbs"] and gov.lower_ in ("on", "to"):
            return True  # "pressure on Moscow", "appeal to Kyiv"
    return False
