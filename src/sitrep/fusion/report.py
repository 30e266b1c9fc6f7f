"""One main event per report: the headline incident, the fragments restating it, background events.

A report's events are not independent: "At least 24 soldiers were killed ..." in the lead, "the attack",
"1 police officer killed" further down are one incident told several times, while "two days earlier,
gunmen attacked ..." is another. :func:`plan_document` marks each event of one document with a role
and groups them into :class:`~sitrep.fusion.rules.Report` units, the things fusion links across
documents:

- **main**: the event with the most evidence (lead paragraph, a violent class, a death toll, a place
  and a day of its own, the events stage's confidence);
- **fragment**: an event of the main event's class whose place and date do not contradict it; it
  joins the main event's incident;
- **background**: an event told as earlier or separate (a cue of ``data/fusion/background.tsv`` in its
  sentence, or a date before the main event's); it stands alone: it never joins the main incident, nor,
  told in passing, any other report's;
- **other**: any other event (another kind of event, another place); it stands alone.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from sitrep import vocab
from sitrep.fusion.names import name_keys, names_match
from sitrep.fusion.rules import UNREAL, EventRecord, Place, Report, places_relation
from sitrep.resources import cached

ROLES = ("main", "fragment", "background", "other")


@cached(limit=4)
def background_cues(kinds: tuple[str, ...] = ("before", "separate")) -> re.Pattern:
    """The cues of ``data/fusion/background.tsv`` of these kinds, as one case-insensitive pattern."""
    cues = []
    for line in vocab.read_text("fusion/background.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            cue, _, kind = line.partition("\t")
            if kind.strip() in kinds:
                cues.append(cue.strip())
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)


_SENTENCE_ENDS = (". ", "? ", "\n")  # what ends a sentence for fusion's look at a report's wording


def _sentence_end(text: str, start: int, end: int | None = None) -> int:
    """Offset of the first sentence end in text[start:end] (the '.', '?' or line break), else -1."""
    found = [i for i in (text.find(m, start, end) for m in _SENTENCE_ENDS) if i >= 0]
    return min(found, default=-1)


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around [start, end): from the last sentence end before it to the next one after."""
    if not text:
        return ""
    b = max(text.rfind(m, 0, start) for m in _SENTENCE_ENDS)
    e = _sentence_end(text, end)
    return text[b + 1:e if e >= 0 else len(text)]


def _headline_score(r: EventRecord, lead_end: int, violent: set[str], settings: dict) -> tuple:
    day_like = r.dated and r.lo is not None and (r.hi - r.lo).days < settings["max_date_span_days"]
    return (
        r.real,
        r.tclass in violent,
        r.role != "background",
        # the lead paragraph carries the news (inverted pyramid), so it counts twice
        2 * (r.start < lead_end) + (r.fatalities is not None) + (r.place is not None and r.place.level < 4)
        + day_like,
        r.fatalities or 0,
        r.confidence,
        -r.start,
    )


def _lead(text: str, min_chars: int = 100) -> tuple[int, int]:
    """Start and end of the lead: the first paragraph long enough to be one (a title or a dateline line is
    not); the whole text when none is."""
    i = 0
    while i < len(text):
        j = text.find("\n\n", i)
        j = len(text) if j < 0 else j
        if j - i >= min_chars:
            return i, j
        i = j + 2
    return 0, len(text)


def _first_sentence_end(text: str, start: int, end: int) -> int:
    """End of the lead's first sentence: the news itself, whatever time words it uses ("the deadliest
    attack this year")."""
    i = _sentence_end(text, start, end)
    return end if i < 0 else i + 1


def _tally(r: EventRecord, lead_first: int, settings: dict) -> bool:
    """A tally over a span of time, not one attack, told outside the lead sentence (which tells the news):
    dated only to a month or a year, or, without a day of its own, told with a period cue in its own words
    ("attacks have killed hundreds this year", "have stepped up attacks in recent weeks"). Background."""
    if r.lo is None or r.hi is None or r.start < lead_first:
        return False
    if r.dated:
        return (r.hi - r.lo).days >= settings["max_date_span_days"]
    return bool(background_cues(("period",)).search(r.evidence))


def _main_country(main: EventRecord, places) -> str | None:
    """The country of the main event's town or province, else the one most of the document's towns and
    provinces lie in (a country named in passing, 'fled to South Sudan', does not count)."""
    if main.place is not None and main.place.level < 4 and main.place.country:
        return main.place.country
    c, c_all = Counter(), Counter()
    for p, ms in places:
        if p.country:
            c_all[p.country] += len(ms)
            if p.level < 4:
                c[p.country] += len(ms)
    c = c or c_all
    return c.most_common(1)[0][0] if c else None


