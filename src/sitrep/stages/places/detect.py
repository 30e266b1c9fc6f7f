"""Finding toponym mentions: spaCy GPE/LOC/FAC entities, then gazetteer matches the small NER
model missed or mislabelled (it tags "Bucha" ORG and "Kyiv" PERSON), kept only with a cue.

A gazetteer-only match needs evidence that it names a place: a locative preposition governing it
("from Kyiv"), a place noun ("the town of Bucha", "the capital Kyiv", "Lugansk region"), the same
name recognised as a place elsewhere in the article, coordination with a place ("Kharkiv and
Donetsk"), or being a country, region or large city, or a first-level division in a country whose
places the NER found ("Lakes" is a word more often than South Sudan's state). Person cues veto it:
a title before it, a surname after it, an age ("38-year-old Volodymyr"). This follows the
gazetteer-plus-context filtering of the Edinburgh Geoparser (Grover et al. 2010).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from sitrep import vocab
from sitrep.stages.places.abbrev import find_division_abbrevs
from sitrep.stages.places.adjectives import adjective_place
from sitrep.stages.places.dateline import Datelines, find_dateline_place
from sitrep.stages.places.divpattern import (find_division_chains, find_place_objects, join_hyphenated,
                                             join_named_runs, noun_len)
from sitrep.stages.places.directional import directional_base, division_base, find_division_parts
from sitrep.stages.places.roads import find_road_ends
from sitrep.stages.places.evidence import (BIG_CITY, admin_after, eponym, full_name_words, jurisdiction_after,
                                           locative, name_before, only_name_in_person, person_cue,
                                           person_surname, standalone, titled)
from sitrep.stages.places.lexicon import cues, modifier_words, stoplist
from sitrep.stages.places.placenoun import find_named_by_place_noun
from sitrep.stages.places.prior import prior
from sitrep.stages.places.tokens import Tokens, apostrophe_word, ids, tokens

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"PERSON", "ORG", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}  # names a place may be inside
MAX_NGRAM = 5  # "People's Republic of China" is five tokens
JOINERS = vocab.words("places/name_joiners.txt")  # words inside multi-word place names ("Bosnia and Herzegovina")
EXTEND_AFTER = JOINERS | {"-"}
SKIP_PARAGRAPHS = {"credit", "byline"}


@dataclass
class PlaceMention:
    start: int
    end: int
    i: int  # first token
    j: int  # one past the last token
    text: str
    source: str  # ner | gazetteer | embedded | demonym | abbrev | road
    cands: list = field(default_factory=list)
    admin_hint: bool = False  # followed or ended by "region", "oblast", ...
    adjectival: bool = False
    label: str = ""
    part: bool = False  # a directional part of the place its candidates name ("North London")
    division_part: bool = False  # a division's name and a compass word after it ("Tesari North")

    def __post_init__(self):
        self.key = self.text.casefold()  # the folded text, asked for often (a mention's text never changes)


def _trim(span):
    """Drop leading determiners and trailing possessives/punctuation from an entity span, and cut it
    at an opening bracket: "Bulo Burto (Hiraan" is a place and the start of its container's bracket."""
    i, j = span.start, span.end
    doc = span.doc
    for k in range(i + 1, j):
        if doc[k].text in "([":
            j = k
            break
    while i < j and ((t := doc[i]).lower_ in ("the", "a", "an") or t.is_punct):
        i += 1
    while j > i and ((t := doc[j - 1]).tag_ == "POS" or t.is_punct or t.lower_ in ("'s", "’s")):
        j -= 1
    return i, j


