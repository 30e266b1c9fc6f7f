"""How many people a noun phrase names: '1,200 people', 'more than 11 million people', 'dozens of
residents', 'her son and his two friends' (enumeration: 3), 'a civilian' (1), 'no one' (0, negated).

Works on the dependency parse of one noun phrase head; returns ``None`` when the phrase is not a
number of people (``two banks``, ``38-year-old``, ``two-lane highway``) or has no number at all
('civilians were killed').
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep import vocab
from sitrep.numbers import is_number_word, is_time_expression, parse_number, vague_quantities
from sitrep.numbers import lexicon as numbers_lexicon
from sitrep.resources import cached
from sitrep.syntax import of_object

NOT_PEOPLE_ENTS = ("TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY")


def singular_pronoun(tok) -> bool:
    """'he', 'him', 'she', ...: one person (``singular_pronouns`` of the persons lexicon)."""
    return tok.lower_ in persons()["singular_pronouns"]


def persons() -> dict:
    return vocab.table("counts/persons.json")


def cues() -> dict:
    return vocab.table("counts/cues.json")


def categories() -> dict:
    return vocab.table("counts/categories.json")


@dataclass
class Quantity:
    value: int
    qualifier: str
    start: int
    end: int
    value_max: int | None = None
    negated: bool = False
    tokens: tuple[int, ...] = ()  # indices of the number tokens, so no number is counted twice


def is_person(tok) -> bool:
    """A noun naming people: lexicon lemma, person suffix, or a PERSON/NORP entity."""
    lx = persons()
    lemma, low = tok.lemma_.lower(), tok.lower_
    if lemma in lx["nouns"] or low in lx["nouns"]:
        return True
    if tok.ent_type_ in ("PERSON", "NORP"):
        return True
    return tok.pos_ in ("NOUN", "PROPN") and low.endswith(tuple(lx["person_suffixes"])) and len(low) > 5


def numeral(tok) -> bool:
    """A number word or figure, also one the small model tags as a list marker (X/LS) where a note's
    clause starts with it after a semicolon ('...; 2 killed.')."""
    return (tok.pos_ == "NUM" or (tok.pos_ == "X" and tok.tag_ == "LS")) and _is_num(tok)


def _is_num(tok) -> bool:
    if not (tok.like_num or is_number_word(tok.text)) or tok.ent_type_ in NOT_PEOPLE_ENTS:
        return False
    return tok.ent_type_ != "DATE" or not _in_time_expression(tok)


def _in_time_expression(tok) -> bool:
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is None or is_time_expression(ent.text)


def _hyphen_compound(tok) -> bool:
    """'two-lane', '38-year-old': a number glued by a hyphen to a following word."""
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and (_is_num(doc[j]) or (doc[j].text in ("-", "–") and j + 1 < len(doc)
                                                 and _is_num(doc[j + 1]))):
        j += 1
    return (j + 1 < len(doc) and doc[j].text in ("-", "–") and doc[j].whitespace_ == ""
            and not _is_num(doc[j + 1]))


def number_span(tok) -> Quantity | None:
    """The whole number around a number token, with its qualifier and range."""
    doc = tok.doc
    if not _is_num(tok) or _hyphen_compound(tok):
        return None
    i = j = tok.i
    while i > 0 and (_is_num(doc[i - 1]) or (doc[i - 1].text in ("-", "and") and i > 1 and _is_num(doc[i - 2])
                                               and _is_word(doc[i - 2]) and _is_word(doc[i]))):
        i -= 1
    while j + 1 < len(doc) and (_is_num(doc[j + 1]) or (doc[j + 1].text in ("-", "and") and j + 2 < len(doc)
                                                         and _is_num(doc[j + 2]) and _is_word(doc[j])
                                                         and _is_word(doc[j + 2]))):
        j += 1
    words = [t.text for t in doc[i:j + 1]]
    if i > 0 and doc[i - 1].lower_ in ("a", "an") and words[0].lower() in ("hundred", "thousand", "million"):
        i -= 1
        words.insert(0, "a")
    value = parse_number(words)
    if value is None or value != int(value) and value < 1000:
        return None
    if re.fullmatch(r"(1[89]|20)\d\d", words[-1]) and len(words) == 1 and tok.ent_type_ == "DATE":
        return None
    q = Quantity(int(value), "exact", doc[i].idx, doc[j].idx + len(doc[j]), tokens=tuple(range(i, j + 1)))
    _qualify(q, doc)
    return q


def new_figure(tok, *, old: bool = False) -> Quantity | None:
    """The number ``tok`` as the new figure of a toll's revision: 'from 20 to 29' is no range, the count is
    29 (and no time either, as the small model may tag 'from 20 to 29 overnight'); with ``old``, the figure
    it replaces (20)."""
    q = number_span(tok)
    if q is None and tok.like_num and (value := parse_number([tok.text])) is not None and value == int(value):
        return Quantity(int(value), "exact", tok.idx, tok.idx + len(tok), tokens=(tok.i,))
    if q is not None and q.qualifier == "range" and re.match(r"(?i)from\b", _text(tok.doc)[q.start:]):
        q = Quantity(q.value if old else q.value_max, "exact", tok.idx, q.end, tokens=q.tokens)
    return q


def _is_word(tok) -> bool:
    return not tok.text[0].isdigit()


_NUM_RX = r"(\d[\d,.]*|[a-z]+(?:-[a-z]+)?)"
_SPACE = r"[^\S\n]"  # white space within a line


@cached
def _joiner() -> str:
    """The words and dashes between the two ends of a range ('10 to 15', '10-15'), as an alternation."""
    return "|".join(re.escape(w) for w in cues()["range_joiners"])


def _text(doc) -> str:
    """``doc.text`` of a spaCy Doc. spaCy rebuilds it from every token on each call, so the copy the
    pipeline keeps in ``user_data["text"]`` is read when there is one."""
    return doc.user_data.get("text") or doc.text


@cached
def _qualifier_res() -> list[tuple[re.Pattern, str]]:
    """The qualifier cues ("at least", "about") as patterns ending right before a number, compiled once."""
    return [(re.compile(rf"(?i)\b(?:{rx})\s+$"), name) for rx, name in cues()["qualifiers"]]


def _qualify(q: Quantity, doc) -> None:
    text = _text(doc)
    before = text[max(0, q.start - 40):q.start]
    # a range never runs across a line break: "KABUL, March 3 -" over "Fifteen people were killed"
    m = re.search(rf"(?i)\b(?:between|from)?\s*{_NUM_RX}{_SPACE}*(?:{_joiner()}){_SPACE}*$", before)
    if m:
        low = parse_number(m.group(1).split())
        if low is not None and low < q.value and (m.group(0).lower().startswith(("between", "from"))
                                                  or "-" in m.group(0) or "–" in m.group(0)
                                                  or " or " in m.group(0)):
            q.value_max, q.value, q.qualifier = q.value, int(low), "range"
            q.start -= len(m.group(0).lstrip())
            before = text[max(0, q.start - 40):q.start]
    after = text[q.end:q.end + 40]
    m = re.match(rf"(?i){_SPACE}*({_joiner()}){_SPACE}*{_NUM_RX}\b", after)
    if m and q.qualifier != "range" and (m.group(1).lower() != "and" or re.search(r"(?i)\b(between|from)\s+$", before)):
        high = parse_number(m.group(2).split())
        if high is not None and high > q.value:
            q.value_max, q.qualifier = int(high), "range"
            q.end += m.end()
    if q.qualifier == "range":
        m = re.search(r"(?i)\b(?:between|from)\s+$", before)
        if m:
            q.start -= len(m.group(0))
            before = before[:m.start()]
    for rx, name in _qualifier_res():
        m = rx.search(before)
        if m:
            if q.qualifier != "range":
                q.qualifier = name
            q.start -= len(m.group(0))
            break


def _vague(tok) -> Quantity | None:
    """'dozens', 'hundreds of thousands', 'a dozen', 'several'."""
    doc = tok.doc
    for k, words, v in _vague_index().get(tok.lower_, ()):  # the token sits at position k of the phrase
        i = tok.i - k
        if i < 0 or i + len(words) > len(doc):
            continue
        if [t.lower_ for t in doc[i:i + len(words)]] == words:
            span = doc[i:i + len(words)]
            end = span[-1] if span[-1].lower_ != "of" else span[-2]
            q = Quantity(v["value"], v["qualifier"], span[0].idx, end.idx + len(end),
                         tokens=tuple(range(i, i + len(words))))
            _qualify_vague(q, doc)
            return q
    return None


@cached
def _vague_index() -> dict[str, list[tuple[int, list[str], dict]]]:
    """Word -> [(its position in the phrase, the phrase's words, the entry)], in the order
    :func:`_vague` tries them (phrases longest first, then positions), so a token looks up only its own."""
    out: dict[str, list] = {}
    for v in vague_quantities():
        words = v["text"].split()
        for k, w in enumerate(words):
            out.setdefault(w, []).append((k, words, v))
    return out


def _qualify_vague(q: Quantity, doc) -> None:
    before = _text(doc)[max(0, q.start - 30):q.start]
    for rx, name in _qualifier_res():
        m = rx.search(before)
        if m:
            q.start -= len(m.group(0))
            q.qualifier = name if name != "up_to" else q.qualifier
            return


def _negator(np) -> bool:
    neg = cues()["negators"]
    if np.lower_ in neg or (np.lower_ == "one" and any(c.lower_ == "no" for c in np.children)):
        return True
    return any(c.dep_ == "det" and c.lower_ in neg for c in np.children)


def quantify(np, *, require_person: bool = True, merge: bool = True, anyone: bool = False,
             until: int | None = None) -> Quantity | None:
    """The number of people named by the noun phrase headed by ``np``; with ``merge``, coordinated
    conjuncts are summed ('her son and his two friends' = 3), those before the token index ``until`` only
    when given. With ``anyone`` (a verb that takes only people), a singular noun with a determiner is one
    person even when the lexicon lacks it."""
    # 'three civilians including the head of the committee, a leader, and another villager': conjuncts
    # after 'including' are its list, not more people
    inc = min([c.i for c in np.children if c.dep_ == "prep" and c.lower_ in cues()["subset_heads"]]
              + [len(np.doc) if until is None else until])
    parts = [np] + [c for c in np.subtree if merge and c.dep_ == "conj" and c.head.i in {np.i} | _conj_ids(np)
                    and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and c.i < inc]
    if _negator(np):
        return Quantity(0, "exact", np.left_edge.idx, np.idx + len(np), negated=True, tokens=(np.i,))
    if (alt := _named_alternative(np)) is not None and (q := _one(alt, require_person=require_person,
                                                                  anyone=anyone)) is not None:
        q.start = min(q.start, np.left_edge.idx)
        return q
    qs: list[Quantity] = []
    loose = False
    for p in parts:
        if p.i != np.i and (_second_role(p) or _own_outcome(p, shared=until)):
            continue
        q = _one(p, require_person=require_person, anyone=anyone)
        if q is None:
            if p.i == np.i:
                return None
            loose = True
            continue
        qs.append(q)
    if not qs:
        return None
    if len(qs) == 1 and not loose:
        return qs[0]
    total = Quantity(sum(q.value for q in qs), qs[0].qualifier, min(q.start for q in qs),
                     max(q.end for q in qs), tokens=tuple(t for q in qs for t in q.tokens))
    if all(q.qualifier == "exact" for q in qs) and loose:
        total.qualifier = "at_least"
    if len(qs) > 1:  # the text of an enumeration is the whole coordinated phrase
        total.start = min(total.start, np.left_edge.idx)
        last = parts[-1]
        total.end = max(total.end, last.idx + len(last))
    return total


def _named_alternative(np):
    """'a JNIM or ISGS militant', 'an army or police officer': names joined by 'or' before one noun, which
    the small model parses as a name with the noun as its conjunct. The noun is the head of the phrase."""
    if np.pos_ != "PROPN" or not any(c.dep_ == "cc" and c.lower_ == "or" for c in np.children):
        return None
    if any(c.dep_ in ("nummod", "quantmod") for c in np.children):
        return None
    return next((c for c in np.children if c.dep_ == "conj" and c.i > np.i and c.pos_ == "NOUN"), None)


def _nested_number(p) -> bool:
    """The phrase's first word is a number the parser hung from a name before the noun: 'Two Kenya
    Defence Forces soldiers', 'Forty Jie warriors' (the number counts the noun, not the name)."""
    first = p.left_edge
    if first.i >= p.i or not _is_num(first) or first.dep_ not in ("nummod", "compound"):
        return False
    mod = first.head
    while mod.head.i != p.i and mod.head.i != mod.i and mod.i < p.i:
        mod = mod.head
    return mod.head.i == p.i and mod.dep_ in ("compound", "nmod", "amod") and mod.i < p.i


def _number_before_acronym(p):
    """'7 IS militants', '3 ANA soldiers': a number, then upper-case acronyms the parser took for a verb
    or a name, then the noun; the number counts the noun."""
    doc, k = p.doc, p.left_edge.i - 1
    while k >= 0 and doc[k].is_alpha and doc[k].is_upper and len(doc[k]) <= 6:
        k -= 1
    if k < 0 or k == p.left_edge.i - 1 or not _is_num(doc[k]) or any(c.dep_ == "det" for c in p.children):
        return None
    return doc[k]


def _own_outcome(p, *, shared: int | None = None) -> bool:
    """A conjunct with its own category participle is a count of its own: 'two fighters killed and one
    wounded', 'five soldiers killed and five others gone missing'. The participle at index ``shared`` ends
    the whole coordination and is every conjunct's ('2 marines and 5 militants killed')."""
    cat = categories()
    return any(c.dep_ in ("acl", "amod") and c.i > p.i and c.i != shared and (c.lower_ in cat["adjectives"] or c.lemma_.lower() in cat["verbs"])
               and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in p.children)


def _article_number(p, num) -> bool:
    """'a form four student', 'a grade 7 pupil': an indefinite article before a number that is no scale
    word ('a hundred', 'a dozen') makes the number part of a name, and the phrase one person."""
    return (any(c.dep_ == "det" and c.lower_ in ("a", "an") and c.i < num.i for c in p.children)
            and num.lower_ not in numbers_lexicon()["scales"] and not p.tag_.endswith("S"))


def _second_role(p) -> bool:
    """A bare singular conjunct names another role of the same person: 'a scholar and teacher', 'the
    activist and director' (two people would each have a determiner or a number)."""
    return p.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "nummod", "quantmod") for c in p.children)


