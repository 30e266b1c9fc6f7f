"""Cues that a run of capitalised words names a place, or a person. :mod:`.detect` asks them of
gazetteer matches the NER model did not label as places:

* :func:`locative`: governed by a locative preposition ("from Kyiv") or next to a place noun ("the
  town of Bucha", "the capital Kyiv", "Lugansk region"); :func:`admin_after`: a division word after
  it ("Donetsk region");
* :func:`person_cue`, which vetoes a place: a title before it, a surname after it, an age ("38-year-old
  Volodymyr", "Burton, 39,");
* a jurisdiction noun after the name ("Winnipeg police", "Enfield Council", "Glasgow residents"): local
  institutions are named after the place they serve, so the name is a place even at the start of
  a sentence or inside the organisation's name;
* one sense per discourse (Gale, Church and Yarowsky 1992): a name the NER model labels a place
  elsewhere in the article, and never uses inside a longer person's name, is that place here too
  ("Chad" tagged PERSON at the start of one sentence of an article about Chad);
* a person entity with no proper noun besides the place name ("Sri Lanka - approximately"):
  the label is the model's mistake, not a person;
* "of" after a compass word, a locative preposition or a jurisdiction noun ("north of Kyiv",
  "outside of Waterloo", "the mayor of Red Deer"), or after an age in apposition ("Paul Block,
  49, of Waterloo").

Evidence against: a disease or pathogen named after a place ("West Nile virus"), and one sense per
discourse for people: a single name that is a word of a person's full name elsewhere in the
article ("Andrew Brunson" ... "Brunson said") is that person, unless a cue says place.
"""
from __future__ import annotations

from sitrep.stages.places.lexicon import cues

BIG_CITY = 200_000  # a town this big is a well-known place, whatever else its name is


def standalone(sp, i: int, j: int) -> bool:
    """Whether tokens i..j are a name of their own: no capitalised word right before ("St. Paul",
    "Racing Victoria", "Louisville Metro") and not inside a longer entity ("University of Georgia")."""
    if i > 0 and sp[i - 1].text[:1].isupper() and sp[i - 1].lower_ != "the":
        return False
    return sp[i].ent_iob_ != "I" and (j >= len(sp) or sp[j].ent_iob_ != "I")


def jurisdiction_after(sp, i: int, j: int) -> bool:
    """Whether a jurisdiction noun follows the name at tokens i..j, directly, after a division
    word ("Guerrero state police") or after a second name ("Devon and Cornwall police"), the name
    being a proper noun that starts the phrase."""
    if sp[i].pos_ != "PROPN" or i > 0 and sp[i - 1].text[:1].isupper() and sp[i - 1].lower_ not in ("the", "a", "an"):
        return False
    nouns = cues()["jurisdiction_nouns"]
    if j + 1 < len(sp) and sp[j].lower_ in ("and", "&") and sp[j + 1].text[:1].isupper():
        j += 2  # a joint service: "Devon and Cornwall police"
    for k in (j, j + 1):
        if k >= len(sp):
            return False
        if sp[k].lower_ in nouns:
            return True
        if sp[k].lower_ not in cues()["admin_nouns"]:
            return False
    return False


def only_name_in_person(ent, i: int, j: int) -> bool:
    """Whether person entity ``ent`` has no proper noun outside tokens i..j."""
    return ent.label_ == "PERSON" and not any(t.pos_ == "PROPN" for t in ent
                                              if not i <= t.i < j)


def of_cue(sp, i: int) -> bool:
    """Whether "of" before token i marks a place: after a compass word, a locative preposition or
    a jurisdiction noun ("20 km north of Kyiv", "outside of Waterloo", "the mayor of Red Deer") or
    after an age in apposition, the news style for where someone lives ("Paul Block, 49, of
    Waterloo")."""
    if i < 2 or sp[i - 1].lower_ != "of":
        return False
    prev = sp[i - 2]
    if prev.lower_ in cues()["direction_words"] or prev.lower_ in ("outside", "out"):
        return True
    if prev.lower_ in cues()["jurisdiction_nouns"]:
        return True  # "the mayor of Red Deer", "residents of Kherson"
    return i >= 4 and prev.text == "," and sp[i - 3].like_num and sp[i - 4].text == ","


def eponym(sp, i: int, j: int) -> bool:
    """Whether tokens i..j name a disease or pathogen after a place: "West Nile virus", "Marburg
    haemorrhagic fever", or an entity that ends in such a noun ("West Nile Virus")."""
    nouns = cues()["eponym_nouns"]
    if sp[j - 1].lower_ in nouns:
        return True
    k = j + 1 if j + 1 < len(sp) and sp[j].pos_ == "ADJ" else j
    return k < len(sp) and sp[k].lower_ in nouns


