"""Places named with their divisions, in the fixed patterns of conflict and crisis reporting:

    "in X (Y, Z)"            "X, Y district"            "X of Y district, Z"
    "X village in Y LGA (Z)" "X subcounty, Y"           "in X, Y"  (Y a division)

Small villages are often missing from the gazetteer and the NER model tags many of them as persons,
so nothing else finds them. A chain of names linked by a comma, a parenthesis or "of"/"in" before a
division noun (``data/places/division_nouns.txt``) is taken as a place and its containers when one of
the containers is a first- or second-level division the gazetteer knows, or is named with a division
noun; a bare "X, Y" also needs a locative cue before X ("in X, Y"). Every name of the chain that no
earlier pass found becomes a mention (without candidates when the gazetteer lacks it): resolution
then reads the containment (:func:`sitrep.stages.places.relations.containment`) and places a name it
cannot find on the smallest division that holds it.
"""
from __future__ import annotations

from sitrep import vocab
from sitrep.resources import cached
from sitrep.stages.places.evidence import locative, person_cue
from sitrep.stages.places.lexicon import cues
from sitrep.stages.places.tokens import Tokens, apostrophe_word, ids, sid

MAX_NAME = 4  # tokens in one name ("Dasht - e Noor")
DIVISION_KINDS = ("admin1", "admin2")
# a town this big, in brackets after a place, is its container: a well-known town news names a division by
# (set by hand, as the places stage's other town sizes: a tenth of evidence.BIG_CITY)
TOWN_IN_BRACKETS = 20_000


def division_nouns() -> frozenset[str]:
    """Lower-case nouns that follow a division's name (``division_nouns.txt``)."""
    return vocab.words("places/division_nouns.txt")


@cached
def _place_nouns() -> frozenset[str]:
    c = cues()
    return c["settlement_nouns"] | c["place_nouns"]


def _name_end(sp, k: int) -> int:
    """One past a run of capitalised words from token k, with hyphenated particles inside
    ("Dasht-e Noor", "Sar-e Pul"); k itself when token k starts no name."""
    particles = cues()["name_particles"]
    inner, articles = inner_particles(), vocab.words("places/arabic_articles.txt")
    j = k
    while j < len(sp) and j - k < MAX_NAME:
        t = sp[j]
        if t.is_alpha and t.text[:1].isupper():
            j += 1
            continue
        if j > k and t.lower_ in inner and j + 1 < len(sp) and sp[j + 1].is_alpha and sp[j + 1].text[:1].isupper():
            j += 2  # "Valle del Cauca", "Mocimboa da Praia", "Ras al Ain"
            continue
        if j > k and t.lower_ in articles and j + 2 < len(sp) and sp[j + 1].text == "-" and not t.whitespace_ \
                and not sp[j + 1].whitespace_ and sp[j + 2].is_alpha and sp[j + 2].text[:1].isupper():
            j += 3  # "Deir ez-Zor", "Tell as-Sultan": an Arabic article joined to the next word
            continue
        if j > k and t.text == "-" and j + 1 < len(sp) and sp[j + 1].is_alpha and (
                sp[j + 1].text[:1].isupper() or sp[j + 1].lower_ in particles or len(sp[j + 1]) <= 2):
            j += 2
            continue
        break
    return j if j > k and sp[j - 1].is_alpha else k


def _container_end(sp, k: int) -> int:
    """One past the name of a container from token k (:func:`_name_end`), less a capitalised division
    noun that ends it ("Tana River District", "Zhari District"): the noun names the name's kind, and
    the name is looked up without it (k itself when token k starts no name)."""
    j = _name_end(sp, k)
    if j - k >= 2 and sp[j - 1].lower_ in division_nouns():
        j -= 1
    return j


def noun_len(sp, j: int) -> int:
    """How many tokens the division noun at token j spans: 1 ("district"), 3 for a hyphenated one the
    tokenizer splits ("sub - county"), 0 when none starts there. ``sp``: the parse or its Tokens."""
    lower = sp.lower_ if isinstance(sp, Tokens) else (lambda k: sp[k].lower_)
    n = len(sp) if not isinstance(sp, Tokens) else sp.n
    if j >= n:
        return 0
    if lower(j) in division_nouns():
        return 1
    if j + 2 < n and lower(j + 1) == "-" and f"{lower(j)}-{lower(j + 2)}" in division_nouns():
        return 3
    return 0


