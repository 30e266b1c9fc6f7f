"""Quotes stage: quotation-mark pairing, cues, speakers, indirect speech (issue 4). Sentences written here."""
from __future__ import annotations

import jsonschema
import pytest

from sitrep.schema import document_schema
from sitrep.stages.actors import find_actors
from sitrep.stages.quotes import attribute_quotes
from sitrep.quote_marks import find_quote_spans


@pytest.fixture
def quotes_of(make_doc, resources):
    """quotes_of(text) -> (quotes, actors by id), with the actors stage run first and no places."""

    def run(text: str):
        doc = make_doc(text)
        doc.layers["places"] = []
        doc.layers["actors"] = find_actors(doc, res=resources)
        return attribute_quotes(doc, res=resources), {a["id"]: a for a in doc.layers["actors"]}

    return run


def one(quotes, fragment, kind=None):
    hits = [q for q in quotes if fragment in q["text"] and (kind is None or q["kind"] == kind)]
    assert hits, f"no {kind or ''} quote with {fragment!r} in {[(q['kind'], q['text']) for q in quotes]}"
    return hits[0]


# ---- quotation marks (pure function) -----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ('"A," he said, "B."', ["A,", "B."]),
    ("“Curly one,” she said.", ["Curly one,"]),
    ('He said: "never closed\n\nNext paragraph "ok" here.', ["never closed", "ok"]),
    ('"First part of a long quote.\n\n"Second paragraph of it," he said.', None),
    ('A stray " mark, then "a real quote" here.', ["a real quote"]),
    ("It’s Ivan’s day, she wrote.", []),
    ("He called it ‘a victory’ on Monday.", ["a victory"]),
])
def test_find_quote_spans_pairs_marks_per_paragraph(text, expected):
    spans = find_quote_spans(text)
    if expected is None:  # the multi-paragraph case: one quote over two paragraphs
        assert len(spans) == 1 and spans[0].paragraphs == 2
        assert text[spans[0].start:spans[0].end].startswith("First part")
        assert text[spans[0].start:spans[0].end].endswith("of it,")
        return
    assert [text[s.start:s.end] for s in spans] == expected


def test_find_quote_spans_keeps_later_quotes_after_an_odd_mark():
    text = 'He said "one. Then she said "two" and "three".'
    found = [text[s.start:s.end] for s in find_quote_spans(text)]
    assert "three" in found


# ---- direct quotes ----------------------------------------------------------------------------------

def test_attribute_quotes_split_quote_gives_both_halves_to_the_pronoun_antecedent(quotes_of):
    quotes, actors = quotes_of('Foreign Minister Dmytro Kuleba arrived in Brussels on Thursday.\n\n'
                               '"My agenda is very simple," he told journalists, "it is weapons."')
    a, b = one(quotes, "My agenda", "direct"), one(quotes, "it is weapons", "direct")
    for q in (a, b):
        assert actors[q["speaker"]]["name"] == "Dmytro Kuleba"
        assert q["speaker_name"] == "Dmytro Kuleba"
    assert a["speaker_mention"]["text"] == "he" and a["cue"]["text"] == "told"


@pytest.mark.parametrize("text, fragment, expected", [
    # trailing cue, role before the name, platform
    ('"These few days may be the last chance to leave," regional governor Sergiy Gaiday wrote on Facebook.',
     "last chance to leave", {"speaker_name": "Sergiy Gaiday", "platform": "Facebook", "outlet": None,
                              "text": "These few days may be the last chance to leave,", "kind": "direct"}),
    # the outlet a statement was given to
    ('"We have nowhere to go," 38-year-old Volodymyr told AFP, standing by a burning house.',
     "nowhere to go", {"speaker_name": "Volodymyr", "outlet": "AFP"}),
    # colon-introduced, apposition before the cue
    ('The mayor of the city, Ihor Terekhov, said: "The city will not surrender."',
     "will not surrender", {"speaker_name": "Ihor Terekhov", "kind": "direct"}),
    # a quote never closed runs to the end of its paragraph
    ('Zelensky said: "We will rebuild every town\n\nThe talks resumed on Friday.',
     "rebuild every town", {"text": "We will rebuild every town", "speaker_name": "Zelensky"}),
    # a paragraph-long quote with no cue continues the previous speaker
    ('"The enemy aimed directly at the aid points," Pavlo Kyrylenko wrote.\n\n"They want to destroy the civilians."',
     "destroy the civilians", {"speaker_name": "Pavlo Kyrylenko", "attribution": "previous quote", "cue": None}),
    # a dash and a name after the quote
    ('"He has never cared about our town." ― Maria Lopez', "never cared",
     {"speaker_name": "Maria Lopez", "attribution": "dash"}),
    # an unresolved pronoun: no actor, the local mention kept
    ('"How can I live now?" she said.', "How can I live now?", {"speaker": None, "speaker_name": "she"}),
])
def test_attribute_quotes_direct_constructions(quotes_of, text, fragment, expected):
    quotes, _ = quotes_of(text)
    q = one(quotes, fragment)
    assert {k: q[k] for k in expected} == expected


