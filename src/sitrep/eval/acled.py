"""Scoring on ACLED exports: each row's ``notes`` (a coder's short report of one event) is an article,
and the row's own coding is the gold. The figures are those of the project's ``acled_score.py``, so
``sitrep eval FILE.csv --limit 500`` and ``acled_score.py FILE.csv --n 500`` score the same rows the same
way; the evaluator adds inter1 agreement and a sub-event confusion table.

Rows: those with a note, ordered by the SHA-256 of ``event_id_cnty`` (a fixed pseudo-random sample);
``limit`` takes the first N of that order per file. Figures (``rows`` of them in all):

* ``type``, ``subtype``: the top event's ACLED event type / sub-event type equals the row's (the top event
  is the most confident event that has an ACLED type); ``subtype_wF1``: F1 per sub-event type weighted by
  its rows; ``majority_type``: always answering the most frequent type;
* ``place_50km``, ``place_161km``: over the ``placed`` rows (the note names the row's location), the
  top event's place (else the most confident event's, else the note's most precise resolved place) lies
  within 50 / 161 km of the row's point; ``gaz_ceiling``: the location's name has a gazetteer entry
  within 25 km (what a resolver could reach at best);
* ``date``: over the ``dated`` rows (the note states the year), the top event's date (else the most
  confident event's, else the note's first resolved date) is the row's ``event_date``;
* ``fatalities``: the note's ``killed`` counts (not cumulative) add up to the row's fatalities, over rows
  whose note does not say the figure was split or coded otherwise; ``fatalities_all_zero`` the baseline;
* ``actor1``: over rows whose actor1 is a named actor (not Unidentified, Protesters, Rioters,
  Civilians), the top event's source actor has the country actor1 names or shares a distinctive word;
* ``inter1``: over rows with an ``inter1`` code, the ACLED export's inter1 of the top event (its source
  actor's code, else the default actor of its type, such as an unidentified armed group; no typed event
  is 0) equals it;
* ``confusion <sub-event type>``: per gold sub-event type, its rows and what sitrep answered, most
  frequent first ("-" for no typed event).

ACLED rows are for evaluation only (ACLED's terms of use): nothing here keeps or copies them.
"""
from __future__ import annotations

import collections
import csv
import hashlib
import math
import re
from pathlib import Path

from sitrep.doc import RawDocument

KILLED = {"killed", "dead", "deaths", "fatalities"}
PRECISION_RANK = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
MONTH_NAMES = {m: i for i, m in enumerate("january february march april may june july august september october "
                                           "november december".split(), 1)}
# words too common in ACLED actor names to show two names are one actor (acled_score.py's list)
ACTOR_STOP = frozenset("military forces of the police unidentified armed group civilians protesters rioters "
                       "militia communal ethnic pro government and state national army unknown".split())
COLUMNS = ("notes", "event_type", "sub_event_type", "latitude", "longitude", "event_date")
UNNAMED_ACTOR1 = re.compile(r"(Unidentified|Protesters|Rioters|Civilians)\b")
SPLIT_NOTE = re.compile(r"split|fatalities (?:were )?(?:distributed|across)|coded as", re.I)


def is_acled(path: str | Path) -> bool:
    """A CSV whose header has ACLED's columns (at least the ones scored)."""
    with Path(path).open(newline="", encoding="utf-8", errors="replace") as f:
        header = next(csv.reader(f), [])
    return set(COLUMNS) <= set(header)


def norm(s) -> str:
    s = (s or "").casefold()
    s = re.sub(r"[\u2018\u2019\u201c\u201d\"'`]", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def km(a, b, c, d) -> float:
    p1, p2 = math.radians(a), math.radians(c)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(x)))


def acled_date(s: str) -> str:
    """ISO date of ACLED's several date forms: 9-May-20, 31-12-19, 15/02/2024 00:00:00, 15 February 2020."""
    s = s.strip()
    if m := re.match(r"(\d{1,2})-([A-Za-z]{3})-(\d{2})$", s):
        return f"20{m[3]}-{MONTHS[m[2].lower()]:02d}-{int(m[1]):02d}"
    if m := re.match(r"(\d{1,2})-(\d{1,2})-(\d{2})$", s):
        return f"20{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    if m := re.match(r"(\d{2})/(\d{2})/(\d{4})", s):
        return f"{m[3]}-{m[2]}-{m[1]}"
    if (m := re.match(r"(\d{1,2}) ([A-Za-z]+) (\d{4})$", s)) and m[2].lower() in MONTH_NAMES:
        return f"{m[3]}-{MONTH_NAMES[m[2].lower()]:02d}-{int(m[1]):02d}"
    return s[:10]


