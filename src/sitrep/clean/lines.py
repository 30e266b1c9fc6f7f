"""Lines and paragraphs of raw extracted text: where the line breaks were meant, and where not.

Raw text from PDFs and wire feeds is hard-wrapped at a fixed width, carries stray leading
spaces, and marks page breaks with runs of blank lines. This module turns it into paragraphs
(lists of :class:`Line`), deciding each break from layout cues that hold for any article:

* a blank line separates paragraphs;
* inside a block of consecutive lines, a break is meant when the next line's first word would
  have fitted on the line (the classic reflow cue of ``par`` and ``fmt``), and the next line does
  not start in lower case;
* a paragraph cut by a blank run (a page break, or a blank line the extractor put in) is
  rejoined when the text clearly goes on: no final punctuation before, lower case after.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType

# A line shorter than this share of the wrap width, plus the next word, was broken on purpose.
FIT_SHARE = 0.8
# ... and after a finished sentence, with the next line capitalised, a little shorter than the width will do.
SENTENCE_FIT_SHARE = 0.92
# Texts whose typical wrapped line is longer than this are not hard-wrapped: a line is a paragraph.
MAX_WRAP_WIDTH = 160

_BREAKS = "\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines breaks at
_NONE = MappingProxyType({})  # no layout information (read-only)
_FIRST_WORD = re.compile(r"\S+")
_HYPHENATED = re.compile(r"[^\W\d_][-\u2010\u00ad]$")
FINAL_PUNCT = frozenset(".!?")
CLOSERS = "\"'”’»)]"


@dataclass(slots=True)
class Line:
    """One non-blank line: ``start``/``end`` are offsets into the raw text, stripped of outer spaces."""

    start: int
    end: int
    text: str
    gap: int = 0  # blank lines before this one (0: it follows the previous line directly)
    page_break: bool = False  # a form feed came before it
    size: float | None = None  # font size, where the reader knew it
    hint: str | None = None  # a paragraph kind the reader knew (HTML headings)

    def part(self, a: int, b: int | None = None) -> "Line":
        """The piece ``text[a:b]`` as a line of its own (a piece after the first follows directly)."""
        b = len(self.text) if b is None else b
        first = a == 0
        return Line(self.start + a, self.start + b, self.text[a:b], self.gap if first else 0,
                    self.page_break and first, self.size, self.hint)


@dataclass(slots=True)
class Para:
    """Lines that make one paragraph, and what was decided about it."""

    lines: list[Line]
    kind: str | None = None
    flags: set[str] = field(default_factory=set)

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def last(self) -> Line:
        return self.lines[-1]


def split_lines(text: str, layout: list[dict] | None = None) -> list[Line]:
    """The non-blank lines of ``text`` with their gaps, sizes and hints from reader ``layout``."""
    by_start = {d.get("start"): d for d in layout or ()}
    out: list[Line] = []
    gap, page, pos = 0, False, 0
    for raw in text.splitlines(True):
        at, pos = pos, pos + len(raw)
        body = raw.rstrip(_BREAKS)
        ff = raw.endswith("\f")
        s = body.strip()
        if not s:
            gap += 1
            page = page or ff
            continue
        start = at + len(body) - len(body.lstrip())
        if by_start:
            info = by_start.get(at) or by_start.get(start) or _NONE
            out.append(Line(start, start + len(s), s, gap, page, info.get("size"), info.get("kind")))
        else:
            out.append(Line(start, start + len(s), s, gap, page))
        gap, page = 0, ff
    return out


def wrap_width(lines: list[Line]) -> int | None:
    """The width the text was wrapped at, or None when lines are not hard-wrapped.

    Measured on lines that another line follows directly (the last line of a paragraph is
    short by nature): the 90th percentile of their lengths.
    """
    inner = sorted(len(a.text) for a, b in zip(lines, lines[1:]) if b.gap == 0 and not b.page_break)
    if not inner:
        return None
    if len(inner) < 3:  # too few to measure: the longest line is the best guess
        w = max(len(a.text) for a in lines)
        return w if w <= MAX_WRAP_WIDTH else None
    if inner[len(inner) // 2] > MAX_WRAP_WIDTH:
        return None
    return inner[min(len(inner) - 1, int(len(inner) * 0.9))]


def ends_sentence(text: str) -> bool:
    """True when the text ends with final punctuation, closing quotes or brackets aside."""
    t = text.rstrip(CLOSERS + " “‘")  # a stray opening quote after the full stop, too
    return bool(t) and t[-1] in FINAL_PUNCT


def starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
        if ch not in "\"'“‘«(":
            return False
    return False


def meant_break(line: Line, nxt: Line, width: int | None) -> bool:
    """Was the break between two directly consecutive lines meant as a paragraph break?"""
    if starts_lower(nxt.text) or _HYPHENATED.search(line.text) and nxt.text[:1].isalnum():
        return False
    if nxt.hint or line.hint:
        return True
    if width is None:  # not hard-wrapped: every line is a paragraph
        return True
    if line.size and nxt.size and abs(line.size - nxt.size) > 0.1 * max(line.size, nxt.size):
        return True
    m = _FIRST_WORD.match(nxt.text)
    word = len(m.group()) if m else 0
    share = SENTENCE_FIT_SHARE if ends_sentence(line.text) else FIT_SHARE
    return len(line.text) + 1 + word <= share * width


def paragraphs(lines: list[Line], width: int | None) -> list[Para]:
    """Group lines into paragraphs (see the module docstring for the cues)."""
    paras: list[Para] = []
    for i, line in enumerate(lines):
        if paras and line.gap == 0 and not line.page_break and not meant_break(lines[i - 1], line, width):
            paras[-1].lines.append(line)
        else:
            paras.append(Para([line]))
    return paras


def continues(prev: Para, nxt: Para, width: int | None) -> bool:
    """Is ``nxt`` the rest of ``prev``, cut by a blank run (a page break)?

    Only between body paragraphs, and only when ``prev`` ends without final punctuation (or a
    colon), and either ``nxt`` starts in lower case, or ``prev`` ends with a comma, or its last
    line is full: a wrapped line, not the short last line of a paragraph.
    """
    if prev.kind != "body" or nxt.kind != "body":
        return False
    last = prev.last.text
    if ends_sentence(last) or last.endswith(":"):
        return False
    return (starts_lower(nxt.first.text) or last.endswith(",")
            or bool(width) and not meant_break(prev.last, nxt.first, width))


def rejoin(paras: list[Para], width: int | None) -> list[Para]:
    """Join body paragraphs split by a blank run where the text clearly continues.

    Runs after classification, so a heading, caption or credit between two parts keeps them
    apart. Page furniture between them (a page number, a running header: kind "other") does
    not: the parts are joined and the furniture follows the joined paragraph.
    """
    out: list[Para] = []
    for p in paras:
        k = len(out)
        while k and out[k - 1].kind == "other" and "furniture" in out[k - 1].flags:
            k -= 1
        if k and continues(out[k - 1], p, width):
            out[k - 1].lines.extend(p.lines)
            out[k - 1].flags.add("rejoined")
        else:
            out.append(p)
    return out
