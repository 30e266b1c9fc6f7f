"""Links from an event to the items of earlier layers: actors, places, dates, counts and the claimant.

Every link is found by character offsets (a layer item whose span or mention overlaps a token), so an
empty or partial layer only means fewer links, never an error. Places and dates are searched from the
nearest syntactic context outwards: the trigger's own phrase, the clause, the clauses it hangs from, the
sentence; a material event with no place in its sentence inherits the place of the previous sentence
in the same paragraph or the one before (the article's running location, as ACLED coders read it).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from sitrep import vocab
from sitrep.doc import LAYERS
from sitrep.stages.events.factuality import clause_verb, cues
from sitrep.stages.events.lexicon import in_class, lemma
from sitrep.stages.events.syntax import np_tokens

COARSE = {"country", "region", "continent", "admin1", "world"}
SENTENCE_TIERS = 5  # find_place's tiers 0-4 (phrase, clause, content, path, sentence) lie in the sentence
MATERIAL = {"ASSAULT", "COERCE", "AID", "RETREAT", "MOBILIZE", "PROTEST"}
_LABELS = vocab.table("events/syntax.json")
PLACE_CLIMB = frozenset(_LABELS["place_climb_deps"])
RELCL_CLIMB = frozenset(_LABELS["relcl_climb_deps"])
NON_AGENTS = frozenset(_LABELS["non_agent_pronouns"])


def _mentions(item: dict) -> list[tuple[int, int]]:
    if item.get("mentions"):
        return [(m["start"], m["end"]) for m in item["mentions"] if "start" in m]
    if "start" in item and "end" in item:
        return [(item["start"], item["end"])]
    return []


@dataclass
class Index:
    """Layer items by character span, built once per document."""

    actors: list[tuple[int, int, dict]] = field(default_factory=list)
    places: list[tuple[int, int, dict]] = field(default_factory=list)
    dates: list[tuple[int, int, dict]] = field(default_factory=list)
    counts: list[tuple[int, int, dict]] = field(default_factory=list)
    quotes: list[tuple[int, int, dict]] = field(default_factory=list)
    _char_maps: dict[str, dict[int, list[int]]] = field(default_factory=dict, repr=False)
    actor_by_id: dict[str, dict] = field(default_factory=dict)
    _memo: dict = field(default_factory=dict, repr=False)  # per-document results of pure look-ups
    _tokens: list = field(default_factory=list, repr=False)  # the document's tokens, when given
    _tok_maps: dict[str, dict[int, list[dict]]] = field(default_factory=dict, repr=False)
    _offsets: list[int] | None = field(default=None, repr=False)
    _ends: list[int] | None = field(default=None, repr=False)
    _start_maps: dict[str, dict[int, list[int]]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, layers: dict, tokens: list | None = None, offsets: list[int] | None = None,
              ends: list[int] | None = None) -> "Index":
        """The index of a document's layers; ``tokens`` (``list(doc.spacy)``) lets token look-ups go
        through a token map built once per layer; ``offsets`` and ``ends`` are their character spans when
        the caller has them."""
        ix = cls()
        ix._tokens = tokens or []
        ix._offsets, ix._ends = offsets, ends
        for name in (n for n in LAYERS if n != "events"):  # the layers written before this stage
            rows = getattr(ix, name)
            for item in layers.get(name) or []:
                for s, e in _mentions(item):
                    rows.append((s, e, item))
            rows.sort(key=lambda r: r[0])
        ix.actor_by_id = {a["id"]: a for a in layers.get("actors") or []}
        return ix

    def _chars(self, name: str) -> dict[int, list[int]]:
        """character offset -> positions of the rows of one layer whose span holds it (built on first use)."""
        chars = self._char_maps.get(name)
        if chars is None:
            chars = self._char_maps[name] = {}
            for n, (s, e, _) in enumerate(getattr(self, name)):
                for c in range(s, e):
                    chars.setdefault(c, []).append(n)
        return chars

    def remember(self, key, compute):
        """``compute()`` once per document for ``key``: for look-ups whose answer depends on the document alone."""
        got = self._memo.get(key, self._memo)
        if got is self._memo:
            got = self._memo[key] = compute()
        return got

    def at_starts(self, name: str) -> dict[int, list[int]]:
        """What :meth:`_chars` gives, for the offsets where tokens start only: built from the rows' token
        ranges (bisection over the token offsets) instead of every character of every row (a quote spans
        hundreds). Without the document's tokens, :meth:`_chars` itself."""
        if not self._tokens:
            return self._chars(name)
        got = self._start_maps.get(name)
        if got is None:
            starts = self._token_starts()
            got = self._start_maps[name] = {}
            for n, (s, e, _) in enumerate(getattr(self, name)):
                for k in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
                    got.setdefault(starts[k], []).append(n)
        return got

    def _token_starts(self) -> list[int]:
        if self._offsets is None:
            self._offsets = [t.idx for t in self._tokens]
        return self._offsets

    def places_at(self, offset: int) -> list[tuple[int, int, dict]]:
        """The place rows whose span holds a character offset, in row order."""
        rows = self.places
        return [rows[n] for n in self._chars("places").get(offset, ())]

    def overlapping(self, name: str, start: int, end: int) -> list[dict]:
        """What :meth:`at` gives for ``getattr(self, name)``, through the offset map (for short spans)."""
        chars = self._chars(name)
        hits: set[int] = set()
        for c in range(start, end):
            hits.update(chars.get(c, ()))
        if not hits:
            return []
        rows = getattr(self, name)
        return _distinct(rows[n][2] for n in sorted(hits))

    def at_token(self, name: str, tok) -> list[dict]:
        """What :meth:`overlapping` gives over a token's characters (callers must not change the list)."""
        if not self._tokens:
            return self.overlapping(name, tok.idx, tok.idx + len(tok))
        return self.token_map(name).get(tok.i, [])

    def token_map(self, name: str) -> dict[int, list[dict]]:
        """token index -> what :meth:`at_token` gives, for the tokens that overlap an item (built once)."""
        tmap = self._tok_maps.get(name)
        if tmap is None:
            tmap = self._tok_maps[name] = self._token_map(name)
        return tmap

    def _token_map(self, name: str) -> dict[int, list[dict]]:
        """token index -> the items of one layer overlapping the token, in row order, each item once."""
        toks = self._tokens
        starts = self._token_starts()
        if self._ends is None:  # the same for every layer
            self._ends = [s + len(t) for s, t in zip(starts, toks)]
        ends = self._ends
        rows_of: dict[int, list[int]] = {}
        for n, (s, e, _) in enumerate(getattr(self, name)):
            k = max(bisect.bisect_right(starts, s) - 1, 0)
            while k < len(toks) and starts[k] < e:
                if max(starts[k], s) < min(ends[k], e):
                    rows_of.setdefault(k, []).append(n)
                k += 1
        rows = getattr(self, name)
        out: dict[int, list[dict]] = {}
        for k, ns in rows_of.items():
            out[toks[k].i] = _distinct(rows[n][2] for n in ns)
        return out

    @staticmethod
    def at(rows, start: int, end: int) -> list[dict]:
        seen, out = set(), []
        for s, e, item in rows:  # sorted by start: nothing after a row starting at ``end`` overlaps
            if s >= end:
                break
            if start < e and id(item) not in seen:
                seen.add(id(item))
                out.append(item)
        return out


