"""Collect every actor mention of a document (see :mod:`sitrep.stages.actors.mentions` for the method)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.parts_of_speech import NOUN, PRON
from spacy.strings import get_string_id

from sitrep import vocab
from sitrep.quote_marks import SpanMask, in_spans
from sitrep.resources import cached
from sitrep.roles import roles
from sitrep.speech import cue_of, is_outlet, is_platform
from sitrep.stages.actors import classes as cls
from sitrep.stages.actors import lexicon as lx
from sitrep.stages.actors.mentions import (SUBJ, ActorMention, TokenTable, country_after, credit_spans,
                                           english_words, is_common_noun_at_start, mid_sentence_caps, noun_index,
                                           role_before)
from sitrep.syntax import appositive_name, np_core
from sitrep.violence import reports_violence

PRONOUNS = {"he": "male", "she": "female"}
LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "norp"}
STATE_DEPS = {"nsubj", "nsubjpass", "dobj", "dative"}
ALIGNED = ("pro", "backed", "allied", "aligned")  # a country word after these is a sponsor, not the group's own


@dataclass
class Scan:
    """One document's collection in progress: the parse, its token table, the spans where no actor is
    read (photo credits, quotations), the places layer's evidence, and the mentions found so far."""
    sp: object  # the spaCy Doc
    toks: list
    text: str
    tt: TokenTable
    credits: SpanMask
    quotes: SpanMask
    caps: set[str]  # capitalised words also seen mid-sentence (names)
    nouns: frozenset[str]  # English common nouns
    metonyms: dict[tuple[int, int], str]
    places: set[tuple[int, int]]
    is_town: Callable[[str], bool]
    resolved: set[tuple[int, int]] = field(default_factory=set)  # place mentions the gazetteer placed
    out: list[ActorMention] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)  # token indices already in a mention

    def add(self, m: ActorMention, lo: int, hi: int) -> None:
        """Keep a mention and mark its tokens [lo, hi) as taken."""
        self.out.append(m)
        self.taken.update(range(lo, hi))


def collect(doc, *, nlp, quote_spans: list[tuple[int, int]], toks=None, table: TokenTable | None = None,
            is_town=lambda word: False) -> list[ActorMention]:
    """Every actor mention of ``doc``, in text order. ``toks`` may pass ``list(doc.spacy)`` and ``table``
    its :class:`TokenTable` (both built once); ``is_town(word)`` says whether a one-word name is a
    known town (the gazetteer's, in the stage)."""
    sp, text = doc.spacy, doc.text
    tt = table if table is not None else TokenTable(sp, text)
    metonyms, place_mentions = _places(doc)
    scan = Scan(sp, toks if toks is not None else list(sp), text, tt,
                SpanMask(len(text), credit_spans(text, doc.paragraphs)), SpanMask(len(text), quote_spans),
                mid_sentence_caps(tt), noun_index(nlp), metonyms, place_mentions, is_town,
                {(m.get("start"), m.get("end")) for p in doc.layers.get("places") or [] if p.get("country")
                 for m in p.get("mentions") or []})
    doc_country = cls.document_country(doc) or cls.local_country(text, is_town=is_town)
    for m, lo, hi in cls_groups(sp, text, scan.credits, doc_country):
        scan.add(m, lo, hi)
    _communities(scan, doc_country)
    _communal_fighting(scan, doc_country)
    for ent in sp.ents:
        _entity_mention(scan, ent)
    _proper_noun_runs(scan)
    _roles_and_pronouns(scan)
    _strike_states(scan)
    _role_country_from_places(scan.out, doc)
    scan.out.sort(key=lambda m: m.start)
    scan.out = class_mentions(sp, scan.toks, scan.out, scan.taken, doc_country, text=text, quote_spans=scan.quotes,
                              tt=tt, nouns=scan.nouns, placed=scan.resolved, english=english_words(nlp))
    _implied_arrester(scan, doc_country)
    return scan.out


def _entity_mention(scan: Scan, ent) -> None:
    """A PERSON, ORG or place entity of the model, cleaned and filtered (see :mod:`.mentions`)."""
    label = LABELS.get(ent.label_)
    if label is None or label == "norp":
        return
    sp, text = scan.sp, scan.text
    idx, length = scan.tt.idx, scan.tt.length  # a span's text is a slice of the text (Span.text rebuilds it)
    lo, hi = _trim(ent)
    if hi <= lo or in_spans(idx[lo], scan.credits) or any(k in scan.taken for k in range(lo, hi)):
        return
    span = sp[lo:hi]
    name = text[span.start_char:span.end_char]
    if is_platform(name) or is_outlet(name):
        return
    head = span.root
    one_word = hi - lo == 1
    first = text[idx[lo]:idx[lo] + length[lo]]
    state = lx.seat_of_power(name) or lx.country_of_name(name)
    if label in ("person", "organisation") and (not state and (
            _place_like(span, sp, lo) or not one_word and (label == "person" and _placed(scan, span, first)
                                                           or (span.start_char, span.end_char) in scan.resolved))
            or state and _owns_place(head)):
        label = "place"  # "Ndaveni Sub-County", "clashes in Kolwara", "El Fasher", "Burkina Faso's Soum province"
    # a one-word PERSON/ORG that the places stage or the gazetteer knows as a place is a place,
    # unless it is a first name or a role noun stands before it
    if label in ("person", "organisation") and one_word and (first.isupper() or not lx.is_first_name(first)):
        known_place = (span.start_char, span.end_char) in scan.places or scan.is_town(first)
        if known_place and role_before(sp, lo)[1] is None:
            label = "place"
    if label == "place":
        m = _state(span, head, scan.metonyms, scan.places, text=text)
        if m:
            scan.add(m, lo, hi)
        return
    if is_common_noun_at_start(span, scan.caps, scan.nouns) or not any(text[idx[k]].isupper() for k in range(lo, hi)):
        return
    if label == "organisation" and one_word and not first.isupper() and lx.is_first_name(first):
        label = "person"  # "38-year-old Volodymyr told AFP": the small model's ORG is a first name
    if label == "organisation" and state:
        m = _state(span, head, scan.metonyms, scan.places, force=True, text=text)
        if m:
            scan.add(m, lo, hi)
        return
    m = _named(sp, span, label, text)
    scan.add(m, m.extra.pop("lo"), hi)