def test_attribute_quotes_multi_paragraph_quote_is_one_quote(quotes_of):
    text = ('Biden spoke at the White House.\n\n'
            '"Civilians were executed in cold blood.\n\n'
            '"The world has seen it," Biden said.')
    quotes, _ = quotes_of(text)
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert len(direct) == 1
    assert "cold blood" in direct[0]["text"] and "world has seen" in direct[0]["text"]
    assert direct[0]["speaker_name"] == "Biden"


@pytest.mark.parametrize("text, fragment, speaker", [
    # a name right after a quote closed on "?" is the subject, not a sentence start
    ('"Why is nobody answering for the missing funds?" Okafor demanded.\n\nThe hearing ended at noon.',
     "missing funds", "Okafor"),
    # "read" with a document for subject
    ('"Our members will not return to work until the contract is signed," the statement reads.',
     "contract is signed", "the statement"),
    # a mid-sentence quote after "X saying ...," belongs to X, not to the clause after it
    ("The video shows Okafor saying at the rally on Friday, \u201cWe will rebuild the bridge,\u201d "
     "before Lindqvist criticized him for the cost.", "rebuild the bridge", "Okafor"),
])
def test_attribute_quotes_speaker_constructions(quotes_of, text, fragment, speaker):
    quotes, _ = quotes_of(text)
    q = one(quotes, fragment)
    assert speaker in (q["speaker_name"] or "") or (q["speaker_mention"] or {}).get("text") == speaker


def test_subject_of_skips_a_dash_the_parser_made_a_subject():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from sitrep.stages.quotes.attribute import subject_of
    doc = Doc(Vocab(), words=["Then", "―", "Lindqvist", "boasted", "."], heads=[3, 3, 3, 3, 3],
              deps=["advmod", "nsubj", "nsubj", "ROOT", "punct"], pos=["ADV", "NOUN", "PROPN", "VERB", "PUNCT"],
              tags=["RB", "NN", "NNP", "VBD", "."], lemmas=["then", "―", "Lindqvist", "boast", "."])
    assert subject_of(doc[3], [], need_plausible=True).text == "Lindqvist"


def test_attribute_quotes_trailing_cue_still_wins_over_lead_in(quotes_of):
    quotes, _ = quotes_of('"We lost the vote," he said, "but we will be back next year," she replied.')
    assert one(quotes, "back next year")["speaker_mention"]["text"] == "she"


@pytest.mark.parametrize("text, fragment, speaker", [
    # object control: the object of "led ... to fear" is who fears
    ('The flooding has led the farmer Tomas Berzins to fear a "lost season."', "lost season", "Tomas Berzins"),
    # "X said she expects": the pronoun is X
    ('Okafor said she expects the council "to keep delaying the vote."', "keep delaying", "Okafor"),
])
def test_attribute_quotes_partial_quote_speakers(quotes_of, text, fragment, speaker):
    quotes, _ = quotes_of(text)
    q = one(quotes, fragment, "partial")
    assert speaker in (q["speaker_name"] or "")


# ---- partial and indirect quotes ----------------------------------------------------------------------

def test_attribute_quotes_partial_quote_under_an_accusation(quotes_of):
    quotes, _ = quotes_of('The Kremlin denies responsibility and President Vladimir Putin on Wednesday accused '
                          'Ukrainian authorities of "crude and cynical provocations" in Bucha.')
    q = one(quotes, "crude and cynical provocations", "partial")
    assert q["speaker_name"] == "Vladimir Putin" and q["stance"] == "accuses"
    deny = one(quotes, "responsibility", "indirect")
    assert deny["stance"] == "denies" and deny["speaker_name"] == "Russia"


def test_attribute_quotes_scare_quotes_without_a_cue_are_not_quotes(quotes_of):
    quotes, _ = quotes_of('The so-called "referendum" was held in occupied towns last week.')
    assert not [q for q in quotes if q["text"] == "referendum"]


