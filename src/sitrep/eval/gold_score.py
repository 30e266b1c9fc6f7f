"""Scoring one document JSON against one sitrep gold annotation, layer by layer.

Recall (gold items found) reimplements the matching of the project scorer ``tools/score.py`` item
for item, so the two agree; precision adds the share of the system's items that correspond to some
gold item. :mod:`sitrep.eval.gold` finds the gold files, runs the pipeline and sums the tallies; the
format and the rules are described in ``docs/gold-format.md``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from sitrep.doc import LAYERS
from sitrep.gazetteer.index import km  # the one great-circle distance (as tools/score.py computes it)

# the rows of the score: the paragraph structure, each layer, then the fields of matched events
LAYER_NAMES = ("structure", *LAYERS, "event_fields")


# ---- text matching (as in tools/score.py) ---------------------------------------------------
def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = re.sub(r"[\u2018\u2019\u201c\u201d\"'`]", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def tokens(s: str | None) -> list[str]:
    return norm(s).split()


def overlap(a: str | None, b: str | None) -> float:
    """Share of the shorter text's tokens found in the longer one."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    pool = list(long_)
    hit = 0
    for t in short:
        if t in pool:
            pool.remove(t)
            hit += 1
    return hit / len(short)


def name_matches(candidate: str | None, gold_name: str, aliases: Iterable[str] = ()) -> bool:
    c = norm(candidate)
    if not c:
        return False
    names = [norm(gold_name)] + [norm(a) for a in aliases]
    if c in names:
        return True
    # 'a lieutenant' / 'Human rights groups': accept the head word.
    g = names[0].split()
    return bool(g) and len(g) <= 3 and g[-1] in c.split() and len(c.split()) <= 4


def _num(v) -> int | None:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return None


def _by_id(items: list) -> dict[str, dict]:
    return {str(x.get("id")): x for x in items if isinstance(x, dict) and x.get("id") is not None}


# ---- tallies --------------------------------------------------------------------------------
@dataclass
class Tally:
    """Counts for one layer: gold items found (recall) and system items matched (precision)."""

    name: str
    found: int = 0
    total: int = 0
    matched: int = 0
    system: int = 0
    has_precision: bool = True
    misses: list[str] = field(default_factory=list)

    def gold(self, ok: bool, what: str) -> None:
        self.total += 1
        self.found += ok
        if not ok:
            self.misses.append(what)

    def sys(self, ok: bool, what: str) -> None:
        self.system += 1
        self.matched += ok
        if not ok:
            self.misses.append(f"spurious: {what}")

    def add(self, other: "Tally") -> None:
        self.found += other.found
        self.total += other.total
        self.matched += other.matched
        self.system += other.system

    @property
    def recall(self) -> float | None:
        return self.found / self.total if self.total else None

    @property
    def precision(self) -> float | None:
        if not self.has_precision:
            return None
        return self.matched / self.system if self.system else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


# ---- per-layer scoring ----------------------------------------------------------------------
def score_document(doc: dict, gold: dict) -> dict[str, Tally]:
    """Score one document JSON against one gold annotation; returns a tally per layer."""
    tallies = [_structure(doc, gold), _places(doc, gold), _actors(doc, gold), _quotes(doc, gold),
               _counts(doc, gold), _dates(doc, gold), *_events(doc, gold)]
    return {t.name: t for t in tallies}


def _structure(doc: dict, gold: dict) -> Tally:
    t = Tally("structure")
    text = doc.get("text") or ""
    gs = gold.get("structure") or {}
    paras = [p for p in doc.get("paragraphs") or [] if isinstance(p, dict)]

    def ptext(p):
        return text[p.get("start", 0):p.get("end", 0)]

    def kind_of(snippet):
        for p in paras:
            if overlap(snippet, ptext(p)) >= 0.9 and len(tokens(ptext(p))) <= len(tokens(snippet)) + 3:
                return p.get("kind")
        return None

    if gs.get("caption"):
        t.gold(kind_of(gs["caption"]) == "caption", "caption not a paragraph of kind 'caption'")
    if gs.get("photo_credit"):
        t.gold(kind_of(gs["photo_credit"]) in ("credit", "caption"), "photo credit not set apart")
    for h in gs.get("headings") or []:
        t.gold(kind_of(h) == "heading", f"heading {h!r} not a paragraph of kind 'heading'")
    body = [p for p in paras if p.get("kind") == "body"]
    if gs.get("paragraph_count_min"):
        t.gold(len(body) >= gs["paragraph_count_min"] and all("\n" not in ptext(p).strip() for p in body),
               f"{len(body)} body paragraphs (want >= {gs['paragraph_count_min']}, wrapped lines joined)")
    apart = [x for x in [gs.get("caption"), gs.get("photo_credit"), *(gs.get("headings") or [])] if x]
    if gs:
        for p in paras:
            if p.get("kind") in ("heading", "caption", "credit"):
                s = ptext(p)
                t.sys(any(overlap(a, s) >= 0.9 for a in apart), f"{p.get('kind')} {s[:50]!r}")
    return t