def _extend(doc, gaz, i, j, taken, full_text: str) -> tuple[int, int]:
    """Repair an entity's boundaries with the gazetteer: the NER model often cuts a hyphenated or
    two-word name ("Guinea-Bissau" -> "Guinea", "Goz Beida" -> "Beida"). Grow tokens i..j over a
    hyphen joined without spaces or an adjacent capitalised word while the longer name is a
    gazetteer name; the longest such name wins. ``full_text`` is the document's text."""
    def free(k):
        return 0 <= k < len(doc) and not taken[k]

    def word(k):
        return free(k) and doc[k].text[:1].isupper() and doc[k].is_alpha and doc[k].ent_type_ not in ("PERSON", "DATE")

    best = (i, j)
    for _ in range(2):
        i0, j0 = best
        opts = []
        if j0 + 1 < len(doc) and doc[j0].text == "-" and not doc[j0 - 1].whitespace_ and not doc[j0].whitespace_ \
                and word(j0 + 1):
            opts.append((i0, j0 + 2))
        if i0 >= 2 and doc[i0 - 1].text == "-" and not doc[i0 - 2].whitespace_ and not doc[i0 - 1].whitespace_ \
                and word(i0 - 2):
            opts.append((i0 - 2, j0))
        if word(j0) and doc[j0].pos_ == "PROPN" or free(j0) and doc[j0].is_title and doc[j0 - 1].text.endswith("."):
            opts.append((i0, j0 + 1))  # an abbreviation does not end a name: "Fort St." + "John" (tagged PERSON)
        if word(i0 - 1) and doc[i0 - 1].pos_ == "PROPN" and not doc[i0 - 1].is_sent_start:
            opts.append((i0 - 1, j0))
        # "Democratic Republic" + "of the" + "Congo", "Bosnia" + "and" + "Herzegovina"
        k = j0
        while k < len(doc) and k < j0 + 2 and free(k) and doc[k].lower_ in JOINERS:
            k += 1
        if k > j0 and word(k):
            opts.append((i0, k + 1))
        opts = [o for o in opts if gaz.has(full_text[doc[o[0]].idx:doc[o[1] - 1].idx + len(doc[o[1] - 1])])]
        if not opts:
            break
        best = max(opts, key=lambda o: o[1] - o[0])
    return best


def _lookup(gaz, sp, i, j, full_text: str, *, variants=True):
    """Candidates for tokens i..j, also without a trailing division word ("Luhansk region").
    ``full_text`` is the document's text (a spaCy Doc joins its tokens anew for every ``.text``);
    ``sp``: the parse or its Tokens."""
    tok = tokens(sp)
    idx, length = tok.idx, tok.length
    first = idx[i]
    text = full_text[first:idx[j - 1] + length[j - 1]]
    if j - i >= 2 and tok.lower[j - 1] in ids(cues()["strip_suffixes"]) and not gaz.has(text):
        # ("Quebec City" is a name itself)
        base = gaz.lookup(full_text[first:idx[j - 2] + length[j - 2]], variants=variants)
        if base:
            return base, True, i, j - 1
    return gaz.lookup(text, variants=variants), False, i, j


def _any_of(col, values):
    """Boolean mask: where the array column holds one of a few values (np.isin sorts; this does not)."""
    out = col == values[0]
    for v in values[1:]:
        out |= col == v
    return out


