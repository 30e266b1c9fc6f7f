"""Actor mentions: names, states, unnamed speakers and groups, and pronouns, each with role and country.

An :class:`ActorMention` is one place in the text that names an actor. This module only finds mentions;
:mod:`sitrep.stages.actors.coref` groups them into actors.

Where mentions come from:

* spaCy's PERSON and ORG entities, cleaned (a leading "the", a trailing "'s", a title swallowed by
  the entity) and filtered: platforms, news agencies, photo credits and capitalised common nouns at
  a sentence start ("Trench positions were being dug") are not actors; a one-word PERSON/ORG that the
  gazetteer knows as a place and that is not a first name is a place (the small model tags "Kyiv" as
  a person).
* proper-noun runs the model missed, when a role noun stands right before them ("adviser Mykhaylo
  Podolyak") or they start with a known first name.
* states: a country name, or a capital or seat of power ("Moscow", "the Kremlin") used as a doer, a
  target or an owner (subject, object, "against X", "X's troops"), or flagged as a metonym by the
  places stage (``metonym``/``stands_for``).
* unnamed speakers: the subject of a reporting verb when its head noun is a role noun ("a lieutenant
  said", "Human rights groups say", "the ministry said").
* armed groups and civilians: noun phrases headed by a group noun from ``data/vocab/roles.tsv`` with a
  nationality ("Russian troops", "pro-Russian separatists").
* the pronouns he and she outside quotations (resolved later).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import IDX, IS_SPACE, LENGTH, LOWER, POS, SENT_START, TAG
from spacy.strings import get_string_id

from sitrep.quote_marks import QUOTE_CHARS
from sitrep.resources import cached
from sitrep.roles import roles
from sitrep.speech import cue_of, is_outlet
from sitrep.stages.actors import lexicon as lx
from sitrep.syntax import of_object, starts_sentence

SUBJ = {"nsubj", "nsubjpass"}


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    kind: str  # person | organisation | state | armed group | civilians | unknown
    via: str  # name | state | nominal | pronoun
    head: int  # index of the head token
    name: str | None = None  # the proper name this mention gives (None for nominals and pronouns)
    role: str | None = None
    country: str | None = None
    gender: str | None = None
    subject: bool = False
    definite: bool = False
    speaker: bool = False  # subject of a reporting verb
    extra: dict = field(default_factory=dict)


def role_before(doc, first: int, floor: int = 0) -> tuple[int, str | None, str | None, str | None]:
    """Read a title off the words right before a name: (start index, role, country, gender).

    "Ukrainian President" -> role "President", country UA; "Lugansk regional governor" -> that role;
    "U.S. President" -> role "President", country US. A run without a role noun is not a role
    ("38-year-old Volodymyr").
    """
    j = first - 1
    while j >= floor:
        t = doc[j]
        if t.is_space or (t.is_punct and t.text != "-") or t.pos_ in ("DET", "VERB", "AUX", "ADP", "PRON",
                                                                                   "CCONJ", "NUM", "PART"):
            break
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "I":
            break
        j -= 1
        if t.is_sent_start:
            break
    words = [doc[k] for k in range(j + 1, first)]
    r = roles()
    if not any(w.lower_ in r and r[w.lower_].kind == "person" for w in words):
        return first, None, None, None
    country = None
    while words:
        w = words[0]
        iso = lx.country_of_demonym(w.text)
        if iso and (w.pos_ in ("ADJ", "PROPN") or w.tag_ in ("NNP", "JJ")):
            country = country or iso
            words = words[1:]
        else:
            break
    # a role word that ends the run carries its gender ("spokeswoman")
    gender = next((r[w.lower_].gender for w in reversed(words) if w.lower_ in r and r[w.lower_].gender), None)
    role = doc[words[0].i:words[-1].i + 1].text if words else None
    return j + 1, role, country, gender


def country_after(tok) -> str | None:
    """'Foreign Minister Mevlut Cavusoglu of Turkey' -> TR (an "of <state>" right after the name)."""
    g = of_object(tok)
    if g is None or g.i < tok.i:  # an "of" phrase before the name says nothing of its country
        return None
    return lx.country_of_name(g.text) or lx.country_of_name(doc_span(g))


def doc_span(tok) -> str:
    return tok.doc[tok.left_edge.i:tok.i + 1].text


def is_common_noun_at_start(ent, doc_text_caps: set[str], nouns: frozenset[str]) -> bool:
    """"Shells and rockets were ...": a one-word entity at a sentence start that is an English noun."""
    if len(ent) != 1 or not starts_sentence(ent[0]):
        return False
    tok = ent[0]
    if tok.text.isupper() or lx.is_first_name(tok.text):
        return False
    if tok.text in doc_text_caps:  # also written capitalised mid-sentence: a name
        return False
    if tok.dep_ in SUBJ and cue_of(tok.head) is not None:  # "Sanders told reporters": a speaker is named
        return False
    return tok.lower_ in nouns or tok.lemma_.lower() in nouns


@cached(limit=8)
def lemma_index(nlp, parts: tuple[str, ...]) -> frozenset[str]:
    """The words of the WordNet lemma index that spaCy's English lemmatizer ships with, for the parts of speech
    ``parts`` ("noun", "verb", "adj", "adv"); empty for a pipeline without the rule lemmatizer (no evidence
    either way). Memoised per pipeline object, which the memo holds, so a collected pipeline's id is never
    reused."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(w for pos in parts for w in table[pos])
    except Exception:
        return frozenset()