def _place_ok(p: dict, g: dict) -> tuple[bool, str]:
    ok = str(p.get("country") or "").upper() == g["country"]
    why = f"country {p.get('country')!r}"
    coarse = g.get("precision") in ("country", "region")
    if ok and g.get("admin1") and not coarse:
        ok = norm(g["admin1"]).split()[0] in norm(p.get("admin1"))
        why = f"admin1 {p.get('admin1')!r}"
    if ok and g.get("lat") is not None and not coarse:
        if p.get("lat") is None or p.get("lon") is None:
            return False, "no coordinates"
        d = km(g["lat"], g["lon"], float(p["lat"]), float(p["lon"]))
        ok, why = d <= 161, f"{d:.0f} km off"
    return ok, why


def _places(doc: dict, gold: dict) -> Tally:
    t = Tally("places")
    places = [p for p in doc.get("places") or [] if isinstance(p, dict)]
    gold_places = gold.get("places") or []
    for g in gold_places:
        cands = [p for p in places if any(norm(m.get("text")) == norm(g["mention"]) for m in p.get("mentions") or [])]
        if not cands:
            t.gold(False, f"{g['mention']}: not found")
            continue
        ok, why = _place_ok(cands[0], g)
        t.gold(ok, f"{g['mention']}: {why} -> {cands[0].get('name')!r}")
    wanted = {norm(g["mention"]) for g in gold_places}
    metonyms = wanted | {norm(m.get("mention")) for m in gold.get("metonyms") or []}
    for p in places:
        if p.get("adjectival"):  # 'Russian forces': flagged as a reference, not a place mention; gold has none
            continue
        said = [norm(m.get("text")) for m in p.get("mentions") or []]
        # an item the system itself flags as a metonym ('Moscow said') is right when the gold agrees
        ok = any(s in (metonyms if p.get("metonym") else wanted) for s in said)
        t.sys(ok, f"place {p.get('name')!r} ({', '.join(said)[:60]})")
    return t


def _gold_names(gold: dict) -> list[tuple[str, list[str]]]:
    """Every (name, aliases) the gold uses for a participant: actors, speakers, sources, targets, claimants."""
    out = [(a["name"], list(a.get("aliases", []))) for a in gold.get("actors") or []]
    for q in gold.get("quotes") or []:
        out.append((q.get("speaker") or "", []))
    for item in [*(gold.get("events") or []), *(gold.get("counts") or [])]:
        for k in ("source", "target", "claimant", "denied_by"):
            if isinstance(item.get(k), str):
                out.append((item[k], []))
                out.append((re.sub(r"\s*\(.*\)$", "", item[k]), []))  # "Russia (military)" -> "Russia"
    for m in gold.get("metonyms") or []:
        out.append((m.get("mention") or "", [m.get("stands_for") or ""]))
    return [(n, al) for n, al in out if n]


def _actors(doc: dict, gold: dict) -> Tally:
    t = Tally("actors")
    actors = [a for a in doc.get("actors") or [] if isinstance(a, dict)]
    for g in gold.get("actors") or []:
        al = g.get("aliases", [])
        hit = [a for a in actors if any(name_matches(m.get("text"), g["name"], al) for m in a.get("mentions") or [])
               or name_matches(a.get("name"), g["name"], al)]
        ok = any(norm(a.get("name")) == norm(g["name"]) for a in hit)
        t.gold(ok, f"{g['name']}: " + (f"named {[a.get('name') for a in hit]}" if hit else "not found"))
    bad = {norm(b["mention"]) for b in gold.get("not_actors") or []}
    for b in gold.get("not_actors") or []:
        wrong = [a for a in actors if norm(a.get("name")) == norm(b["mention"])]
        t.gold(not wrong, f"{b['mention']!r} taken as an actor ({b.get('why', '')})")
    names = _gold_names(gold)
    for a in actors:
        said = [a.get("name"), *(m.get("text") for m in a.get("mentions") or [])]
        ok = norm(a.get("name")) not in bad and any(name_matches(s, n, al) for s in said for n, al in names)
        t.sys(ok, f"actor {a.get('name')!r}")
    return t