class _Scan:
    """What the passes of :func:`find_mentions` share over one document: the parse, its token columns,
    the mentions found so far and the tokens they take."""

    def __init__(self, doc, gaz, datelines: Datelines, tok: Tokens):
        self.doc, self.gaz, self.datelines, self.tok = doc, gaz, datelines, tok
        self.sp = sp = doc.spacy
        self.text = doc.text
        self.out: list[PlaceMention] = []
        self.taken = [False] * len(sp)
        self.ner_names: set[str] = set()  # folded names the NER model labelled as places
        self.n_tok = len(sp)
        self.skipped = [(p.start, p.end) for p in doc.paragraphs if p.kind in SKIP_PARAGRAPHS]
        self.ents = list(sp.ents)
        self.ent_starts = [e.start for e in self.ents]
        # the Tokens' columns (one to_array call): making a Token object per token costs more than the rest
        self.strings = strings = sp.vocab.strings
        self.arr = arr = tok.arr
        self.pos_ids, self.idx, self.length, self.lower_ids = tok.pos, tok.idx, tok.length, tok.lower
        self.name_pos = [strings[x] for x in ("PROPN", "NOUN", "ADJ")]
        self.propn = strings["PROPN"]
        self.dash = strings["-"]
        self.is_alpha = arr[:, 0].astype(bool)
        # a name with an apostrophe inside is a word ("Sana'a", "Ma'rib", "N'Djamena")
        for k in np.flatnonzero(~self.is_alpha).tolist():
            if apostrophe_word(strings[int(arr[k, 5])]):
                self.is_alpha[k] = True
        # a capital anywhere ("Kyiv", "USA", "KwaZulu"): the word differs from its lower-case form
        self.is_cap = self.is_alpha & (arr[:, 5] != arr[:, 4])
        self.alpha = self.is_alpha.tolist()
        self.cap = self.is_cap.tolist()
        # the words that may stand inside a name (name_joiners.txt, cues.json name_particles: "Mocimboa da
        # Praia", "Bab el-Oued") and a possessive ("Martha's Vineyard")
        joiners = [strings[x] for x in sorted(JOINERS | cues()["name_particles"] | {"'s"})]
        self.is_namey = self.is_cap | _any_of(arr[:, 4], joiners)
        # words of the article's full person names ("Maya Harden"): a lone "Harden" is that person
        self.person_words = full_name_words(tok, self.ents) if any(
            e.label_ == "PERSON" for e in self.ents) else frozenset()
        self.ner_ccs: set[str] = set()  # countries of the places the NER model found (set after step 1)
        self.modifier_ids = ids(modifier_words())  # "North", "rural": not the end of a name
        self.the = strings["the"]
        c = cues()
        self.suffix_ids = {strings[x] for x in c["strip_suffixes"]}  # "region", "oblast" after a name
        self.county_abbrevs = c["county_abbrevs"]
        self.facility_nouns = c["facility_nouns"]

    def ent_at(self, i: int):
        """The entity holding token i, or None (entities are sorted and do not overlap)."""
        k = bisect_right(self.ent_starts, i) - 1
        return self.ents[k] if k >= 0 and i < self.ents[k].end else None

    def skip(self, i: int) -> bool:
        """Whether token i is in a credit or byline paragraph."""
        if not self.skipped:
            return False
        off = self.idx[i]
        return any(a <= off < b for a, b in self.skipped)

    def span_text(self, i: int, j: int) -> str:
        """The text of tokens i..j (``sp[i:j].text`` makes a Span and joins its tokens anew)."""
        return self.text[self.idx[i]:self.idx[j - 1] + self.length[j - 1]]

    def add(self, i, j, source, cands, hint, label="", adjectival=False) -> PlaceMention:
        """Record a mention of tokens i..j and take its tokens (less a dash that ends them: "Lumbala-" of
        "Lumbala-Kiroto", an entity the gazetteer split)."""
        while j - i > 1 and self.sp[j - 1].is_punct and self.sp[j - 1].text in "-\u2013\u2014":
            j -= 1
        s, e = self.idx[i], self.idx[j - 1] + self.length[j - 1]
        m = PlaceMention(s, e, i, j, self.text[s:e], source, cands, hint or admin_after(self.tok, j), adjectival,
                         label)
        self.out.append(m)
        for k in range(i, j):
            self.taken[k] = True
        return m

    def maker(self, source: str = "gazetteer", *, hint: bool = True):
        """``make(i, j, start, end, cands)`` for the passes of other modules: a mention with the label of its
        first token, and an admin hint from the words after it when ``hint``."""
        text, sp, tok = self.text, self.sp, self.tok
        return lambda i, j, s, e, cands: PlaceMention(
            s, e, i, j, text[s:e], source, cands, admin_after(tok, j) if hint else False, False, sp[i].ent_type_)

    def compass(self, m) -> bool:
        """"the West", "North West", "the South East": a direction, not a name."""
        lower_ids, modifier_ids, dash, the = self.lower_ids, self.modifier_ids, self.dash, self.the
        return all(lower_ids[k] in modifier_ids or lower_ids[k] == dash or k == m.i and lower_ids[k] == the
                   for k in range(m.i, m.j))