def person_surname(m, person_words: frozenset[str], countries=None) -> bool:
    """Whether one-word mention ``m`` is a word of a person's full name in the article and nothing
    in its candidates makes it a well-known place (a country or big city; a division is not enough:
    "Selim Aydin" ... "Aydin said", with Aydın a Turkish province). With ``countries`` (those of the
    article's other places), a country counts only when the article names a place in it: "Georgia
    Stevens" ... "Georgia began skating" in an article about Alberta is the skater."""
    if m.j - m.i != 1 or m.adjectival or m.part or m.key not in person_words:
        return False
    return not any(e.kind == "region" or e.kind == "country" and (countries is None or e.country in countries)
                   or e.kind not in ("admin1", "country") and e.population >= BIG_CITY
                   for e in m.cands if e.match != "skeleton")


def full_name_words(sp) -> frozenset[str]:
    """Words (folded) of the article's person entities of two or more proper nouns and no place or
    facility noun (the model tags "Children's Village Malakal" PERSON too)."""
    c = cues()
    nouns = c["place_nouns"] | c["facility_nouns"] | c["settlement_nouns"]
    out = set()
    for ent in sp.ents:
        if ent.label_ == "PERSON" and sum(t.pos_ == "PROPN" for t in ent) >= 2 \
                and not any(t.lemma_.lower() in nouns for t in ent):
            out.update(t.lower_ for t in ent if t.pos_ == "PROPN")
    return frozenset(out)


def admin_after(doc, j) -> bool:
    """Whether a division word follows: "Donetsk region", "Lugansk and Donetsk regions"."""
    nouns = cues()["admin_nouns"]
    if j < len(doc) and doc[j].lower_ in nouns:
        # not an institution named after the place: "Paris Regional Medical Center"
        return not (doc[j].pos_ == "ADJ" or doc[j].lower_.endswith("al")) or not any(
            t.is_title and t.lemma_.lower() in cues()["facility_nouns"] for t in doc[j + 1:j + 4])
    if j + 2 < len(doc) and doc[j].lower_ in ("and", "or", ",") and doc[j + 1].is_title:
        k = j + 2
        while k < len(doc) and k < j + 4 and doc[k].is_title:
            k += 1
        return k < len(doc) and doc[k].lower_ in nouns and doc[k].lower_.endswith("s")
    return False


def locative(doc, i, j) -> bool:
    """A cue that tokens i..j name a place: governed by a locative preposition, or next to a place noun."""
    c = cues()
    k = i - 1
    while k >= 0 and doc[k].lower_ in ("the", "a", "of", "and", ",") and k > i - 4:
        if doc[k].lower_ == "of" and k >= 1 and doc[k - 1].lemma_.lower() in c["place_nouns"]:
            return True  # "the town of Bucha"
        k -= 1
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and prev.lower_ in c["locative_preps"] or of_cue(doc, i):
        return True
    if prev is not None and prev.lemma_.lower() in c["place_nouns"] and prev.i >= 1:
        return True  # "the capital Kyiv", "the city Mariupol"
    if j < len(doc) and doc[j].lemma_.lower() in c["place_nouns"]:
        return True  # "Lugansk region", "Bucha town"
    head = doc[j - 1]
    # governed, directly or through "the streets of", by a locative preposition
    tok = head
    for _ in range(3):
        if tok.dep_ not in ("pobj", "compound") or tok.head is tok:
            break
        prep = tok.head if tok.dep_ == "pobj" else tok.head.head
        if prep.lower_ in c["locative_preps"]:
            return True
        if prep.lower_ != "of" or prep.head is prep:
            break
        tok = prep.head
    if head.dep_ == "appos" and head.head.lemma_.lower() in c["place_nouns"]:
        return True
    return False


def person_cue(doc, i, j) -> bool:
    """Whether tokens i..j are a person's name: a title before or inside it, a surname after it, an age."""
    c = cues()
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and (prev.lower_.rstrip(".") in c["person_titles"] or prev.lower_.endswith("-old")):
        return True
    if j - i >= 2 and doc[i].lower_.rstrip(".") in c["person_titles"] and doc[i].is_title:
        return True  # the title is inside the name: "Ms Raggi"
    nxt = doc[j] if j < len(doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_ == "PERSON" and nxt.is_title:
        return True  # a surname follows
    if j + 2 < len(doc) and nxt.text == "," and doc[j + 1].like_num and doc[j + 2].text == "," \
            and doc[j + 1].text.isdigit() and int(doc[j + 1].text) < 120:
        return True  # an age in apposition: "Burton, 39, runs a farm"
    head = doc[j - 1]
    if (head.n_lefts or head.n_rights) and any(t.dep_ == "amod" and t.lower_.endswith("-old") for t in head.children):
        return True  # (n_lefts, n_rights: counts the parse keeps; most names have no dependents)
    return False
