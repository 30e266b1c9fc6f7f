"""Quotation marks: pair them into quoted spans, paragraph by paragraph, and ask whether an offset lies
inside quoted (or other) spans. The actors stage leaves quoted words out; the quotes stage attributes them.

Method (after the SFU Gender Gap Tracker's quote finder and citron's quote-mark pass, made local so
that one stray mark cannot flip every later quote):

* Curly marks say which way they face. A straight ``"`` opens when the character before it is a
  space, an opening bracket or the start of the paragraph, and closes when the character after it
  is a space, punctuation or the end of the paragraph; otherwise it toggles the current state.
* Marks are paired inside one paragraph. A quote still open at the end of a paragraph continues
  into the next paragraph when that one opens with a quotation mark (the newswire convention for
  multi-paragraph quotes); otherwise it is an unclosed quote running to the end of its paragraph.
* A closing mark with nothing open is ignored (recorded as ``stray``), so an odd number of marks
  never loses the other quotes.
* Single curly marks ‘…’ are quotation marks only when the paragraph has no double marks and the
  opening mark follows a space (an apostrophe never does). Straight single quotes are ignored: they
  are apostrophes far more often than quotation marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“«„"
CLOSERS = "”»"
STRAIGHT = '"'
DOUBLE = OPENERS + CLOSERS + STRAIGHT
QUOTE_CHARS = set('"“”«»„‘’\'')  # every mark a quotation can open or close with, straight single quote included


@dataclass(frozen=True)
class QuoteSpan:
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the quote is never closed
    start: int  # first character of the quoted words
    end: int  # end (exclusive) of the quoted words
    paragraphs: int = 1  # how many paragraphs the quote runs over

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end


def paragraph_bounds(text: str, paragraphs=None) -> list[tuple[int, int]]:
    """The paragraphs as (start, end); from ``doc.paragraphs`` when given, else split on blank lines."""
    if paragraphs:
        return [(p.start, p.end) for p in paragraphs]
    out, pos = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _direction(text: str, i: int, lo: int, hi: int) -> str:
    c = text[i]
    if c in OPENERS or c == "‘":
        return "open"
    if c in CLOSERS or c == "’":
        return "close"
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isspace() or before in "([{—–-/" or before in OPENERS:
        if not (after.isspace() or after in ",.;:!?)"):
            return "open"
    if after.isspace() or after in ",.;:!?)]}—–-" or after in CLOSERS:
        return "close"
    return "toggle"


def _marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    seg = text[lo:hi]
    if any(c in seg for c in DOUBLE):
        idx = [lo + m.start() for m in re.finditer(r"[\"“”«»„]", seg)]
    else:
        # single curly quotes: an opener after a space/start, a closer not followed by a letter
        idx = [lo + m.start() for m in re.finditer(r"(?:(?<=^)|(?<=[\s(\[]))‘|’(?![A-Za-z])", seg)]
    return [(i, _direction(text, i, lo, hi)) for i in idx]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def find_quote_spans(text: str, paragraphs=None) -> list[QuoteSpan]:
    """Every quoted span of ``text``, in order (see the module docstring for the method)."""
    paras = paragraph_bounds(text, paragraphs)
    out: list[QuoteSpan] = []
    pending: int | None = None  # offset of an opening mark carried into the next paragraph
    npara = 1
    for k, (lo, hi) in enumerate(paras):
        marks = _marks(text, lo, hi)
        if pending is not None:
            first = text[lo:hi].lstrip()[:1]
            if marks and first and first in DOUBLE + "‘" and marks[0][1] != "close":
                marks = marks[1:]  # the continuation mark of a multi-paragraph quote
                npara += 1
            else:
                s, e = _trim(text, pending + 1, paras[k - 1][1])
                if e > s:
                    out.append(QuoteSpan(pending, None, s, e, npara))
                pending, npara = None, 1
        opened = pending
        for i, d in marks:
            if opened is None:
                after = text[i + 1] if i + 1 < hi else " "
                before = text[i - 1] if i > lo else " "
                if d in ("open", "toggle") or (after.isalnum() and (before.isspace() or i == lo)):
                    opened, npara = i, 1  # a closing mark typed where an opening one belongs opens
                continue  # a stray closing mark
            if d == "open":
                # two openers in a row: the first was never closed; it ends before the second
                s, e = _trim(text, opened + 1, i)
                if e > s:
                    out.append(QuoteSpan(opened, None, s, e, npara))
                opened, npara = i, 1
                continue
            s, e = _trim(text, opened + 1, i)
            if e > s:
                out.append(QuoteSpan(opened, i, s, e, npara))
            opened, npara = None, 1
        pending = opened
    if pending is not None:
        s, e = _trim(text, pending + 1, paras[-1][1])
        if e > s:
            out.append(QuoteSpan(pending, None, s, e, npara))
    return out


def in_spans(i: int, spans) -> bool:
    """True when offset ``i`` lies in one of ``spans`` (a list of (start, end) or a :class:`SpanMask`)."""
    if isinstance(spans, SpanMask):
        return i in spans
    return any(s <= i < e for s, e in spans)


class SpanMask:
    """Constant-time "is this offset inside one of these spans?" for a document's text."""

    def __init__(self, n: int, spans):
        self.mask = bytearray(n + 1)
        for s, e in spans:
            self.mask[max(0, s):max(0, min(e, n))] = b"\x01" * (max(0, min(e, n)) - max(0, s))

    def __contains__(self, offset: int) -> bool:
        return 0 <= offset < len(self.mask) and self.mask[offset] == 1

    def covered(self, start: int, end: int) -> int:
        """How many characters of [start, end) lie inside the spans."""
        return self.mask.count(1, max(0, start), max(0, end))
