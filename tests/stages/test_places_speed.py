"""The places stage's speed-ups (issue #3) keep behaviour: each fast path against the plain computation."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.gazetteer import InMemoryGazetteer
from sitrep.gazetteer.normalize import _APOS, _NONWORD, _SPACE, fold, strip_accents


def _fold_plain(name: str) -> str:
    """fold() without its fast path for plain ASCII names."""
    s = _APOS.sub("", name)
    s = s.casefold() if s.isascii() else strip_accents(s).casefold()
    s = s.replace(".", "")
    s = _NONWORD.sub(" ", s).replace("_", " ")
    return _SPACE.sub(" ", s).strip()


names = st.text(alphabet=st.sampled_from(list("AbcZyx09 .-'’_\tÉéßıł")), max_size=14)


@settings(max_examples=400, deadline=None)
@given(st.one_of(names, st.from_regex(re.compile(r"[A-Za-z0-9]+( [A-Za-z0-9]+)*"), fullmatch=True), st.text(max_size=10)))
def test_fold_fast_path_agrees_with_the_full_folding(name):
    assert fold(name) == _fold_plain(name)


def test_gazetteer_entries_are_shared_and_equal_to_fresh_ones():
    gaz = InMemoryGazetteer([{"name": "Kyiv", "alt": ["Kiev"], "country": "UA", "admin1": "12", "lat": 50.45,
                              "lon": 30.52, "population": 2_950_000},
                             {"name": "Kyiv City", "kind": "admin1", "country": "UA", "admin1": "12", "lat": 50.4,
                              "lon": 30.5}])
    (a,) = gaz.lookup("Kyiv")
    (b,) = gaz.lookup("Kiev")
    assert a is not b and (a.match, b.match) == ("name", "alt")
    assert gaz.lookup("KYIV")[0] is a  # the same entry object, from the entry cache
    assert a == gaz._make_entry(a.idx, "name") and a.admin1 == "Kyiv City"


def test_dependent_counts_the_person_cue_reads_agree_with_the_children(nlp):
    # _person_cue looks at a name's dependents only when the parse counts some
    doc = nlp("The 38-year-old Volodymyr from Bucha said that Kharkiv, Donetsk and the city of Lviv were shelled "
              "by Russian forces on Monday, while 12-year-old Anna stayed in New York.")
    for t in doc:
        assert t.n_lefts + t.n_rights == len(list(t.children)), t.text


def test_containment_reads_the_same_with_its_cheap_tests_first(nlp):
    from sitrep.stages.places.detect import Mention
    from sitrep.stages.places.resolve import containment

    doc = nlp("Shelling hit Smolyaninovo village in the Luhansk region, and Bucha, Ukraine, was quiet.")
    names = ("Smolyaninovo", "Luhansk", "Bucha", "Ukraine")
    mentions = [Mention(t.idx, t.idx + len(t), t.i, t.i + 1, t.text, "ner") for t in doc if t.text in names]
    assert containment(doc, mentions) == {0: 1, 2: 3}


def test_tokens_the_coordination_pass_skips_have_no_conjuncts(nlp):
    doc = nlp("Kharkiv, Donetsk and Luhansk were shelled, and troops left Kyiv and Chernihiv, officials in "
              "Paris, London or Berlin said.")
    skipped = [t for t in doc if t.dep_ != "conj" and not t.n_rights]
    assert skipped and all(t.conjuncts == () for t in skipped)
    assert any(t.conjuncts for t in doc)


def test_entity_lookup_by_bisection_agrees_with_a_token_map(nlp):
    from bisect import bisect_right

    doc = nlp("The Donetsk Regional Military Administration said Kentucky State Police and the University of "
              "Manitoba met in New York on Monday with Volodymyr Zelensky.")
    ents = list(doc.ents)
    by_token = {k: e for e in ents for k in range(e.start, e.end)}
    starts = [e.start for e in ents]
    for i in range(len(doc)):
        k = bisect_right(starts, i) - 1
        got = ents[k] if k >= 0 and i < ents[k].end else None
        assert got == by_token.get(i), doc[i].text


def test_place_noun_pass_visits_every_token_followed_by_of_or_a_colon(nlp):
    from sitrep.stages.places.placenoun import _before_of_or_colon

    doc = nlp("Troops left the village of Xinmo and four Villages: Kampungu and Mombo. The towns OF Haris "
              "and Varzaqan were hit; Of course, officials said: nothing of")
    plain = [t.i for t in doc if t.i + 1 < len(doc) and (doc[t.i + 1].lower_ == "of" or doc[t.i + 1].text == ":")]
    assert [t.i for t in _before_of_or_colon(doc)] == plain and len(plain) >= 5
    assert _before_of_or_colon(nlp("of")) == [] and _before_of_or_colon(nlp("")) == []