def _distinct(items) -> list[dict]:
    """The items in order, each (by identity) once."""
    seen, out = set(), []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


def tok_span(toks) -> tuple[int, int]:
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def link_actor(tok, ix: Index, doc) -> tuple[str | None, dict | None]:
    """(actor id or text, span) for an argument head token; pronouns go to the last person named before.

    The head token's own actor wins; otherwise an actor among its modifiers ("Russian troops"), but not
    one inside an "of" phrase ("the head of the Regional Administration" is not the Administration).
    A token's answer depends on the document alone: it is read once per document (the span is copied, as
    callers keep it in their events).
    """
    key = ("actor", tok.i)
    got = ix._memo.get(key)
    if got is None:
        got = ix._memo[key] = _link_actor(tok, ix, doc)
    return got[0], (dict(got[1]) if got[1] is not None else None)


def _link_actor(tok, ix: Index, doc) -> tuple[str | None, dict | None]:
    np = np_tokens(tok)
    a, b = tok_span(np)
    hit = ix.at_token("actors", tok)
    if not hit:
        mods = [t for t in np if t.i < tok.i or t.dep_ in ("compound", "flat")]
        hit = [x for t in mods for x in ix.at_token("actors", t)]
    if hit:
        return hit[0]["id"], doc.span(a, b)
    if tok.lower_ in ("he", "she"):
        before = [item for (ms, me, item) in ix.actors if me <= tok.idx and item.get("kind") == "person"]
        if before:
            return before[-1]["id"], doc.span(tok.idx, tok.idx + len(tok.text))
    if tok.lower_ in NON_AGENTS:
        return None, None
    return doc.text[a:b], doc.span(a, b)


