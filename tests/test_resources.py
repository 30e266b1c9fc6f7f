"""load_nlp: the fast components by default, spaCy's own with SITREP_NLP_FAST=0 or fast=False."""
from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from sitrep import resources
from sitrep.nlp_fast import FastAttributeRuler


@pytest.fixture
def toy_load(monkeypatch):
    """spacy.load replaced by a blank pipeline with an attribute ruler (no model is read)."""

    def load(name):
        nlp = spacy.blank("en")
        nlp.add_pipe("attribute_ruler").add([[{"LOWER": "shelled"}]], {"POS": "VERB"})
        return nlp

    monkeypatch.setattr(spacy, "load", load)
    return resources.load_nlp.__wrapped__  # past the lru_cache


def test_fast_components_by_default(toy_load, monkeypatch):
    monkeypatch.delenv("SITREP_NLP_FAST", raising=False)
    nlp = toy_load("toy")
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert nlp("Artillery shelled it")[1].pos_ == "VERB"


@pytest.mark.parametrize("env, fast", [("0", None), ("1", False)])
def test_stock_components_on_request(toy_load, monkeypatch, env, fast):
    monkeypatch.setenv("SITREP_NLP_FAST", env)
    nlp = toy_load("toy", fast=fast)
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler
