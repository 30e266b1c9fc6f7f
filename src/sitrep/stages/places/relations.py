"""Relations the text states between place mentions, which the resolver reads as evidence:
containment ("X, Y", "X in (northeast) Y", "Y's X") and coordination ("Utah, Washington and
Wisconsin"). Both are read from the parse only, before any mention is resolved.
"""
from __future__ import annotations

from sitrep.stages.places.divpattern import division_nouns, noun_len
from sitrep.stages.places.lexicon import cues, modifier_words
from sitrep.stages.places.prior import prior
from sitrep.stages.places.tokens import ids, sid, tokens

_ADJ, _COMMA, _IN, _OF, _THE, _LPAREN = sid("ADJ"), sid(","), sid("in"), sid("of"), sid("the"), sid("(")
_POSSESSIVE = ids(("'s", "\u2019s"))
_ARTICLES = ids(("the", "a"))
_LINKS = ids((",", "and", "or"))


def containment(sp, mentions) -> dict[int, int]:
    """Index of mention -> index of the mention that contains it, from "X, Y", "X in (the) Y" and
    the possessive "Y's (adjective) X" ("Kenya's overcrowded Dadaab camps", "Giza's Haram district").
    ``sp``: the parse or its Tokens."""
    tok = tokens(sp)
    sp, lower, pos, n_tok = tok.doc, tok.lower, tok.pos, tok.n
    out = {}
    by_tok = {m.i: k for k, m in enumerate(mentions) if not m.adjectival}  # "Aleppo in Turkish" is no container
    by_end = {m.j: k for k, m in enumerate(mentions) if not m.adjectival}
    c = cues()
    # (settlement nouns too: "Kani township (Sagaing region)")
    compass = ids(modifier_words())
    nouns = c["place_nouns"] | c["admin_nouns"] | c["settlement_nouns"] | division_nouns()
    div_ids = ids(division_nouns())
    for k, m in enumerate(mentions):
        i = m.i - 1
        while i > 0 and m.i - i <= 2 and pos[i] == _ADJ:
            i -= 1
        if i > 0 and lower[i] in _POSSESSIVE and i in by_end and by_end[i] != k:
            out[k] = by_end[i]
            continue
        if m.i >= 3 and lower[m.i - 1] == _OF and tok.lemma_lower(m.i - 2) in nouns and not (
                noun_len(tok, m.j)):  # "the X area of Y district": Y holds X (below)
            y = by_end.get(m.i - 2)
            if y is not None and y != k:
                if lower[m.i - 2] in ids(c["admin_nouns"]) or tok.lemma_lower(m.i - 2) in c["part_nouns"]:
                    # "the Lugansk region of Ukraine": the division is in the country; "the X area of Kabul"
                    out.setdefault(y, k)
                else:
                    out[k] = y  # "the Cincinnati suburb of West Chester", "the Kyiv suburb of Irpin"
                    continue
        j = m.j
        # skip a trailing place noun ("Smolyaninovo village", "Donetsk region")
        steps = 0
        while j < n_tok and steps < 5:
            comma = lower[j] == _COMMA
            # "X (Y, Z)" and "X of Y district": the division the text names after the place
            o = by_tok.get(j + 1) if lower[j] in (_LPAREN, _OF) else None
            # (the division noun after Y, or ending Y's name: "of Zhari District")
            if o is not None and o != k and (lower[j] == _LPAREN or noun_len(tok, mentions[o].j)
                                             or mentions[o].j - mentions[o].i >= 2
                                             and lower[mentions[o].j - 1] in div_ids):
                out[k] = o
                break
            if comma or lower[j] == _IN:
                if comma and _listed(lower, m.i, by_end, out):
                    break  # "Zaire, Bundibugyo, Sudan": a list, not a container
                n = j + 1
                if comma and n < n_tok and lower[n] == _IN:
                    n += 1  # "Austin, in Scott County"
                while n < n_tok and n - j <= 3 and (lower[n] in _ARTICLES or lower[n] in compass):
                    n += 1  # "in northeast Missouri", "in the western Kharkiv region"
                o = by_tok.get(n)
                if o is not None and o != k and not (comma and (
                        _peers(m.cands, mentions[o].cands) or _list_goes_on(lower, m, mentions[o], by_tok, mentions))):
                    out[k] = o
                break
            if noun_len(tok, j) == 3:  # "X sub-county, Y"
                j += 3
                steps += 1
                continue
            if tok.lemma_lower(j) not in nouns or sp[j].is_sent_end:  # is_sent_end reads the next token: last
                break  # only a place noun may stand between ("in Paris on December 5, Hidalgo" is no "X, Y")
            j += 1
            steps += 1
    return out


