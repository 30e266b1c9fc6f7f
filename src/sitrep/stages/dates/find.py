"""Date expressions found by patterns over the text: each match is a ``DateMention`` with its form.

The patterns are built from the word lists in ``sitrep/data/dates/lexicon.json`` (its ``_doc_patterns``
says which list feeds which pattern); the forms are resolved to ISO 8601 values in
:mod:`sitrep.stages.dates.resolve`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep import vocab
from sitrep.numbers import word_values
from sitrep.resources import cached


def lexicon() -> dict:
    return vocab.table("dates/lexicon.json")


@dataclass
class DateMention:
    start: int
    end: int
    form: str  # iso | mdy | my | month | year | years | decade | relday | relunit | ago | edge | weekday
    g: dict = field(default_factory=dict)  # named groups of the pattern
    relation: str | None = None  # since | until | from | by | before | after

    @property
    def length(self) -> int:
        return self.end - self.start


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _ordered(words) -> str:
    """An alternation in the list's own order (the first alternative that lets the pattern match wins)."""
    return "|".join(re.escape(w) for w in words)


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
    full = {m for m in lx["months"] if m in lx["full_months"]}
    months = [m.title() for m in lx["months"]]
    mon = ("(?P<mon>(?:" + _alt(m.title() for m in full) + r")\b|(?:"
           + _alt(m.title() for m in set(lx["months"]) - full) + r")\b\.?)")
    weekdays = [w.title() for w in lx["weekdays"]]
    wd = "(?P<wd>" + _alt(weekdays) + ")"
    year = r"(?P<y>(?:1[89]|20)\d{2})"
    suffix = "(?:" + _ordered(lx["ordinal_suffixes"]) + ")?"
    day = r"(?P<d>[0-3]?\d)" + suffix
    day2 = r"(?:\s*(?:-|–|and|to)\s*(?P<d2>[0-3]?\d)" + suffix + ")?"
    num_words = list(word_values()) + list(lx["ago_quantities"])
    nums = _alt(num_words)
    parts = lx["month_parts"]
    part = "(?P<part>" + _ordered(parts) + ")"
    i = "(?i:{})".format
    month_mod_words = lx["month_modifiers"] + parts
    month_mods = _ordered(month_mod_words)
    wd_mods = "(?P<mod>" + _ordered(lx["weekday_modifiers"]) + ")"
    wd_parts = "(?P<part>" + _ordered(lx["day_parts"]) + ")"
    years_pre = "(?P<pre>" + _ordered(lx["year_range_starts"]) + ")"
    year_pre = "(?P<pre>" + _ordered(lx["year_modifiers"]) + ")"
    edges = "(?P<part>" + _ordered(lx["year_edges"]) + ")"
    units = "(?P<unit>" + _alt(lx["units"]) + ")"
    # What a match can start with, for the look-ahead of :func:`_starting` (a month or weekday name is
    # title-cased and case-sensitive; the modifier words are case-insensitive).
    cap, edge_first = _first(months + weekdays), _first(["the", *lx["year_edges"]], ci=True)
    return [
        ("iso", _starting(r"\d", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
        ("mdy", _starting(cap, rf"(?:{wd},?\s+)?{mon}\s+{day}\b{day2}(?:,?\s+{year})?\b(?!\s*[:.]\d)")),
        ("mdy", _starting(rf"{cap}|t|\d", rf"(?:{wd},?\s+)?(?:the\s+)?{day}{day2}\s+(?:of\s+)?{mon}(?:,?\s+{year})?\b")),
        ("my", _starting(rf"{cap}|{_first(parts, ci=True)}", rf"(?:{i(part)}[\s-]+)?{mon}(?:\s+of)?,?\s+{year}\b")),
        ("months", _starting(_first(lx["month_range_starts"], ci=True),
                             rf"\b{i('(?P<mod>' + _ordered(lx['month_range_starts']) + ')')}\s+{mon}\s+"
                             rf"{i('(?:' + _ordered(lx['month_range_joiners']) + ')')}\s+"
                             rf"{mon.replace('?P<mon>', '?P<mon2>')}(?:,?\s+{year})?\b(?!\s*\d)")),
        ("month", _starting(_first(month_mod_words, ci=True), rf"\b(?P<mod>{i(month_mods)})[\s-]+{mon}(?!\s*\d)")),
        ("years", _starting(rf"{_first(lx['year_range_starts'], ci=True)}|[12]",
                            rf"\b(?:{i(years_pre)}\s+)?{year}\s*(?:{_ordered(lx['year_range_joiners'])})\s*"
                            r"(?P<y2>(?:1[89]|20)\d{2})\b")),
        ("edge", _starting(edge_first, i(rf"\b(?:the\s+)?{edges}\s+of\s+{year}\b"))),
        ("year", _starting(_first(lx["year_modifiers"], ci=True), rf"\b{i(year_pre)}[\s-]+{year}\b(?![-/]\d)")),
        ("decade", _starting("[t12]", r"\b(?:the\s+)?(?P<y>(?:1[89]|20)\d0)s\b")),
        ("relday", _starting(_first(lx["relative_days"], ci=True),
                             i(rf"\b(?P<rel>{_ordered(lx['relative_days'])})\b"))),
        ("relunit", _starting(_first(lx["relative_unit_modifiers"], ci=True),
                              i(rf"\b(?P<mod>{_ordered(lx['relative_unit_modifiers'])})\s+"
                                rf"(?P<unit>{_ordered(lx['relative_units'])})\b"))),
        ("ago", _starting(rf"\d|{_first(num_words, ci=True)}", i(rf"\b(?P<n>\d+|{nums})\s+{units}\s+ago\b"))),
        ("edge", _starting(edge_first, i(rf"\b(?:the\s+)?{edges}\s+of\s+"
                                         rf"(?P<mod>{_ordered(lx['edge_modifiers'])})\s+"
                                         rf"(?P<unit>{_ordered(lx['edge_units'])})\b"))),
        ("weekday", _starting(rf"{_first(lx['weekday_modifiers'], ci=True)}|{cap}",
                              rf"(?:\b{i(wd_mods)}\s+)?\b{wd}\b(?:\s+{i(wd_parts)}\b)?")),
    ]


def find_mentions(text: str) -> list[DateMention]:
    """Every date expression the patterns see, overlaps resolved longest-first."""
    found: list[DateMention] = []
    may_mods = lexicon()["may_month_modifiers"]
    for form, rx in patterns():
        for m in rx.finditer(text):
            g = {k: v for k, v in m.groupdict().items() if v}
            if form == "mdy" and not _valid_day(g):
                continue
            if form == "month" and g["mon"].rstrip(".").lower() == "may" and g["mod"].lower() not in may_mods:
                continue
            if form == "relunit" and g["mod"].lower() in ("the", "at the", "over the") and g["unit"].lower() != "weekend":
                continue
            found.append(DateMention(m.start(), m.end(), form, g))
    chosen: list[DateMention] = []
    for mn in sorted(found, key=lambda x: (-x.length, x.start)):
        if all(mn.end <= c.start or mn.start >= c.end for c in chosen):
            chosen.append(mn)
    chosen.sort(key=lambda x: x.start)
    for mn in chosen:
        _relation(text, mn)
    return chosen


def _valid_day(g: dict) -> bool:
    return 1 <= int(g["d"]) <= 31 and (not g.get("d2") or 1 <= int(g["d2"]) <= 31)


def _relation(text: str, mn: DateMention) -> None:
    """'since 2014', 'until March': the relation word becomes part of the mention."""
    words = text[mn.start:mn.end].split()
    first = words[0].lower() if words else ""
    if first in lexicon()["relations"]:
        mn.relation = first
        return
    m = _relation_before().search(text[max(0, mn.start - 20):mn.start])
    if m:
        mn.relation = m.group(1).lower()
        mn.start = mn.start - (len(text[max(0, mn.start - 20):mn.start]) - m.start())


@cached
def _relation_before() -> re.Pattern:
    """A relation word ending the text before a mention: 'since (the) 1990s', 'from (on) Monday'."""
    lx = lexicon()
    return re.compile(rf"(?i)\b({_ordered(lx['relations'])})\s+(?:(?:{_ordered(lx['relation_fillers'])})\s+)?$")