def find_mentions(doc, gaz, datelines: Datelines | None = None, tok: Tokens | None = None) -> list[PlaceMention]:
    """All toponym mentions of a document (before resolution), in text order, non-overlapping.
    ``tok``: the Tokens of ``doc.spacy``, when the caller shares them with later passes."""
    datelines = datelines or Datelines(doc)
    tok = tok if tok is not None else Tokens(doc.spacy, doc.text)
    scan = _Scan(doc, gaz, datelines, tok)
    # 1. entities the NER model labels as places, and demonyms
    for ent in scan.ents:
        _ner_entity(scan, ent)
    # countries of the places the NER model found: a well-known place at the end of a longer name
    # ("CTV Edmonton", but "Wellcome Trust Centre") is taken only in a country the article is about
    scan.ner_ccs = {max(m.cands, key=lambda e: e.population).country for m in scan.out
                    if m.cands and not m.adjectival and not scan.compass(m)}
    # 2. gazetteer matches over capitalised token runs the NER model did not label as places
    _gazetteer_runs(scan)
    # 3. the patterns of the other modules
    sp, out, taken = scan.sp, scan.out, scan.taken
    find_division_abbrevs(doc, tok, gaz, out, taken, scan.maker("abbrev", hint=False))
    find_dateline_place(doc, sp, gaz, out, taken, scan.maker(hint=False), datelines)
    find_named_by_place_noun(sp, gaz, out, taken, scan.maker(), lower=scan.arr[:, 4])
    for find in (join_hyphenated, join_named_runs, find_division_chains, find_place_objects, find_division_parts):
        find(sp, tok, gaz, out, taken, scan.maker())
    find_road_ends(sp, tok, gaz, out, taken, scan.maker("road"))  # (the road is the cue: no surname test)
    out.sort(key=lambda m: m.start)
    _coordinated(tok, out, gaz, taken)
    return sorted(_drop_non_places(scan, out), key=lambda m: m.start)


def _ner_entity(scan: _Scan, ent) -> None:
    """Step 1 for one entity: a place the NER model labelled (its boundaries repaired with the
    gazetteer), a demonym, a place embedded at the start of a longer name, or an unresolved name."""
    label, sp, gaz, taken = ent.label_, scan.sp, scan.gaz, scan.taken
    if label not in PLACE_LABELS and label != "NORP" or scan.skip(ent.start) or taken[ent.end - 1]:
        return  # (taken: joined to an earlier entity by _extend)
    i, j = _trim(ent)
    if label in ("NORP", "GPE") and i < j:
        place = adjective_place(gaz, scan.span_text(i, j))
        if place is not None:
            scan.add(i, j, "demonym", [place], False, label, adjectival=True)
            return
    if label not in PLACE_LABELS or i >= j:
        return
    if (j < scan.n_tok and (scan.cap[j] or scan.strings[scan.lower_ids[j]] in EXTEND_AFTER)
            or i > 0 and (scan.cap[i - 1] or scan.lower_ids[i - 1] == scan.dash)):
        i, j = _extend(sp, gaz, i, j, taken, scan.text)
    cands, hint, i2, j2 = _lookup(gaz, scan.tok, i, j, scan.text)
    if cands and all(e.match == "skeleton" for e in cands) and titled(scan.tok, i, j):
        return  # a titled person tagged GPE whose name merely sounds like a place ("Ms Raggi")
    if cands:
        # "the United States", "the Gaza Strip": the article is part of a multi-word name
        keep_the = i == ent.start + 1 and sp[ent.start].lower_ == "the" and j - i >= 2 and sp[i].is_title
        scan.add(i - 1 if keep_the else i, j, "ner", cands, hint, label)
        scan.ner_names.add(scan.span_text(i2, j2).casefold())
        return
    part = directional_base(sp, i, j, gaz, scan.text)
    if part:
        scan.add(i, j, "ner", part, hint, label).part = True
        return
    part = division_base(scan.tok, i, j, gaz)  # "Tesari North"
    if part:
        m = scan.add(i, j, "ner", part, hint, label)
        m.part = m.division_part = True
        return
    if not _embedded(scan, i, j, label):
        c = cues()
        # inner joiners and hyphens belong to such a name ("Bab el-Oued", "Sidi Bel Abbes")
        if label != "FAC" and all(t.pos_ == "PROPN" or t.lower_ in c["name_particles"] for t in sp[i:j - 1]) \
                and (sp[j - 1].pos_ == "PROPN" or sp[j - 1].is_title and j - i > 1) and sp[i].is_title \
                and not person_cue(scan.tok, i, j):
            scan.add(i, j, "ner", [], hint, label)  # unresolved: a place name the gazetteer lacks