def noun_index(nlp) -> frozenset[str]:
    """English common nouns (:func:`lemma_index` of nouns)."""
    return lemma_index(nlp, ("noun",))


def english_words(nlp) -> frozenset[str]:
    """English nouns, verbs, adjectives and adverbs (:func:`lemma_index`): a capitalised word in none of them
    is a name, whatever the tagger calls it."""
    return lemma_index(nlp, ("noun", "verb", "adj", "adv"))


class TokenTable:
    """A parsed document's per-token attributes as plain lists, read once with ``Doc.to_array``
    (each Token attribute read builds Python objects; the scans over every token use these lists).
    ``text`` must be the text the parse was made over (``doc.text``)."""

    def __init__(self, sp, text: str):
        arr = sp.to_array([IDX, LENGTH, TAG, LOWER, IS_SPACE, POS])
        self.text = text
        self.idx, self.length, self.tag, self.lower, self.space, self.pos = arr.T.tolist()  # pos: spaCy symbol ids
        # SENT_START is -1/0/1, stored unsigned by to_array
        self.sent_start = sp.to_array([SENT_START]).astype("int64").tolist()

    def indices(self, attr: str, values) -> list[int]:
        """Token indices whose ``attr`` list ("tag", "lower") holds one of ``values`` (strings)."""
        want = {get_string_id(v) for v in values}
        return [i for i, v in enumerate(getattr(self, attr)) if v in want]


def mid_sentence_caps(tt: TokenTable) -> set[str]:
    """Capitalised words that also occur away from a sentence start (evidence they are names).

    One pass over the document's :class:`TokenTable`, with the same notion of a sentence start as
    :func:`starts_sentence`.
    """
    out: set[str] = set()
    text, start = tt.text, True
    for s, n, space, ss in zip(tt.idx, tt.length, tt.space, tt.sent_start):
        c = text[s]
        if space or (n == 1 and c in QUOTE_CHARS):
            if "\n" in text[s:s + n]:
                start = True
            continue
        if c.isupper() and not (start or ss > 0):
            out.add(text[s:s + n])
        start = n == 1 and c in ".!?:"
    return out


CREDIT_RE = re.compile(r"(?:(?:Photo(?:graph)?|Image|Picture)s?\s*(?:by|:)\s*)?"
                       r"([A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]+){0,3})\s*/\s*([A-Z][\w.&' -]{1,40})")


def credit_spans(text: str, paragraphs) -> list[tuple[int, int]]:
    """Photo credits: paragraphs of kind ``credit`` and "Name / AGENCY" runs anywhere."""
    out = [(p.start, p.end) for p in paragraphs or [] if p.kind == "credit"]
    for m in CREDIT_RE.finditer(text) if "/" in text else ():  # every credit run holds a slash
        agency = m.group(2).strip()
        if is_outlet(agency) or is_outlet(agency.split()[0]):
            out.append((m.start(), m.end()))
    return out