def _communities(scan: Scan, country: str | None) -> None:
    """A community's name as a noun phrase of its own ("the Dinka attacked", "Hema and Lendu clashed", "the
    Ogiek and Kipsigi groups", "members of the Tiv community", "Dodoth raid"): a doer or a party is an identity
    militia, "{name} Ethnic Militia ({country})", anyone else (the killed, the attacked) civilians of the report's
    country. A name before a class noun ("Pokot raiders") is left to :func:`class_mentions`, one before any other
    noun ("a Kikuyu politician", "a Nuer village") names no actor. Not a community: an English common noun
    ("Chin", "Fur"), a first name ("Karen", "Issa"), a word in capitals, or a place the gazetteer placed."""
    toks = scan.toks
    for i in scan.tt.indices("lower", community_tokens()):  # a listed first word or its plural, from the token table
        t = toks[i]
        if t.i in scan.taken or not t.is_title:
            continue
        hi = t.i + 2 if t.i + 1 < len(toks) and cls.community(scan.sp[t.i:t.i + 2].text) else t.i + 1
        span = scan.sp[t.i:hi]
        comm = cls.community(span.text)
        if comm is None or hi < len(toks) and cls.class_at(toks, hi) is not None \
                or hi - t.i == 1 and _common_or_first_name(scan, t) \
                or any(s <= t.idx < e for s, e in scan.resolved) or in_spans(t.idx, scan.credits) \
                or t.idx in scan.quotes:
            continue
        doer = _community_doer(toks[hi - 1])
        if doer is None:
            continue
        ctype = "identity militia" if doer else "civilians"
        iso = cls.community_country(comm, country) if doer else country
        template = cls.types()["ethnic_label"] if doer else cls.actor_classes()["civilians"][0].label
        label = cls.label(template, iso, _community_name(comm, span.text) if doer else None)
        scan.add(ActorMention(span.start_char, span.end_char, span.text, "armed group" if doer else "civilians",
                              "nominal", hi - 1, country=iso, subject=span.root.dep_ in SUBJ,
                              extra={"type": ctype, "label": label, "name": span.text, "group": True,
                                     "explicit": False, "class": "community", "community": comm.name}), t.i, hi)


@cached
def community_tokens() -> frozenset[str]:
    """The lower-case tokens that can start a community's name: the first word of a spelling of
    ``communities.tsv`` or that word with an "s" ("Hazaras"); :func:`classes.community` decides."""
    first = cls.community_first_words()
    return first | frozenset(w + "s" for w in first)


def _communal_fighting(scan: Scan, country: str | None) -> None:
    """"Renewed ethnic clashes in X", "clan fighting", "intercommunal violence": a communal word before a noun of
    fighting (``communal_event_nouns.txt``) names its doers, the communities' militias, unnamed: a mention of
    the word, "Communal Militia ({country})" as coders write it, the report's country. Not where the phrase
    names its sides ("ethnic clashes between X and Y", "clan fighting with X"): those are the actors."""
    cues, nouns = cls.types()["communal_cues"], vocab.words("actors/communal_event_nouns.txt")
    template = cls.types()["by_event_type"]["communal"][0]
    for i in scan.tt.indices("lower", cues):  # the few cue words, from the token table (not every token)
        t = scan.toks[i]
        h = t.head
        if t.dep_ not in ("amod", "compound") or h.i <= t.i or t.i in scan.taken \
                or h.lemma_.lower() not in nouns and h.lower_ not in nouns or h.pos_ != "NOUN" \
                or any(c.dep_ == "prep" and c.lower_ in _preps()["sides"] for c in h.children) \
                or not _reported_fighting(h):
            continue
        label = cls.label(template, country)
        scan.add(ActorMention(t.idx, t.idx + len(t), t.text, "armed group", "nominal", t.i, country=country,
                              extra={"type": "identity militia", "label": label, "name": cls.label(template, None),
                                     "group": True, "explicit": False, "class": "communal", "community": None}),
                 t.i, t.i + 1)