def _list_goes_on(lower, x, y, by_tok, mentions) -> bool:
    """Whether "X, Y" goes on as a list of first-level divisions that X can be one of ("in
    Washington, Pennsylvania and California"; "Paris, Texas, and Hugo, Oklahoma" does not).
    ``lower``: the lower-case string ids of the tokens."""
    n = y.j
    while n < len(lower) and n - y.j < 2 and lower[n] in _LINKS:
        n += 1
    z = by_tok.get(n) if n > y.j else None
    if z is None or not _peers(y.cands, mentions[z].cands):
        return False
    return any(e.kind == "admin1" and e.match != "skeleton" and any(
        f.kind == "admin1" and f.country == e.country for f in y.cands) for e in x.cands)


def _peers(inner, outer) -> bool:
    """Whether "X, Y" lists peers rather than a place and its container: X's likeliest reading is a
    country ("Mexico, China, Japan"), or X and Y are both likeliest first-level divisions
    ("Georgia, Illinois, Missouri"; "Kherson, Ukraine" stays a container)."""

    def top(cands):
        e = max((e for e in cands if e.match != "skeleton"), key=prior, default=None)
        return None if e is None else e.kind
    a = top(inner)
    if a == "country" and _division_of(inner, outer):
        return False  # "Georgia, United States"
    return a == "country" or a == "admin1" and top(outer) == "admin1"


def _division_of(inner, outer) -> bool:
    """Whether X has a first-level division reading in a country that Y names."""
    ccs = {e.country for e in outer if e.kind == "country" and e.match == "name"}
    return any(e.kind == "admin1" and e.country in ccs for e in inner)


def _listed(lower, i, by_end, inside) -> bool:
    """Whether the mention starting at token i follows "W," where W is another mention that is not
    itself a container ("Zaire, Bundibugyo, ..." is a list; "Paris, Texas, Hugo, Oklahoma" is not).
    ``lower``: the lower-case string ids of the tokens."""
    return i >= 2 and lower[i - 1] == _COMMA and i - 1 in by_end and by_end[i - 1] not in inside.values()


def coordination(sp, mentions, inside) -> dict[int, list[int]]:
    """Index of mention -> the other mentions listed with it ("Utah, Washington and Wisconsin"):
    neighbours joined only by commas and "and"/"or", where neither contains the other. ``sp``: the
    parse or its Tokens."""
    lower = tokens(sp).lower
    links: dict[int, set[int]] = {}
    order = sorted(range(len(mentions)), key=lambda k: mentions[k].i)
    for a, b in zip(order, order[1:]):
        ma, mb = mentions[a], mentions[b]
        if not 0 < mb.i - ma.j <= 2 or any(lower[t] not in _LINKS for t in range(ma.j, mb.i)):
            continue
        if inside.get(a) == b or inside.get(b) == a or ma.adjectival or mb.adjectival:
            continue
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)
    out: dict[int, list[int]] = {}
    for k in links:  # the whole list: follow the links both ways
        seen, todo = {k}, [k]
        while todo:
            for n in links.get(todo.pop(), ()):
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        out[k] = sorted(seen - {k})
    return out


def named_division(sp, i) -> bool:
    """Whether the mention starting at token i is named as a division: "the state of Washington",
    "the province of Alberta" (not "the Lugansk region of Ukraine", where the noun has its own name).
    ``sp``: the parse or its Tokens."""
    if i < 3:
        return False
    lower = tokens(sp).lower
    return lower[i - 1] == _OF and lower[i - 2] in ids(cues()["admin_nouns"]) and lower[i - 3] == _THE


def ends_with_division(sp, m) -> bool:
    """Whether mention ``m`` ends with its own division noun ("Oudalan province", "Zhari district"):
    the text names it a division as plainly as "the province of X" does. ``sp``: the parse or its Tokens."""
    if m.j - m.i < 2:
        return False
    lower = tokens(sp).lower
    return lower[m.j - 1] in ids(cues()["admin_nouns"]) or lower[m.j - 1] in ids(division_nouns())
