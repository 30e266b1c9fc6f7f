"""What each paragraph is: body, heading, caption, credit, dateline, byline or other.

Decided from general cues, never from the words of one article: line length against the
document's wrap width, capitalisation, final punctuation, quotes around a short line,
position (a caption at the top, a dateline opening the first body paragraph), font size where
the reader knew it, and the layout vocabulary in ``sitrep/data/clean/cues.json`` (credit
prefixes, agency names, byline and trailer openers, page furniture).

Two splits happen here too, because a wrapped layout runs things together: a photo credit
ending a caption's last line ("... in the village. Jane Roe / AGENCY") becomes a paragraph of
its own, and a wire dateline opening a paragraph ("KYIV, April 7 (Reuters) - ...") too.
"""
from __future__ import annotations

import json
import re
from collections import Counter

from sitrep import vocab
from sitrep.clean.lines import CLOSERS, Line, Para, ends_sentence
from sitrep.resources import cached

MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 110
MAX_CREDIT_WORDS = 12
MAX_BYLINE_WORDS = 12
MAX_RUNNING_CHARS = 80  # running heads, footers and page numbers are short
MAX_TAIL_CREDIT_WORDS = 8  # a credit run on after a caption's last sentence
MAX_CAPTION_WORDS = 70  # a longer paragraph ending "... (Reuters)" is body text with a source tag
SIZE_RATIO = 1.12  # font this much larger than the body's: a heading; this much smaller: small print

_NAME = r"[A-Z\u00C0-\u024F][\w'’.\-&]*"  # a capitalised word (or initial, or all-caps acronym)
_CONNECT = r"(?:via|for|and|of|the|de|da|del|der|van|von|al|el|bin|le|la|du|ibn)"
_NAMES = rf"{_NAME}(?:[ ,]+(?:{_CONNECT} )?{_NAME}){{0,5}}"
_SLASH_CREDIT = re.compile(rf"^\(?{_NAMES} ?/ ?{_NAMES}\)?$")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")
_DIGITS = re.compile(r"\d+")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