def _conj_ids(np) -> set[int]:
    ids, frontier = set(), [np]
    while frontier:
        t = frontier.pop()
        for c in t.children:
            if c.dep_ == "conj":
                ids.add(c.i)
                frontier.append(c)
    return ids


def _one(p, *, require_person: bool, anyone: bool = False) -> Quantity | None:
    """One conjunct: a bare number, a noun with a number, a vague quantity, or a single person."""
    if _is_num(p) and (p.pos_ in ("NOUN", "PRON") or numeral(p)) and p.lower_ != "one" or (
            p.lower_ == "one" and p.dep_ not in ("nummod",) and not any(c.dep_ == "prep" for c in p.children)):
        q = number_span(p)
        if q is not None:
            of = of_object(p)
            if of is not None and require_person and not is_person(of):
                return None
            return q
    vq = _vague(p)
    if vq is not None:
        of = of_object(p)
        if of is not None and (not require_person or is_person(of)):
            return vq
        if of is None and p.pos_ in ("NOUN", "NUM", "ADJ", "PRON"):
            return vq
        return None
    nums = [c for c in p.children if c.dep_ in ("nummod", "quantmod") or (c.dep_ == "amod" and _is_num(c))]
    if not nums and _nested_number(p):
        nums = [p.left_edge]
    if not nums and (before := _number_before_acronym(p)) is not None:
        nums = [before]
    if nums and _article_number(p, nums[-1]) and is_person(p):
        return Quantity(1, "exact", p.left_edge.idx, p.idx + len(p), tokens=(p.i,))
    if nums:
        if require_person and not is_person(p):
            return None
        q = number_span(nums[-1]) or _vague(nums[-1])
        if q is not None:
            return q
        return None
    of = of_object(p)
    if of is not None and p.lemma_.lower() in persons()["containers"]:
        return _one(of, require_person=require_person)  # 'a total of 45 people', 'a group of 20 students'
    vag = [c for c in p.children if c.dep_ in ("amod", "det", "nummod") and _vague(c) is not None]
    if vag and (not require_person or is_person(p)):
        return _vague(vag[0])
    if anyone and p.pos_ == "PRON" and (singular_pronoun(p) or p.lower_ in persons()["reflexive_pronouns"]) \
            and p.dep_ != "poss":
        return Quantity(1, "exact", p.idx, p.idx + len(p), tokens=(p.i,))  # links.repeated checks who it is
    if p.pos_ == "PROPN" and p.ent_type_ == "PERSON" or _one_person(p, anyone=anyone):
        if p.tag_ in ("NN", "NNP") and any(c.lower_ in ("every", "each", "any") for c in p.children):
            return None
        return Quantity(1, "exact", p.left_edge.idx, p.idx + len(p), tokens=(p.i,))
    return None


def _one_person(p, *, anyone: bool = False) -> bool:
    """A singular noun naming one person: 'a gendarme', 'his son', 'the director', a capitalised 'Police
    Officer' of the lexicon, or a bare one in headline style ('gunmen kill police officer'); not a noun
    that names a group or class in the singular ('the police', 'the dead': ``collectives``)."""
    lx = persons()
    lemma = p.lemma_.lower()
    if lemma in lx["collectives"] or p.lower_ in lx["collectives"]:
        return False
    if p.tag_ == "NNP":
        return lemma in lx["nouns"] and any(c.dep_ == "det" for c in p.children)
    if anyone and p.tag_ == "NN" and any(c.dep_ == "poss" or c.lower_ in lx["singular_determiners"]
                                         for c in p.children if c.dep_ in ("det", "poss")):
        return not (any(lemma in lx[k] for k in ("groups", "containers", "not_people"))
                    or (lemma.endswith(tuple(lx["not_person_suffixes"])) and not is_person(p)))
    return p.tag_ == "NN" and is_person(p)

