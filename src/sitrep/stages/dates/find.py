"""Date expressions found by patterns over the text: each match is a ``Mention`` with its form.

The patterns are built from the word lists in ``sitrep/data/dates/lexicon.json``; the forms are
resolved to ISO 8601 values in :mod:`sitrep.stages.dates.resolve`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.resources import cached

DATA = Path(__file__).resolve().parents[2] / "data" / "dates"


@cached
def lexicon() -> dict:
    return json.loads((DATA / "lexicon.json").read_text("utf-8"))


@dataclass
class Mention:
    start: int
    end: int
    form: str  # iso | mdy | my | month | year | years | decade | relday | relunit | ago | edge | weekday
    g: dict = field(default_factory=dict)  # named groups of the pattern
    relation: str | None = None  # since | until | from | by | before | after

    @property
    def length(self) -> int:
        return self.end - self.start


_FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _first(words, *, ci: bool = False) -> str:
    """A character class of the first letters of ``words`` (case-insensitive with ``ci``)."""
    cls = "[" + "".join(sorted({re.escape(w[0]) for w in words})) + "]"
    return f"(?i:{cls})" if ci else cls


def _starting(first: str, rx: str) -> re.Pattern:
    """``rx`` behind a look-ahead for the characters a match can start with: the same matches, but the
    engine gives up at once at the many positions where none can start (speed only)."""
    return re.compile(f"(?={first})" + rx)


@cached
def patterns() -> list[tuple[str, re.Pattern]]:
    lx = lexicon()
    full = {m for m in lx["months"] if m in _FULL_MONTHS}
    months = [m.title() for m in lx["months"]]
    mon = ("(?P<mon>(?:" + _alt(m.title() for m in full) + r")\b|(?:"
           + _alt(m.title() for m in set(lx["months"]) - full) + r")\b\.?)")
    weekdays = [w.title() for w in lx["weekdays"]]
    wd = "(?P<wd>" + _alt(weekdays) + ")"
    year = r"(?P<y>(?:1[89]|20)\d{2})"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    day2 = r"(?:\s*(?:-|–|and|to)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?"
    num_words = list(_number_words()) + ["a", "an", "a few", "several", "a couple of"]
    nums = _alt(num_words)
    parts = ["early", "mid", "late", "the end of", "the beginning of", "the start of", "the middle of", "end of",
             "beginning of"]
    part = "(?P<part>" + "|".join(parts) + ")"
    i = "(?i:{})".format
    month_mods = ("in|since|until|by|during|from|last|next|this|early|mid|late|the end of|the beginning of|"
                  "the start of|the middle of|end of|beginning of")
    wd_mod_words = ["last", "next", "this coming", "this", "later", "earlier", "late", "early"]
    wd_mods = "(?P<mod>" + "|".join(wd_mod_words) + ")"
    wd_parts = "(?P<part>morning|afternoon|evening|night|overnight)"
    years_pre = "(?P<pre>since|from|between)"
    year_pre_words = ["in", "since", "until", "by", "from", "during", "before", "after", "early", "late", "mid",
                      "throughout", "of", "for", "in early", "in late", "the year"]
    year_pre = "(?P<pre>" + "|".join(year_pre_words) + ")"
    # What a match can start with, for the look-ahead of :func:`_starting` (a month or weekday name is
    # title-cased and case-sensitive; the modifier words are case-insensitive).
    cap, edge_first = _first(months + weekdays), _first(["the", "end", "beginning", "start", "middle", "turn"], ci=True)
    return [
        ("iso", _starting(r"\d", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
        ("mdy", _starting(cap, rf"(?:{wd},?\s+)?{mon}\s+{day}\b{day2}(?:,?\s+{year})?\b(?!\s*[:.]\d)")),
        ("mdy", _starting(rf"{cap}|t|\d", rf"(?:{wd},?\s+)?(?:the\s+)?{day}{day2}\s+(?:of\s+)?{mon}(?:,?\s+{year})?\b")),
        ("my", _starting(rf"{cap}|{_first(parts, ci=True)}", rf"(?:{i(part)}[\s-]+)?{mon}(?:\s+of)?,?\s+{year}\b")),
        ("months", _starting(_first(["from", "between"], ci=True),
                             rf"\b{i('(?P<mod>from|between)')}\s+{mon}\s+{i('(?:to|and|until|through)')}\s+"
                             rf"{mon.replace('?P<mon>', '?P<mon2>')}(?:,?\s+{year})?\b(?!\s*\d)")),
        ("month", _starting(_first(month_mods.split("|"), ci=True), rf"\b(?P<mod>{i(month_mods)})[\s-]+{mon}(?!\s*\d)")),
        ("years", _starting(rf"{_first(['since', 'from', 'between'], ci=True)}|[12]",
                            rf"\b(?:{i(years_pre)}\s+)?{year}\s*(?:-|–|to|and|until)\s*"
                            r"(?P<y2>(?:1[89]|20)\d{2})\b")),
        ("edge", _starting(edge_first, i(rf"\b(?:the\s+)?(?P<part>end|beginning|start|middle|turn)\s+of\s+{year}\b"))),
        ("year", _starting(_first(year_pre_words, ci=True), rf"\b{i(year_pre)}[\s-]+{year}\b(?![-/]\d)")),
        ("decade", _starting("[t12]", r"\b(?:the\s+)?(?P<y>(?:1[89]|20)\d0)s\b")),
        ("relday", _starting(_first(["yesterday", "today", "tomorrow", "tonight", "overnight", "last", "this", "earlier",
                                     "later"], ci=True),
                             i(r"\b(?P<rel>yesterday|today|tomorrow|tonight|overnight|last night|"
                               r"this (?:morning|afternoon|evening)|(?:earlier|later) today)\b"))),
        ("relunit", _starting(_first(["last", "this", "next", "earlier", "later", "the", "past", "coming", "previous",
                                      "over", "at"], ci=True),
                              i(r"\b(?P<mod>last|this|next|earlier this|later this|the past|past|the coming|"
                                r"coming|the previous|previous|the following|over the|at the|the)\s+"
                                r"(?P<unit>week|month|year|weekend)\b"))),
        ("ago", _starting(rf"\d|{_first(num_words, ci=True)}",
                          i(rf"\b(?P<n>\d+|{nums})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b"))),
        ("edge", _starting(edge_first, i(r"\b(?:the\s+)?(?P<part>end|beginning|start|middle|turn)\s+of\s+"
                                         r"(?P<mod>the|this|last|next)\s+(?P<unit>year|month|week)\b"))),
        ("weekday", _starting(rf"{_first(wd_mod_words, ci=True)}|{cap}",
                              rf"(?:\b{i(wd_mods)}\s+)?\b{wd}\b(?:\s+{i(wd_parts)}\b)?")),
    ]


def _number_words() -> dict[str, int]:
    from sitrep.stages.counts.numbers import word_values

    return word_values()


RELATIONS = ("since", "until", "from", "by", "before", "after")


def find_mentions(text: str) -> list[Mention]:
    """Every date expression the patterns see, overlaps resolved longest-first."""
    found: list[Mention] = []
    for form, rx in patterns():
        for m in rx.finditer(text):
            g = {k: v for k, v in m.groupdict().items() if v}
            if form == "mdy" and not _valid_day(g):
                continue
            if form == "month" and g["mon"].rstrip(".").lower() == "may" and g["mod"].lower() not in (
                    "in", "since", "until", "last", "next", "early", "late", "mid"):
                continue
            if form == "relunit" and g["mod"].lower() in ("the", "at the", "over the") and g["unit"].lower() != "weekend":
                continue
            found.append(Mention(m.start(), m.end(), form, g))
    chosen: list[Mention] = []
    for mn in sorted(found, key=lambda x: (-x.length, x.start)):
        if all(mn.end <= c.start or mn.start >= c.end for c in chosen):
            chosen.append(mn)
    chosen.sort(key=lambda x: x.start)
    for mn in chosen:
        _relation(text, mn)
    return chosen


def _valid_day(g: dict) -> bool:
    return 1 <= int(g["d"]) <= 31 and (not g.get("d2") or 1 <= int(g["d2"]) <= 31)


def _relation(text: str, mn: Mention) -> None:
    """'since 2014', 'until March': the relation word becomes part of the mention."""
    words = text[mn.start:mn.end].split()
    first = words[0].lower() if words else ""
    if first in RELATIONS:
        mn.relation = first
        return
    m = re.search(r"(?i)\b(since|until|from|by|before|after)\s+(?:(?:on|in|the)\s+)?$", text[max(0, mn.start - 20):mn.start])
    if m:
        mn.relation = m.group(1).lower()
        mn.start = mn.start - (len(text[max(0, mn.start - 20):mn.start]) - m.start())
