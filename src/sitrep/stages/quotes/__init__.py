"""Quotes: who said what, as direct, partial and indirect quotes with their cue and speaker (issue 4).

Reads the parse, the paragraphs and the ``actors`` layer; writes ``quotes``, one item per quote::

    {id, text, start, end, kind: direct|partial|indirect, speaker: actor id or null, speaker_name,
     speaker_mention: {start, end, text} or null, cue: {start, end, text} or null, stance,
     platform, outlet, attribution: cue|colon|previous quote|none}

``start``/``end`` cover the quoted words without the marks. Quotation marks are paired by
:mod:`sitrep.quote_marks`, cues and speakers found by :mod:`.attribute`, reported speech by :mod:`.indirect`.
A quote with no speaker found keeps ``speaker: null`` and the local mention, if any; it is never
dropped. A span in quotation marks that no cue governs and that is not a sentence of its own (a
scare quote, a name in quotes) is not a quote.
"""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import stage
from sitrep.quote_marks import SpanMask, find_quote_spans, paragraph_bounds
from sitrep.speech import cues, is_outlet
from sitrep.stages.quotes.attribute import Attribution, find_cue, platform_and_outlet, speaker_span, subject_of
from sitrep.stages.quotes.indirect import indirect_cues

SENTENCE_END = (".", "?", "!", ",", "…", ":", ";", "—")


@stage("attribute_quotes", version=1, reads=("sentences", "actors"), writes="quotes")
def attribute_quotes(doc: Document, *, res) -> list[dict]:
    """Find the quotes of ``doc`` and attribute each to a speaker (see the module docstring)."""
    sp, text = doc.spacy, doc.text
    paras = paragraph_bounds(text, [p for p in doc.paragraphs if p.kind not in ("credit",)] or None)
    spans = find_quote_spans(text, doc.paragraphs)
    qspans = SpanMask(len(text), [(q.open, q.outer_end) for q in spans])
    owner = _actor_index(doc.layers.get("actors") or [])
    out: list[dict] = []
    prev: dict | None = None
    for q in spans:
        para = next(((lo, hi) for lo, hi in paras if lo <= q.open < hi), (0, len(text)))
        partial = _is_partial(text, q, para)
        att = find_cue(sp, q, para, qspans, partial=partial, text=text)
        if partial and att.how == "none":
            continue  # a scare quote or a name in quotation marks
        item = _item(doc, q.start, q.end, "partial" if partial else "direct", att, owner, qspans)
        if att.how == "none" and prev is not None and prev["kind"] == "direct" and text[para[0]:q.open].strip() == "" \
                and _gap_paragraphs(paras, prev["end"], q.open) <= 1:
            for k in ("speaker", "speaker_name", "platform", "outlet"):
                item[k] = prev[k]
            item["attribution"] = "previous quote"
        out.append(item)
        if not partial:
            prev = item
    for cue_tok, cue, (s, e) in indirect_cues(sp, qspans, text):
        subject = subject_of(cue_tok, qspans, need_plausible=True)
        if subject is None:
            continue  # "The retreat revealed ...", "the sanctions suggest ...": nobody speaks
        att = Attribution(cue_tok, (cue_tok.idx, cue_tok.idx + len(cue_tok)), subject, "cue")
        out.append(_item(doc, s, e, "indirect", att, owner, qspans))
    out.sort(key=lambda x: (x["start"], x["kind"] != "indirect"))
    for n, item in enumerate(out, 1):
        item["id"] = f"Q{n}"
    return out


def _is_partial(text: str, q, para: tuple[int, int]) -> bool:
    """A quote woven into a sentence: opened mid-sentence without a comma or colon, not a sentence."""
    before = text[para[0]:q.open].rstrip()
    content = text[q.start:q.end].rstrip()
    if not before or before.endswith((":", ",", ".", "?", "!", "—")):
        return False
    if content.endswith(SENTENCE_END) and content[:1].isupper() and len(content.split()) > 4:
        return False
    return True


def _gap_paragraphs(paras, a: int, b: int) -> int:
    return sum(1 for lo, _ in paras if a < lo <= b)


def _actor_index(actors: list[dict]) -> list[tuple[int, int, dict]]:
    return [(m["start"], m["end"], a) for a in actors for m in a.get("mentions") or []]


def _owner(index, s: int, e: int) -> dict | None:
    hits = [a for ms, me, a in index if ms <= s and e <= me] or [a for ms, me, a in index if ms < e and s < me]
    return hits[0] if hits else None


def _item(doc, s: int, e: int, kind: str, att, owner, qspans) -> dict:
    speaker = name = mention = None
    if att.subject is not None:
        ms, me = speaker_span(att.subject)
        mention = doc.span(ms, me)
        h = att.subject
        actor = _owner(owner, h.idx, h.idx + len(h))
        name = mention["text"]
        if actor is not None:
            speaker, name = actor["id"], actor["name"]
    cue = cues().get(att.cue.lemma_.lower()) if att.cue is not None else None
    platform, outlet = platform_and_outlet(att.cue, att.subject, qspans, doc.text) if att.cue is not None else (None, None)
    if outlet and name and is_outlet(name):
        speaker = None  # "Reuters reported": the outlet is the source; outlets are not actors
    return {
        "id": "",
        **doc.span(s, e),
        "kind": kind,
        "speaker": speaker,
        "speaker_name": name,
        "speaker_mention": mention,
        "cue": doc.span(*att.cue_text) if att.cue_text else None,
        "stance": cue.stance if cue else None,
        "platform": platform,
        "outlet": outlet,
        "attribution": att.how,
    }


STAGE = attribute_quotes.stage
