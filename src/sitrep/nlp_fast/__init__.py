"""Exact, faster stand-ins for the spaCy components whose cost is Python, not the model.

In ``en_core_web_sm`` the attribute ruler cost as much as the parser and the rule lemmatizer a
further sixth of it, for work that is a function of a few token attributes. :mod:`.ruler` and
:mod:`.lemmatizer` compute the same token attributes (pos, tag, dep, morph, lemma) once per
distinct key and write them with ``Doc.from_array``; ``tests/test_nlp_fast.py`` checks that every
token comes out identical. :func:`speed_up` swaps them into a loaded pipeline
(:func:`sitrep.resources.load_nlp` does, unless ``SITREP_NLP_FAST=0``).
"""
from __future__ import annotations

from spacy.language import Language

from sitrep.nlp_fast.lemmatizer import FastLemmatizer
from sitrep.nlp_fast.ruler import FastAttributeRuler, Unsupported

__all__ = ["FastAttributeRuler", "FastLemmatizer", "Unsupported", "speed_up"]

FACTORIES = {"attribute_ruler": FastAttributeRuler, "lemmatizer": FastLemmatizer}


def speed_up(nlp: Language) -> Language:
    """Swap the pipeline's attribute ruler and rule lemmatizer for the exact fast versions, in place.

    A component whose patterns or mode the fast version does not support is kept as it is.
    """
    for i, (name, comp) in enumerate(nlp._components):  # no public API swaps an instance in place
        cls = FACTORIES.get(nlp.get_pipe_meta(name).factory)
        if cls is None:
            continue
        try:
            fast = cls(comp)
        except Unsupported:
            continue
        nlp._components[i] = (name, fast)
    return nlp