def _implied_arrester(scan: Scan, country: str | None) -> None:
    """"A man was arrested in Nairobi", "two suspects detained on Monday": an arrest verb (``arrest_verbs.txt``)
    with no subject and no "by" agent names its doer, the state's police, as the ACLED Codebook codes arrests: a
    mention of the verb, "Police Forces of {country}" (the report's country), state forces, named by the one-word
    class noun of that label ("police"). Not a participle used as a modifier ("arrested suspects"), nor inside a
    quotation. Not in a report that names state forces other than the police, or a state acting ("security
    forces detained 14 people ... at least 60 have been detained since", "Turkey detained"): the arrests may
    be theirs."""
    template, type_ = cls.types()["by_event_type"]["Arrests"]
    forces = [m for m in scan.out if m.kind == "state" or m.extra.get("type") == "state forces"]
    if forces and not any((m.extra.get("label") or "").startswith(cls.label(template, None)) for m in forces):
        return
    name = next((c.words[0] for cs in cls.actor_classes().values() for c in cs if c.label == template
                 and len(c.words) == 1), None)
    for i in scan.tt.indices("tag", ("VBN",)):
        t = scan.toks[i]
        if t.lemma_.lower() not in vocab.words("actors/arrest_verbs.txt") or t.dep_ in ("amod", "compound") \
                or i in scan.taken \
                or t.idx in scan.quotes or any(c.dep_ in ("nsubj", "agent") for c in t.children):
            continue
        scan.add(ActorMention(t.idx, t.idx + len(t), t.text, "armed group", "nominal", i, country=country,
                              extra={"type": type_, "label": cls.label(template, country),
                                     "name": name, "group": True, "explicit": False,
                                     "class": "arrest", "community": None}), i, i + 1)
    scan.out.sort(key=lambda m: m.start)


def _reported_fighting(h) -> bool:
    """A noun of fighting reported as what happened: a subject or a headline ("ethnic clashes injured five"),
    or the setting of a harm ("killed in clan fighting"); not what is protested, condemned or continued
    ("to protest ethnic violence", "a continuance of ethnic violence")."""
    while h.dep_ == "conj" and h.head.i < h.i:
        h = h.head
    return h.dep_ in ("nsubj", "nsubjpass", "ROOT") or h.dep_ == "pobj" and h.head.lower_ in _preps()["setting"]


def _preps() -> dict:
    """``community_preps.json``: the prepositions that make a community a doer, a patient, a fight's sides or its setting."""
    return vocab.table("actors/community_preps.json")


def _common_or_first_name(scan: Scan, t) -> bool:
    """A capitalised one-word community name that may be something else: an English common noun at a
    sentence's start, where capitals say nothing ("Fur ..."; never seen capitalised mid-sentence), or a first
    name followed by a surname ("Karen Smith") or speaking ("Issa said")."""
    if t.is_sent_start and t.lower_ in scan.nouns and t.text not in scan.caps:
        return True
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    prev = t.nbor(-1) if t.i > 0 else None
    if prev is not None and prev.is_title and lx.is_first_name(prev.text):
        return True  # a surname: "Philip Issa"
    return lx.is_first_name(t.text) and (nxt is not None and nxt.is_title or cue_of(t.head) is not None)


def _community_name(comm, written: str) -> str:
    """The name a militia label gives a community: its listed name for the name or its plural ("Hazaras"),
    else the spelling the text uses ("Merile raiders" stay Merile's, not relabelled as another name)."""
    return comm.name if written.casefold() in (comm.name.casefold(), comm.name.casefold() + "s") else written


def _community_doer(t) -> bool | None:
    """Whether a community's name stands as a doer or party (True), as another participant (False), or only
    modifies some other noun (None): read from the head of its phrase, climbing coordination ("Hema and
    Lendu"), a community noun ("the Garre clan") and "members of"."""
    h = t
    while h.dep_ == "conj" and h.head.i < h.i:
        h = h.head
    if h.dep_ in ("compound", "amod", "nmod"):
        lemma = h.head.lemma_.lower()
        if h.head.pos_ == "NOUN" and lemma in vocab.words("actors/agent_event_nouns.txt"):
            return True  # "Dodoth raid Kenyan village"
        if lemma not in vocab.words("actors/community_nouns.txt"):
            return None
        h = h.head
    if h.dep_ == "poss" or h.pos_ not in ("NOUN", "PROPN"):
        return None
    if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in vocab.words("actors/community_nouns.txt"):
        h = h.head.head  # "members of the Tiv community attacked"
    # the subject or "by" agent of a violent verb is a doer ("the Dinka attacked"), of any other verb not ("voted")
    if h.dep_ == "nsubj" or h.dep_ == "pobj" and h.head.lower_ == "by":
        return True if reports_violence(h.head if h.dep_ == "nsubj" else h.head.head) else None
    if h.dep_ == "pobj" and h.head.lower_ in _preps()["doer"]:
        return True
    if h.dep_ in ("dobj", "nsubjpass") or h.dep_ == "pobj" and h.head.lower_ in _preps()["patient"]:
        return False
    return None  # "raiders from the Pokot community", "a protest by ... in support of the Ogiek": neither


