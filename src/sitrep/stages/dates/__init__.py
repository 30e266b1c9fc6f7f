"""Dates: date expressions, resolved against the publication date (issue 5, part 1).

Reads ``doc.text``, ``doc.spacy``, ``doc.paragraphs`` and ``doc.meta["published"]``; writes the
``dates`` layer. Each item: ``id`` ("D1"), ``text``/``start``/``end``, ``value`` (ISO 8601 at its
real precision, or null), ``precision`` (day, week, month, year, decade, or null), and where they
apply ``end_value`` (ranges), ``relation`` ("since 2014": the value is the start), ``role``
("dateline") and ``reason`` (why the value is null).

Method: patterns built from ``data/dates/lexicon.json`` find and parse the expressions
(:mod:`.find`); spaCy DATE entities the patterns do not cover are kept with value null (mostly
durations: "six weeks", "recent days"), so no date mention disappears silently. The reference
date is the dateline's date when it names a day (its year from ``published`` when it has none), else
``published``; with neither, a day and month without a year take the one year the text's full dates
state, and say so (``year_from: "text"``). Weekday and year-less month direction comes from
the tense of the governing verb in the dependency parse. Dates in credit paragraphs are skipped.
"""
from __future__ import annotations

import datetime as dt
import re

from sitrep.doc import Document
from sitrep.numbers import is_time_expression
from sitrep.pipeline import stage
from sitrep.stages.dates.find import DateMention, find_mentions, lexicon
from sitrep.stages.dates.resolve import Resolved, resolve

SKIP_KINDS = ("credit",)
_YEAR = re.compile(r"\b((?:1[89]|20)\d\d)\b")
_AGE = re.compile(r"(?i)\b\d+[- ]years?[- ]old\b|\baged?\b")
# "KYIV, April 7 (Reuters) -", "KHARKIV, Ukraine, March 3, 2023 --", "KABUL, Afghanistan (Jan. 25, 2013)"
_DATELINE_HEAD = re.compile(r"^\s*[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{1,40}){0,2}\s*[,(—–-]\s*$")
_DATELINE_TAIL = re.compile(r"^\s*(?:\)|\s*\((?:[A-Z][\w&.' ]{1,30})\)\s*[-–—:]|\s*[-–—:]{1,2})")


@stage("find_dates", version=2, reads=("sentences",), writes="dates")
def find_dates(doc: Document, *, res) -> list[dict]:
    """Find and resolve date expressions.

    Never raises on odd input: a mention that cannot be resolved gets ``value: null`` and a
    ``reason``.
    """
    text = doc.text
    mentions = [m for m in find_mentions(text) if not _skipped(doc, m.start)]
    dateline = _dateline(doc, mentions)
    ref = parse_date(doc.meta.get("published"))
    if dateline is not None:
        dl = resolve(dateline, ref, "past")  # a year-less dateline ("MOGADISHU, Somalia, March 3 -") takes
        if dl.precision == "day":             # the publication's year; relative dates count from the day it
            ref = dt.date.fromisoformat(dl.value)  # was filed, which a late publication date may not be
    year = _text_year(text, mentions) if ref is None else None
    out: list[dict] = []
    for mn in mentions:
        borrowed = year is not None and mn.form == "mdy" and not mn.g.get("y")
        if borrowed:  # 'On August 17, ... on May 31, 2019' in a note without a publication date
            mn = DateMention(mn.start, mn.end, mn.form, {**mn.g, "y": str(year)}, mn.relation)
        r = resolve(mn, ref, direction(doc, mn))
        item = {**doc.span(mn.start, mn.end), "value": r.value, "precision": r.precision}
        if borrowed:
            item["year_from"] = "text"
        if r.end_value:
            item["end_value"] = r.end_value
        if mn.relation:
            item["relation"] = mn.relation
        if mn is dateline:
            item["role"] = "dateline"
        item["reason"] = r.reason
        out.append(item)
    for ent in doc.spacy.ents if doc.spacy is not None else ():
        if (ent.label_ != "DATE" or _skipped(doc, ent.start_char) or _AGE.search(ent.text)
                or not is_time_expression(ent.text)):
            continue
        if any(ent.start_char < o["end"] and o["start"] < ent.end_char for o in out):
            continue
        if re.fullmatch(r"\d+", ent.text.strip()) and not re.fullmatch(r"(1[89]|20)\d\d", ent.text.strip()):
            continue
        if re.fullmatch(r"(1[89]|20)\d\d", ent.text.strip()):
            item = {**doc.span(ent.start_char, ent.end_char), "value": ent.text.strip(), "precision": "year",
                    "reason": None}
        else:
            item = {**doc.span(ent.start_char, ent.end_char), "value": None, "precision": None,
                    "reason": "duration or vague time expression, not a point in time"}
        out.append(item)
    out.sort(key=lambda x: x["start"])
    return [{"id": f"D{i}", **x} for i, x in enumerate(out, 1)]


