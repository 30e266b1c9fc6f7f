"""The speed-ups of issue 7 keep behaviour: the date patterns' start look-aheads, the events offset index."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.stages.dates.find import find_mentions, patterns
from sitrep.stages.events.links import Index


@pytest.mark.parametrize("text, found", [
    ("It has been fighting SINCE 2014 and LAST MONTH it spread.", ["SINCE 2014", "LAST MONTH"]),
    ("Early March 2022 was quiet; Between 2014 and 2016 it was not.", ["Early March 2022", "Between 2014 and 2016"]),
    ("THE END OF THE YEAR came three Weeks Ago, on Monday Night.",
     ["THE END OF THE YEAR", "three Weeks Ago", "Monday Night"]),
    ("In the 1990s, on 2023-01-02 and on Tuesday, March 3.", ["the 1990s", "2023-01-02", "Tuesday, March 3"]),
])
def test_date_patterns_still_match_in_any_casing_of_their_modifiers(text, found):
    assert [text[m.start:m.end] for m in find_mentions(text)] == found


def test_each_date_pattern_starts_with_a_lookahead_that_only_skips_impossible_starts():
    # the look-ahead is a necessary condition: without it the pattern finds the same matches
    text = ("since 2014, Since 2014, last week, LAST WEEK, in early March 2022, from May to June 2021, "
            "the 1980s, two days ago, 2 Weeks ago, next Friday morning, the end of 2019, 3-4 April 2020")
    for form, rx in patterns():
        assert rx.pattern.startswith("(?=")
        depth, k = 0, 0
        for k, ch in enumerate(rx.pattern):  # end of the look-ahead group
            depth += ch == "(" and rx.pattern[k - 1:k] != "\\"
            depth -= ch == ")" and rx.pattern[k - 1:k] != "\\"
            if depth == 0:
                break
        bare = re.compile(rx.pattern[k + 1:])
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in bare.finditer(text)], form


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=12)


@settings(max_examples=150, deadline=None)
@given(spans, st.integers(0, 70), st.integers(1, 10))
def test_events_index_offset_lookups_agree_with_the_scan(rows, start, length):
    layers = {"dates": [{"id": f"D{n}", "start": s, "end": s + w} for n, (s, w) in enumerate(rows)],
              "places": [{"id": f"P{n}", "mentions": [{"start": s, "end": s + w}]} for n, (s, w) in enumerate(rows)]}
    ix = Index.build(layers)
    end = start + length
    assert ix.overlapping("dates", start, end) == Index.at(ix.dates, start, end)
    assert ix.places_at(start) == [r for r in ix.places if r[0] <= start < r[1]]


_blank = None


def _tokens(text: str) -> list:
    global _blank
    if _blank is None:
        import spacy

        _blank = spacy.blank("en")
    return list(_blank(text))


words = st.lists(st.sampled_from(["Kyiv", "was", "shelled", "on", "Monday", ",", "near", "New", "York", "."]),
                 min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(words, spans)
def test_events_index_token_map_agrees_with_the_character_scan(ws, rows):
    # items at any character offsets (inside tokens, across them, empty, past the end) overlap the same tokens
    tokens = _tokens(" ".join(ws))
    layers = {"dates": [{"id": f"D{n}", "start": s, "end": s + w - 1} for n, (s, w) in enumerate(rows)],
              "actors": [{"id": f"A{n}", "mentions": [{"start": s, "end": s + w}, {"start": s // 2, "end": s}]}
                         for n, (s, w) in enumerate(rows)]}
    mapped, scanned = Index.build(layers, tokens), Index.build(layers)
    for name in ("dates", "actors"):
        for t in tokens:
            assert mapped.at_token(name, t) == scanned.overlapping(name, t.idx, t.idx + len(t.text))


@settings(max_examples=150, deadline=None)
@given(words, spans)
def test_events_index_token_start_map_agrees_with_the_character_map(ws, rows):
    # items starting or ending inside tokens, empty, or past the end: the same rows at every token start
    tokens = _tokens(" ".join(ws))
    layers = {"quotes": [{"id": f"Q{n}", "start": s, "end": s + w - 1} for n, (s, w) in enumerate(rows)],
              "places": [{"id": f"P{n}", "mentions": [{"start": s, "end": s + w}, {"start": s // 2, "end": s}]}
                         for n, (s, w) in enumerate(rows)]}
    mapped, scanned = Index.build(layers, tokens), Index.build(layers)
    for name in ("quotes", "places"):
        starts, chars = mapped.at_starts(name), scanned.at_starts(name)
        for t in tokens:
            assert starts.get(t.idx, []) == chars.get(t.idx, [])


def test_events_index_remembers_a_look_up_once_per_document():
    ix, calls = Index.build({}), []
    for _ in range(3):
        assert ix.remember(("k", 1), lambda: calls.append(1)) is None  # a None answer is remembered too
    assert calls == [1]


def test_find_triggers_reads_a_token_list_as_it_reads_the_sentence_span(nlp):
    from sitrep.stages.events.lexicon import find_triggers

    doc = nlp("Russian forces shelled the town and launched a missile strike on Monday, officials said.")
    sent = next(doc.sents)
    by_span, by_list = find_triggers(sent), find_triggers(list(sent))
    assert by_span == by_list
    assert {doc[m.anchor].lower_ for m in by_list} >= {"shelled"}


@pytest.mark.parametrize("text", [
    "Kyiv said war crimes were committed in Bucha.",
    "The ministry said the shelling of the city was an act of genocide and terrorism.",
    "Officials said Sudan must return the helicopter.",
    "He said the talks went well.",
])
def test_speech_acts_found_from_candidate_nouns_as_from_every_subtree(nlp, text):
    from spacy.symbols import NOUN

    from sitrep.stages.events import _speech_matches
    from sitrep.stages.events.lexicon import class_keys, forms

    doc = nlp(text)
    lems, lows, pos, _, _ = forms(doc)
    keys = class_keys("accusation_nouns")
    crimes = [t for t in doc if t.pos == NOUN and (lems[t.i] in keys or lows[t.i] in keys)]
    plain = _speech_matches(doc[:])
    assert _speech_matches(list(doc), lems, pos, crimes) == plain
    assert [lemma_ for lemma_ in lems] == [t.lemma_.lower() for t in doc]


def test_class_keys_hold_the_last_words_of_multiword_entries():
    from sitrep.stages.events.lexicon import class_keys, classes

    keys = class_keys("accusation_nouns")
    assert classes()["accusation_nouns"] <= keys
    assert all(w.split()[-1] in keys for w in classes()["accusation_nouns"])


def test_clause_walk_over_the_document_arrays_keeps_the_token_walk(nlp):
    from sitrep.stages.events import syntax
    from sitrep.stages.events.lexicon import forms

    doc = nlp("Russian forces shelled the town and said they would return, although it rained; officials said. "
              "Kyiv vowed to fight back and blamed Moscow, which denied it.")
    toks, table = list(doc), forms(doc)
    tree = syntax.Tree(doc, toks, table[4], table[2])
    assert sum(map(len, tree.kids)) == len(doc) - len(list(doc.sents))  # every token but the roots has a head
    assert all([c.i for c in tree.children(t)] == [c.i for c in t.children] for t in doc)
    cut = (0, doc.text.index("Kyiv") + 10)  # a paragraph edge inside the second sentence
    for t in doc:
        for keep in (True, False):
            assert syntax.clause_tokens(t, keep_content=keep, bounds=cut, tree=tree) == \
                syntax.clause_tokens(t, keep_content=keep, bounds=cut)


@pytest.mark.parametrize("text", [
    "The ministry said war crimes were committed by the regime in the city.",
    "Officials said the rebel attack had been repelled.",
    "Tensions rose after the police raid, said a spokesman for the governor.",
])
def test_in_class_fast_path_agrees_with_the_full_test(nlp, text):
    # the fast path skips a token's modifiers unless a two-word entry ends in its lemma: same answers
    from sitrep.stages.events.lexicon import classes, in_class, lemma

    for t in nlp(text):
        for name, cls in classes().items():
            full = lemma(t) in cls or t.lower_ in cls or any(
                c.dep_ in ("compound", "amod") and f"{lemma(c)} {lemma(t)}" in cls for c in t.children)
            assert in_class(t, name) == full, (t.text, name)


def test_link_actor_reads_each_token_once_and_hands_out_its_own_span(nlp):
    from sitrep.stages.events.links import Index, link_actor
    from sitrep.doc import Document

    text = "Russian troops shelled the town, according to the governor."
    sp = nlp(text)
    doc = Document(text=text, meta={"id": "t"})
    doc.spacy = sp
    ix = Index.build({"actors": [{"id": "A1", "kind": "state", "mentions": [{"start": 0, "end": 7}]}]}, list(sp))
    first = link_actor(sp[1], ix, doc)
    first[1]["text"] = "changed by a caller"
    again = link_actor(sp[1], ix, doc)
    assert first[0] == again[0] == "A1"
    assert again[1] == {"start": 0, "end": 14, "text": "Russian troops"}
    assert ("actor", 1) in ix._memo