@cached
def cues() -> dict:
    """The layout vocabulary, with the regular expressions built from it."""
    data = json.loads(vocab.read_text("clean/cues.json"))

    def alt(words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    months = "(?i:" + alt(data["months"]) + ")"
    date = rf"(?:(?:{months})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{months})\.?)(?:,?\s+\d{{4}})?"
    upper_place = r"[A-Z\u00C0-\u024F][A-Z\u00C0-\u024F'’.\-]+(?:[ \-][A-Z\u00C0-\u024F][A-Z\u00C0-\u024F'’.\-]+)*"
    title_place = rf"{_NAME}(?: {_NAME}){{0,3}}"
    region = rf"(?:,\s*{_NAME}(?: {_NAME}){{0,3}})?"
    agency = r"\((?P<agency>[A-Za-z][\w .&/\-]{0,40})\)"
    # a dash, or (CNN style) nothing after the agency: the line ends, or the text runs on
    # a colon after an all-caps place ("KABUL: ...", South Asian outlets' form): checked in split_dateline
    dash = r"(?:\s*(?:-{1,2}|–|—)(?=\s|$)|(?<=\))\s*$|(?<=\))(?=[A-Z\"“‘])|(?P<colon>:)(?=\s))"
    data["dateline"] = re.compile(
        rf"^(?:(?P<upper>{upper_place})|{title_place}){region}(?:,\s*(?P<date>{date}))?"
        # press-release form: the date in parentheses, "KABUL, Afghanistan (Jan. 22, 2013) -" (issue 16)
        rf"(?:\s*\((?P<pdate>{date})\))?\s*(?:{agency})?{dash}")
    data["credit_prefix"] = re.compile(rf"^(?:(?:{alt(data['credit_prefixes'])})\s*(?::|,|\bby\b|-|–)"
                                       rf"|(?:{alt(data['credit_openers'])})\b)\s*\S", re.I)
    data["caption_opener"] = re.compile(rf"^(?:{alt(data['caption_openers'])})\b\s*[:,\-–—]?\s*\S", re.I)
    data["agency_end"] = re.compile(rf"(?:^|\s|\(|/)(?:{alt(data['agencies'])})\)?$")
    data["byline"] = re.compile(rf"^(?:{alt(data['byline_prefixes'])})\s+(?=[A-Z])", re.I)
    data["trailer"] = re.compile(rf"^(?:{alt(data['trailer_prefixes'])})", re.I)
    data["furniture_set"] = frozenset(w.casefold() for w in data["furniture"])
    data["colon_labels_set"] = frozenset(w.casefold() for w in data["colon_labels"])
    data["compound_left_set"] = frozenset(data["compound_left"])
    data["compound_right_set"] = frozenset(data["compound_right"])
    return data


def is_credit(text: str) -> bool:
    """A photo or image credit: "Photo: ...", "Jane Roe / AGENCY", "(Reuters)", "AFP via Getty Images"."""
    words = text.split()
    if not words or len(words) > MAX_CREDIT_WORDS:
        return False
    c = cues()
    if text.startswith(("©", "(c) ", "(C) ")) or c["credit_prefix"].match(text):
        return True
    core = text.rstrip(".")
    if _SLASH_CREDIT.match(core):
        return True
    # only capitalised words (and connectors) ending with an agency: "Jane Roe for AFP", "(Reuters)"
    if c["agency_end"].search(core) and all(
            w[:1].isupper() or w[:1] in "(/" or re.fullmatch(_CONNECT, w) for w in core.split()):
        return True
    return False


def split_credit_tail(p: Para) -> tuple[list[Line], list[Line]] | None:
    """Split "caption sentence. Jane Roe / AGENCY" into caption lines and credit lines, if it ends so.

    The credit may wrap onto the last line ("... Photo: Jane Roe /" + "AGENCY"), so the last two
    lines are searched together.
    """
    if ends_sentence(p.last.text):  # a credit ends with a name or an agency, never a full stop
        return None
    tail_lines = p.lines[-2:]
    text = " ".join(line.text for line in tail_lines)
    for m in _SENTENCE_END.finditer(text):
        tail = text[m.end():]
        if len(tail.split()) > MAX_TAIL_CREDIT_WORDS:
            continue
        if not is_credit(tail):
            return None
        cut_a, cut_b = m.start() + len(m.group().rstrip()), m.end()  # end of the caption, start of the credit
        head, rest = list(p.lines[:-len(tail_lines)]), []
        at = 0
        for line in tail_lines:
            a, b = cut_a - at, cut_b - at  # the cuts in this line's own offsets
            n = len(line.text)
            if b <= 0:
                rest.append(line)
            elif a >= n:
                head.append(line)
            else:
                if a > 0:
                    head.append(line.part(0, a))
                if b < n:
                    rest.append(line.part(b))
            at += n + 1
        return head, rest
    return None


def split_dateline(line: Line) -> tuple[Line, Line | None] | None:
    """Split a wire dateline ("KYIV, April 7 (Reuters) -") off the start of a line."""
    m = cues()["dateline"].match(line.text)
    if not m:
        return None
    # A title-case place needs a date or an agency to count ("Ukraine - the war" is no dateline).
    upper = m.group("upper")
    if upper is None and not (m.group("date") or m.group("pdate") or m.group("agency")):
        return None
    if upper is not None and (upper != upper.upper() or sum(ch.isalpha() for ch in upper) < 3):
        return None
    # "KABUL:" is a dateline; "UPDATE:" or "Kabul:" is not
    if m.group("colon") and (upper is None or upper.casefold() in cues()["colon_labels_set"]):
        return None
    rest = len(line.text) - len(line.text[m.end():].lstrip())
    return line.part(0, m.end()), (line.part(rest) if rest < len(line.text) else None)


def split_parts(paras: list[Para]) -> list[Para]:
    """Apply the caption/credit and dateline splits (see the module docstring).

    A dateline is looked for up to and including the lede, the first paragraph longer than a
    heading that is not a caption.
    """
    out: list[Para] = []
    looking = True
    for p in paras:
        parts = split_credit_tail(p)
        if parts and parts[0] and words(p) <= MAX_CAPTION_WORDS:
            out.append(Para(parts[0], flags={"captioned"}))
            out.append(Para(parts[1], kind="credit"))
            continue
        if looking:
            d = split_dateline(p.first)
            if d:
                looking = False
                out.append(Para([d[0]], kind="dateline"))
                rest = ([d[1]] if d[1] else []) + p.lines[1:]
                if rest:
                    out.append(Para(rest, flags=set(p.flags)))
                continue
            looking = words(p) <= MAX_HEADING_WORDS
        out.append(p)
    return out


def words(p: Para) -> int:
    return sum(len(line.text.split()) for line in p.lines)


def is_other(text: str) -> bool:
    """Page furniture and trailers: page numbers, bare links, "Advertisement", "Reporting by ..."."""
    c = cues()
    t = text.strip().casefold().rstrip(" :.")
    return (t in c["furniture_set"] or bool(_PAGE_NUMBER.match(t)) or bool(_URL.match(t))
            or not any(ch.isalpha() for ch in t) or bool(c["trailer"].match(text)))


def is_byline(text: str) -> bool:
    """"By Jane Doe", "By Jane Doe and John Roe, Reuters": an opener, then names only."""
    m = cues()["byline"].match(text)
    if not m or len(text.split()) > MAX_BYLINE_WORDS:
        return False
    rest = text[m.end():].rstrip(".").replace(",", " ").replace("|", " ").split()
    return all(w[:1].isupper() or re.fullmatch(_CONNECT + "|in", w) for w in rest)


def heading_like(p: Para, width: int | None) -> bool:
    """A short single line that starts capitalised and ends without punctuation ('Nowhere to go')."""
    if len(p.lines) > 1:
        return False
    t = p.first.text
    if len(t) > MAX_HEADING_CHARS or len(t.split()) > MAX_HEADING_WORDS:
        return False
    if width and len(t) > 0.75 * width:
        return False
    core = t.rstrip(CLOSERS)
    if not core or core[-1] in ".,;:!?-–—":
        return False
    first = next((ch for ch in t if ch.isalnum()), "")
    return first.isupper() or first.isdigit()


def body_size(paras: list[Para]) -> float | None:
    """The font size most of the text is set in (None without font sizes)."""
    weight: Counter = Counter()
    for p in paras:
        for line in p.lines:
            if line.size:
                weight[round(line.size * 2) / 2] += len(line.text)
    return weight.most_common(1)[0][0] if weight else None


def _shape(text: str) -> str:
    """A line with its numbers blanked: running heads and footers differ only in page numbers."""
    return _DIGITS.sub("#", text.casefold())


def running_lines(paras: list[Para]) -> set[str]:
    """Short one-line paragraphs that recur three times or more (running heads, page footers)."""
    seen = Counter(_shape(p.first.text) for p in paras
                   if len(p.lines) == 1 and len(p.first.text) <= MAX_RUNNING_CHARS and not p.kind)
    return {s for s, n in seen.items() if n >= 3}


def classify(paras: list[Para], width: int | None) -> None:
    """Set ``kind`` on every paragraph that has none yet.

    In order: a reader's hint (HTML headings); page furniture (page numbers, lines that recur
    like running heads); trailers, bare links and "Advertisement"-like lines; credits; caption
    openers ("Image caption ..."); bylines; font size against the body's (larger: heading,
    smaller: caption); a short capitalised line without final punctuation (heading); else body.
    Last, a body paragraph just before a credit becomes its caption (see below).
    """
    base = body_size(paras)
    repeated = running_lines(paras)
    for i, p in enumerate(paras):
        if p.kind:
            continue
        text = " ".join(line.text for line in p.lines)
        n = text.count(" ") + 1
        sizes = [line.size for line in p.lines if line.size]
        size = sum(sizes) / len(sizes) if sizes else None
        if p.first.hint:
            p.kind = p.first.hint
        elif len(p.lines) == 1 and len(text) <= MAX_RUNNING_CHARS and (
                _PAGE_NUMBER.match(text) or _shape(text) in repeated and not is_credit(text)):
            p.kind = "other"
            p.flags.add("furniture")
        elif n > MAX_CREDIT_WORDS and not size:  # long: body, a trailer ("Reporting by ...") or a caption
            p.kind = ("other" if cues()["trailer"].match(text) else
                      "caption" if n <= MAX_CAPTION_WORDS and cues()["caption_opener"].match(text) else "body")
        elif is_other(text):
            p.kind = "other"
        elif is_credit(text):
            p.kind = "credit"
        elif cues()["caption_opener"].match(text):
            p.kind = "caption"
        elif is_byline(text):
            p.kind = "byline"
        elif base and size and size >= base * SIZE_RATIO and n <= 2 * MAX_HEADING_WORDS:
            p.kind = "heading"
        elif base and size and size * SIZE_RATIO <= base:
            p.kind = "caption" if n >= 4 else "other"
        elif heading_like(p, width) and (base is None or size is None or size >= base):
            p.kind = "heading" if i < len(paras) - 1 else "other"
        else:
            p.kind = "body"
    # A paragraph just before a credit is its caption when the credit was cut from its last
    # line, or when it stands at the top, before the first body paragraph.
    seen_body = False
    for prev, p in zip(paras, paras[1:]):
        if p.kind == "credit" and prev.kind == "body" and ("captioned" in prev.flags or not seen_body):
            prev.kind = "caption"
        seen_body = seen_body or prev.kind == "body"