STAGE = find_dates.stage


def _text_year(text: str, mentions: list[DateMention]) -> int | None:
    """The year of the text's full dates ('May 31, 2019', '2019-05-31', 'July 2019') when it is the only
    year the text writes anywhere, else None: a day and month without a year, in a text with neither a
    publication nor a dateline date, takes it (ACLED-style notes name the year once; a text that names
    several years gives no safe one)."""
    full = {mn.g["y"] for mn in mentions if mn.form in ("mdy", "iso", "my") and mn.g.get("y")}
    return int(full.pop()) if len(full) == 1 and set(_YEAR.findall(text)) <= full else None


def parse_date(value) -> dt.date | None:
    """'2022-04-07' or '2022-04-07T10:00:00Z' -> date; anything else -> None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _skipped(doc: Document, offset: int) -> bool:
    p = doc.paragraph_at(offset)
    return p is not None and p.kind in SKIP_KINDS


def _dateline(doc: Document, mentions: list[DateMention]) -> DateMention | None:
    """The date of a dateline: in a paragraph of kind "dateline", or right after an upper-case
    place name that opens one of the first body paragraphs."""
    # a dateline on a line of its own may have been taken for a heading by cleaning
    firsts = [p for p in doc.paragraphs if p.kind in ("dateline", "body", "heading")][:3]
    for mn in mentions:
        p = doc.paragraph_at(mn.start)
        if p is None or p not in firsts or mn.form not in ("mdy", "iso"):
            continue
        if p.kind == "dateline":
            return mn
        head, tail = doc.text[p.start:mn.start], doc.text[mn.end:mn.end + 40]
        if _DATELINE_HEAD.match(head) and (_DATELINE_TAIL.match(tail) or head.rstrip().endswith("(")):
            return mn
    return None


def direction(doc: Document, mn: DateMention) -> str | None:
    """"future" when the governing verb carries a future auxiliary or cue, "past" for past-tense
    verbs, else None. Reads the dependency parse around the mention."""
    sp = doc.spacy
    if sp is None:
        return None
    span = sp.char_span(mn.start, mn.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    lx = lexicon()
    before = doc.text[max(0, mn.start - 12):mn.start].lower().split()
    if before and before[-1] in lx["future_adverbs"]:
        return "future"
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    verbs = [tok] + ([tok.head] if tok.dep_ in ("xcomp", "conj") else [])
    future_words = set(lx["future_aux"])
    for v in verbs:
        kids = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in future_words or c.lemma_.lower() in future_words for c in kids):
            return "future"
        if v.lemma_.lower() in future_words and v.i != tok.i:
            return "future"
        if v.lemma_.lower() in lx["scheduling_verbs"] and any(
                c.dep_ in ("xcomp", "prep") for c in v.children):
            return "future"
    if tok.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" or c.lower_ in ("has", "have")
                                         for c in tok.children if c.dep_ in ("aux", "auxpass")):
        return "past"
    return None


__all__ = ["STAGE", "find_dates", "parse_date", "direction", "Resolved"]
