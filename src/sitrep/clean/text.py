"""Writing the cleaned text: copy raw spans verbatim, synthesise only joins, and record the map.

Every character copied from the raw text belongs to a run of the :class:`~sitrep.doc.SourceMap`
(``clean[run] == raw[run]`` exactly); characters written in place of something else (the space
that joins two wrapped lines, the paragraph separator, a plain space for a no-break space, "fi"
for the ligature "ﬁ") belong to no run, so a cleaned offset maps back to where the text was.
"""
from __future__ import annotations

import bisect
import importlib.util
import json
import re
from pathlib import Path

from sitrep.clean.kinds import cues
from sitrep.clean.lines import Line
from sitrep.resources import cached

# Characters rewritten inside a line: invisible ones dropped, ligatures spelt out, odd spaces
# (no-break, thin, tabs, and runs of spaces) made one plain space.
_SPECIAL = re.compile(
    r"[\x00-\x08\x0b\x0e-\x1f\x7f\u00ad\u200b-\u200d\u2060\ufeff\ufb00-\ufb06"
    r"\t\u00a0\u2000-\u200a\u202f\u205f\u3000]|  +")  # one class, one branch: 3x faster than more
# Cheap test before the regular expression: most texts hold none of these.
_SPECIAL_CHARS = ("\t", "  ", "\u00ad", "\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202f",
                  "\u205f", "\u3000", *map(chr, range(0x2000, 0x200b)), *map(chr, range(0xfb00, 0xfb07)))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_LEFT_PART = re.compile(r"([^\W\d_]+)[-\u2010]$")
_RIGHT_PART = re.compile(r"[^\W_]+")


@cached
def english_words() -> frozenset[str]:
    """Lower-case words of the spaCy model's vocabulary (the model is a dependency already).

    Used only to undo end-of-line hyphenation; empty when the model is not installed, in which
    case the decision rests on the document's own evidence.
    """
    from sitrep.resources import MODEL

    spec = importlib.util.find_spec(MODEL)
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for path in Path(next(iter(spec.submodule_search_locations))).glob("*/vocab/strings.json"):
        return frozenset(w.lower() for w in json.loads(path.read_text("utf-8")) if w.isalpha())
    return frozenset()


def drop_hyphen(left: str, right: str, raw: str) -> bool:
    """Undo a line-end hyphen ("evac-" + "uated")? False keeps it ("pro-" + "Russian", "two-" + "lane").

    The cues, in order: a capital or digit after the hyphen keeps it; the document spelling the
    word elsewhere, joined or hyphenated, decides; a part that usually makes hyphenated compounds
    (``compound_left``/``compound_right`` in ``data/clean/cues.json``) keeps it; a known joined word
    drops it; a known second part keeps it (a compound of two words); a fragment drops it.
    """
    if not right[:1].islower():
        return False
    joined = left + right
    if re.search(rf"\b{re.escape(joined)}\b", raw, re.I):
        return True
    if re.search(rf"\b{re.escape(left)}[-\u2010]{re.escape(right)}\b", raw, re.I):
        return False
    c = cues()
    if left.lower() in c["compound_left_set"] or right.lower() in c["compound_right_set"]:
        return False  # a part that makes hyphenated compounds: "so-called", "year-old", "self-defence"
    lex = english_words()
    if joined.lower() in lex:
        return True
    return right.lower() not in lex


class Builder:
    """Accumulates the cleaned text and its source-map runs."""

    def __init__(self, raw: str):
        self.raw = raw
        self.parts: list[str] = []
        self.runs: list[tuple[int, int, int]] = []
        self.pos = 0
        # Found once over the whole text: most texts have none, and then copying is slicing.
        self.special = []
        if _CONTROL.search(raw) or any(ch in raw for ch in _SPECIAL_CHARS):
            self.special = [(m.start(), m.end(), m.group()) for m in _SPECIAL.finditer(raw)]
        self.special_starts = [m[0] for m in self.special]

    def put(self, s: str) -> None:
        """Write synthesised text (it maps to no original span)."""
        if s:
            self.parts.append(s)
            self.pos += len(s)

    def _run(self, start: int, end: int) -> None:
        if end <= start:
            return
        n = end - start
        if self.runs:
            cs, os_, ln = self.runs[-1]
            if cs + ln == self.pos and os_ + ln == start:
                self.runs[-1] = (cs, os_, ln + n)
                self.parts.append(self.raw[start:end])
                self.pos += n
                return
        self.runs.append((self.pos, start, n))
        self.parts.append(self.raw[start:end])
        self.pos += n

    def copy(self, start: int, end: int) -> None:
        """Copy ``raw[start:end]`` verbatim, rewriting only the characters of ``_SPECIAL``."""
        at = start
        i = bisect.bisect_left(self.special_starts, start)
        while i < len(self.special) and self.special[i][0] < end:
            s, e, ch = self.special[i]
            i += 1
            if e > end:  # a run of spaces reaching past the line: copy nothing of it
                break
            self._run(at, s)
            if ch in _LIGATURES:
                self.put(_LIGATURES[ch])
            elif ch[0].isspace() and not (self.parts and self.parts[-1].endswith(" ")):
                self.put(" ")
            at = e
        self._run(at, end)

    def join_lines(self, lines: list[Line]) -> None:
        """Write one paragraph: wrapped lines joined with a space, end-of-line hyphenation undone."""
        for i, line in enumerate(lines):
            end = line.end
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            glue = " "
            if nxt is not None:
                if line.text.endswith("\u00ad"):
                    glue = ""
                elif line.text.endswith(("-", "\u2010")):
                    left = _LEFT_PART.search(line.text)
                    right = _RIGHT_PART.match(nxt.text)
                    if left and right:
                        glue = ""
                        if drop_hyphen(left.group(1), right.group(), self.raw):
                            end -= 1
            self.copy(line.start, end)
            if nxt is not None:
                self.put(glue)

    def text(self) -> str:
        return "".join(self.parts)
