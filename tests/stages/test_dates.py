"""Unit tests for the dates stage: each date form, tense direction, datelines, abstention."""
from __future__ import annotations

import pytest

from sitrep.stages.dates import find_dates

PUB = "2022-04-07"  # a Thursday


def dates_of(make_doc, resources, text, published=PUB):
    doc = make_doc(text, published=published)
    return find_dates(doc, res=resources)


def value_of(items, mention):
    hits = [d for d in items if mention in d["text"]]
    assert hits, f"{mention!r} not found in {[d['text'] for d in items]}"
    return hits[0]["value"], hits[0]["precision"]


@pytest.mark.parametrize("text, mention, value, precision", [
    ("Shelling resumed on Thursday.", "Thursday", "2022-04-07", "day"),
    ("Troops entered the town on Monday.", "Monday", "2022-04-04", "day"),
    ("The assembly will hold a vote later Thursday.", "later Thursday", "2022-04-07", "day"),
    ("Negotiators will meet again on Monday.", "Monday", "2022-04-11", "day"),
    ("The convoy left last Thursday.", "last Thursday", "2022-03-31", "day"),
    ("Two people were wounded yesterday.", "yesterday", "2022-04-06", "day"),
    ("Talks resume tomorrow.", "tomorrow", "2022-04-08", "day"),
    ("Talks collapsed last month.", "last month", "2022-03", "month"),
    ("Prices rose earlier this month.", "earlier this month", "2022-04", "month"),
    ("Ten people were detained this week.", "this week", "2022-W14", "week"),
    ("The offensive stalled last week.", "last week", "2022-W13", "week"),
    ("The region has been held since 2014.", "since 2014", "2014", "year"),
    ("Russia invaded on Feb. 24.", "Feb. 24", "2022-02-24", "day"),
    ("Imports will end by the end of the year.", "the end of the year", "2022-12-31", "day"),
    ("The strike happened on March 3, 2023.", "March 3, 2023", "2023-03-03", "day"),
    ("The report is dated 2022-04-07.", "2022-04-07", "2022-04-07", "day"),
    ("The camp was built in 2019.", "2019", "2019", "year"),
    ("Elections were held last year.", "last year", "2021", "year"),
    ("The bridge was destroyed two days ago.", "two days ago", "2022-04-05", "day"),
    ("Fighting broke out in December.", "December", "2021-12", "month"),
    ("A ceasefire was signed on 12 January 2015.", "12 January 2015", "2015-01-12", "day"),
    ("The town fell in March 2014.", "March 2014", "2014-03", "month"),
    ("Strikes hit the city overnight.", "overnight", "2022-04-06", "day"),
    ("The militia was founded in the 1990s.", "1990s", "199", "decade"),
    ("Troops advanced in mid-March.", "mid-March", "2022-03", "month"),
    ("Fighting raged on 3-4 April 2022.", "3-4 April 2022", "2022-04-03", "day"),
    ("Police raided the house last Friday.", "last Friday", "2022-04-01", "day"),
    ("Talks will resume next week.", "next week", "2022-W15", "week"),
    ("The vote is scheduled for Friday.", "Friday", "2022-04-08", "day"),
])
def test_find_dates_resolves_each_form(make_doc, resources, text, mention, value, precision):
    assert value_of(dates_of(make_doc, resources, text), mention) == (value, precision)


def test_find_dates_month_day_without_year_in_january_reads_previous_december(make_doc, resources):
    items = dates_of(make_doc, resources, "The attack took place on Dec. 28.", published="2023-01-03")
    assert value_of(items, "Dec. 28") == ("2022-12-28", "day")


def test_find_dates_range_has_end_value(make_doc, resources):
    items = dates_of(make_doc, resources, "Clashes were reported on April 5-6.")
    d = next(x for x in items if "April" in x["text"])
    assert (d["value"], d.get("end_value")) == ("2022-04-05", "2022-04-06")


def test_find_dates_month_range_has_end_value(make_doc, resources):
    items = dates_of(make_doc, resources, "The siege lasted from February to May 2021.")
    d = next(x for x in items if "February" in x["text"])
    assert (d["value"], d.get("end_value"), d["text"]) == ("2021-02", "2021-05", "from February to May 2021")


def test_find_dates_month_abbreviation_keeps_its_dot_but_full_names_do_not(make_doc, resources):
    items = dates_of(make_doc, resources, "It began on Feb. 24 and ended in mid-March.")
    assert [x["text"] for x in items] == ["Feb. 24", "mid-March"]


def test_find_dates_since_sets_relation(make_doc, resources):
    items = dates_of(make_doc, resources, "The region has been held since 2014.")
    assert items[0]["relation"] == "since"


