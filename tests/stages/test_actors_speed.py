"""The issue-7 speed-ups of the actors and counts stages read the same tokens as the plain scans.

The token table (actors) and the scan lists (counts) replace per-token reads of spaCy Token
attributes; each must agree with the attributes, or keep every token the plain scan would act on.
"""
from __future__ import annotations

import pytest

from sitrep.stages.actors.mentions import TokenTable, credit_spans, mid_sentence_caps
from sitrep.syntax import starts_sentence
from sitrep.stages.counts.quantify import _vague, categories, cues
from sitrep.numbers import vague_quantities
from sitrep.stages.counts.rules import verb_entry
from sitrep.stages.counts.scan import Scan

TEXTS = [
    "Russian troops shelled Kharkiv on Monday, killing at least 12 civilians, the governor said.\n\n"
    "\u201cWe will not leave,\u201d said Ihor Terekhov, the mayor. He added that dozens of people were injured.",
    "The death toll rose to 40, including three children. Hundreds of residents fled. Officials\n"
    "Said NATO would meet. ANALYSIS: \u2018Kyiv\u2019 is calm. Photo: Jane Doe / AFP",
    "  Leading spaces, then a sentence. And another one with Moscow and the Kremlin in it!",
]


@pytest.fixture(scope="module", params=range(len(TEXTS)))
def parsed(request, nlp):
    text = TEXTS[request.param]
    return text, nlp(text)


def test_token_table_agrees_with_token_attributes(parsed):
    text, sp = parsed
    tt = TokenTable(sp, text)
    for t in sp:
        i = t.i
        assert text[tt.idx[i]:tt.idx[i] + tt.length[i]] == t.text
        assert (tt.tag[i], tt.lower[i], bool(tt.space[i])) == (t.tag, t.lower, t.is_space)
        assert ({1: True, -1: False}.get(tt.sent_start[i])) == t.is_sent_start


def test_caps_from_the_table_equal_caps_from_the_tokens(parsed):
    text, sp = parsed
    plain = {t.text for t in sp if t.text[:1].isupper() and not starts_sentence(t)}  # the token-by-token rule
    assert mid_sentence_caps(TokenTable(sp, text)) == plain


def test_token_table_indices_select_by_string(parsed):
    text, sp = parsed
    tt = TokenTable(sp, text)
    assert tt.indices("tag", ("NNP",)) == [t.i for t in sp if t.tag_ == "NNP"]
    assert tt.indices("lower", ("he", "the")) == [t.i for t in sp if t.lower_ in ("he", "the")]


def test_credit_spans_need_a_slash():
    assert credit_spans("Photo: Jane Doe / AFP", []) != []
    assert credit_spans("Photo: Jane Doe, AFP", []) == []


def test_scan_keeps_every_token_the_plain_scans_act_on(parsed):
    _, sp = parsed
    scan = Scan(sp)
    cat = categories()
    pred = [t.i for t in sp if t.pos_ in ("VERB", "AUX", "ADJ") or t.tag_.startswith("VB")]
    acted = {i for i in pred if verb_entry(sp[i]) or cat["adjectives"].get(sp[i].lower_)}
    assert acted <= set(scan.predicates) <= set(pred)  # every token a rule reads, and only predicates
    nouns = [t.i for t in sp if t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB")
             and (t.lemma_.lower() in cat["nouns"] or t.lower_ in cat["nouns"])]
    totals = [t.i for t in sp if t.pos_ == "NOUN" and t.lemma_.lower() in cues()["totals"]]
    subsets = [t.i for t in sp if t.dep_ == "prep" and t.lower_ in cues()["subset_heads"]]
    assert (scan.nouns, scan.totals, scan.subsets) == (nouns, totals, subsets)
    assert Scan.within(scan.nouns, 3, 30) == [i for i in nouns if 3 <= i < 30]


def test_scan_finds_a_toll_and_a_subset(nlp):
    sp = nlp("The death toll rose to 40, including three children.")
    scan = Scan(sp)
    assert "rose" not in [sp[i].text for i in scan.predicates]  # not a category verb
    assert [sp[i].lower_ for i in scan.totals] == ["toll"]
    assert [sp[i].lower_ for i in scan.subsets] == ["including"]


def _vague_plain(tok):
    """The vague-quantity match as it was read before the word index: every phrase, every position."""
    doc = tok.doc
    for v in vague_quantities():
        words = v["text"].split()
        for k, w in enumerate(words):
            i = tok.i - k
            if w == tok.lower_ and i >= 0 and i + len(words) <= len(doc) \
                    and [t.lower_ for t in doc[i:i + len(words)]] == words:
                return v["value"], i
    return None


def test_vague_index_matches_the_plain_search(nlp):
    sp = nlp("Dozens of people and hundreds of thousands of refugees, a dozen soldiers and several others fled.")
    for t in sp:
        q = _vague(t)
        plain = _vague_plain(t)
        assert (None if q is None else (q.value, q.tokens[0])) == plain
    assert _vague(sp[0]) is not None
