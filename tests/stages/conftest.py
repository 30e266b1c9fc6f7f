import pytest

from sitrep.gazetteer import InMemoryGazetteer
from sitrep.resources import Resources


@pytest.fixture(scope="module")
def res(nlp, request):
    """The real model with an in-memory gazetteer of the test module's ``PLACES`` rows."""
    return Resources(nlp=nlp, gazetteer=InMemoryGazetteer(request.module.PLACES))
