"""Actors: who is named in the article, one record per actor with all its mentions (issue 4).

Reads the spaCy parse and the places layer (metonyms such as "Moscow" for Russia; empty is fine);
writes ``actors``: ``{id, name, kind, type, inter, role, country, gender, mentions: [{start, end, text, via}]}``.
``label`` is the name an ACLED coder would give it ("Police Forces of Kenya", "Military Forces of Russia"
for a state, a known group's canonical name) and ``type`` the ACLED actor type (state forces, rebel group, political militia, identity militia, rioters,
protesters, civilians, external forces; null for people and bodies with none) and ``inter`` its code 1-8
(:mod:`.classes`, whose docstring states where groups and classes come from).
``name`` is the fullest proper name (a state's GeoNames name; for an unnamed actor, its noun
phrase); ``via`` says how a mention was recognised (name, state, nominal, pronoun). Mentions found
by :mod:`.collect`, grouped by :mod:`.coref` (whose docstring states the resolution method).
Photo credits, platforms and news agencies are never actors; pronouns with no compatible
antecedent are left out rather than guessed.
"""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import stage
from sitrep.quote_marks import find_quote_spans
from sitrep.stages.actors.classes import acled_label, actor_type, inter_of
from sitrep.stages.actors.collect import collect
from sitrep.stages.actors.coref import group
from sitrep.stages.actors.mentions import TokenTable


def is_town(gazetteer, word: str) -> bool:
    """Whether the gazetteer knows ``word`` as a town of 15,000 people or more (by name or alternate name)."""
    return any(e.kind == "city" and e.population >= 15000 for e in gazetteer.lookup(word, variants=False))


@stage("find_actors", version=3, reads=("sentences", "places"), writes="actors")
def find_actors(doc: Document, *, res) -> list[dict]:
    """Find, type and merge the actors of ``doc`` (see the module docstring)."""
    sp = doc.spacy
    quotes = [(q.start, q.end) for q in find_quote_spans(doc.text, doc.paragraphs)]
    toks = list(sp)  # spaCy builds a new Token object on every access: build them once
    table = TokenTable(sp, doc.text)  # and reads attributes through them: scans use plain lists
    sent_index, k = [], -1
    for ss in table.sent_start:
        k += ss > 0 or k < 0
        sent_index.append(k)
    mentions = collect(doc, nlp=res.nlp, quote_spans=quotes, toks=toks, table=table,
                       is_town=lambda w: is_town(res.gazetteer, w))
    actors = group(mentions, sent_index.__getitem__)
    out = []
    for n, a in enumerate(actors, 1):
        country = a.first("country")
        atype = actor_type(a.kind, a.mentions, a.name, country)
        out.append({
            "id": f"A{n}",
            "name": a.name,
            "kind": a.kind,
            "type": atype,
            "inter": inter_of(atype),
            "label": acled_label(a.label or a.name, a.kind, atype, country),
            "role": a.first("role"),
            "country": country,
            "gender": a.gender if a.kind == "person" else None,
            "mentions": [{**doc.span(m.start, m.end), "via": m.via} for m in sorted(a.mentions, key=lambda m: m.start)],
        })
    return out


STAGE = find_actors.stage