LOC_PREPS = vocab.words("events/locative_prepositions.txt")


def _mention_root(tok, start: int, end: int, offsets: list[int] | None = None):
    """The token of a place mention whose head lies outside the mention; ``offsets`` (the document's token
    offsets) spare making the tokens around it that lie outside the mention."""
    doc = tok.doc
    lo, hi = max(0, tok.i - 6), min(len(doc), tok.i + 6)
    if offsets is not None:
        toks = [doc[k] for k in range(lo, hi) if start <= offsets[k] < end]
    else:
        toks = [t for t in doc[lo:hi] if start <= t.idx < end]
    for t in toks:
        if not (start <= t.head.idx < end) or t.head.i == t.i:
            return t
    return tok


def _climb(tok):
    """(top token, preposition) of a place mention, through "the town of X" and appositions."""
    t = tok
    for _ in range(5):
        if t.dep_ == "pobj" and t.head.lower_ != "of":
            return t, t.head.lower_
        if t.dep_ in PLACE_CLIMB and t.head.i != t.i:
            t = t.head
            continue
        break
    return t, None


def _place_role(tok, material: bool) -> int | None:
    """Rank of a place mention as an event location: 0 after a locative preposition, 1 other preposition or
    compound ("the Donetsk administration"), 2 object of a material event ("shelled the town of X");
    None when the mention is an actor or a modifier ("Russia invaded", "Russian troops", "Russia's banks").
    "Kyiv's outskirts" counts as the outskirts would."""
    if tok.dep_ == "poss" and in_class(tok.head, "place_nouns"):
        tok = tok.head
    if tok.pos_ == "ADJ" or tok.dep_ in ("amod", "poss", "nsubj") or (
            tok.dep_ == "compound" and tok.head.ent_type_ in ("NORP",)):
        return None
    top, prep = _climb(tok)
    if prep in LOC_PREPS:
        return 0
    if prep is not None or "compound" in (tok.dep_, top.dep_) or top.dep_ in ("appos", "npadvmod", "ROOT"):
        return 1
    if material and top.dep_ in ("dobj", "nsubjpass") and (top.i == tok.i or in_class(top, "place_nouns")):
        return 2
    return None


