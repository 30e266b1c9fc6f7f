"""Shared fixtures: the spaCy pipeline loaded once per session, and helpers to build small documents."""
from __future__ import annotations

import pytest

from sitrep.doc import RawDocument
from sitrep.pipeline import Pipeline, make_document
from sitrep.resources import Resources, load_nlp


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/expected/*.json from the current pipeline output")
    parser.addoption("--slow", action="store_true", default=False,
                     help="also run the tests marked slow (the page timed on a 10,000-incident store); "
                          "SITREP_SLOW=1 does the same")


def pytest_collection_modifyitems(config, items):
    """Tests marked ``slow`` run only when asked (``--slow``, ``SITREP_SLOW=1`` or ``-m slow``), so that
    ``make test`` stays a few minutes; ``make test-slow`` runs them."""
    import os

    if config.getoption("--slow") or os.environ.get("SITREP_SLOW") == "1" or "slow" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow, SITREP_SLOW=1 or make test-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config):
    import spacy

    nlp = load_nlp()
    return [f"spaCy {spacy.__version__}, model {nlp.meta['name']}-{nlp.meta['version']}"]


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def resources(nlp):
    """Real resources (the spaCy model and the packaged gazetteer), loaded once."""
    return Resources(nlp=nlp)


@pytest.fixture(scope="session")
def pipeline(resources):
    return Pipeline(resources=resources)


@pytest.fixture
def make_doc(nlp):
    """make_doc(text, published=None) -> a cleaned, parsed Document with no layers yet."""

    def make(text: str, published: str | None = None, **meta):
        doc = make_document(RawDocument(text=text, path="<test>", **meta), published=published)
        doc.spacy = nlp(doc.text)
        doc.spacy.user_data["text"] = doc.text
        return doc

    return make


@pytest.fixture
def run_upto(pipeline, make_doc):
    """run_upto(text, "quotes", published=None) -> a Document with every layer up to and including one."""

    def run(text: str, last: str, published: str | None = None, **meta):
        doc = make_doc(text, published=published, **meta)
        for s in pipeline.stages:
            doc.layers[s.writes] = s.func(doc, res=pipeline.res)
            if s.writes == last:
                break
        return doc

    return run