def test_find_dates_without_reference_leaves_relative_dates_unresolved(make_doc, resources):
    items = dates_of(make_doc, resources, "Two soldiers were killed on Tuesday, and talks failed last month.",
                     published=None)
    for mention in ("Tuesday", "last month"):
        d = next(x for x in items if mention in x["text"])
        assert d["value"] is None and d["reason"]
    assert all(x["value"] is None for x in items)


def test_find_dates_dateline_sets_reference_when_unpublished(make_doc, resources):
    text = "KHARKIV, Ukraine, March 3, 2023 -- Two civilians were killed on Wednesday, officials said."
    items = dates_of(make_doc, resources, text, published=None)
    dl = next(x for x in items if x.get("role") == "dateline")
    assert dl["value"] == "2023-03-03"
    assert value_of(items, "Wednesday") == ("2023-03-01", "day")


def test_find_dates_agency_dateline_without_year_and_no_reference_is_unresolved(make_doc, resources):
    text = "KYIV, April 7 (Reuters) - Shelling hit the city on Monday."
    items = dates_of(make_doc, resources, text, published=None)
    dl = next(x for x in items if x.get("role") == "dateline")
    assert dl["value"] is None and dl["reason"]
    assert value_of(items, "Monday") == (None, None)


def test_find_dates_parenthesised_dateline(make_doc, resources):
    text = "KABUL, Afghanistan (Jan. 25, 2013) Insurgents attacked a checkpoint yesterday."
    items = dates_of(make_doc, resources, text, published=None)
    assert next(x for x in items if x.get("role") == "dateline")["value"] == "2013-01-25"
    assert value_of(items, "yesterday") == ("2013-01-24", "day")


def test_find_dates_dateline_on_its_own_line(make_doc, resources):
    text = "KABUL, Afghanistan (Jan. 25, 2013)\n\nInsurgents attacked a checkpoint yesterday."
    items = dates_of(make_doc, resources, text, published=None)
    assert next(x for x in items if x.get("role") == "dateline")["value"] == "2013-01-25"
    assert value_of(items, "yesterday") == ("2013-01-24", "day")


def test_find_dates_ignores_ages_and_keeps_durations_unresolved(make_doc, resources):
    items = dates_of(make_doc, resources, "A 38-year-old man said it had lasted six weeks.")
    assert not any("year-old" in x["text"] for x in items)
    d = next(x for x in items if "six weeks" in x["text"])
    assert d["value"] is None and "duration" in d["reason"]


def test_find_dates_skips_credit_paragraphs(make_doc, resources):
    from sitrep.doc import Paragraph
    doc = make_doc("Photo taken on Monday.\n\nTroops left on Tuesday.", published=PUB)
    doc.paragraphs = [Paragraph(0, 22, "credit"), Paragraph(24, len(doc.text), "body")]
    items = find_dates(doc, res=resources)
    assert [x["text"] for x in items] == ["Tuesday"]


def test_find_dates_items_point_into_text(make_doc, resources):
    doc = make_doc("On Feb. 24, since 2014, and last week, things changed.", published=PUB)
    items = find_dates(doc, res=resources)
    assert [x["id"] for x in items] == [f"D{i}" for i in range(1, len(items) + 1)]
    for x in items:
        assert doc.text[x["start"]:x["end"]] == x["text"]


def test_find_dates_yearless_day_takes_the_texts_one_year_without_reference(make_doc, resources):
    text = "On August 17, students held a sit-in over two men shot dead on May 31, 2019."
    items = dates_of(make_doc, resources, text, published=None)
    d = next(x for x in items if x["text"] == "August 17")
    assert (d["value"], d["precision"], d.get("year_from")) == ("2019-08-17", "day", "text")
    assert "year_from" not in next(x for x in items if "2019" in x["text"])


def test_find_dates_yearless_day_stays_unresolved_when_the_text_has_two_years(make_doc, resources):
    text = "On August 17, students marched. Similar marches took place on 5 May 2018 and 2 June 2019."
    items = dates_of(make_doc, resources, text, published=None)
    d = next(x for x in items if x["text"] == "August 17")
    assert d["value"] is None and d["reason"] and "year_from" not in d


def test_find_dates_yearless_day_takes_the_reports_year_before_the_texts(make_doc, resources):
    items = dates_of(make_doc, resources, "Police arrested five men on Mar. 27, after a raid on 5 May 2019.")
    d = next(x for x in items if x["text"].startswith("Mar. 27"))
    assert d["value"] == "2022-03-27" and "year_from" not in d


def test_find_dates_dateline_place_then_yearless_date(make_doc, resources):
    text = "MOGADISHU, Somalia, March 3 - Militants attacked a base on Sunday, killing four soldiers."
    items = dates_of(make_doc, resources, text, published="2013-03-05")
    assert next(x for x in items if x.get("role") == "dateline")["value"] == "2013-03-03"
    assert value_of(items, "Sunday") == ("2013-03-03", "day")