def _proper_noun_runs(scan: Scan) -> None:
    """Proper-noun runs the model missed: "adviser Mykhaylo Podolyak" (only NNP tokens can start one)."""
    sp, toks, text, taken = scan.sp, scan.toks, scan.text, scan.taken
    idx, tags, nnp = scan.tt.idx, scan.tt.tag, get_string_id("NNP")
    i = 0
    for c in scan.tt.indices("tag", ("NNP",)):
        if c < i:
            continue  # inside the run just read
        i, t = c, toks[c]
        if i in taken or not text[idx[i]].isupper() or t.text in ('"', "'"):
            continue
        j = i
        while j + 1 < len(toks) and tags[j + 1] == nnp and (j + 1) not in taken and text[idx[j + 1]].isupper():
            j += 1
        while i < j and toks[i].lower_ in roles():
            i += 1  # "Adviser Mykhaylo Podolyak": the title is not part of the name
        span = sp[i:j + 1]
        stext = text[span.start_char:span.end_char]
        if lx.country_of_name(stext) or lx.seat_of_power(stext):
            m = _state(span, span.root, scan.metonyms, scan.places, text=text)  # a state the model did not tag
            if m:
                scan.add(m, i, j + 1)
            i = j + 1
            continue
        if _place_like(span, sp, i) or _placed(scan, span, toks[i].text):
            i = j + 1  # "in Turkana County": the places layer's (or a division's) name is no person
            continue
        titled = role_before(sp, i)[1] is not None
        if (titled or lx.is_first_name(t.text) and j > i) and not in_spans(span.start_char, scan.credits) \
                and not is_platform(stext) and not is_outlet(stext) \
                and not any(roles().get(w.lower_) for w in span):
            m = _named(sp, span, "person", text)
            scan.add(m, m.extra.pop("lo"), j + 1)
        i = j + 1


def _roles_and_pronouns(scan: Scan) -> None:
    """He and she outside quotations; role nouns: a group with a nationality, or an unnamed speaker."""
    tt, toks = scan.tt, scan.toks
    role_table = roles()
    pronoun_ids, role_ids = _word_ids()
    for k in [k for k, (w, p) in enumerate(zip(tt.lower, tt.pos))  # the same test on the table's lists
              if p == PRON and w in pronoun_ids or p == NOUN and w in role_ids]:
        t = toks[k]
        if t.i in scan.taken or t.idx in scan.quotes or t.idx in scan.credits:
            continue
        low = t.lower_
        if tt.pos[k] == PRON:  # the filter above: a pronoun of PRONOUNS, or a role noun
            scan.out.append(ActorMention(t.idx, t.idx + len(t), t.text, "person", "pronoun", t.i,
                                         gender=PRONOUNS[low], subject=t.dep_ in SUBJ,
                                         speaker=t.dep_ in SUBJ and cue_of(t.head) is not None))
            continue
        role = role_table[low]
        speaker = t.dep_ in SUBJ and cue_of(t.head) is not None
        if role.kind in ("armed group", "civilians") and not speaker:
            m = _group(scan.sp, t, role)
            if m:
                scan.out.append(m)
            continue
        if speaker and appositive_name(t) is not None:
            continue  # "The mayor, Ihor Terekhov, said": the name is the mention
        if speaker:
            m = _unnamed_speaker(scan, t, role)
            if m:
                scan.out.append(m)


def _unnamed_speaker(scan: Scan, t, role) -> ActorMention | None:
    """"a lieutenant said", "the ministry said": the role phrase that speaks, unless a mention holds it."""
    sp = scan.sp
    lo, hi = np_core(t)
    if any(k in scan.taken for k in range(lo, t.i + 1)):
        return None
    det = sp[lo].lower_ if sp[lo].pos_ == "DET" else None
    kind = {"group": "unknown"}.get(role.kind, role.kind)
    country = _country_in(sp[lo:t.i])
    words = sp[lo + (1 if det else 0):hi].text
    return ActorMention(sp[lo].idx, sp[hi - 1].idx + len(sp[hi - 1]), sp[lo:hi].text, kind, "nominal", t.i,
                        role=words if role.kind == "person" else None, country=country,
                        gender=role.gender, subject=True, definite=det in ("the", "this", "that"),
                        speaker=True, extra={"word": t.lower_, "name": words})


def cls_groups(sp, text: str, credits, country: str | None) -> list[tuple[ActorMention, int, int]]:
    """Mentions of the armed groups of ``armed_groups.tsv``, with a class noun right after the name
    ("al-Shabaab militants") inside the mention: (mention, first token, token after the last)."""
    out = []
    for s, e, g in cls.find_groups(text):
        span = sp.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0 or in_spans(s, credits):
            continue
        lo, hi = span.start, span.end
        nxt = cls.class_at(sp, hi) if hi < len(sp) else None
        if nxt is not None and nxt.type not in ("civilians", "protesters", "rioters") or \
                hi < len(sp) and getattr(roles().get(sp[hi].lower_), "kind", None) == "armed group":
            hi += 1
        words = sp[lo:hi]
        head = words.root
        out.append((ActorMention(words.start_char, words.end_char, words.text, "armed group", "name", head.i, name=g.name,
                            country=g.country, subject=head.dep_ in SUBJ,
                            speaker=head.dep_ in SUBJ and cue_of(head.head) is not None,
                            extra={"type": g.type, "group_name": g.name, "label": g.name}), lo, hi))
    return out


def class_mentions(sp, toks, mentions: list[ActorMention], taken: set[int], country: str | None, *,
                   text: str, quote_spans=(), tt: TokenTable | None = None,
                   nouns: frozenset[str] = frozenset(), placed=None, english: frozenset[str] = frozenset()
                   ) -> list[ActorMention]:
    """Give every mention headed by a class noun its class, and add the class nouns no mention holds
    ("gunmen", "the police", "Moscow's troops"), named by the class label; ``its``/``their`` as owner
    takes the country of the nearest state or group mentioned before. ``placed``: the character spans of
    the place mentions the gazetteer placed (see :func:`_not_place`); ``english``: English words of any part of
    speech (see :func:`_mistagged_name`). Returns the mentions in text order."""
    by_head = {m.head: m for m in mentions if m.via in ("nominal", "name")}
    out = list(mentions)
    units = cls.types()["unit_nouns"]
    for k in (tt.indices("lower", [*cls.actor_classes(), *units]) if tt is not None else range(len(toks))):
        t = toks[k]  # the candidates come from the token table's lower-case column (one scan of ints)
        c = cls.class_at(toks, k)
        if c is None or t.pos_ not in ("NOUN", "PROPN") or t.dep_ in ("compound", "amod") and not (
                _agent_compound(t) or _holder_compound(t, c)):
            continue
        if any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in t.children) and c.type == "civilians":
            continue  # "residents of the town" stay a group noun; the town is the place
        m = by_head.get(k)
        if m is not None and m.via == "name":
            continue  # a named organisation ("Kenya Police Service") keeps its name
        lo = k - len(c.words) + 1
        mods = [w for w in t.children if w.i < lo and w.dep_ in vocab.words("actors/modifier_deps.txt")
                and "\n" not in text[w.idx:t.idx]]  # not across a paragraph break (a dateline's "Aug 5")
        if t.dep_ in ("compound", "amod"):  # an agent compound: the words before it that hang from the same
            mods += _left_siblings(toks, lo, t.head)  # event noun modify it ("Tavari militia attacks")
        mods += [w for w in toks[max(lo - 1, 0):lo] if w not in mods and (_mistagged_name(w, english) or _community_word(w))]
        mods += _from_community(t)
        # coordinated modifiers ("Burkinabe and Ivorian forces") hang under the first: that one names the country
        mods = sorted({*mods, *(c for w in mods for c in w.children if c.dep_ == "conj" and c.i < lo)}, key=lambda w: w.i)
        owner = next((w for w in mods if w.dep_ == "poss"), None)
        aligned = any(w.lower_ in ALIGNED for w in t.subtree if w.i < k)  # "pro-Russian", "Moscow-backed"
        iso, group, pronoun, group_toks = _read_modifiers(sp, [] if aligned else mods, nouns, english, placed)
        host = not aligned and _host_leads(mods, country)
        iso = country if host else iso
        if pronoun is not None and iso is None:
            iso = _owner_country(out, pronoun.idx)
        explicit = iso is not None
        if c.needs_country and not explicit:
            continue
        if m is None and (k in taken or t.idx in quote_spans):
            continue
        ctype, template = _class_type(c, group, mods)
        comm = cls.community(group) if ctype == "identity militia" and group else None
        iso = iso or (country if comm is None else cls.community_country(comm, country))  # "Pokot raiders"
        label = cls.label(template, iso, (_community_name(comm, group) if comm else group)
                          if ctype == "identity militia" else None)
        if ctype == "identity militia" and group is not None:  # "Lendu raiders": Lendu names the group,
            out = [x for x in out if not (x.via == "name" and x.kind in ("person", "organisation")
                                          and x.head in group_toks)]  # it is no person or body of its own
        kind = "civilians" if ctype in ("civilians", "protesters", "rioters") else "armed group"
        words = [w for w in mods if (w.pos_ in ("ADJ", "NOUN", "PROPN") or w.i in group_toks) and w.dep_ != "poss"]
        phrase = text[min([w.idx for w in words] + [toks[lo].idx]):t.idx + len(t)]
        extra = {"type": ctype, "label": label, "name": phrase, "group": True, "explicit": explicit,
                 "class": c.words[-1], "community": group if ctype == "identity militia" else None}
        if m is not None:
            extra["name"] = m.extra.get("name") or phrase
            m.extra.update(extra)
            m.country = iso if host else (m.country or iso)
            m.kind = m.kind if m.kind == "person" else kind
            continue
        start = min(owner.idx if owner is not None else t.idx, *(w.idx for w in mods if w.dep_ != "det"), toks[lo].idx)
        out.append(ActorMention(start, t.idx + len(t), text[start:t.idx + len(t)],
                           kind, "nominal", k, country=iso, subject=t.dep_ in SUBJ,
                           definite=any(w.lower_ in ("the", "these", "those") for w in mods), extra=extra))
    out.sort(key=lambda m: m.start)
    return out


def _read_modifiers(sp, mods, nouns, english, placed) -> tuple[str | None, str | None, object, range]:
    """What a class noun's modifiers say (see :func:`class_mentions`): (the first country a demonym or an owner
    seat names, the first proper-noun modifier that can name a group, an owner pronoun, that group's tokens)."""
    iso, group, pronoun, group_toks = None, None, None, range(0)
    for w in mods:
        if w.dep_ == "det":
            continue
        dem = _demonym(w)
        iso = iso or dem or (lx.seat_of_power(w.text) if w.dep_ == "poss" else None)
        if w.lower_ in cls.OWNER_PRONOUNS and w.dep_ == "poss":
            pronoun = w
        elif not dem and w.is_title and (
                (_proper(w, nouns) or _mistagged_name(w, english)) and _not_place(w, placed)
                or _community_word(w) and _not_place(w, placed, alone=True)):
            if group is None:
                group, group_toks = sp[w.left_edge.i:w.i + 1].text, range(w.left_edge.i, w.i + 1)
    return iso, group, pronoun, group_toks


