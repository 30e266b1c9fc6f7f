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
    # person_cue looks at a name's dependents only when the parse counts some
    doc = nlp("The 38-year-old Volodymyr from Bucha said that Kharkiv, Donetsk and the city of Lviv were shelled "
              "by Russian forces on Monday, while 12-year-old Anna stayed in New York.")
    for t in doc:
        assert t.n_lefts + t.n_rights == len(list(t.children)), t.text


def test_containment_reads_the_same_with_its_cheap_tests_first(nlp):
    from sitrep.stages.places.detect import PlaceMention as Mention
    from sitrep.stages.places.relations import containment

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


def _nearby_plain(r, k, e):
    """Resolver._nearby without the per-mention list of neighbours: the sentences read anew for each reading."""
    from sitrep.gazetteer.index import km
    from sitrep.stages.places.prior import shares
    from sitrep.stages.places.resolve import SETTINGS

    NEAR_KM, NEARBY_MAX = SETTINGS.near_km, SETTINGS.nearby_max

    if e.kind not in ("city", "admin2", "admin1") or len(r.mentions[k].cands) < 2:
        return 0.0
    own, w = r.mentions[k].text.casefold(), r.sent_of[k]
    best = {}
    for i in (i for n in (w - 1, w, w + 1) for i in r._in_sent.get(n, ())):
        key = r.mentions[i].text.casefold()
        if key == own:
            continue
        for lat, lon, share, idx, cc, code, kind in shares(r.mentions[i].cands):
            if idx == e.idx or share <= best.get(key, 0.0):
                continue
            if (kind in ("city", "admin2") and (cc, code) == (e.country, e.admin1_code) if e.kind == "admin1"
                    else km(e.lat, e.lon, lat, lon) < NEAR_KM):
                best[key] = share
    return min(NEARBY_MAX, NEARBY_MAX * sum(best.values()))


def test_local_support_from_the_neighbour_list_agrees_with_reading_the_sentences_anew(make_doc):
    from sitrep.stages.places.detect import find_mentions
    from sitrep.stages.places.resolve import Resolver

    gaz = InMemoryGazetteer([
        {"name": "Alberta", "kind": "admin1", "country": "CA", "admin1": "01", "lat": 54.0, "lon": -115.0},
        {"name": "Edmonton", "country": "CA", "admin1": "01", "lat": 53.55, "lon": -113.47, "population": 1_000_000},
        {"name": "Edmonton", "country": "GB", "admin1": "ENG", "lat": 51.62, "lon": -0.06, "population": 80_000},
        {"name": "Enfield", "country": "GB", "admin1": "ENG", "lat": 51.65, "lon": -0.08, "population": 130_000},
        {"name": "Enfield", "country": "US", "admin1": "CT", "lat": 41.98, "lon": -72.59, "population": 45_000},
        {"name": "Tottenham", "country": "GB", "admin1": "ENG", "lat": 51.60, "lon": -0.07, "population": 120_000}])
    doc = make_doc("Pupils from Edmonton and Tottenham met in Enfield. Then Edmonton played Enfield in Alberta.\n\n"
                   "Far away, nothing happened at all. Nobody came to the fair. Life in Enfield was quiet.")
    r = Resolver(doc.spacy, find_mentions(doc, gaz), gaz)
    checked = 0
    for k, m in enumerate(r.mentions):
        own, w = m.text.casefold(), r.sent_of[k]
        assert bool(r._neighbours(k)) == any(r.mentions[i].text.casefold() != own for n in (w - 1, w, w + 1)
                                           for i in r._in_sent.get(n, ()))
        for e in m.cands:
            assert r._nearby(k, e) == _nearby_plain(r, k, e)
            checked += r._nearby(k, e) > 0
    assert checked >= 2 and not all(bool(r._neighbours(k)) for k in range(len(r.mentions)))