def load(path: str | Path, limit: int | None = None) -> list[dict]:
    """The scored rows of one export, in the fixed sample order, each as ``{id, text, gold}``."""
    with Path(path).open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if (r.get("notes") or "").strip()]
    rows.sort(key=lambda r: hashlib.sha256((r.get("event_id_cnty") or r["notes"]).encode()).hexdigest())
    out = []
    for r in rows[:limit] if limit else rows:
        notes = r["notes"].strip()
        date = acled_date(r["event_date"])
        out.append({"id": f"acled-{Path(path).stem}-{r.get('event_id_cnty')}", "text": notes, "gold": {
            "event_type": r["event_type"], "sub_event_type": r["sub_event_type"],
            "lat": float(r["latitude"]), "lon": float(r["longitude"]), "date": date,
            "fatalities": int(r.get("fatalities") or 0), "location": r.get("location") or "",
            "actor1": r.get("actor1") or "", "inter1": int(r.get("inter1") or 0),
            "split": bool(SPLIT_NOTE.search(notes)),
            "dated": (r.get("year") or date[:4]) in notes,
            "placed": norm((r.get("location") or "").split(" - ")[0]) in norm(notes)}})
    return out


def _actor_country(name: str) -> str | None:
    m = re.search(r"(?:of|\()\s*([A-Z][A-Za-z' .-]+?)\s*(?:\(\d{4}|\)|$)", name)
    if not m:
        return None
    import pycountry

    try:
        return pycountry.countries.lookup(m[1].strip()).alpha_2
    except LookupError:
        try:
            return pycountry.countries.search_fuzzy(m[1].strip())[0].alpha_2
        except LookupError:
            return None


def _actor_matches(actor: dict | None, gold: str) -> bool:
    name = (actor or {}).get("name") or ""
    if not name:
        return False
    cc = _actor_country(gold)
    if cc and actor.get("country") == cc:
        return True
    words = set(norm(gold).split()) - ACTOR_STOP
    return bool(words & (set(norm(name).split()) - ACTOR_STOP))


def judge(doc: dict, g: dict) -> dict:
    """What sitrep said about one note (its document JSON), and whether each field is right."""
    from sitrep.export.acled import event_inter

    places = {p.get("id"): p for p in doc.get("places") or []}
    actors = {a.get("id"): a for a in doc.get("actors") or []}
    evs = sorted(doc.get("events") or [], key=lambda e: -(e.get("confidence") or 0))
    top = next((e for e in evs if e.get("acled_event_type")), None)
    out = {"type": top.get("acled_event_type") if top else None, "subtype": top.get("acled_subtype") if top else None}
    anchor = top or (evs[0] if evs else None)
    p = places.get(anchor.get("place")) if anchor else None
    if not p or p.get("lat") is None:
        located = [x for x in doc.get("places") or [] if x.get("lat") is not None]
        p = min(located, key=lambda x: PRECISION_RANK.get(x.get("precision"), 9), default=None)
    out["place"] = p and {k: p.get(k) for k in ("name", "country", "admin1", "precision")}
    out["km"] = km(g["lat"], g["lon"], p["lat"], p["lon"]) if p else None
    dv = ((anchor or {}).get("date") or {}).get("value") if anchor else None
    out["date"] = dv or next((x.get("value") for x in doc.get("dates") or [] if x.get("value")), None)
    out["killed"] = sum(int(c.get("value") or 0) for c in doc.get("counts") or []
                        if str(c.get("category", "")).lower() in KILLED and not c.get("cumulative"))
    src = top.get("source") if top else None
    source = actors.get(src) if isinstance(src, str) else None
    out["source"] = (source or {}).get("name") or src
    out["named_actor1"] = bool(top and g["actor1"] and not UNNAMED_ACTOR1.match(g["actor1"]))
    out["actor1_ok"] = out["named_actor1"] and _actor_matches(source or ({"name": src} if src else None), g["actor1"])
    out["inter1"] = event_inter(top, actors, doc) if top else 0
    return out