def _class_type(c, group: str | None, mods) -> tuple[str, str]:
    """(ACLED type, label template) of an armed class noun: a community's name before it makes an identity
    militia ("Lendu militants"), and so does a word calling it ethnic, clan or communal ("clan militias")."""
    if c.type in ("rebel group", "political militia", "rioters"):
        if cls.ethnic(group):
            return "identity militia", cls.types()["ethnic_label"]
        if any(w.lower_ in cls.types()["communal_cues"] for w in mods):
            return "identity militia", cls.types()["by_event_type"]["communal"][0]
    return c.type, c.label


def _host_leads(mods, country: str | None) -> bool:
    """Whether modifiers name several countries, the report's among them ("Rwandan and Mozambican troops" in
    Mozambique): the host's forces lead a joint force, as coders code them (elsewhere the first named leads).
    An alternative is no joint force ("French and/or Burkinabe forces": the first named leads)."""
    named = {_demonym(w) for w in mods if w.dep_ != "det"} - {None}
    if len(named) < 2 or country not in named:
        return False
    span = mods[0].doc[min(w.i for w in mods):max(w.i for w in mods) + 1]
    return not any("or" in t.lower_.split("/") for t in span)


def _not_place(w, placed, *, alone: bool = False) -> bool:
    """A proper-noun modifier that can name a group: no date, time or facility, and no place the gazetteer
    placed. The tagger reads many community names as places ("Mundari raiders" as GPE); the places layer
    keeps those unplaced, so a GPE or LOC word counts as a place only when it lies in a placed mention
    (all of them when ``placed`` is None: no places layer to ask). ``alone``: the word itself, not the words
    under it (a community name the parser made the head of a headline: "Pokot raiders attack ... in X")."""
    for x in [w] if alone else w.subtree:
        if x.ent_type_ in ("DATE", "TIME", "FAC"):
            return False
        if x.ent_type_ in ("GPE", "LOC") and (placed is None or any(s <= x.idx < e for s, e in placed)):
            return False
    return True


def _placed(scan: Scan, span, first: str) -> bool:
    """The places layer has this name as a place: one the gazetteer placed, or an unplaced one that does
    not start with a first name (the places stage can take "Brooke Henderson" for a place)."""
    key = (span.start_char, span.end_char)
    return key in scan.resolved or key in scan.places and not lx.is_first_name(first)


def _owns_place(head) -> bool:
    """A state named as the owner of a division ("Burkina Faso's Soum province"): a place, not a doer."""
    return head.dep_ == "poss" and head.head.lower_ in vocab.words("actors/place_nouns.txt")


def _place_like(span, sp, lo: int) -> bool:
    """A name that is a place: it ends in a division or settlement noun ("Kolwara Location"), or it (or the
    list it is in) is the object of a locative preposition ("clashes in Ndaveni and Kolwara"), unless it starts
    with a first name, a title stands before it ("walking around Ambassador Andrei Karlov") or it is a body's
    name, which takes an article or an owner ("in the House", "in Britain's Secret Intelligence Service")."""
    if span[-1].lower_ in vocab.words("actors/place_nouns.txt"):
        return True
    prev = sp[lo - 1] if lo > 0 else None
    if lx.is_first_name(span[0].text) or role_before(sp, lo)[1] is not None \
            or prev is not None and (prev.pos_ == "DET" or prev.tag_ == "POS"):
        return False
    h = span.root
    while h.dep_ == "conj" and h.head.i < h.i:
        h = h.head
    return h.dep_ == "pobj" and h.head.lower_ in vocab.words("actors/locative_preps.txt")


def _left_siblings(toks, lo: int, head) -> list:
    """The modifiers right before token ``lo`` that hang from ``head`` too (the parser's flat reading of a
    headline's noun phrase: "Tavari militia attacks" with both nouns compounded to "attacks")."""
    out, j = [], lo - 1
    while j >= 0 and toks[j].head.i == head.i and toks[j].dep_ in vocab.words("actors/modifier_deps.txt"):
        out.append(toks[j])
        j -= 1
    return out


def _proper(w, nouns: frozenset[str]) -> bool:
    """A modifier that is a name: a proper noun or nationality, or a capitalised word the tagger called a
    noun that is no English common noun ("Lendu raiders" at a sentence start)."""
    return w.ent_type_ == "NORP" or w.pos_ == "PROPN" or (w.pos_ == "NOUN" and bool(nouns)
                                                          and w.lower_ not in nouns and w.lemma_.lower() not in nouns)


def _mistagged_name(w, english: frozenset[str]) -> bool:
    """A capitalised word the small tagger called an adjective, an auxiliary or a verb that is no English
    word ("Lendu raiders attack" read as an auxiliary and a subject): a name (no evidence without ``english``)."""
    return bool(english) and _plain_word(w) and w.pos_ in ("ADJ", "AUX", "VERB") and w.is_title \
        and w.lower_ not in english and w.lemma_.lower() not in english