def _noun_after(sp, j: int) -> bool:
    return noun_len(sp, j) > 0


def _is_division(gaz, sp, i: int, j: int) -> bool:
    """Whether the name is a division: named with a division noun, or a division in the gazetteer."""
    if _noun_after(sp, j):
        return True
    return any(e.kind in DIVISION_KINDS and e.match != "skeleton" for e in gaz.lookup(sp[i:j].text, variants=False))


def _town_in_brackets(gaz, sp, e: int, link: tuple[int, int]) -> bool:
    """Whether the first container, after the place that ends at token e, is a town in brackets the gazetteer
    holds by its name or an alternate name, with ``TOWN_IN_BRACKETS`` people or more: "in Hays (Hodeidah)"
    names the governorate by its capital. (Not in capitals: "in Paris (AFP)".)"""
    a, b = link
    if not any(sp[k].text == "(" for k in range(e, a)) or sp[a:b].text.isupper():
        return False
    return any(x.kind == "city" and x.match != "skeleton" and x.population >= TOWN_IN_BRACKETS
               for x in gaz.lookup(sp[a:b].text, variants=False))


def _chain(sp, i: int, j: int) -> tuple[list[tuple[int, int]], bool]:
    """The names after the name at tokens i..j that the text links to it as its containers, and
    whether a link is strong (a parenthesis or "of"/"in" before a division noun)."""
    out: list[tuple[int, int]] = []
    strong = False
    n = len(sp)
    k = j
    if k < n and (noun_len(sp, k) or sp[k].lemma_.lower() in _place_nouns()):
        strong = strong or noun_len(sp, k) > 0
        k += max(1, noun_len(sp, k))  # "X district, Y", "X village in Y LGA", "X sub-county, Y"
    for _ in range(3):
        if k >= n:
            break
        w = sp[k].lower_
        if w in ("(", ","):
            a = k + 1
            b = _container_end(sp, a)
            if b == a:
                break
            out.append((a, b))
            strong = strong or w == "("
            k = b + noun_len(sp, b)
            while w == "(" and k < n and sp[k].text == "," and _name_end(sp, k + 1) > k + 1:
                a = k + 1
                b = _container_end(sp, a)
                out.append((a, b))
                k = b + noun_len(sp, b)
            if w == "(":
                break
            continue
        if w in ("of", "in"):
            a = k + 1
            b = _container_end(sp, a)
            if b == a or not _noun_after(sp, b):
                break
            out.append((a, b))
            strong = True
            k = b + noun_len(sp, b)
            continue
        break
    return out, strong


@cached
def _start_ids() -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """String ids of division nouns, of the nouns that may stand between a name and its link, and of
    the links."""
    return ids(division_nouns()), ids(_place_nouns() | division_nouns()), ids(("(", ",", "of", "in"))


def _starts(tok) -> list[int]:
    """Tokens that can link a name to its division: "(", ",", "of", "in" between capitalised words
    (a place or settlement noun may stand before the link), or a division noun after one. Read from
    the token table's columns: making a spaCy Token per word would cost more than the rest."""
    n = tok.n
    if n < 3:
        return []
    nouns, before, links = _start_ids()
    lower = tok.lower
    arr = tok.arr
    cap = (arr[:, 0].astype(bool) & (arr[:, 5] != arr[:, 4])).tolist()
    out = []
    for s in range(1, n):
        x = lower[s]
        if x in links:
            if s + 1 < n and cap[s + 1] and (cap[s - 1] or s >= 2 and cap[s - 2] and lower[s - 1] in before):
                out.append(s)
        elif x in nouns and cap[s - 1]:
            out.append(s)
    return out


