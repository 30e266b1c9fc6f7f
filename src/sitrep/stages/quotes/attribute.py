"""Attribution: the cue verb and the speaker of a quoted span, from the dependency parse.

Method (the frame search of the SFU Gender Gap Tracker and citron, on spaCy's parse):

1. The **frame** of a quote is the text around it in its own paragraph: the part of the sentence
   before the opening mark, and the sentence after the closing mark. A quote that ends in ``,``
   ``?`` ``!`` or starts its sentence looks for its cue after itself first ("'...,' he said"); a
   quote opened mid-sentence looks before itself first ("He said: '...'", "He said '...'").
2. The **cue** is the nearest verb of the cue lexicon in the frame (outside every quotation), or
   "according to". A quote woven into a sentence (a partial quote) takes the nearest cue verb
   among its syntactic ancestors ("accused Ukraine of 'crude provocations'"); a partial quote with
   no cue ancestor is a scare quote or a title and is not a quote.
3. The **speaker** is the cue's subject; a cue without one (``saying``, a second conjoined verb)
   takes the subject of the verb it hangs from; "which"/"who" take the noun the clause modifies.
   The speaker mention is that noun phrase without clauses after it; it is linked to the actor
   whose mention covers its head word.
4. A quote with no cue in its frame that opens a paragraph right after another quote continues
   the previous speaker (the "floating quote" convention).
5. ``platform``: a platform named in the cue's clause ("wrote on Facebook"); ``outlet``: a news
   outlet the statement was given to ("told AFP", "according to Reuters").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.quote_marks import QUOTE_CHARS, in_spans
from sitrep import vocab
from sitrep.roles import roles
from sitrep.speech import cue_of, is_outlet, is_platform
from sitrep.syntax import appositive_name, np_core, starts_sentence

TRAIL_MAX = 30  # tokens between a closing mark and a trailing cue ("'...,' Lugansk regional governor X wrote")
SUBJ = ("nsubj", "nsubjpass")


@dataclass
class Attribution:
    cue: object = None  # spaCy Token or None
    cue_text: tuple[int, int] | None = None  # char span of the cue ("according to")
    subject: object = None  # spaCy Token or None
    how: str = "none"  # cue | colon | dash | previous quote | none


def tokens_between(sp, s: int, e: int):
    if e <= s:
        return []
    span = sp.char_span(s, e, alignment_mode="expand")
    return list(span) if span is not None else []


SPEAKER_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
NOT_SPEAKER_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW"}


def source_nouns() -> frozenset[str]:
    """Things that can be a statement's source: "the letter said" (``data/quotes/sources.txt``)."""
    return vocab.words("quotes/sources.txt")


def plausible_speaker(tok) -> bool:
    """Can this word name who speaks? A pronoun, a name, a role or group noun, or a document noun."""
    if tok.pos_ == "PRON" or tok.lower_ in ("one", "another", "others"):  # "one wrote", "another said"
        return tok.lower_ not in vocab.words("quotes/not_speakers.txt")
    if tok.ent_type_ in NOT_SPEAKER_ENTS:
        return False
    if tok.ent_type_ in SPEAKER_ENTS or (tok.pos_ == "PROPN" and tok.tag_ == "NNP"
                                         and (not starts_sentence(tok) or _after_closing_quote(tok))):
        return True
    low, lemma = tok.lower_, tok.lemma_.lower()
    return low in roles() or lemma in roles() or lemma in source_nouns() or low in source_nouns()


def _after_closing_quote(tok) -> bool:
    """'"... ?" Vitter demanded': a name right after a quote closed on ``?`` or ``!``, subject of a
    cue verb, only looks like a sentence start."""
    j = tok.i - 1
    while j >= 0 and tok.doc[j].is_space:
        j -= 1
    if j < 1 or tok.doc[j].text not in QUOTE_CHARS or tok.doc[j - 1].text not in ("?", "!"):
        return False
    return tok.dep_ in SUBJ and is_cue(tok.head)