def find_place(tiers: list[list], ix: Index, *, material: bool = False,
               keys: tuple | None = None) -> tuple[dict | None, int]:
    """The event's place from token tiers (nearest first): in the first tier with a usable place mention,
    the finest place with the best syntactic role (a metonym never counts). ``keys`` may name tiers
    (a sentence's tokens) whose result is remembered for the document, since it depends on nothing else.
    A country that only modifies a noun ("a US drone strike", the actor's nationality) gives way to a
    place a later tier of the same sentence names after a locative preposition ("... near Al Qaim")."""
    held = None
    for n, toks in enumerate(tiers):
        if held is not None and n >= SENTENCE_TIERS:
            break
        key = keys[n] if keys is not None and n < len(keys) else None
        if key is not None:
            best = ix.remember(("tier", key, material), lambda: _tier_place(toks, ix, material))
        else:
            best = _tier_place(toks, ix, material)
        if best is None:
            continue
        place, role, national = best
        if held is None and national:
            held = (place, n)
            continue
        if held is None:
            return place, n
        if role == 0 and not national:
            return held if place["id"] == held[0]["id"] else (place, n)
    return held if held is not None else (None, -1)


def _tier_place(toks, ix: Index, material: bool) -> tuple[dict, int, bool] | None:
    """(place, role, whether it is a country that only modifies a noun) of the best usable place mentioned
    in one tier of tokens, or None."""
    chars = ix.at_starts("places")  # looked up at token starts only
    rows = ix.places
    memo = ix._memo
    found = []
    for t in toks:
        hits = chars.get(t.idx)
        if not hits:
            continue
        for s, e, p in [rows[k] for k in hits]:
            if p.get("metonym"):
                continue
            key = ("role", t.i, s, e, material)  # tiers overlap: a token's role is read once
            if key not in memo:
                root = _mention_root(t, s, e, ix._offsets)
                memo[key] = (_place_role(root, material),
                             root.dep_ == "compound" and not in_class(root.head, "place_nouns"))
            role, modifier = memo[key]
            if role is not None and (material or role == 0):  # a verbal event: "talks in Istanbul"
                precision = (p.get("precision") or "").lower()
                found.append(((1 if precision in COARSE else 0), role, p, modifier and precision == "country"))
    if found:
        found.sort(key=lambda r: (r[0], r[1]))
        return found[0][2], found[0][1], found[0][3]
    return None


def find_date(tiers: list[list], ix: Index) -> tuple[dict | None, int]:
    if not ix._tokens:
        for n, toks in enumerate(tiers):
            for t in toks:
                for d in ix.at_token("dates", t):
                    if d.get("value"):
                        return d, n
        return None, -1
    tmap = ix.token_map("dates")
    if not tmap:
        return None, -1
    for n, toks in enumerate(tiers):
        for t in toks:
            for d in tmap.get(t.i, ()):
                if d.get("value"):
                    return d, n
    return None, -1


def find_counts(start: int, end: int, ix: Index) -> list[dict]:
    return [c for (s, e, c) in ix.counts if start <= s and e <= end]


def attach_counts(events: list[dict], ix: Index, counts: list[dict]) -> None:
    """Each event's ``counts`` (the ids of the counts in its evidence) and ``fatalities``.

    A count no event's evidence holds joins the one violent event (PLOVER ASSAULT) whose
    trigger its own evidence holds: the figure of "the number of people killed in the attack rose to
    11" is read off the phrase built around "killed", though it stands outside that event's evidence
    ("people killed in the attack"). A protest or talks in the same clause take no such count."""
    for ev in events:
        ev["counts"] = [c["id"] for c in find_counts(ev["evidence"]["start"], ev["evidence"]["end"], ix)]
    held = {i for ev in events for i in ev["counts"]}
    for c in counts:
        span = c.get("evidence") or {}
        if c["id"] in held or "start" not in span:
            continue
        inside = [ev for ev in events if span["start"] <= ev["trigger"]["start"] < ev["trigger"]["end"] <= span["end"]
                  and ev.get("type") == "ASSAULT"]
        if len(inside) == 1:
            inside[0]["counts"].append(c["id"])
    for ev in events:
        mine = set(ev["counts"])
        ev["fatalities"] = fatalities([c for c in counts if c["id"] in mine], running=ev.get("type") == "ASSAULT")


