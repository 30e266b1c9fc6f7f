"""A village the events layer placed at its commune: "attacked the village of Tiboro in Selma commune"
gives the event Selma, the commune, while another report of the same attack gives Tiboro, and a
look-alike attack in the next village of that commune gives the commune too.

English nests places finer first: the name just before an event place's mention, joined to it only by
words of ``data/fusion/containers.txt`` ("Tiboro, in the commune of Selma", "Kamba, in the commune
of Selma", "the Dastan area of Kabul city"), lies inside it. :func:`finer_name` finds that name;
fusion then compares the event at the village and keeps the larger place as one the report names.
"""
from __future__ import annotations

import re

from sitrep.fusion.names import names_match
from sitrep.fusion.rules import EventRecord, Place
from sitrep.resources import cached
from sitrep.vocab import words

# a capitalised name of one to four words, then only lower-case words and ", (" up to the place's mention
_BEFORE = re.compile(r"([A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*){0,3})([ ,(]+(?:[a-z][\w\-]*[ ,(]+){0,5})$")
_LINKS = re.compile(r"[,(]|\bin\b|\bof\b")
_WORD = re.compile(r"[a-z][\w\-]*")
LOOK_BACK = 100  # characters: a name of four words and a gap of five


@cached(limit=1)
def _gap_words() -> frozenset[str]:
    return words("fusion/containers.txt")


def finer_name(text: str, start: int, taken: list[tuple[int, int]]) -> str | None:
    """The name just before ``text[start:]`` (a place's mention) that the words between put inside that
    place, or None. A name that another layer reads as a date or an actor (``taken`` spans), one that
    opens its sentence, or one in capitals (a dateline) is none."""
    lo = max(0, start - LOOK_BACK)
    m = _BEFORE.search(text[lo:start])
    if not m or not _LINKS.search(m.group(2)) or not all(w in _gap_words() for w in _WORD.findall(m.group(2))):
        return None
    name, at = m.group(1), lo + m.start(1)
    before = text[:at].rstrip()
    if name.isupper() or len(name) < 3 or not before or before[-1] in ".!?:\n#" or before.endswith("-"):
        return None  # capitals, or the opening of a sentence or a line: capitalised for that alone
    if any(a < at + len(name) and at < b for a, b in taken):
        return None
    return name


_NAME = r"[A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*){0,3}"
_BETWEEN_AFTER = re.compile(r"\bbetween $")  # "between <place> and <name>"
_AND_NAME = re.compile(r"^ and (" + _NAME + r")")
_BETWEEN_BEFORE = re.compile(r"\bbetween (" + _NAME + r") and $")  # "between <name> and <place>"


def between_name(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> str | None:
    """The other end of "between X and Y" when the place's mention (``text[start:end]``) is one end: an
    event between two villages happened at either as much as at the other."""
    m = _AND_NAME.match(text[end:end + LOOK_BACK]) if _BETWEEN_AFTER.search(text[max(0, start - 8):start]) \
        else None
    at = end + 5 if m else -1
    if m is None:
        m = _BETWEEN_BEFORE.search(text[max(0, start - LOOK_BACK):start])
        at = max(0, start - LOOK_BACK) + m.start(1) if m else -1
    if m is None or m.group(1).isupper() or any(a < at + len(m.group(1)) and at < b for a, b in taken):
        return None
    return m.group(1)


def nest(rec: EventRecord, p: dict | None, text: str, evidence: tuple[int, int], taken: list[tuple[int, int]],
         doc_places: list[Place]) -> None:
    """Place the event at the finer name its own sentence puts inside its place (``p``, the places
    layer's dict), keeping that place as ``rec.container``, and note the other end of "between X and Y"
    as ``rec.alongside``; each name a town of the document, else a village the gazetteer lacks."""
    if rec.place is None or not p:
        return
    a, b = evidence
    mentions = [m for m in p.get("mentions") or [] if isinstance(m.get("start"), int) and isinstance(m.get("end"), int)]
    for m in mentions:  # "between X and Y" anywhere: the place is one end of a road
        other = between_name(text, m["start"], m["end"], taken)
        if other and not any(names_match(other, n) for n in rec.place.names):
            rec.alongside = _village(other, rec.place, doc_places)
            break
    for m in mentions:
        if not a <= m["start"] < b:
            continue
        name = finer_name(text, m["start"], taken)
        if name and not any(names_match(name, n) for n in rec.place.names):
            rec.container, rec.place = rec.place, _village(name, rec.place, doc_places)
        return


def _village(name: str, near: Place, doc_places: list[Place]) -> Place:
    """A town of the document by that name (of ``near``'s country), else a village the gazetteer lacks,
    in ``near``'s province."""
    for q in doc_places:
        if q.level == 0 and q.located and any(names_match(name, n) for n in q.names) \
                and (not q.country or not near.country or q.country == near.country):
            return q
    return Place(name, None, None, near.country, near.admin1, None)