def is_cue(tok) -> bool:
    """A verb of the cue lexicon, or "read" with a document for subject ("the letter reads")."""
    if cue_of(tok):
        return True
    return tok.lemma_.lower() == "read" and tok.pos_ == "VERB" and any(
        c.dep_ in SUBJ and c.lemma_.lower() in source_nouns() for c in tok.children)


def subject_of(verb, quote_spans, *, need_plausible: bool = False) -> object:
    """The speaker token of a cue verb (see step 3 of the module docstring).

    A finite verb the parser left without a subject takes the noun right before it and its own
    modifiers ("and President Vladimir Putin on Wednesday accused ..."). A subject that cannot
    speak ("the new sanctions were ... and urged") sends the search on up a conjunction.
    """
    v = verb
    for _ in range(5):
        subs = [c for c in v.children if c.dep_ in SUBJ and not in_spans(c.idx, quote_spans)
                and any(ch.isalnum() for ch in c.text)]  # not a dash the parser made a subject
        if not subs and v.tag_ in ("VBD", "VBZ", "VBP") and v.left_edge.i > 0:
            adverbial = {t.i for c in v.lefts if c.dep_ in vocab.words("quotes/adverbial_deps.txt")
                         for t in c.subtree}
            j = v.i - 1
            while j > 0 and (j in adverbial or v.doc[j].is_punct or v.doc[j].is_space) \
                    and not in_spans(v.doc[j].idx, quote_spans):
                j -= 1  # "Putin on Wednesday accused", "Flynn, a top Trump surrogate, said"
            prev = name_head(v.doc[j], quote_spans)
            if prev.pos_ in ("PROPN", "NOUN") and plausible_speaker(prev) and not in_spans(prev.idx, quote_spans) \
                    and prev.dep_ not in ("pobj", "nsubj", "nsubjpass") and j >= 0:
                subs = [prev]
        if subs:
            s = appositive_name(subs[0]) or subs[0]  # "The mayor, Ihor Terekhov, said"
            if s.lemma_.lower() in source_nouns():  # "Bornsten's letter said": the letter's author
                s = next((c for c in s.children if c.dep_ == "poss" and c.pos_ == "PROPN"), s)
            if s.lower_ in ("which", "who", "that") and v.dep_ == "relcl":
                return v.head
            if s.lower_ in ("he", "she") and v.dep_ == "ccomp" and v.head.i < s.i and cue_of(v.head) \
                    and cue_of(v.head).cls == "say":
                boss = next((c for c in v.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
                if boss is not None:  # "Smith said she expects ...": she is Smith
                    return boss
            if plausible_speaker(s) or not (need_plausible or v.dep_ == "conj"):
                return s
            if v.dep_ not in ("conj",):
                return None if need_plausible else s
        if v.dep_ == "xcomp" and not subs:
            obj = next((c for c in v.head.children if c.dep_ == "dobj" and plausible_speaker(c)
                        and c.pos_ != "PRON" and not in_spans(c.idx, quote_spans)), None)
            if obj is not None:  # "led the journalist to fear ...": the object is who speaks
                return appositive_name(obj) or obj
        if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.i != v.head.i:
            v = v.head.head  # "sings to Clinton before asking her": the subject of "sings"
            continue
        if v.dep_ in vocab.words("quotes/clause_links.txt") and v.head.i != v.i:
            if v.dep_ in ("relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN"):
                return v.head
            v = v.head
            continue
        break
    return None


def according_to(tokens):
    for t in tokens:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            to = t.doc[t.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return t, to, obj
    return None


def find_cue(sp, q, para: tuple[int, int], quote_spans: list[tuple[int, int]], *, partial: bool,
             text: str) -> Attribution:
    """The cue and speaker of quote ``q`` (``text`` is ``sp.text``, passed in: spaCy rebuilds it per call)."""
    lo, hi = para
    first_tok = sp.char_span(q.start, q.end, alignment_mode="expand")
    if first_tok is None:
        return Attribution()
    if partial:
        t = first_tok[0]  # climb from the first quoted word: a quote of two sentences has two roots
        for _ in range(16):
            if t.head.i == t.i:
                break
            via, t = t.dep_, t.head
            if in_spans(t.idx, quote_spans):
                continue
            cue = cue_of(t)
            if cue and not (via == "xcomp" and cue.cls == "say"):  # "continued 'to ...'" is not speech
                return Attribution(t, (t.idx, t.idx + len(t)), subject_of(t, quote_spans), "cue")
        return Attribution()
    before_sent = None
    if q.open > lo:
        prev = sp.char_span(lo, q.open, alignment_mode="expand")
        if prev is not None and len(prev):
            last = prev[-1]
            before_sent = (max(lo, last.sent.start_char), q.open)
    after = None
    if q.outer_end > hi:  # a quote over several paragraphs: its trailing frame is in the last one
        nxt_para = text.find("\n\n", q.outer_end)
        hi = len(text) if nxt_para < 0 else nxt_para
    if q.outer_end < hi:
        nxt = [t for t in tokens_between(sp, q.outer_end, hi) if not t.is_space and not t.is_punct]
        if nxt:
            after = (q.outer_end, min(hi, nxt[0].sent.end_char))
    content = text[q.start:q.end].rstrip()
    trailing = content.endswith((",", "?", "!", "—", "-", "…")) or before_sent is None \
        or not text[before_sent[0]:before_sent[1]].strip()
    dashed = _dash_name(sp, text, q.outer_end, hi)
    if dashed is not None:
        return Attribution(None, (dashed[0].idx, dashed[0].idx + len(dashed[0])), dashed[1], "dash")
    if trailing and before_sent is not None and _lead_in_cue(sp, text, before_sent, q, quote_spans) \
            and not _cue_follows(sp, q, hi):
        trailing = False  # 'footage of him saying last week, "...," when she ...': the lead-in cue speaks
    order = [("after", after), ("before", before_sent)] if trailing else [("before", before_sent), ("after", after)]
    if q.open == lo or not text[lo:q.open].strip():
        # "Caddell continued:" closing the paragraph before a paragraph-long quote
        prev_end = text[:lo].rstrip()
        if prev_end.endswith(":"):
            p_lo = text.rfind("\n", 0, len(prev_end)) + 1
            order.append(("before", (p_lo, len(prev_end))))
    for where, frame in order:
        if frame is None:
            continue
        toks = [t for t in tokens_between(sp, *frame) if not in_spans(t.idx, quote_spans)]
        if where == "after":
            toks = [t for t in toks if t.idx >= q.outer_end][:TRAIL_MAX + 1]
        acc = according_to(toks)
        if acc:
            return Attribution(acc[0], (acc[0].idx, acc[1].idx + len(acc[1])), acc[2], "cue")
        cues = [t for t in toks if is_cue(t)]
        if where == "before":
            cues.reverse()
        for c in cues:
            s = subject_of(c, quote_spans, need_plausible=True)
            if s is not None:
                return Attribution(c, (c.idx, c.idx + len(c)), s, "cue")
        if cues:
            c = cues[0]
            return Attribution(c, (c.idx, c.idx + len(c)), nearest_speaker(c, toks), "cue")
        if where == "before" and text[frame[0]:frame[1]].rstrip().endswith(":") and frame[1] <= q.open:
            names = [t for t in toks if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")]
            if names:
                head = names[-1]
                while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                    head = head.head
                colon = next(t for t in reversed(toks) if t.text == ":")
                return Attribution(None, (colon.idx, colon.idx + 1), head, "colon")
    return Attribution()


def _lead_in_cue(sp, text: str, frame, q, quote_spans) -> bool:
    """The words before a mid-sentence quote end with a comma or colon after a cue verb that has no
    clause of its own outside the quotes ("X said during the debate, '...'"): the quote is its content."""
    if not text[frame[0]:q.open].rstrip().endswith((",", ":")):
        return False
    toks = [t for t in tokens_between(sp, frame[0], q.open) if not in_spans(t.idx, quote_spans)]
    cues = [t for t in toks if cue_of(t) and cue_of(t).cls == "say"]
    return bool(cues) and not any(c.dep_ == "ccomp" and not in_spans(c.idx, quote_spans) for c in cues[-1].children)


def _cue_follows(sp, q, hi: int) -> bool:
    """A cue clause starts right after the closing mark: "he said", "said Smith", "the minister said"."""
    toks = [t for t in tokens_between(sp, q.outer_end, hi) if not t.is_space and not t.is_punct][:6]
    for k, t in enumerate(toks):
        if is_cue(t):
            subs = [c for c in t.children if c.dep_ in SUBJ]
            return k == 0 or any(all(x.i in {y.i for y in s.subtree} for x in toks[:k]) for s in subs)
    return False


def nearest_speaker(cue, frame):
    """A cue the parser left without a subject ("Said Ellis:", a misparsed apposition): the nearest
    word of the frame that can name a speaker, preferring one before the cue, head of its name."""
    cands = [t for t in frame if t.i != cue.i and (plausible_speaker(t) and t.pos_ != "PRON" or t.lower_ in ("he", "she"))]
    if not cands:
        return None
    t = min(cands, key=lambda t: (t.i > cue.i, abs(t.i - cue.i)))
    return name_head(t)


def name_head(t, quote_spans=()):
    """The head of a name or of the noun an apposition describes ("a top Trump surrogate" -> Flynn)."""
    for _ in range(4):
        if t.dep_ in ("compound", "flat") and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "appos" and t.head.i < t.i and t.head.pos_ in ("PROPN", "NOUN") \
                and not in_spans(t.head.idx, quote_spans):
            t = t.head
        else:
            break
    return t


DASH_RE = re.compile(r"[ \t]*(?:―|—|–|--|-)[ \t]*")


def _dash_name(sp, text: str, s: int, hi: int):
    """'"..." ― Pamela Padilla': a dash after the quote, then a name. Returns (dash token, name head)."""
    m = DASH_RE.match(text, s, hi)
    if m is None:
        return None
    toks = [t for t in tokens_between(sp, m.end(), hi) if not t.is_space]
    dash = sp.char_span(m.start(), m.end(), alignment_mode="expand")
    if not toks or dash is None:
        return None
    names = []
    for t in toks:
        if t.pos_ == "PROPN" or (t.text[:1].isupper() and t.is_alpha):
            names.append(t)
        else:
            break
    if not names:
        return None
    head = next((t for t in names if t.head.i not in {n.i for n in names}), names[-1])
    return next(t for t in dash if not t.is_space), head


def speaker_span(sub) -> tuple[int, int]:
    lo, hi = np_core(sub)
    doc = sub.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


def clause_tokens(cue, subject, text: str):
    """Tokens of the cue's clause (and the subject's verb when the cue hangs from it), in its paragraph."""
    toks = list(cue.subtree) if cue is not None else []
    if subject is not None and subject.head is not cue and subject.head.i != subject.i:
        toks += [g for c in subject.head.children if c.dep_ == "prep" for g in c.subtree]
    if cue is None:
        return toks
    lo = text.rfind("\n\n", 0, cue.idx)
    hi = text.find("\n\n", cue.idx)
    hi = len(text) if hi < 0 else hi
    return [t for t in toks if lo < t.idx < hi]


def platform_and_outlet(cue, subject, quote_spans, text: str) -> tuple[str | None, str | None]:
    platform = outlet = None
    for t in clause_tokens(cue, subject, text):
        if not t.text[:1].isupper() or in_spans(t.idx, quote_spans):
            continue  # a platform or an outlet is capitalised (the cheap test first)
        if platform is None and is_platform(t.text) and t.text[:1].isupper() and t.dep_ in ("pobj", "compound"):
            platform = t.text
        if outlet is None and t.dep_ in ("dative", "dobj", "pobj", "compound") and t.ent_type_ in ("ORG", "") \
                and t.text[:1].isupper():
            lo, hi = np_core(t, with_of=False)
            name = t.doc[lo:hi].text
            if is_outlet(name) or is_outlet(t.text):
                outlet = name if is_outlet(name) else t.text
    if subject is not None and is_outlet(subject.text):
        outlet = outlet or subject.text
    return platform, outlet