def score(items: list[dict], docs: dict, gazetteer=None, misses: list | None = None) -> dict:
    """The figures over ``items`` (from :func:`load`) given each one's document JSON by id."""
    n: collections.Counter = collections.Counter()
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    answers: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    support = collections.Counter(it["gold"]["sub_event_type"] for it in items)
    for it in items:
        g = it["gold"]
        j = judge(docs.get(it["id"]) or {}, g)
        n["rows"] += 1
        n["type"] += j["type"] == g["event_type"]
        answers[g["sub_event_type"]][j["subtype"] or "-"] += 1
        if j["subtype"] == g["sub_event_type"]:
            tp[j["subtype"]] += 1
            n["subtype"] += 1
        else:
            fn[g["sub_event_type"]] += 1
            if j["subtype"]:
                fp[j["subtype"]] += 1
        if g["placed"]:
            n["placed"] += 1
            n["place_50km"] += j["km"] is not None and j["km"] <= 50
            n["place_161km"] += j["km"] is not None and j["km"] <= 161
            if gazetteer is not None:
                loc = g["location"].split(" - ")[0].strip()
                n["gaz"] += any(km(g["lat"], g["lon"], e.lat, e.lon) <= 25 for e in gazetteer.lookup(loc))
        if g["dated"]:
            n["dated"] += 1
            n["date"] += bool(j["date"]) and str(j["date"])[:10] == g["date"]
        if not g["split"]:
            n["fat_rows"] += 1
            n["fatalities"] += j["killed"] == g["fatalities"]
            n["fat_zero"] += g["fatalities"] == 0
        n["actor_rows"] += j["named_actor1"]
        n["actor1"] += j["actor1_ok"]
        if g["inter1"]:
            n["inter_rows"] += 1
            n["inter1"] += j["inter1"] == g["inter1"]
        if misses is not None and (j["type"] != g["event_type"] or j["km"] is None or j["km"] > 50
                                   or (j["named_actor1"] and not j["actor1_ok"])):
            misses.append({"id": it["id"], "notes": it["text"], "gold": g, "sitrep": j})
    rows = max(n["rows"], 1)
    weighted = 0.0
    for lab, sup in support.items():
        p = tp[lab] / max(tp[lab] + fp[lab], 1)
        r = tp[lab] / max(tp[lab] + fn[lab], 1)
        weighted += (2 * p * r / (p + r) if p + r else 0.0) * sup / rows
    out = {"rows": n["rows"], "type": n["type"] / rows, "subtype": n["subtype"] / rows, "subtype_wF1": weighted,
           "majority_type": collections.Counter(it["gold"]["event_type"] for it in items).most_common(1)[0][1] / rows
           if items else 0.0,
           "placed": n["placed"], "place_50km": n["place_50km"] / max(n["placed"], 1),
           "place_161km": n["place_161km"] / max(n["placed"], 1)}
    if gazetteer is not None:
        out["gaz_ceiling"] = n["gaz"] / max(n["placed"], 1)
    out |= {"dated": n["dated"], "date": n["date"] / max(n["dated"], 1),
            "fatalities": n["fatalities"] / max(n["fat_rows"], 1),
            "fatalities_all_zero": n["fat_zero"] / max(n["fat_rows"], 1),
            "actor_rows": n["actor_rows"], "actor1": n["actor1"] / max(n["actor_rows"], 1),
            "inter_rows": n["inter_rows"], "inter1": n["inter1"] / max(n["inter_rows"], 1)}
    for lab, sup in support.most_common():
        said = ", ".join(f"{k} {v}" for k, v in answers[lab].most_common(4))
        out[f"confusion {lab}"] = f"{sup} rows, {tp[lab] / sup:.0%} right: {said}"
    return out


def evaluate(paths, *, pipeline, limit: int | None = None, gazetteer=None, misses: list | None = None) -> dict:
    """Run ``pipeline`` on the notes of one ACLED export, or several, and score them (``limit`` rows at
    most per file). Several files give each file's figures prefixed by its name, then ``all.``, with the
    confusion table over all rows.

    ``gazetteer`` defaults to the pipeline's own (for ``gaz_ceiling``); ``misses`` collects every row whose
    type, place (over 50 km) or named actor 1 is wrong, with what sitrep said.
    """
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    parts = {Path(p).stem: load(p, limit) for p in paths}
    items = [it for part in parts.values() for it in part]
    raws = [RawDocument(text=it["text"], id=it["id"], path=f"{it['id']}.txt") for it in items]
    docs = {d.id: d.to_json() for d in pipeline.pipe(raws) if d.error is None}
    if gazetteer is None:
        res = getattr(pipeline, "res", None)
        gazetteer = res.gazetteer if res is not None else None
    if len(parts) == 1:
        return score(items, docs, gazetteer, misses)
    out: dict = {}
    for stem, part in parts.items():
        out |= {f"{stem}.{k}": v for k, v in score(part, docs, gazetteer, misses).items() if " " not in k}
    return out | {(k if " " in k else f"all.{k}"): v for k, v in score(items, docs, gazetteer).items()}


if __name__ == "__main__":  # python -m sitrep.eval.acled FILE.csv [--limit N] [--misses OUT.jsonl]
    import argparse
    import json

    from sitrep.pipeline import Pipeline

    ap = argparse.ArgumentParser()
    ap.add_argument("csv", nargs="+")
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--misses")
    a = ap.parse_args()
    found: list = []
    print(json.dumps(evaluate(a.csv, pipeline=Pipeline(), limit=a.limit, misses=found), indent=1))
    if a.misses:
        Path(a.misses).write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in found), "utf-8")