def _embedded(scan: _Scan, i: int, j: int, label: str) -> bool:
    """Add an embedded toponym at the start of a longer name ("Lugansk People's Republic"); whether one was."""
    sp, c, stop = scan.sp, cues(), stoplist()
    for n in range(min(MAX_NGRAM, j - i - 1), 0, -1):
        if sp[i + n].lemma_.lower() in c["facility_nouns"]:
            continue  # "Plymouth County", "Penn Park", "St. Michael's Hospital": another, unlisted place
        sub = scan.gaz.lookup(scan.span_text(i, i + n), variants=False)
        if sub and scan.span_text(i, i + n).casefold() not in stop and any(
                e.kind not in ("city", "admin2") or e.population >= BIG_CITY for e in sub):
            scan.add(i, i + n, "embedded", sub, False, label)
            scan.ner_names.add(scan.span_text(i, i + n).casefold())
            return True
    return False


def _gazetteer_runs(scan: _Scan) -> None:
    """Step 2: gazetteer matches over capitalised token runs the NER model did not label as places,
    each kept only with a cue (see the module docstring)."""
    taken, arr = scan.taken, scan.arr
    # name-like tokens not taken by step 1 (the loop below only takes tokens at or after i)
    free = ~np.array(taken, dtype=bool)
    free_namey = (scan.is_namey & free).tolist()
    # where a match can start: a free capitalised name word, or a free abbreviation with dots
    starts = np.flatnonzero(free & (scan.is_cap & _any_of(arr[:, 1], scan.name_pos)
                                    | (~scan.is_alpha & (arr[:, 3] >= 3))))
    starts = starts.tolist()
    i = 0
    si = 0
    while True:
        si = bisect_left(starts, i, si)
        if si == len(starts):
            break
        i = starts[si]
        if not taken[i] and not scan.alpha[i] and "." in scan.strings[scan.lower_ids[i]] and not scan.skip(i):
            _abbreviation(scan, i)
            i += 1
            continue
        if taken[i] or not scan.cap[i] or scan.pos_ids[i] not in scan.name_pos or scan.skip(i):
            i += 1
            continue
        i = _match_at(scan, i, free_namey)


def _abbreviation(scan: _Scan, i: int) -> None:
    """An abbreviation such as "U.S." or "Ky." at token i, also fused with a suffix ("U.S.-led")."""
    t = scan.sp[i]
    abbr = t.text.split("-")[0]
    if len(abbr) >= 3 and scan.gaz.has_exact(abbr):
        cands = scan.gaz.lookup(abbr, variants=False)
        if cands:
            s0 = t.idx
            scan.out.append(PlaceMention(s0, s0 + len(abbr), i, i + 1, abbr, "gazetteer", cands, False, False,
                                         t.ent_type_))
            scan.taken[i] = True


def _longest_match(scan: _Scan, i: int, free_namey: list):
    """The longest gazetteer name over the free name-like tokens from i: (end, candidates, admin hint, i2, j2,
    found as "NAME Co.") or None."""
    sp, gaz, lower_ids, strings, n_tok = scan.sp, scan.gaz, scan.lower_ids, scan.strings, scan.n_tok
    suffix, county_abbrevs = scan.suffix_ids, scan.county_abbrevs
    run = 0  # the free name-like tokens from i on: a name is at most that long
    while run < MAX_NGRAM and i + run < n_tok and free_namey[i + run]:
        run += 1
    for n in range(run, 0, -1):
        j = i + n
        if not scan.alpha[j - 1]:
            continue
        if j < n_tok and strings[lower_ids[j]].rstrip(".") in county_abbrevs and not scan.taken[j]:
            # "PLYMOUTH CO.": the county, not the town; "Co." is no division word, since it
            # abbreviates "Company" as often ("Johnson Co. said"), so the match needs a cue other than
            # the county's size
            cands = [e for e in gaz.lookup(scan.span_text(i, j) + " County", variants=False) if e.kind == "admin2"]
            if cands:
                end = j + 2 if j + 1 < n_tok and sp[j + 1].text == "." and not sp[j].whitespace_ else j + 1
                return end, cands, False, i, end, True
        if not gaz.has(scan.span_text(i, j)) and not (n >= 2 and lower_ids[j - 1] in suffix):
            continue
        cands, hint, i2, j2 = _lookup(gaz, scan.tok, i, j, scan.text, variants=False)
        if n == 1 and scan.length[i] <= 5 and scan.span_text(i, j).isupper():
            # an acronym ("FAO", "WHO") is not a town's alternate spelling ("Fao")
            cands = [e for e in cands if e.match == "name" or e.kind != "city"]
        if cands:
            return j, cands, hint, i2, j2, False
    return None


