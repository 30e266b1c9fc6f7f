"""The fast attribute ruler and lemmatizer give exactly the stock components' token attributes."""
from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from sitrep.nlp_fast import FastAttributeRuler, FastLemmatizer, speed_up

# Varied English the model's ruler has rules for: contractions, "that" as DET/SCONJ/PRON, "but" as
# an adverb, pronoun cases, auxiliaries, existential "there", two-token patterns ("gonna", "let's",
# "ain't"), whitespace tokens, dashes and quotes of both kinds.
TEXTS = [
    "I said that that report was wrong, but I can't prove it. They've said they'd come; we'll see.",
    "\"We are not going anywhere,\" he told reporters. 'It's all but certain,' she said -- and "
    "left.\n\nThe shelling   continued overnight.",
    "There were 12 people killed and there is no water. Is there hope? They ain't gonna stop, "
    "y'all, so let's go. I gotta leave.",
    "She has done what he did: he had been warned; they are being watched. Who did that? The man "
    "that came yesterday didn't know which road was open.",
    "Somebody hit me and nobody saw anything - everyone says so. Give it to me, you and I know "
    "it. Those who stayed once said: \u201cWe\u2019re here, we\u2019d stay.\u201d",
    "Ukraine's military said Russian forces shelled Kharkiv on Monday, killing at least 5 "
    "civilians and wounding 20 others \u2014 a claim Moscow denied.\n \nNo one could confirm it.",
    "Do you think it does? I do. Having been there, I'd say it's been bad; mine is gone, "
    "yours isn't. Don't wait, c'mon, what's 'em doing?",
]


def attributes(doc) -> list[tuple]:
    return [(t.text, t.pos_, t.tag_, t.morph.key, str(t.morph), t.lemma_, t.lemma, t.dep_, t.head.i)
            for t in doc]


def through(components, doc):
    for _, proc in components:
        doc = proc(doc)
    return doc


@pytest.fixture(scope="module")
def split(nlp):
    """(components before the ruler, stock [ruler, lemmatizer], fast [ruler, lemmatizer])."""
    names = [n for n, _ in nlp.pipeline]
    cut = names.index("attribute_ruler")
    fast = [(n, nlp.get_pipe(n)) for n in ("attribute_ruler", "lemmatizer")]
    stock = [(n, p.stock) for n, p in fast]
    return nlp.pipeline[:cut], stock, fast


def test_load_nlp_uses_the_fast_components(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)


@pytest.mark.parametrize("text", TEXTS)
def test_same_attributes_as_the_stock_components(split, nlp, text):
    before, stock, fast = split
    parsed = through(before, nlp.make_doc(text))
    want, got = through(stock, parsed.copy()), through(fast, parsed.copy())
    assert len(want) > 10
    assert attributes(got) == attributes(want)


def test_the_texts_exercise_the_interesting_rules(nlp):
    """Guard the test above: its texts must reach rules beyond the plain tag map."""
    docs = list(nlp.pipe(TEXTS))
    seen = {(t.lower_, t.pos_) for d in docs for t in d}
    assert {("that", "SCONJ"), ("that", "PRON"), ("that", "DET"), ("n't", "PART")} <= seen
    assert any(t.pos_ == "SPACE" for d in docs for t in d)
    assert {"go", "to"} <= {t.lemma_ for d in docs for t in d if t.lower_ in ("gon", "na", "ta")}


@pytest.fixture
def toy():
    """A blank pipeline whose ruler has overlapping, multi-token, regex and negated patterns."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x"}]], {"POS": "NOUN", "LEMMA": "ex"})
    ruler.add([[{"LOWER": "x", "IS_SPACE": False}]], {"POS": "VERB"})  # later: wins on POS only
    ruler.add([[{"LOWER": "a"}, {"LOWER": "x"}]], {"LEMMA": "ax"}, index=-1)
    ruler.add([[{"LOWER": {"REGEX": "^y+$"}}]], {"MORPH": "Number=Plur", "POS": "PROPN"})
    ruler.add([[{"LOWER": {"NOT_IN": ["x", "a", "y"]}, "IS_SPACE": False}]], {"TAG": "ZZ"})
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE", "TAG": "_SP", "MORPH": "_"})
    return nlp


def test_precedence_and_pattern_shapes_match_the_attribute_ruler(toy):
    stock = toy.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(stock)
    for text in ["x a x  yyy b x", "a a x\n\nx y", "x", "  "]:
        want, got = stock(toy.make_doc(text)), fast(toy.make_doc(text))
        assert attributes(got) == attributes(want)
    doc = fast(toy.make_doc("a x x yy"))
    assert [(t.pos_, t.lemma_) for t in doc][1:3] == [("VERB", "ax"), ("VERB", "ex")]
    assert str(doc[3].morph) == "Number=Plur" and doc[3].pos_ == "PROPN"


def test_an_unsupported_pattern_keeps_the_stock_ruler(toy):
    toy.get_pipe("attribute_ruler").add([[{"LOWER": "x", "OP": "+"}]], {"POS": "NOUN"})
    speed_up(toy)
    assert type(toy.get_pipe("attribute_ruler")) is AttributeRuler


def test_supported_toy_ruler_is_swapped(toy):
    speed_up(toy)
    assert isinstance(toy.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert toy("a x")[1].lemma_ == "ax"


@pytest.mark.parametrize("pos", ["VERB", "NOUN", "ADJ", "ADV", "PROPN", "AUX", "PRON", "NUM"])
def test_rule_lemma_matches_spacy_for_every_pos(nlp, pos):
    """The lemma index as a set must not change a lemma: force each POS on irregular and regular words."""
    fast = nlp.get_pipe("lemmatizer")
    doc = nlp.make_doc("went running better mice geese was children shelled ran drove best "
                       "leaves axes data hoping quickly 12 Kharkiv's feet worse striking saw")
    for token in doc:
        token.pos_ = pos
        assert fast.rule_lemma(token) == fast.stock.rule_lemmatize(token)[0], (token.text, pos)