def _quotes(doc: dict, gold: dict) -> Tally:
    t = Tally("quotes")
    quotes = [q for q in doc.get("quotes") or [] if isinstance(q, dict)]
    actor_ids = _by_id(doc.get("actors") or [])
    gold_actors = {a["name"]: a for a in gold.get("actors") or []}
    for g in gold.get("quotes") or []:
        best, best_ov = None, 0.0
        for q in quotes:
            ov = overlap(g["quote"], q.get("text"))
            if ov > best_ov:
                best, best_ov = q, ov
        if best is None or best_ov < 0.8:
            t.gold(False, f"not found: {g['quote'][:60]!r}")
            continue
        names = [best.get("speaker_name") or ""]
        spk = best.get("speaker")
        if spk is not None and str(spk) in actor_ids:
            names.append(actor_ids[str(spk)].get("name") or "")
        actor = gold_actors.get(g["speaker"])
        aliases = [] if actor is None else [x for x in actor.get("aliases", []) if x not in ("she", "he")]
        ok = any(norm(n) == norm(g["speaker"]) or name_matches(n, g["speaker"], aliases) for n in names if n)
        t.gold(ok, f"{g['quote'][:40]!r}: speaker {names} (want {g['speaker']})")
    for q in quotes:
        t.sys(any(overlap(g["quote"], q.get("text")) >= 0.8 for g in gold.get("quotes") or []),
              f"quote {str(q.get('text'))[:50]!r}")
    return t


def _counts(doc: dict, gold: dict) -> Tally:
    t = Tally("counts")
    counts = [c for c in doc.get("counts") or [] if isinstance(c, dict)]
    counts += [p for c in counts for p in c.get("parts") or [] if isinstance(p, dict)]  # breakdowns are counts too

    def same(c, g):
        return str(c.get("category", "")).casefold() == g["what"] and _num(c.get("value")) == g["value"]

    for g in gold.get("counts") or []:
        t.gold(any(same(c, g) for c in counts), f"{g['what']} {g['value']}")
    for c in counts:
        t.sys(any(same(c, g) for g in gold.get("counts") or []), f"count {c.get('category')} {c.get('value')}")
    return t


def _dates(doc: dict, gold: dict) -> Tally:
    t = Tally("dates")
    dates = [d for d in doc.get("dates") or [] if isinstance(d, dict)]
    for g in gold.get("dates") or []:
        ok = any(norm(g["mention"]) in norm(d.get("text")) and str(d.get("value", "")).startswith(g["resolves_to"])
                 for d in dates)
        t.gold(ok, f"{g['mention']} -> {g['resolves_to']}")
    for d in dates:
        dt = norm(d.get("text"))
        t.sys(bool(dt) and any(norm(g["mention"]) in dt or dt in norm(g["mention"]) for g in gold.get("dates") or []),
              f"date {d.get('text')!r}")
    return t


def _evidence_text(e: dict, text: str) -> str:
    ev = e.get("evidence") or {}
    if not isinstance(ev, dict):
        return ""
    return ev.get("text") or (text[ev.get("start", 0):ev.get("end", 0)] if ev else "")


def _events(doc: dict, gold: dict) -> tuple[Tally, Tally]:
    ev, ef = Tally("events"), Tally("event_fields", has_precision=False)
    text = doc.get("text") or ""
    events = [e for e in doc.get("events") or [] if isinstance(e, dict)]
    place_ids = _by_id(doc.get("places") or [])
    actor_ids = _by_id(doc.get("actors") or [])
    gold_places = {p["mention"] for p in gold.get("places") or []}

    def same(e, g):
        return str(e.get("type", "")).upper() == g["type"] and overlap(g["evidence"], _evidence_text(e, text)) >= 0.5

    for g in gold.get("events") or []:
        match = next((e for e in events if same(e, g)), None)
        ev.gold(match is not None, f"{g['id']} {g['type']}: {g['evidence'][:60]!r}")
        if match is not None:
            _event_fields(ef, match, g, place_ids, actor_ids, gold_places)
    for e in events:
        ev.sys(any(same(e, g) for g in gold.get("events") or []),
               f"event {e.get('type')}: {_evidence_text(e, text)[:50]!r}")
    return ev, ef


def _event_fields(ef: Tally, match: dict, g: dict, place_ids: dict, actor_ids: dict, gold_places: set) -> None:
    if g.get("place") in gold_places:
        pid = match.get("place")
        pname = place_ids[str(pid)].get("name") if str(pid) in place_ids else pid
        pmentions = [m.get("text") for m in (place_ids.get(str(pid)) or {}).get("mentions") or []]
        ok = any(norm(x) == norm(g["place"]) for x in [pname, *pmentions] if isinstance(x, str))
        ok = ok or (isinstance(pname, str) and overlap(pname, g["place"]) >= 1.0)
        ef.gold(ok, f"{g['id']} place {pname!r} (want {g['place']})")
    if g.get("date"):
        dv = match.get("date")
        dv = dv.get("value") if isinstance(dv, dict) else dv
        ef.gold(str(dv or "").startswith(g["date"]), f"{g['id']} date {dv!r} (want {g['date']})")
    if g.get("fatalities") is not None:
        ef.gold(_num(match.get("fatalities")) == g["fatalities"], f"{g['id']} fatalities {match.get('fatalities')!r}")
    if g.get("claimant"):
        cl = match.get("claimant")
        cname = actor_ids[str(cl)].get("name") if str(cl) in actor_ids else cl
        ef.gold(isinstance(cname, str) and norm(cname) == norm(g["claimant"]),
                f"{g['id']} claimant {cname!r} (want {g['claimant']})")