def _match_at(scan: _Scan, i: int, free_namey: list) -> int:
    """A demonym or a cued gazetteer match starting at token i; the token to go on from."""
    sp, gaz = scan.sp, scan.gaz
    t = sp[i]
    place = adjective_place(gaz, t.text, regions=False) if t.ent_type_ != "PERSON" else None
    if place is not None:
        scan.add(i, i + 1, "demonym", [place], False, t.ent_type_, adjectival=True)
        return i + 1  # a demonym the NER did not label NORP ("the Turkish Embassy", "Turkish-Russian")
    found = _longest_match(scan, i, free_namey)
    if found is None:
        return i + 1
    j, cands, hint, i2, j2, by_co = found  # by_co: found as "NAME Co.", its size is no cue (see _cued)
    facility = scan.facility_nouns
    if j < scan.n_tok and sp[j].lemma_.lower() in facility and not hint:
        return j  # "Laurel County", "Heathrow Airport": a place the gazetteer does not hold
    if j - i == 1 and i > 0 and t.lower_ in facility and (sp[i - 1].text[:1].isupper() or sp[i - 1].tag_ == "POS"):
        return j  # the head of a facility's name ("St. Michael's Hospital", "Town Hall"), not a town
    if _cued(scan, i, j, i2, j2, cands, hint, by_co):
        scan.add(i, j, "gazetteer", cands, hint, t.ent_type_)
        return j
    return i + 1


def _cued(scan: _Scan, i, j, i2, j2, cands, hint, by_co: bool) -> bool:
    """Whether the gazetteer match of tokens i..j (its name i2..j2) has the evidence of a place."""
    sp, tok, t = scan.sp, scan.tok, scan.sp[i]
    name = scan.span_text(i2, j2)
    key = name.casefold()
    ner_names, ner_ccs, ent_label = scan.ner_names, scan.ner_ccs, t.ent_type_
    # evidence.py: one sense per discourse, and "Winnipeg police" / "Enfield Council"
    seen = key in ner_names and standalone(tok, i, j)
    seen = seen and key not in scan.person_words
    civic = jurisdiction_after(tok, i, j)
    if scan.datelines.at(scan.idx[i], scan.idx[j - 1] + scan.length[j - 1]):
        return True
    if not ((key not in stoplist() or seen) and not (
            t.is_sent_start and j2 - i2 == 1 and not t.ent_type_
            and not (seen or civic or any(e.kind == "country" and e.match == "name" for e in cands)))):
        return False
    ent = scan.ent_at(i) if t.ent_type_ else None
    inside_long = ent is not None and (ent.end - ent.start) > (j - i) and ent.label_ in NAME_LABELS
    if inside_long and ent.start == i and 0 < noun_len(tok, j) == ent.end - j:
        inside_long, hint = False, True  # "Bokkos LGA" tagged ORG: a name and its division noun, not a body
    # the last word(s) of a longer capitalised name ("Wellcome Trust Centre", "Real Madrid",
    # "Plantation Lakes Apartments"): being a well-known place is no evidence there
    tail = name_before(tok, i, sentence_start=False) and sp[i - 1].lower_ not in modifier_words() \
        and not any(e.country in ner_ccs for e in cands)
    if person_cue(tok, i, j):
        return False
    if inside_long:
        # a place inside an organisation's or a building's name ("the Donetsk Regional Military
        # Administration", "Kentucky State Police", "the University of Manitoba"): keep
        # countries, divisions, regions, big cities and names found as places elsewhere
        # a big city counts by its main name: an alternate one is often a word ("the Food and Drug
        # Administration" is not Durg, "The Monster at Our Door" not Münster)
        return (ent.label_ != "PERSON" or only_name_in_person(ent, i, j)) and (
            any(e.kind == "country" or not tail and (e.kind in ("region", "seat") or e.population >= BIG_CITY
                                                     and e.match == "name" and not by_co
                                                     or e.kind == "admin1" and e.country in ner_ccs)
                for e in cands if e.match != "skeleton") or key in ner_names or civic)
    # a division counts in a country whose places the NER found: many are named by a word
    # ("Lakes", "Centre", "Olympic")
    # (the head of a longer name is a big city by its main name only: "Tori Shah" is not Turin, "Tori" in Italian)
    head = _head_of_longer(scan, j)
    big = any(e.kind in ("country", "region", "seat") or e.population >= BIG_CITY and not by_co
              or e.kind == "admin1" and e.country in ner_ccs for e in cands
              if e.match != "skeleton" and not (head and e.match == "alt"))
    country = any(e.kind in ("country", "region") and e.match != "skeleton" for e in cands)
    # the last word of a longer name: a division word or a preposition is that name's ("in the
    # Danube Delta area"), not evidence for the word alone
    long_name = tail and sp[i - 1].pos_ == "PROPN" and sp[i - 1].ent_type_ != "NORP" or head
    return bool((hint or locative(tok, i2, j2)) and not long_name or key in ner_names
                or not tail and big and ent_label != "PERSON" or country or civic)  # "Sri Lanka" tagged PERSON