def _from_community(t) -> list:
    """"raiders from the Pokot community", "gunmen from the Garre clan": the listed community named in a "from"
    phrase after a class noun, through a community noun (``community_nouns.txt``), is the noun's own; also where
    the parser makes the community noun a compound of the word after it (a headline's "youths from the Murle
    community raid ...": "raid" read as the object of "from")."""
    nouns = vocab.words("actors/community_nouns.txt")
    objs = [n for p in t.children if p.dep_ == "prep" and p.lower_ == "from" for n in p.children if n.dep_ == "pobj"]
    objs += [c for n in objs for c in n.children if c.dep_ == "compound"]
    return [w for n in objs if n.lemma_.lower() in nouns
            for w in n.children if w.dep_ in ("compound", "amod", "nmod") and _community_word(w)][:1]


def _community_word(w) -> bool:
    """A capitalised community name of ``communities.tsv`` ("Pokot raiders attack", read by the parser as a verb
    and its object): the class noun after it is that community's."""
    return w.is_title and cls.community(w.text) is not None


def _plain_word(w) -> bool:
    """A word that can be a name: no punctuation, date, time or number."""
    return not w.is_punct and w.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")


def _agent_compound(t) -> bool:
    """"Tavari militia attacks ...", "a police crackdown": a class noun compounded to an event noun after it
    is that event's agent, so an actor mention (``data/actors/agent_event_nouns.txt``)."""
    h = t.head
    return t.dep_ == "compound" and h.i > t.i and h.pos_ == "NOUN" \
        and h.lemma_.lower() in vocab.words("actors/agent_event_nouns.txt")


def _holder_compound(t, c) -> bool:
    """"a police post", "an army base": a state-forces class noun compounded to a post or vehicle noun after it
    names the post's holder, so an actor mention (``data/actors/holder_nouns.txt``)."""
    h = t.head
    return c.type == "state forces" and t.dep_ == "compound" and h.i == t.i + 1 and h.pos_ == "NOUN" \
        and h.lemma_.lower() in vocab.words("actors/holder_nouns.txt")


def _owner_country(mentions: list[ActorMention], before: int) -> str | None:
    """Country of the nearest state or armed group mentioned before an offset ("its forces")."""
    best = None
    for m in mentions:
        if m.start < before and m.country and m.kind in ("state", "armed group", "organisation"):
            if best is None or m.start > best.start:
                best = m
    return best.country if best else None


@cached
def _word_ids() -> tuple[frozenset[int], frozenset[int]]:
    """String hashes of the pronouns and of the role nouns (the lexicon is fixed for a run)."""
    return frozenset(map(get_string_id, PRONOUNS)), frozenset(map(get_string_id, roles()))


def _role_country_from_places(mentions: list[ActorMention], doc) -> None:
    """"Lugansk regional governor": a place named inside the role gives its country (places layer)."""
    places = [(m.get("start"), m.get("end"), p.get("country")) for p in doc.layers.get("places") or []
              for m in p.get("mentions") or [] if p.get("country")]
    for m in mentions:
        if m.role and m.country is None and m.kind == "person":
            hit = next((c for s, e, c in places if m.start <= s and e <= m.end and e <= m.start + len(m.role) + 1), None)
            if hit and m.text.startswith(m.role):
                m.country = hit


def _trim(ent) -> tuple[int, int]:
    """Token range of an entity without a leading article, a trailing possessive or quote marks."""
    lo, hi = ent.start, ent.end
    doc = ent.doc
    while lo < hi and (doc[lo].lower_ in ("the", "a", "an") or doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].lower_ in ("'s", "’s", "'") or doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return lo, hi


def _named(sp, span, label: str, text: str) -> ActorMention:
    """A person or organisation mention, with the title and country read off the words around it
    (``text`` is the text ``sp`` was parsed from: its slices are the spans' texts)."""
    lo = span.start
    # a title swallowed by the entity ("President Vladimir Putin" as one PERSON)
    r = roles()
    k = lo
    while k < span.end - 1 and (sp[k].lower_ in r or lx.country_of_demonym(sp[k].text)) and label == "person":
        k += 1
    name_lo = k
    start_i, role, country, gender = role_before(sp, name_lo)
    if label == "person" and role is None and name_lo > lo:
        start_i, role, country, gender = lo, text[sp[lo].idx:sp[name_lo - 1].idx + len(sp[name_lo - 1])], None, None
    head = span.root
    if label == "person" and role is None and head.dep_ == "appos" and head.head.lower_ in r \
            and r[head.head.lower_].kind == "person":
        lo_r, hi_r = np_core(head.head)  # "the mayor of the city, Ihor Terekhov"
        words = [w for w in sp[lo_r:hi_r] if w.pos_ != "DET"]
        role = sp[words[0].i:words[-1].i + 1].text if words else None
    if label == "person":
        country = country or country_after(span.root)
        first = sp[name_lo].text
        gender = gender or lx.first_name_gender(first) if span.end - name_lo > 1 or gender is None else gender
        if span.end - name_lo == 1 and not lx.is_first_name(first):
            gender = gender if role else None
    kind = label
    if label == "organisation":
        head = roles().get(span.root.lower_)
        if head and head.kind == "armed group":
            kind = "armed group"
        country = _country_in(span)
    name = text[sp[name_lo].idx:span.end_char]
    first_i = start_i if role else lo
    m = ActorMention(sp[start_i].idx if role else span.start_char, span.end_char, text[sp[first_i].idx:span.end_char],
                kind, "name", span.root.i, name=name, role=role, country=country,
                gender=gender if label == "person" else None, subject=span.root.dep_ in SUBJ,
                speaker=span.root.dep_ in SUBJ and cue_of(span.root.head) is not None,
                extra={"lo": start_i if role else lo})
    return m


