"""Resolve a date mention to an ISO 8601 value at its real precision, given a reference date.

Values: ``YYYY-MM-DD`` (day), ``YYYY-Www`` (ISO week), ``YYYY-MM`` (month), ``YYYY`` (year),
``YYY`` (decade, ISO 8601 reduced precision). A mention that needs a reference date and has none
gets value ``None`` and a ``reason``.

Direction of bare weekdays and months follows the tense of the governing verb (see
:func:`sitrep.stages.dates.tense`): past or unknown -> the most recent one on or before the
reference date; future ("will hold a vote later Thursday") -> the next one on or after it. This is
the convention of TimeML/HeidelTime news resolution (Strötgen & Gertz 2013).
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sitrep.numbers import parse_number, vague_quantities
from sitrep.stages.dates.find import DateMention, lexicon

D = dt.date


@dataclass
class Resolved:
    value: str | None
    precision: str | None
    end_value: str | None = None
    reason: str | None = None


def day(d: D) -> str:
    return d.isoformat()


def week(d: D) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def last_day(y: int, m: int) -> D:
    return D(y, m, calendar.monthrange(y, m)[1])


def _mon(g: dict) -> int:
    return lexicon()["months"][g["mon"].rstrip(".").lower()]


def _num(s: str) -> int | None:
    s = s.lower()
    if s in ("a", "an"):
        return 1
    for v in vague_quantities():
        if v["text"] == s:
            return v["value"]
    n = parse_number(s.split())
    return int(n) if n is not None else None


def resolve(mn: DateMention, ref: D | None, direction: str | None) -> Resolved:
    """``direction``: "future", "past" or None (unknown: treated as past for weekdays)."""
    g, f = mn.g, mn.form
    try:
        if f == "iso":
            return Resolved(day(D(int(g["y"]), int(g["m"]), int(g["d"]))), "day")
        if f == "mdy":
            return _mdy(g, ref, direction)
        if f == "my":
            return _edge_of_month(int(g["y"]), _mon(g), g.get("part"))
        if f == "years":
            return Resolved(g["y"], "year", end_value=g["y2"])
        if f == "year":
            return Resolved(g["y"], "year")
        if f == "decade":
            return Resolved(g["y"][:3], "decade")
        if f == "edge" and g.get("y"):
            return _edge_of_year(int(g["y"]), g["part"].lower())
    except ValueError as e:  # 31 February and the like
        return Resolved(None, None, reason=f"not a calendar date: {e}")
    if ref is None:
        return Resolved(None, None, reason="relative date and no publication or dateline date to resolve it")
    if f == "month":
        return _month(g, ref, direction)
    if f == "months":
        return _months(g, ref, direction)
    if f == "relday":
        return _relday(g["rel"].lower(), ref)
    if f == "relunit":
        return _relunit(g["mod"].lower(), g["unit"].lower(), ref)
    if f == "ago":
        return _ago(g, ref)
    if f == "edge":
        return _edge(g, ref)
    if f == "weekday":
        return _weekday(g, ref, direction)
    return Resolved(None, None, reason=f"unknown form {f}")


def _mdy(g: dict, ref: D | None, direction: str | None) -> Resolved:
    m, d = _mon(g), int(g["d"])
    if g.get("y"):
        y = int(g["y"])
    elif ref is None:
        return Resolved(None, None, reason="day and month without a year, and no reference date")
    else:
        cands = [D(y, m, d) for y in (ref.year - 1, ref.year, ref.year + 1) if d <= calendar.monthrange(y, m)[1]]
        if direction == "future":
            pick = min((c for c in cands if c >= ref), default=None)
        elif direction == "past":
            pick = max((c for c in cands if c <= ref), default=None)
        else:
            pick = min(cands, key=lambda c: abs((c - ref).days))
        y = (pick or min(cands, key=lambda c: abs((c - ref).days))).year
    value = day(D(y, m, d))
    end = day(D(y, m, int(g["d2"]))) if g.get("d2") and int(g["d2"]) > d else None
    return Resolved(value, "day", end_value=end)


def _edge_of_year(y: int, part: str) -> Resolved:
    if part == "end":
        return Resolved(f"{y}-12-31", "day")
    if part in ("beginning", "start", "turn"):
        return Resolved(f"{y}-01-01", "day")
    return Resolved(month(y, 7), "month")  # middle of the year


def _edge_of_month(y: int, m: int, part: str | None) -> Resolved:
    part = (part or "").lower()
    if part.endswith("end of"):
        return Resolved(day(last_day(y, m)), "day")
    if part.endswith(("beginning of", "start of")):
        return Resolved(day(D(y, m, 1)), "day")
    return Resolved(month(y, m), "month")


def _month(g: dict, ref: D, direction: str | None) -> Resolved:
    m, mod = _mon(g), g["mod"].lower()
    y = ref.year
    if mod == "next" or (direction == "future" and mod not in ("last", "since")):
        if m < ref.month:
            y += 1
    elif mod == "this":
        pass
    elif m > ref.month:
        y -= 1
    return _edge_of_month(y, m, mod)


def _months(g: dict, ref: D, direction: str | None) -> Resolved:
    """'from February to May (2022)': the first month, with the last as ``end_value``."""
    m1, m2 = _mon(g), lexicon()["months"][g["mon2"].rstrip(".").lower()]
    if g.get("y"):
        y2 = int(g["y"])
    else:
        y2 = ref.year if (direction == "future" or m2 <= ref.month) else ref.year - 1
    y1 = y2 if m1 <= m2 else y2 - 1
    return Resolved(month(y1, m1), "month", end_value=month(y2, m2))


def _relday(rel: str, ref: D) -> Resolved:
    one = dt.timedelta(days=1)
    if rel == "yesterday" or rel == "last night":
        return Resolved(day(ref - one), "day")
    if rel == "tomorrow":
        return Resolved(day(ref + one), "day")
    if rel == "overnight":  # the night before the report: starts the previous evening
        return Resolved(day(ref - one), "day", end_value=day(ref))
    return Resolved(day(ref), "day")  # today, tonight, this morning, earlier today


def _relunit(mod: str, unit: str, ref: D) -> Resolved:
    if mod in ("the past", "past", "the coming", "coming"):
        return Resolved(None, None, reason=f"'{mod} {unit}' is a period running from or to the reference date")
    step = {"last": -1, "previous": -1, "the previous": -1, "next": 1, "the following": 1}.get(mod, 0)
    if unit == "weekend":
        sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7) + dt.timedelta(days=7 * step)
        if mod in ("next",) and ref.weekday() < 5:
            sat = ref + dt.timedelta(days=(5 - ref.weekday()) % 7)
        return Resolved(day(sat), "day", end_value=day(sat + dt.timedelta(days=1)))
    if unit == "week":
        return Resolved(week(ref + dt.timedelta(days=7 * step)), "week")
    if unit == "month":
        return Resolved(month(*add_months(ref.year, ref.month, step)), "month")
    return Resolved(str(ref.year + step), "year")


def _ago(g: dict, ref: D) -> Resolved:
    n = _num(g["n"])
    if n is None:
        return Resolved(None, None, reason=f"cannot read the number {g['n']!r}")
    unit = g["unit"].lower().rstrip("s")
    if unit == "day":
        return Resolved(day(ref - dt.timedelta(days=n)), "day")
    if unit == "week":
        return Resolved(week(ref - dt.timedelta(weeks=n)), "week")
    if unit == "month":
        return Resolved(month(*add_months(ref.year, ref.month, -n)), "month")
    return Resolved(str(ref.year - n), "year")


def _edge(g: dict, ref: D) -> Resolved:
    step = {"last": -1, "next": 1}.get(g["mod"].lower(), 0)
    unit, part = g["unit"].lower(), g["part"].lower()
    if unit == "year":
        return _edge_of_year(ref.year + step, part)
    if unit == "month":
        return _edge_of_month(*add_months(ref.year, ref.month, step), part + " of")
    return Resolved(week(ref + dt.timedelta(days=7 * step)), "week")


def _weekday(g: dict, ref: D, direction: str | None) -> Resolved:
    wd = lexicon()["weekdays"][g["wd"].lower()]
    mod = (g.get("mod") or "").lower()
    if mod in ("next", "this coming", "later") or (direction == "future" and mod not in ("last", "earlier")):
        ahead = (wd - ref.weekday()) % 7
        if mod == "next" and ahead == 0:
            ahead = 7
        d = ref + dt.timedelta(days=ahead)
    else:
        back = (ref.weekday() - wd) % 7
        if mod == "last" and back == 0:
            back = 7
        d = ref - dt.timedelta(days=back)
    return Resolved(day(d), "day")