def find_division_chains(sp, tok, gaz, mentions: list, taken: list, make) -> None:
    """Add the names of place-and-division chains that nothing found yet (see the module docstring).
    ``make(i, j, start, end, cands)`` builds a PlaceMention; ``tok``: the Tokens of ``sp``."""
    nouns = division_nouns()
    starts = _starts(tok)
    if not starts:
        return
    seen: set[int] = set()
    for s in starts:
        # the name before the link: back over a division or settlement noun ("X district, Y")
        e = s
        before = sp[s - 1] if s > 0 else None
        if sp[s].lower_ not in nouns and before is not None and (
                before.lower_ in nouns or before.lemma_.lower() in _place_nouns()):
            e = s - 1
        i = e
        while i > 0 and e - i < MAX_NAME and (sp[i - 1].is_alpha and sp[i - 1].text[:1].isupper()
                                             or sp[i - 1].text == "-"):
            i -= 1
        while i < e and not (sp[i].is_alpha and sp[i].text[:1].isupper()):
            i += 1
        if i >= e or i in seen or _name_end(sp, i) != e:
            continue
        if any(sp[x].ent_type_ in ("DATE", "TIME") for x in range(i, e)):
            continue  # "on Tuesday in X district": a day, not a place inside X
        seen.add(i)
        links, strong = _chain(sp, i, e)
        if not links:
            continue
        if not any(_is_division(gaz, sp, a, b) for a, b in links) and not (
                any(taken[x] for x in range(i, e)) and _town_in_brackets(gaz, sp, e, links[0])):
            continue
        if not strong and not (locative(tok, i, e) or _noun_after(sp, e)):
            continue  # "Smith, Kansas": a bare comma needs "in X, Y"
        if person_cue(tok, i, e) and not strong:
            continue
        # the containers of a name given with its division noun ("X district, Y") are divisions too
        divisional = _noun_after(sp, e) or any(_noun_after(sp, b) for a, b in links[:-1])
        for a, b in [(i, e), *links]:
            if any(taken[x] for x in range(a, b)):
                if divisional and (a, b) != (i, e):
                    for m in mentions:
                        if m.i == a and m.j == b:
                            m.admin_hint = True
                continue
            if sp[a:b].text.casefold() in cues()["person_titles"]:
                continue
            cands = gaz.lookup(sp[a:b].text, variants=False)
            if _noun_after(sp, b) or divisional and (a, b) != (i, e):
                cands = [c for c in cands if c.kind in DIVISION_KINDS] or cands
            mentions.append(make(a, b, sp[a].idx, sp[b - 1].idx + len(sp[b - 1]), cands))
            for x in range(a, b):
                taken[x] = True


def place_object_verbs() -> frozenset[str]:
    """Lemmas whose direct object is most often a place (``place_object_verbs.txt``)."""
    return vocab.words("places/place_object_verbs.txt")


def find_place_objects(sp, tok, gaz, mentions: list, taken: list, make) -> None:
    """Add the capitalised direct objects of place-taking verbs ("shelled Ochakiv") that the gazetteer
    holds as a town or division and nothing found yet; a person cue (a title, a surname) vetoes."""
    import numpy as np

    verbs = place_object_verbs()
    arr = tok.arr
    if not len(arr):
        return
    from spacy.attrs import DEP

    cap = arr[:, 0].astype(bool) & (arr[:, 5] != arr[:, 4]) & (arr[:, 1] == sid("PROPN"))
    if not cap.any():
        return
    cap &= sp.to_array(DEP) == sid("dobj")
    for k in np.flatnonzero(cap).tolist():
        t = sp[k]
        if t.dep_ != "dobj" or taken[k] or t.head.lemma_.lower() not in verbs:
            continue
        i = t.i
        while i > t.left_edge.i and sp[i - 1].pos_ == "PROPN" and sp[i - 1].dep_ == "compound" and not taken[i - 1]:
            i -= 1
        j = t.i + 1
        if not sp[i].text[:1].isupper() or person_cue(tok, i, j):
            continue
        cands = [e for e in gaz.lookup(sp[i:j].text, variants=False)
                 if e.kind in ("city", "admin1", "admin2", "region", "country")]
        if not cands:
            continue
        mentions.append(make(i, j, sp[i].idx, sp[j - 1].idx + len(sp[j - 1]), cands))
        for x in range(i, j):
            taken[x] = True


@cached
def inner_particles() -> frozenset[str]:
    """Lower-case words that stand between two capitalised words of one name ("Valle del Cauca", "Ras al
    Ain"): ``name_particles`` of cues.json and ``name_joiners.txt``, less the English connectives, which
    also join two names ("Kharkiv and Donetsk regions")."""
    return (cues()["name_particles"] | vocab.words("places/name_joiners.txt")) - {"of", "the", "and", "-"}