def plan_document(recs: list[EventRecord], text: str, *, settings: dict, violent: set[str],
                  places: list[tuple[Place, list[tuple[int, int]]]] = (), published: date | None = None,
                  tolls: list[tuple[int, int]] = ()) -> list[Report]:
    """Mark each event's ``role`` and group the document's events into reports (see module docstring).

    Args:
        places: The document's places (datelines left out) with their mentions' offsets: the country
            most of them lie in is the report's, and those named outside background sentences are its
            context (:func:`sitrep.fusion.rules.report_places_relation`).
        published: The publication day: an event dated more than ``news_window_days`` before it is
            background.
        tolls: ``(offset, value)`` of the document's death counts: where no event of the main group
            carries a toll, the largest count outside background sentences is the report's ("the
            provisional toll stands at 37 dead", told apart from the attack's sentence).
    """
    if not recs:
        return []
    cues = background_cues()
    lead_start, lead_end = _lead(text or "")
    first = _first_sentence_end(text or "", lead_start, lead_end)
    old = published - timedelta(days=settings["news_window_days"]) if published else None
    spans = []
    for r in recs:
        r.role = "other"
        sent = sentence_at(text, r.start, r.start + len(r.evidence))
        if cues.search(sent) or (old and r.dated and r.hi is not None and r.hi < old) \
                or _tally(r, first, settings):
            r.role = "background"
            i = text.find(sent) if sent else -1
            spans.append((i, i + len(sent)))
    main = max(recs, key=lambda r: _headline_score(r, lead_end, violent, settings))
    main.role = "main"
    country = _main_country(main, places)
    for r in recs:  # a foreign country as an event's place is a misreading more often than not
        if r.place is not None and r.place.level == 4 and country and r.place.country != country:
            r.place = None
    context = [p for p, ms in places if p.level < 4 and (not country or p.country in (None, country))
               and any(not any(a <= m0 < b for a, b in spans) for m0, _ in ms)]
    pad = timedelta(days=settings["max_days"])
    for r in recs:
        if r is main or r.role == "background":
            continue
        if r.dated and r.hi is not None and main.lo is not None and (
                r.hi + pad < main.lo or (main.dated and r.hi < main.lo)):
            r.role = "background"  # told as before the report's own news (its day, or its publication)
        elif _restates(r, main, settings):
            r.role = "fragment"
    groups = [[main] + [r for r in recs if r.role == "fragment"]]
    groups += [[r] for r in recs if r.role in ("background", "other")]
    out = [_report(g, country, settings) for g in groups]
    out[0].context = context + [e.container for e in groups[0] if e.container is not None]
    out[0].keys = name_keys(_foreground(text or "", spans))
    if out[0].fatalities is None and out[0].real:
        period = background_cues(("period",))
        told = [v for at, v in tolls if not any(a <= at < b for a, b in spans)
                and not (at >= first and period.search(sentence_at(text, at, at + 1)))]  # "hundreds this year"
        out[0].fatalities = max(told) if told else None
        out[0].toll_loose = bool(told)
    return out


_DATELINE = re.compile(r"^[^\n]{0,60}\s[-\u2013\u2014]\s*$", re.MULTILINE)  # "KABUL, March 4 -"


def _foreground(text: str, spans: list[tuple[int, int]]) -> str:
    """The text a report tells its own news in: without its background sentences (``spans``) and its
    dateline line (where the reporter is, not where the event was)."""
    cut = sorted([(a, b) for a, b in spans if a >= 0] + [m.span() for m in _DATELINE.finditer(text)])
    out, at = [], 0
    for a, b in cut:
        if a > at:
            out.append(text[at:a])
        at = max(at, b)
    out.append(text[at:])
    return "\n".join(out)


def _restates(r: EventRecord, main: EventRecord, settings: dict) -> bool:
    if r.real != main.real or r.tclass != main.tclass:
        return False
    # a main event dated only by its publication window says nothing against a day the report gives
    # elsewhere ("Eight civilians were killed" after "On 8 November, an armed group attacked ...");
    # an earlier day beyond max_days was made background before this
    if r.dated and main.dated and None not in (r.lo, main.lo) and (r.lo > main.hi or r.hi < main.lo):
        return False
    if r.dated and r.lo is not None and (r.hi - r.lo).days >= settings["max_date_span_days"]:
        return False  # "hundreds killed this year": a tally over a month or a year restates no one attack
    if r.place is None or main.place is None:
        return True
    for x, y in ((r, main), (main, r)):  # "the village of X in Y commune" restates an attack "in Y"
        if x.container is not None and any(names_match(n, m) for n in x.container.names for m in y.place.names):
            return True
    rel, pts = places_relation([r.place], [main.place], settings)
    return pts >= 0


def _report(events: list[EventRecord], country: str | None, settings: dict) -> Report:
    lead = events[0]
    dated = [e for e in events if e.dated and e.lo is not None]
    if dated:  # the narrowest date the events give
        best = min(dated, key=lambda e: (e.hi - e.lo).days)
        lo, hi = best.lo, best.hi
    else:
        lo, hi = lead.lo, lead.hi
    containers = [e.container for e in events if e.container is not None]
    places: list[Place] = []
    for e in events:  # a place one event's sentence shows to contain another's village is no event place
        for p in (e.place, e.alongside):
            if p is not None and p not in places and not any(
                    names_match(n, m) for c in containers for n in p.names for m in c.names):
                places.append(p)
    tolls = [e.fatalities for e in events if e.fatalities is not None]
    # the report's toll is loose when the main event does not give it: it has none, or a fragment's is higher
    loose = bool(tolls) and (lead.fatalities is None or lead.fatalities < max(tolls))
    return Report(
        document_id=lead.document_id, events=events, tclass=lead.tclass, lo=lo, hi=hi, places=places,
        fatalities=max(tolls) if tolls else None, toll_loose=loose,
        perpetrators=set().union(*(e.perpetrators for e in events)),
        names=set().union(*(e.names for e in events)),
        tokens=lead.tokens, real=lead.real and lead.role != "negated", country=country, role=lead.role,
        incident_id=next((e.incident_id for e in events if e.incident_id), None),
    )


def is_real(factuality: str | None) -> bool:
    return factuality not in UNREAL