def test_token_start_offsets_are_strictly_increasing_so_bisection_finds_the_token_a_dict_would(nlp):
    # abbrev.find_division_abbrevs finds the token at an offset by bisection over the start offsets
    doc = nlp("EDMONTON, Ky  (WBKO) -- Barrie, Ont.,\n\n  and Louisville, KY,  were hit.\t U.S.-led talks")
    starts = doc.to_array("IDX").tolist()
    assert all(a < b for a, b in zip(starts, starts[1:]))


PLACES = [  # the gazetteer of the `res` fixture
    {"name": "Ukraine", "kind": "country", "country": "UA", "lat": 49.0, "lon": 32.0},
    {"name": "Luhansk Oblast", "alt": ["Luhansk"], "kind": "admin1", "country": "UA", "admin1": "14", "lat": 48.6,
     "lon": 39.3},
    {"name": "Ontario", "alt": ["Ont."], "kind": "admin1", "country": "CA", "admin1": "08", "lat": 50.0, "lon": -85.0},
    {"name": "Barrie", "country": "CA", "admin1": "08", "lat": 44.4, "lon": -79.7, "population": 150_000},
    {"name": "Kyiv", "country": "UA", "admin1": "12", "lat": 50.45, "lon": 30.52, "population": 2_950_000},
    {"name": "Kharkiv", "country": "UA", "admin1": "07", "lat": 50.0, "lon": 36.2, "population": 1_400_000},
    {"name": "Donetsk", "country": "UA", "admin1": "05", "lat": 48.0, "lon": 37.8, "population": 900_000},
    {"name": "Lviv", "country": "UA", "admin1": "15", "lat": 49.8, "lon": 24.0, "population": 720_000},
    {"name": "Bucha", "country": "UA", "admin1": "13", "lat": 50.55, "lon": 30.2, "population": 28_000},
    {"name": "Irpin", "country": "UA", "admin1": "13", "lat": 50.5, "lon": 30.25, "population": 40_000},
    {"name": "Brovary", "country": "UA", "admin1": "13", "lat": 50.5, "lon": 30.8, "population": 100_000}]


def test_the_stage_reads_the_token_columns_once_per_document(make_doc, res, monkeypatch):
    # each pass given the stage's Tokens reuses them; one given a bare Doc makes its own table,
    # which would cost a whole to_array call per test
    from sitrep.stages.places import find_places, tokens

    made = []
    init = tokens.Tokens.__init__
    monkeypatch.setattr(tokens.Tokens, "__init__", lambda self, *a, **k: made.append(1) or init(self, *a, **k))
    doc = make_doc("KYIV, April 7 (Reuters) - Shelling hit the village of Xinmo in the Luhansk region, Ms Raggi "
                   "said. Kharkiv, Donetsk and Lviv were quiet, and Bucha police said the 38-year-old Volodymyr "
                   "from Irpin, Ukraine, and Maya Harden of Barrie, Ont., left for the Kyiv suburb of Brovary.")
    assert find_places(doc, res=res)
    assert made == [1]


def test_string_ids_of_cue_words_match_the_lower_case_column(nlp):
    from spacy.attrs import LOWER

    from sitrep.stages.places.tokens import Tokens, ids, sid

    doc = nlp("The nsubj of PROPN, Kyiv's region and the U.S.-led talks: 39, OF")
    tok = Tokens(doc)
    assert tok.lower == doc.to_array(LOWER).tolist() and tok.idx == [t.idx for t in doc]
    assert [sid(t.lower_) for t in doc] == tok.lower  # symbols ("nsubj") included
    assert {t.lower_ for t in doc if tok.lower[t.i] in ids(("of", ",", "'s"))} == {"of", ",", "'s"}
    assert [tok.lemma_lower(t.i) for t in doc] == [t.lemma_.lower() for t in doc]
    assert [tok.capitalised(t.i) for t in doc] == [t.text[:1].isupper() for t in doc]