def _demonym(w) -> str | None:
    """ISO2 of the demonym ending at token ``w``, a two-word one first: "South Sudanese" is South Sudan's, not
    Sudan's, "Central African" the Central African Republic's (``countries.tsv`` lists them)."""
    if w.i > 0 and (iso := lx.country_of_demonym(f"{w.doc[w.i - 1].text} {w.text}")):
        return iso
    return lx.country_of_demonym(w.text)


def _country_in(span) -> str | None:
    for t in span:
        iso = _demonym(t)
        if iso:
            return iso
    return None


def _places(doc) -> tuple[dict[tuple[int, int], str], set[tuple[int, int]]]:
    """From the places layer: (mention span -> ISO2 for metonyms, every place mention span)."""
    metonyms, spans = {}, set()
    for p in doc.layers.get("places") or []:
        for m in p.get("mentions") or []:
            key = (m.get("start"), m.get("end"))
            spans.add(key)
            if (m.get("metonym") or p.get("metonym")) and (m.get("stands_for") or p.get("stands_for")):
                metonyms[key] = m.get("stands_for") or p.get("stands_for")
    return metonyms, spans


def _state(span, head, metonyms, places=frozenset(), *, force: bool = False, text: str | None = None) -> ActorMention | None:
    """A state named by its name, capital or seat, when it acts, is acted on, or owns something.

    The places stage decides for capitals when it has run (``metonym``/``stands_for``); otherwise a
    capital counts as its state only in a doer or target position and not after "the capital".
    """
    key = (span.start_char, span.end_char)
    name = span.text if text is None else text[span.start_char:span.end_char]
    iso = metonyms.get(key)
    if iso is None:
        country = lx.country_of_name(name)
        seat = None if country else lx.seat_of_power(name)
        iso = country or seat
        if iso is None or (seat and key in places and not force):
            return None
        h = head
        while h.dep_ == "conj" and h.head.i != h.i:
            h = h.head
        dep = h.dep_
        doer = dep in STATE_DEPS or (dep == "pobj" and h.head.lower_ in ("against", "by")) \
            or (dep == "poss" and roles().get(h.head.lower_) is not None)
        prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if seat and roles().get(prev) is None and prev in vocab.words("actors/place_words.txt"):
            doer = False
        if not (doer or force):
            return None
    return ActorMention(span.start_char, span.end_char, name, "state", "state", head.i, name=lx.country_name(iso),
                   country=iso, subject=head.dep_ in SUBJ,
                   speaker=head.dep_ in SUBJ and cue_of(head.head) is not None)


def _strike_states(scan: Scan) -> None:
    """"Russian shelling", "an Israeli airstrike", "Afghan military airstrikes": a country's demonym modifying a
    noun of the means states field (``data/actors/state_strike_nouns.txt``) is a mention of that state, the
    doer of the strike, when no other mention holds it."""
    nouns = vocab.words("actors/state_strike_nouns.txt")
    vbg = get_string_id("VBG")  # the parser reads "Russian shelling" as a gerund too
    for i in [i for i, (p, g) in enumerate(zip(scan.tt.pos, scan.tt.tag)) if p == NOUN or g == vbg]:
        t = scan.toks[i]
        prev = scan.toks[t.i - 1].lower_ + " " if t.i > 0 else ""
        if not {w for x in {t.lemma_.lower(), t.lower_} for w in (x, prev + x)} & nouns:
            continue
        mods = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod") and c.i < t.i]
        mods += [g for c in mods for g in c.children if g.dep_ in ("amod", "compound") and g.i < c.i]
        for c in sorted(mods, key=lambda c: c.i):
            iso = _demonym(c)
            if iso is None or c.i in scan.taken or in_spans(c.idx, scan.credits):
                continue
            scan.add(ActorMention(c.idx, c.idx + len(c.text), c.text, "state", "state", c.i,
                                  name=lx.country_name(iso), country=iso), c.i, c.i + 1)
            break


def _group(sp, t, role) -> ActorMention | None:
    """"Russian troops", "pro-Russian separatists", "Ukrainian forces": a group with a nationality."""
    lo, hi = np_core(t, with_of=False)
    mods = [w for w in sp[lo:t.i] if w.pos_ != "DET"]
    while mods and "\n" in sp[mods[0].i:t.i].text:  # a dateline is no modifier
        mods = mods[1:]
    country, pro = None, any(w.lower_ in ALIGNED for w in mods)
    for w in mods:
        iso = _demonym(w) or (lx.seat_of_power(w.text) if w.dep_ == "poss" else None)
        if iso and not pro:
            country = country or iso  # "Burkinabe and Ivorian forces": the first named leads
    if not mods or (country is None and not pro and not any(w.text[:1].isupper() for w in mods)):
        return None
    lo = mods[0].i
    words = sp[lo:t.i + 1]
    return ActorMention(words.start_char, words.end_char, words.text, role.kind, "nominal", t.i, role=None,
                   country=country, subject=t.dep_ in SUBJ, extra={"word": t.lower_, "name": words.text, "group": True})
