"""Relations the text states between place mentions, which the resolver reads as evidence:
containment ("X, Y", "X in (northeast) Y", "Y's X") and coordination ("Utah, Washington and
Wisconsin"). Both are read from the parse only, before any mention is resolved.
"""
from __future__ import annotations

from sitrep.stages.places.lexicon import cues
from sitrep.stages.places.prior import prior


def containment(sp, mentions) -> dict[int, int]:
    """Index of mention -> index of the mention that contains it, from "X, Y", "X in (the) Y" and
    the possessive "Y's (adjective) X" ("Kenya's overcrowded Dadaab camps", "Giza's Haram district")."""
    out = {}
    by_tok = {m.i: k for k, m in enumerate(mentions) if not m.adjectival}  # "Aleppo in Turkish" is no container
    by_end = {m.j: k for k, m in enumerate(mentions) if not m.adjectival}
    c = cues()
    compass, nouns = c["direction_words"] | c["position_words"], c["place_nouns"] | c["admin_nouns"]
    for k, m in enumerate(mentions):
        i = m.i - 1
        while i > 0 and m.i - i <= 2 and sp[i].pos_ == "ADJ":
            i -= 1
        if i > 0 and sp[i].lower_ in ("'s", "\u2019s") and i in by_end and by_end[i] != k:
            out[k] = by_end[i]
            continue
        if m.i >= 3 and sp[m.i - 1].lower_ == "of" and sp[m.i - 2].lemma_.lower() in nouns:
            y = by_end.get(m.i - 2)
            if y is not None and y != k:
                if sp[m.i - 2].lower_ in c["admin_nouns"]:
                    out.setdefault(y, k)  # "the Lugansk region of Ukraine": the division is in the country
                else:
                    out[k] = y  # "the Cincinnati suburb of West Chester", "the Kyiv suburb of Irpin"
                    continue
        j = m.j
        # skip a trailing place noun ("Smolyaninovo village", "Donetsk region")
        steps = 0
        while j < len(sp) and steps < 5:
            t = sp[j]
            if t.text == "," or t.lower_ == "in":
                if t.text == "," and _listed(sp, m.i, by_end, out):
                    break  # "Zaire, Bundibugyo, Sudan": a list, not a container
                n = j + 1
                if t.text == "," and n < len(sp) and sp[n].lower_ == "in":
                    n += 1  # "Austin, in Scott County"
                while n < len(sp) and n - j <= 3 and (sp[n].lower_ in ("the", "a") or sp[n].lower_ in compass):
                    n += 1  # "in northeast Missouri", "in the western Kharkiv region"
                o = by_tok.get(n)
                if o is not None and o != k and not (t.text == "," and (
                        _peers(m.cands, mentions[o].cands) or _list_goes_on(sp, m, mentions[o], by_tok, mentions))):
                    out[k] = o
                break
            if t.lemma_.lower() not in nouns or t.is_sent_end:  # is_sent_end reads the next token: last
                break  # only a place noun may stand between ("in Paris on December 5, Hidalgo" is no "X, Y")
            j += 1
            steps += 1
    return out


def _list_goes_on(sp, x, y, by_tok, mentions) -> bool:
    """Whether "X, Y" goes on as a list of first-level divisions that X can be one of ("in
    Washington, Pennsylvania and California"; "Paris, Texas, and Hugo, Oklahoma" does not)."""
    n = y.j
    while n < len(sp) and n - y.j < 2 and sp[n].lower_ in (",", "and", "or"):
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


def _listed(sp, i, by_end, inside) -> bool:
    """Whether the mention starting at token i follows "W," where W is another mention that is not
    itself a container ("Zaire, Bundibugyo, ..." is a list; "Paris, Texas, Hugo, Oklahoma" is not)."""
    return i >= 2 and sp[i - 1].text == "," and i - 1 in by_end and by_end[i - 1] not in inside.values()


def coordination(sp, mentions, inside) -> dict[int, list[int]]:
    """Index of mention -> the other mentions listed with it ("Utah, Washington and Wisconsin"):
    neighbours joined only by commas and "and"/"or", where neither contains the other."""
    links: dict[int, set[int]] = {}
    order = sorted(range(len(mentions)), key=lambda k: mentions[k].i)
    for a, b in zip(order, order[1:]):
        ma, mb = mentions[a], mentions[b]
        if not 0 < mb.i - ma.j <= 2 or any(sp[t].lower_ not in (",", "and", "or") for t in range(ma.j, mb.i)):
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
    "the province of Alberta" (not "the Lugansk region of Ukraine", where the noun has its own name)."""
    return i >= 3 and sp[i - 1].lower_ == "of" and sp[i - 2].lower_ in cues()["admin_nouns"] and (
        sp[i - 3].lower_ == "the")
