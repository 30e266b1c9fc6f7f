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

from sitrep import vocab
from sitrep.stages.places.lexicon import cues
from sitrep.stages.places.tokens import ids, sid, tokens

BIG_CITY = 200_000  # a town this big is a well-known place, whatever else its name is
_PROPN, _ADJ = sid("PROPN"), sid("ADJ")
_OF, _COMMA = sid("of"), sid(",")
_ARTICLES = ids(("the", "a", "an"))
_AND = ids(("and", "&"))
_LIST_LINKS = ids(("and", "or", ","))
_BEFORE_NAME = ids(("the", "a", "of", "and", ","))  # words locative() skips back over


def name_before(sp, i: int, *, sentence_start: bool = True) -> bool:
    """Whether the word before token i is capitalised and not an article, so that token i may
    go on a longer name ("St. Paul", "Racing Victoria", "Wellcome Trust Centre"). With
    ``sentence_start=False`` a sentence's first word does not count (it is capitalised anyway).
    ``sp``: the parse or its Tokens."""
    if i <= 0:
        return False
    tok = tokens(sp)
    if not tok.capitalised(i - 1) or tok.lower[i - 1] in _ARTICLES:
        return False
    return sentence_start or not tok.doc[i - 1].is_sent_start


def standalone(sp, i: int, j: int) -> bool:
    """Whether tokens i..j are a name of their own: no capitalised word right before ("St. Paul",
    "Racing Victoria", "Louisville Metro") and not inside a longer entity ("University of Georgia").
    ``sp``: the parse or its Tokens."""
    if name_before(sp, i):
        return False
    doc = tokens(sp).doc
    return doc[i].ent_iob_ != "I" and (j >= len(doc) or doc[j].ent_iob_ != "I")


def jurisdiction_after(sp, i: int, j: int) -> bool:
    """Whether a jurisdiction noun follows the name at tokens i..j, directly, after a division
    word ("Guerrero state police") or after a second name ("Devon and Cornwall police"), the name
    being a proper noun that starts the phrase. ``sp``: the parse or its Tokens."""
    tok = tokens(sp)
    lower = tok.lower
    if tok.pos[i] != _PROPN or name_before(tok, i):
        return False
    nouns = ids(cues()["jurisdiction_nouns"])
    if j + 1 < tok.n and lower[j] in _AND and tok.capitalised(j + 1):
        j += 2  # a joint service: "Devon and Cornwall police"
    for k in (j, j + 1):
        if k >= tok.n:
            return False
        if lower[k] in nouns:
            return True
        if lower[k] not in ids(cues()["admin_nouns"]):
            return False
    return False


def only_name_in_person(ent, i: int, j: int) -> bool:
    """Whether person entity ``ent`` has no proper noun outside tokens i..j."""
    return ent.label_ == "PERSON" and not any(t.pos_ == "PROPN" for t in ent
                                              if not i <= t.i < j)


def of_place_nouns() -> frozenset[str]:
    """Nouns whose "of" complement is most often a place (``data/places/of_place_nouns.txt``)."""
    return vocab.words("places/of_place_nouns.txt")


def of_cue(sp, i: int) -> bool:
    """Whether "of" before token i marks a place: after a compass word, a locative preposition,
    a jurisdiction noun or a noun whose "of" takes a place ("20 km north of Kyiv", "outside of
    Waterloo", "the mayor of Red Deer", "control of Bentiu") or
    after an age in apposition, the news style for where someone lives ("Paul Block, 49, of
    Waterloo"). ``sp``: the parse or its Tokens."""
    tok = tokens(sp)
    if i < 2 or tok.lower[i - 1] != _OF:
        return False
    sp = tok.doc
    prev = sp[i - 2]
    if prev.lower_ in cues()["direction_words"] or prev.lower_ in ("outside", "out"):
        return True
    if prev.lower_ in cues()["jurisdiction_nouns"]:
        return True  # "the mayor of Red Deer", "residents of Kherson"
    if prev.lemma_.lower() in of_place_nouns():
        return True  # "on the edge of Malakal", "took control of Bentiu" (of_place_nouns.txt)
    return i >= 4 and prev.text == "," and sp[i - 3].like_num and sp[i - 4].text == ","


def eponym(sp, i: int, j: int) -> bool:
    """Whether tokens i..j name a disease or pathogen after a place: "West Nile virus", "Marburg
    haemorrhagic fever", or an entity that ends in such a noun ("West Nile Virus"). ``sp``: the
    parse or its Tokens."""
    tok = tokens(sp)
    nouns, lower = ids(cues()["eponym_nouns"]), tok.lower
    if lower[j - 1] in nouns:
        return True
    k = j + 1 if j + 1 < tok.n and tok.pos[j] == _ADJ else j
    return k < tok.n and lower[k] in nouns


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


