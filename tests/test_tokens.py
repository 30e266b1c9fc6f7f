"""sitrep.tokens: the parse read once into plain words answers as spaCy's tokens do (issue 16, speed)."""
from __future__ import annotations

import pytest

from sitrep.tokens import Word, parse

TEXTS = [
    "Gunmen attacked a village near Mopti on Sunday, killing 12 civilians and wounding three, officials said.",
    "Police fired tear gas at protesters in Nairobi and arrested 40 people, including two students.",
    "The army and allied militias recaptured the town of Hpakant after clashes with the KIA.",
    "A roadside bomb exploded in Mogadishu; al-Shabaab, which has fought the government since 2006, "
    "claimed responsibility.\n\nResidents fled  to nearby villages.",
    "Russian forces shelled Kharkiv and Izium, while Ukraine's army said it had repelled attacks near Bakhmut.",
]
ATTRS = ("i", "idx", "text", "lower_", "pos", "pos_", "tag_", "dep", "dep_", "ent_type_", "is_space", "is_punct",
         "like_num")


@pytest.mark.parametrize("text", TEXTS)
def test_words_read_as_spacy_tokens(nlp, text):
    sp = nlp(text)
    words = parse(sp)
    assert len(words) == len(sp)
    for t, w in zip(sp, words):
        assert isinstance(w, Word)
        for name in ATTRS:
            assert getattr(w, name) == getattr(t, name), (t.text, name)
        assert w.lem == t.lemma_.lower()
        assert len(w) == len(t)
        assert w.head.i == t.head.i
        for walk in ("children", "lefts", "rights", "subtree", "ancestors", "conjuncts"):
            assert [x.i for x in getattr(w, walk)] == [x.i for x in getattr(t, walk)], (t.text, walk)
        assert [words[k].is_ancestor(w) for k in range(len(sp))] == [sp[k].is_ancestor(t) for k in range(len(sp))]
    assert words[2].sent.text == sp[2].sent.text  # an attribute without a slot is spaCy's own


def test_words_are_one_object_per_token_and_let_go_of_each_other(nlp):
    words = parse(nlp("Troops clashed with rebels in Idlib."))
    assert words[1].head is words[1].head and words[0].head is words[1]  # a walk returns the same objects
    assert [c.text for c in words[1].children] == ["Troops", "with", "."]
    words.release()
    assert all(w.head is None and w.children is None for w in words)


def test_the_events_tree_of_the_words_is_the_tree_of_the_arrays(nlp):
    from sitrep.stages.events import syntax

    sp = nlp(TEXTS[3])
    words = parse(sp)
    of, made = syntax.Tree.of(words), syntax.Tree(sp, words.words, words.offsets, words.pos)
    assert (of.deps, of.order, of.first) == (made.deps, made.order, made.first)
    assert all([c.i for c in of.children(w)] == [c.i for c in w.children] for w in words)