@pytest.mark.parametrize("text, content, speaker, stance", [
    ("Foreign Minister Sergei Lavrov said that the new draft showed no interest in peace.",
     "the new draft showed no interest in peace", "Sergei Lavrov", None),
    ("Adviser Mykhaylo Podolyak hit back on Twitter, saying that Moscow should lower the degree of hostility.",
     "Moscow should lower the degree of hostility", "Mykhaylo Podolyak", None),
    ("Officials have alleged that Russian troops are trying to cover up atrocities.",
     "Russian troops are trying to cover up atrocities", "Officials", "claims"),
    ("Zelensky warned that Russia was preparing a new offensive in the east.",
     "Russia was preparing a new offensive in the east", "Zelensky", "warns"),
    ("Zelensky urged countries to cut off Russian banks.", "countries to cut off Russian banks", "Zelensky", "urges"),
])
def test_attribute_quotes_indirect_speech(quotes_of, text, content, speaker, stance):
    quotes, _ = quotes_of(text)
    q = one(quotes, content, "indirect")
    assert q["text"] == content and q["speaker_name"] == speaker and q["stance"] == stance


def test_attribute_quotes_indirect_speech_needs_someone_who_can_speak(quotes_of):
    quotes, _ = quotes_of("The retreat revealed that the town had been looted.")
    assert not [q for q in quotes if q["kind"] == "indirect"]


def test_attribute_quotes_output_fits_the_schema_and_points_into_the_text(quotes_of):
    text = '"A," he said. Ukrainian President Volodymyr Zelensky said the sanctions were "not enough."'
    quotes, _ = quotes_of(text)
    item_schema = {"$defs": document_schema()["$defs"], **document_schema()["properties"]["quotes"]["items"]}
    assert quotes and [q["id"] for q in quotes] == [f"Q{i}" for i in range(1, len(quotes) + 1)]
    for q in quotes:
        jsonschema.validate(q, item_schema)
        assert text[q["start"]:q["end"]] == q["text"]
        for k in ("speaker_mention", "cue"):
            if q[k]:
                assert text[q[k]["start"]:q[k]["end"]] == q[k]["text"]


# ---- PolNeAR evaluation on a brat folder written here ---------------------------------------------------

def test_polnear_evaluate_counts_found_and_attributed_direct_quotes(tmp_path, resources):
    from sitrep.eval.polnear import evaluate
    from sitrep.pipeline import Pipeline, Stage
    from sitrep.stages import actors, quotes

    text = ('"We will win," Senator Jane Miller said on Tuesday.\n\n'
            'The governor said that taxes would fall.\n\n'
            '"Nobody believes that," a critic replied.\n')
    q1, s1 = text.index("We will win"), text.index("Jane Miller")
    q2, s2 = text.index("Nobody believes"), text.index("a critic")
    c3 = text.index("taxes would fall")
    ann = "\n".join([
        f"T1\tContent {q1 - 1} {q1 + 13}\t\"We will win,\"",
        f"T2\tSource {s1} {s1 + 11}\tJane Miller",
        f"T3\tAttribution {s1 + 12} {s1 + 16}\tsaid",
        "E1\tAttribution:T3 Content:T1 Source:T2",
        f"T4\tContent {q2 - 1} {q2 + 23}\t\"Nobody believes that,\"",
        f"T5\tSource {s2} {s2 + 8}\ta critic",
        f"T6\tAttribution {s2 + 9} {s2 + 16}\treplied",
        "E2\tAttribution:T6 Content:T4 Source:T5",
        f"T7\tContent {c3} {c3 + 16}\ttaxes would fall",
        "E3\tAttribution:T6 Content:T7",
    ])
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc_1.txt").write_text(text, "utf-8")
    (tmp_path / "attributions" / "doc_1_ab12.ann").write_text(ann + "\n", "utf-8")
    pl = Pipeline(resources=resources, stages=[Stage("noplaces", 0, (), "places", lambda d, res: []),
                                               actors.STAGE, quotes.STAGE])
    f = evaluate(tmp_path, pipeline=pl)
    name = tmp_path.name
    assert f[f"{name}.docs"] == 1 and f[f"{name}.gold_direct"] == 2  # the indirect one is not direct
    assert f[f"{name}.found"] == 2 and f[f"{name}.attributed"] == 2
    assert f[f"{name}.attributed_share"] == 1.0