def full_name_words(sp, ents=None) -> frozenset[str]:
    """Words (folded) of the article's person entities of two or more proper nouns and no place or
    facility noun (the model tags "Children's Village Malakal" PERSON too). ``sp``: the parse or
    its Tokens; ``ents``: ``sp.ents``, when the caller has them (spaCy makes the spans anew on
    every read)."""
    c = cues()
    nouns = c["place_nouns"] | c["facility_nouns"] | c["settlement_nouns"]
    tok = tokens(sp)
    out = set()
    for ent in tok.doc.ents if ents is None else ents:
        if ent.label_ != "PERSON":
            continue
        names = [k for k in range(ent.start, ent.end) if tok.pos[k] == _PROPN]
        if len(names) >= 2 and not any(tok.lemma_lower(k) in nouns for k in range(ent.start, ent.end)):
            out.update(tok.lower_(k) for k in names)
    return frozenset(out)


def admin_after(sp, j) -> bool:
    """Whether a division word follows: "Donetsk region", "Lugansk and Donetsk regions". ``sp``:
    the parse or its Tokens."""
    tok = tokens(sp)
    doc, lower, n = tok.doc, tok.lower, tok.n
    nouns = ids(cues()["admin_nouns"])
    if j >= n:
        return False
    if lower[j] in nouns:
        # not an institution named after the place: "Paris Regional Medical Center"
        return not (tok.pos[j] == _ADJ or tok.lower_(j).endswith("al")) or not any(
            t.is_title and t.lemma_.lower() in cues()["facility_nouns"] for t in doc[j + 1:j + 4])
    if j + 2 < n and lower[j] in _LIST_LINKS and doc[j + 1].is_title:
        k = j + 2
        while k < n and k < j + 4 and doc[k].is_title:
            k += 1
        return k < n and lower[k] in nouns and tok.lower_(k).endswith("s")
    return False


def locative(sp, i, j) -> bool:
    """A cue that tokens i..j name a place: governed by a locative preposition, or next to a place
    noun. ``sp``: the parse or its Tokens."""
    c = cues()
    tok = tokens(sp)
    doc, lower = tok.doc, tok.lower
    k = i - 1
    while k >= 0 and lower[k] in _BEFORE_NAME and k > i - 4:
        if lower[k] == _OF and k >= 1 and tok.lemma_lower(k - 1) in c["place_nouns"]:
            return True  # "the town of Bucha"
        k -= 1
    if i > 0 and lower[i - 1] in ids(c["locative_preps"]) or of_cue(tok, i):
        return True
    if i >= 2 and tok.lemma_lower(i - 1) in c["place_nouns"]:
        return True  # "the capital Kyiv", "the city Mariupol"
    if j < tok.n and tok.lemma_lower(j) in c["place_nouns"]:
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


def titled(sp, i, j) -> bool:
    """Whether a person's title stands before tokens i..j ("Gov. Beshear") or opens them ("Ms
    Raggi"). ``sp``: the parse or its Tokens."""
    titles = cues()["person_titles"]
    tok = tokens(sp)
    if i > 0 and tok.lower_(i - 1).rstrip(".") in titles:
        return True
    return j - i >= 2 and tok.lower_(i).rstrip(".") in titles and tok.doc[i].is_title


def person_cue(sp, i, j) -> bool:
    """Whether tokens i..j are a person's name: a title before or inside it, a surname after it, an
    age. ``sp``: the parse or its Tokens."""
    tok = tokens(sp)
    doc, lower, n = tok.doc, tok.lower, tok.n
    if titled(tok, i, j) or i > 0 and tok.lower_(i - 1).endswith("-old"):
        return True
    if j < n and tok.pos[j] == _PROPN and (nxt := doc[j]).ent_type_ == "PERSON" and nxt.is_title:
        return True  # a surname follows
    if j + 2 < n and lower[j] == _COMMA and lower[j + 2] == _COMMA and doc[j + 1].like_num \
            and doc[j + 1].text.isdigit() and int(doc[j + 1].text) < 120:
        return True  # an age in apposition: "Burton, 39, runs a farm"
    head = doc[j - 1]
    if (head.n_lefts or head.n_rights) and any(t.dep_ == "amod" and t.lower_.endswith("-old") for t in head.children):
        return True  # (n_lefts, n_rights: counts the parse keeps; most names have no dependents)
    return False