def fatalities(counts: list[dict], *, running: bool = True) -> int | None:
    """Sum of the killed counts in the event's evidence that are stated as having happened.

    A breakdown ("including three children") sits in its count's ``parts`` and is never read here; a
    top-level ``subset`` (a part of a group counted elsewhere: "two of the injured") is not added either. A
    cumulative count stands in only when it is the sole one and ``running`` (a violent event: "the toll
    stands at 11"); the deaths a protest is about are no deaths of the protest.
    """
    killed = [c for c in counts if str(c.get("category", "")).lower() in ("killed", "dead", "deaths", "fatalities")
              and not c.get("negated") and not c.get("hypothetical") and not c.get("subset")
              and isinstance(c.get("value"), (int, float))]
    fresh = [c for c in killed if not c.get("cumulative")] or (killed[:1] if running else [])
    return int(sum(c["value"] for c in fresh)) if fresh else None


def claimant_from_quotes(tok, ix: Index) -> tuple[str | None, str | None]:
    """(claimant, how): the speaker of a quote whose text contains the trigger."""
    rows = ix.quotes
    for n in ix.at_starts("quotes").get(tok.idx, ()):  # the quotes holding the offset, in row order
        q = rows[n][2]
        who = q.get("speaker") or q.get("speaker_name")
        if who:
            return who, "quote"
    return None, None


def _speaker(v, ix: Index, doc):
    """The subject of a reporting verb, climbing participles ("wrote on Facebook, saying that ...")."""
    for _ in range(3):
        subs = [c for c in v.children if c.dep_ == "nsubj"]
        if subs:
            return link_actor(subs[0], ix, doc)[0]
        if v.dep_ in ("advcl", "xcomp", "conj") and v.head.i != v.i:
            v = v.head
            continue
        break
    return None


def claimant_from_parse(tok, ix: Index, doc) -> tuple[str | None, object | None]:
    """The speaker of a reporting verb the trigger is reported under, from the parse.

    Three shapes: "X said [strikes had hit Y]" (the event clause is the verb's complement), "[...], he said,
    [...]" (the reporting verb is a parenthetical of the event clause), and "scenes of carnage that X said
    were ..." (a relative clause on the event's noun phrase); and "according to X".
    """
    report = cues()["report_verbs"]
    v = clause_verb(tok)
    t = v
    for _ in range(5):
        for c in t.children:
            if c.dep_ == "parataxis" and lemma(c) in report and c.i != tok.i:
                return _speaker(c, ix, doc), c
        if t.head.i == t.i:
            break
        if t.dep_ in ("ccomp", "xcomp", "dobj") and t.head.pos_ == "VERB" and lemma(t.head) in report:
            return _speaker(t.head, ix, doc), t.head
        if t.dep_ not in ("conj", "ccomp", "xcomp", "advcl"):
            break
        t = t.head
    n = tok
    for _ in range(6):  # relative clause of reporting on the event's noun phrase
        for c in n.children:
            if c.dep_ == "relcl" and lemma(c) in report:
                return _speaker(c, ix, doc), c
        if n.dep_ not in RELCL_CLIMB or n.head.i == n.i:
            break
        n = n.head
    if not _mentions_according(tok, ix):
        return None, None
    for a in [tok, *tok.ancestors]:
        for c in a.children:
            if c.lower_ == "according":
                pobj = [x for p in c.children for x in p.children if x.dep_ == "pobj"] + \
                       [x for x in c.children if x.dep_ == "pobj"]
                if pobj:
                    return link_actor(pobj[0], ix, doc)[0], c
    return None, None


def _mentions_according(tok, ix: Index) -> bool:
    """Whether the document has the word "according" at all (read once per document): most have none,
    and looking for it costs a walk over every ancestor's children."""
    got = ix._memo.get("according")
    if got is None:
        toks = ix._tokens or list(tok.doc)
        got = ix._memo["according"] = any(t.lower_ == "according" for t in toks)
    return got