def _head_of_longer(scan: _Scan, j: int) -> bool:
    """Whether a match ending before token j is the first word(s) of a longer capitalised name that nothing
    found ("into Abu Sayyaf gunmen", "in Bulo Burto"): a preposition before it goes with the whole name,
    not with its head (a date, a division noun and a place's own word after it do not make it longer)."""
    if j >= scan.n_tok or scan.taken[j] or not scan.cap[j] or scan.pos_ids[j] != scan.propn:
        return False
    t = scan.sp[j]
    return t.ent_type_ not in ("DATE", "TIME") and scan.lower_ids[j] not in scan.suffix_ids and not noun_len(
        scan.tok, j) and t.lemma_.lower() not in cues()["place_nouns"]


def _drop_non_places(scan: _Scan, out: list) -> list:
    """Leave out eponyms ("Ebola virus"), directions read as divisions, and surnames of the article's people."""
    tok, ner_ccs, person_words = scan.tok, scan.ner_ccs, scan.person_words
    # a direction read as a place is a division only in a country the article is about ("the West",
    # "North West" are not Cameroon's West region or South Africa's North-West province)
    out = [m for m in out if (m.source == "demonym" or not eponym(tok, m.i, m.j)) and not (
        m.source in ("ner", "gazetteer") and m.cands and scan.compass(m)
        and not any(e.country in ner_ccs for e in m.cands))]
    if not person_words:
        return out
    # the countries of the other names' likeliest readings
    tops = {m.key: max(m.cands, key=prior).country for m in out if m.cands and not m.adjectival}
    n_cc = Counter(tops.values())

    def others(m) -> set:
        own = tops.get(m.key)
        return {c for c, n in n_cc.items() if n > (c == own)}
    return [m for m in out if not (m.source in ("ner", "gazetteer") and m.key in person_words
                                   and person_surname(m, person_words, others(m))
                                   and not m.admin_hint and not locative(tok, m.i, m.j)
                                   and scan.sp[m.i].dep_ != "conj"
                                   and not scan.datelines.at(m.start, m.end))]


def _coordinated(tok, mentions, gaz, taken) -> None:
    """Pick up places coordinated with a found place ("Kharkiv and Donetsk") that nothing else
    caught. ``tok``: the Tokens of the parse."""
    sp = tok.doc
    starts = {m.i for m in mentions}
    for m in list(mentions):
        if m.adjectival or not m.cands:
            continue
        head = sp[m.j - 1]
        if head.dep_ != "conj" and not head.n_rights:
            continue  # neither a conjunct nor with dependents to its right: Token.conjuncts is empty
        for t in list(head.conjuncts):
            if t.i in starts or taken[t.i] or not t.is_title or t.ent_type_ == "PERSON" and t.i > 0 \
                    and sp[t.i - 1].ent_type_ == "PERSON":
                continue
            if t.i > 0 and sp[t.i - 1].is_title and sp[t.i - 1].is_alpha and t.i - 1 not in starts:
                continue  # the last word of a longer name ("Cleaver Road" and Toronto)
            cands = gaz.lookup(t.text, variants=False)
            if cands and t.lower_ not in stoplist():
                s, e = t.idx, t.idx + len(t)
                mentions.append(PlaceMention(s, e, t.i, t.i + 1, t.text, "gazetteer", cands,
                                        admin_after(tok, t.i + 1), False, t.ent_type_))
                taken[t.i] = True
                starts.add(t.i)