@cached
def hyphen_particles() -> frozenset[str]:
    """Particles that join a name's words through a hyphen ("Pul-e Khumri"): the words of ``name_particles``
    in ``data/places/cues.json``."""
    return frozenset(w for w in cues()["name_particles"] if w.isalpha())


def _capital_word(t) -> bool:
    # (an apostrophe inside is still a word: "Ma'rib", "Sana'a", "N'Djamena")
    return (t.is_alpha or apostrophe_word(t.text)) and t.text[:1].isupper()


def join_hyphenated(sp, tok, gaz, mentions: list, taken: list, make) -> None:
    """Make "Pul-e Khumri", "Deh-e Noor" one mention: earlier passes that took a part of it
    ("Pul" read as Poole, "Deh" as a namesake abroad) give way to the whole name, resolved as a whole
    or, when the gazetteer lacks it, left without candidates (it then falls back on its division)."""
    import numpy as np

    particles = hyphen_particles()
    n = len(sp)
    dash = sid("-")
    hits = np.flatnonzero(tok.arr[:, 4] == dash).tolist() if n else []
    for k in [k for k in hits if 0 < k < n - 2]:
        if not (not sp[k - 1].whitespace_ and not sp[k].whitespace_
                and sp[k + 1].lower_ in particles and _capital_word(sp[k - 1]) and _capital_word(sp[k + 2])):
            continue
        i, j = k - 1, k + 3
        while j < n and j - k < 4 and _capital_word(sp[j]) and sp[j - 1].whitespace_:
            j += 1
        s, e = sp[i].idx, sp[j - 1].idx + len(sp[j - 1])
        if any(m.start < e and s < m.end and (m.start < s or m.end > e) for m in mentions):
            continue  # a longer mention already holds it
        mentions[:] = [m for m in mentions if not (s <= m.start and m.end <= e)]
        mentions.append(make(i, j, s, e, gaz.lookup(sp[i:j].text, variants=False)))
        for x in range(i, j):
            taken[x] = True


def join_named_runs(sp, tok, gaz, mentions: list, taken: list, make) -> None:
    """Make "the Bala Kalay area", "the Pul-e-Sang area", "the Tor Ghar area" one mention: a place
    matched on the first words of a longer capitalised name that a place noun follows ("area",
    "village", "district") is that longer name, not a namesake of its first word (a city abroad). The
    whole name is looked up; when the gazetteer lacks it, it has no candidates and falls back on the
    division the text puts it in. Runs with a word in capitals ("the Washington DC area") or a place
    or division noun inside them ("Kherson Oblast"), and runs before a capitalised noun ("the Los Angeles
    County Fire Department"), are left alone."""
    nouns = _place_nouns() | division_nouns()
    n = len(sp)
    for m in list(mentions):
        if not any(x is m for x in mentions) or m.adjectival or m.j >= n \
                or not _capital_word(sp[m.j]) and sp[m.j].text != "-":
            continue  # (gone: inside a longer name joined before)
        e = _name_end(sp, m.i)
        if e <= m.j or e >= n or sp[e].text not in nouns or sp[m.j - 1].lower_ in nouns:
            continue  # (a capitalised noun after the run often ends an institution's name: "County Fire Department")
        extra = [t for t in sp[m.j:e] if t.is_alpha]
        if not extra or any(t.lower_ in nouns or t.is_upper and len(t) > 1 for t in extra):
            continue
        s, end = sp[m.i].idx, sp[e - 1].idx + len(sp[e - 1])
        inside = [x for x in mentions if s <= x.start and x.end <= end]
        if any(x.start < end and s < x.end and (x.start < s or x.end > end) for x in mentions) \
                or any(c.kind == "country" for x in inside for c in x.cands):
            continue  # a mention reaching out of the run holds it; "the Kenya-Somalia border" is two countries
        mentions[:] = [x for x in mentions if not any(x is y for y in inside)]  # "Sang" of "Pul-e-Sang" too
        mentions.append(make(m.i, e, s, end, gaz.lookup(sp[m.i:e].text, variants=False)))
        for x in range(m.i, e):
            taken[x] = True
