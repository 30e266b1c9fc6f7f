"""Cleaning: line joining, hyphenation, page breaks, paragraph kinds, and an exact source map."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.clean import clean
from sitrep.doc import RawDocument

FIXTURES = Path(__file__).parent / "fixtures"


def cleaned(text: str, **kw):
    return clean(RawDocument(text=text, path="<test>", **kw))


def paras(text: str, **kw) -> list[tuple[str, str]]:
    c = cleaned(text, **kw)
    return [(p.kind, c.text[p.start:p.end]) for p in c.paragraphs]


def assert_map_exact(raw: str, c) -> None:
    last_end = -1
    for cs, os_, n in c.source_map.runs:
        assert n > 0 and cs >= last_end
        assert c.text[cs:cs + n] == raw[os_:os_ + n]
        last_end = cs + n
    for cs, os_, n in c.source_map.runs:
        for k in (0, n - 1):
            assert raw[c.source_map.to_original(cs + k)] == c.text[cs + k]


WRAPPED = (
    "Officials in the region said on Tuesday that the shelling of the town had\n"
    "continued through the night, and that at least four people had been killed\n"
    "when a shell hit a bus station in the centre.\n"
    "\n"
    "The mayor said the town had no electricity or running water and that most\n"
    "residents were now sheltering in basements across the old quarter.\n"
)


def test_clean_joins_wrapped_lines_into_body_paragraphs():
    got = paras(WRAPPED)
    assert [k for k, _ in got] == ["body", "body"]
    assert got[0][1].startswith("Officials in the region") and "had continued through" in got[0][1]
    assert all("\n" not in t for _, t in got)
    c = cleaned(WRAPPED)
    assert c.text.count("\n\n") == 1


def test_clean_drops_stray_leading_spaces():
    got = paras("Officials in the region said on Tuesday that the shelling of the town had\n"
                "   continued through the night and into the morning, witnesses said to us.\n"
                "The next line is just here.\n")
    assert "had continued" in got[0][1]


@pytest.mark.parametrize("left, right, joined", [
    ("evac-", "uated from the town", "evacuated from the"),
    ("pro-", "Russian forces", "pro-Russian forces"),
    ("two-", "lane road", "two-lane road"),
    ("hospital-", "ised on Monday", "hospitalised on"),
    ("COVID-", "19 cases", "COVID-19 cases"),
])
def test_clean_undoes_line_end_hyphenation_only_where_the_word_was_split(left, right, joined):
    text = (f"Witnesses in the northern district said that many people had been {left}\n"
            f"{right} after the overnight strikes on the main railway station there.\n")
    assert joined in cleaned(text).text


def test_clean_hyphenation_follows_the_documents_own_spelling():
    text = ("The so-called cease-fire was announced by the two sides on Monday, but the cease-\n"
            "fire broke down within hours, according to monitors on the ground there.\n")
    assert "the cease-fire broke" in cleaned(text).text


def test_clean_keeps_a_dash_that_ends_a_line_as_a_space():
    text = ("The governor said the town — which had been cut off for weeks — had been\n"
            "reached by the convoy on Monday morning, and the aid was being handed out -\n"
            "mostly food and medicine.\n")
    assert "handed out - mostly" in cleaned(text).text


def test_clean_rejoins_a_paragraph_cut_by_a_page_break():
    text = ("Officials said the attacks were part of a wider push to take the whole\n"
            "region, which separatists have partly held since 2014, and\n\n\n\n"
            "that civilians should leave while the roads were still open to them.\n")
    got = paras(text)
    assert len(got) == 1 and "2014, and that civilians" in got[0][1]


def test_clean_does_not_rejoin_across_a_finished_sentence_or_a_heading():
    text = ("Officials said the attacks were part of a wider push to take the whole\n"
            "region, which separatists have partly held since 2014.\n\n\n\n"
            "Nowhere to go\n\n"
            "more people arrived at the station on Monday than on any day before, the\n"
            "railway company said in a statement issued late in the evening.\n")
    kinds = [k for k, _ in paras(text)]
    assert kinds == ["body", "heading", "body"]


def test_clean_splits_a_credit_off_the_last_line_of_a_caption():
    text = ("A serviceman walks past a school damaged during shelling in the village of\n"
            "Novoselivka on Monday. Maria Ivanova / EXAMPLE\n\n"
            "Russian forces pressed their offensive in the east of the country on Tuesday,\n"
            "officials said, as civilians fled the towns along the main road to the west.\n")
    got = paras(text)
    assert got[0] == ("caption", "A serviceman walks past a school damaged during shelling in the village of "
                                 "Novoselivka on Monday.")
    assert got[1] == ("credit", "Maria Ivanova / EXAMPLE")
    assert got[2][0] == "body"


@pytest.mark.parametrize("line, kind", [
    ("'Nowhere to go'", "heading"),
    ("Sanctions 'not enough'", "heading"),
    ("Weapons, weapons, weapons", "heading"),
    ("Photo: Jane Roe / Example Agency", "credit"),
    ("(Reuters)", "credit"),
    ("AFP via Getty Images", "credit"),
    ("Image copyright Example Agency", "credit"),
    ("Image caption Residents queue for water outside a school on Monday", "caption"),
    ("In this photo, residents queue for water outside a school in the east of the city on Monday.", "caption"),
    ("By Jane Doe and John Roe", "byline"),
    ("Advertisement", "other"),
    ("Page 3 of 5", "other"),
    ("Reporting by Jane Doe; Editing by John Roe", "other"),
    ("How can I live now? she asked the crowd.", "body"),
])
def test_clean_kinds_a_short_line_between_body_paragraphs(line, kind):
    body = ("The mayor said the town had no electricity or running water and that most\n"
            "residents were now sheltering in basements across the old quarter of it.")
    got = paras(f"{body}\n\n{line}\n\n{body}\n")
    assert got[1] == (kind, line)


@pytest.mark.parametrize("opening, dateline", [
    ("KYIV, April 7 (Reuters) - Russian forces", "KYIV, April 7 (Reuters) -"),
    ("KHARKIV, Ukraine — Russian forces", "KHARKIV, Ukraine —"),
    ("Kyiv, 7 April (Example) -- Russian forces", "Kyiv, 7 April (Example) --"),
    ("Washington (CNN)Russian forces", "Washington (CNN)"),
    ("TARKH: Russian forces", "TARKH:"),
    ("TARKH, Norvan: Russian forces", "TARKH, Norvan:"),
])
def test_clean_splits_a_dateline_off_the_first_paragraph(opening, dateline):
    text = (f"{opening} shelled the eastern city overnight, killing at least\n"
            "three civilians and wounding eleven, the regional governor said on Thursday.\n")
    got = paras(text)
    assert got[0] == ("dateline", dateline)
    assert got[1][0] == "body" and got[1][1].startswith("Russian forces shelled")


@pytest.mark.parametrize("opening", ["UPDATE: Russian forces", "BREAKING NEWS: Russian forces", "Tarkh: Russian forces"])
def test_clean_sees_no_dateline_in_a_label_or_a_title_case_word_before_a_colon(opening):
    got = paras(f"{opening} shelled the eastern city overnight, killing at least three civilians.\n")
    assert [k for k, _ in got] == ["body"]


def test_clean_sees_no_dateline_in_an_ordinary_sentence():
    got = paras("Russia - which denies targeting civilians - said on Monday that its forces had\n"
                "hit only military targets in the region, a claim that monitors disputed.\n")
    assert [k for k, _ in got] == ["body"]


def test_clean_treats_unwrapped_lines_as_paragraphs():
    long1 = "Officials said the shelling went on through the night. " * 6
    long2 = "Residents said they had no water or power in most of the districts. " * 5
    got = paras(f"{long1.strip()}\n{long2.strip()}\nShort closing line of the story.\n")
    assert len(got) == 3 and got[0][0] == "body"


def test_clean_uses_font_size_from_pdf_lines():
    text = "Residents flee\nThe mayor said the town had no electricity, and most residents had left."
    lines = [{"start": 0, "end": 14, "size": 16.0}, {"start": 15, "end": len(text), "size": 10.0}]
    got = paras(text, lines=lines)
    assert [k for k, _ in got] == ["heading", "body"]


def test_clean_normalises_odd_characters_outside_the_map():
    raw = "The \ufb01eld hospital\u00a0was hit,  officials said on Mon\u00ad\nday night.\n"
    c = cleaned(raw)
    assert c.text == "The field hospital was hit, officials said on Monday night."
    assert_map_exact(raw, c)


def test_clean_wire_fixture_end_to_end():
    raw = (FIXTURES / "wire_wrapped.txt").read_text("utf-8")
    c = cleaned(raw)
    got = [(p.kind, c.text[p.start:p.end]) for p in c.paragraphs]
    assert [k for k, _ in got] == ["byline", "dateline", "body", "body", "body", "heading", "body", "body",
                                   "other"]
    assert got[1][1] == "KYIV, April 7 (Reuters) -"
    text = c.text
    assert "the evacuation of nearby streets" in text
    assert "the pro-Russian militia" in text and "a two-lane road" in text
    assert "since 2014, and that civilians" in text
    assert all("\n" not in t for _, t in got)
    assert_map_exact(raw, c)


# Text made of the things that trip cleaning up: wraps, hyphens, blank runs, odd spaces, ligatures.
_pieces = st.sampled_from(["word", "Word", "evac-", "uated", "pro-", "Russian", " ", "  ", "\n", "\n\n",
                           "\n\n\n\n", ". ", ", ", "'", '"', "\u00a0", "\u00ad", "\ufb01", "\t", "\f", "-",
                           "\u2014", "KYIV, April 7 (Reuters) - ", "Photo: Jane Roe / AFP", "By Jane Doe",
                           "\r\n", "é", "1,200"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_pieces, max_size=60).map("".join))
def test_clean_source_map_is_exact_and_nothing_is_lost(raw):
    c = cleaned(raw)
    assert_map_exact(raw, c)
    for p in c.paragraphs:
        assert 0 <= p.start <= p.end <= len(c.text)
        assert "\n" not in c.text[p.start:p.end]

    def letters(s: str) -> str:  # what must survive, in order: all but spaces, hyphens and invisibles
        s = s.replace("\ufb01", "fi")
        return re.sub(r"[\s\u00ad\-\u2010]", "", s)

    # nothing is lost; page furniture (kind "other") may move after a paragraph rejoined across it
    # (lines.rejoin), so order holds for the rest: its letters are a subsequence of the raw text's
    assert Counter(letters(c.text)) == Counter(letters(raw))
    rest = iter(letters(raw))
    kept = letters("".join(c.text[p.start:p.end] for p in c.paragraphs if p.kind != "other"))
    assert all(ch in rest for ch in kept)


def test_clean_joins_a_paragraph_across_page_furniture_and_marks_running_heads():
    head = "The Example Times | April 7, 2022"
    text = (f"{head}\n\nOfficials said the attacks were part of a wider push to take the whole\n"
            "region, which separatists have partly held since 2014, and\n\n- 2 -\n\n"
            f"{head}\n\nthat civilians should leave while the roads were still open to them.\n\n"
            "The mayor said the town had no electricity or running water and that most\n"
            f"residents were now sheltering in basements.\n\n{head}\n")
    got = paras(text)
    bodies = [t for k, t in got if k == "body"]
    assert bodies[0].endswith("since 2014, and that civilians should leave while the roads were still open to them.")
    assert len(bodies) == 2
    assert [t for k, t in got if k == "other"] == [head, "- 2 -", head, head]
    assert_map_exact(text, cleaned(text))


def test_clean_a_long_paragraph_ending_with_an_agency_tag_stays_body():
    sentence = "Officials said the shelling of the town went on through the night and into the morning. "
    text = (sentence * 8).strip() + " (Reuters)\n"
    assert [k for k, _ in paras(text)] == ["body"]


def test_clean_splits_a_credit_that_wraps_onto_the_next_line():
    text = (" Soldiers stand guard at a checkpoint on the road to the city. Photo: Maria Roe /\n"
            "Example Images\n\n"
            "Officials in the region said on Thursday that guided bombs had hit an industrial\n"
            "area of the city overnight, wounding five workers at a plant there.\n")
    got = paras(text)
    assert got[:2] == [("caption", "Soldiers stand guard at a checkpoint on the road to the city."),
                       ("credit", "Photo: Maria Roe / Example Images")]
    assert_map_exact(text, cleaned(text))


def test_clean_reads_crlf_lines_and_form_feed_page_breaks():
    text = ("KYIV, April 7 (Reuters) -\r\n"
            "Officials said the attacks were part of a wider push to take the whole\r\n"
            "region, which separatists have partly held since 2014, and\r\n\f"
            "that civilians should leave while the roads were still open to them.\r\n")
    got = paras(text)
    assert got == [("dateline", "KYIV, April 7 (Reuters) -"),
                   ("body", "Officials said the attacks were part of a wider push to take the whole region, "
                            "which separatists have partly held since 2014, and that civilians should leave "
                            "while the roads were still open to them.")]
    assert_map_exact(text, cleaned(text))


def test_clean_rejoins_across_a_page_break_before_a_capitalised_word_when_the_line_was_full():
    text = ("Officials said the attacks on the city were part of a wider push by the army\n"
            "to take the whole region, which separatists have held since 2014, said Oleh\n\n\n\n"
            "Petrenko, a spokesman for the regional administration, on Monday evening.\n\n"
            "The mayor said the town had no electricity or running water and that most\n"
            "residents were sheltering\n\n"
            "Residents flee\n\n"
            "Hundreds of residents boarded evacuation trains heading west on Thursday.\n")
    got = paras(text)
    assert got[0][1].endswith("said Oleh Petrenko, a spokesman for the regional administration, on Monday evening.")
    assert [k for k, _ in got] == ["body", "body", "heading", "body"]
