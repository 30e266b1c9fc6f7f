"""Readers: txt, PDF, HTML and JSON Lines into RawDocuments with their metadata."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from fixtures.pdfbytes import pdf_bytes

from sitrep.clean import clean
from sitrep.doc import RawDocument
from sitrep.errors import InputError
from sitrep.io.readers import iter_paths, read_path

FIXTURES = Path(__file__).parent / "fixtures"
BODY = ("Russian forces shelled residential areas of the eastern city of Kharkiv overnight, killing at "
        "least three civilians and wounding eleven, the regional governor said on Thursday. Rescue teams "
        "were still searching the rubble of a building where residents had sheltered in the basement.")


def read_all(path) -> list:
    return list(read_path(Path(path)))


def test_read_txt_gives_one_document_with_its_path(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BODY, "utf-8")
    [doc] = read_all(p)
    assert isinstance(doc, RawDocument)
    assert doc.text == BODY and doc.path == str(p) and doc.format == "txt" and not doc.warnings


def test_read_txt_drops_a_utf8_byte_order_mark(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + BODY.encode())
    [doc] = read_all(p)
    assert doc.text == BODY


def test_read_txt_in_cp1252_is_decoded_with_a_warning(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes((BODY + " The café owner, Zoë, said the “shelling” lasted an hour.").encode("cp1252"))
    [doc] = read_all(p)
    assert isinstance(doc, RawDocument)
    assert "café" in doc.text and "Zoë" in doc.text
    assert doc.warnings and "not UTF-8" in doc.warnings[0]


def test_read_jsonl_reads_each_record_with_its_metadata(tmp_path):
    p = tmp_path / "feed.jsonl"
    recs = [{"text": BODY, "title": "Shelling in Kharkiv", "published": "2022-04-07T10:00:00Z",
             "url": "https://example.org/a", "source": "Example Wire", "id": "a1"},
            {"text": BODY.replace("Thursday", "Friday"), "id": 7}]
    p.write_text("\n".join(json.dumps(r) for r in recs) + "\n\n", "utf-8")
    docs = read_all(p)
    assert [d.path for d in docs] == [f"{p}:1", f"{p}:2"]
    a, b = docs
    assert (a.title, a.published, a.url, a.source, a.id, a.format) == (
        "Shelling in Kharkiv", "2022-04-07", "https://example.org/a", "Example Wire", "a1", "jsonl")
    assert b.id == "7" and b.published is None


def test_read_jsonl_drops_a_published_that_is_no_date_with_a_warning(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text(json.dumps({"text": BODY, "published": "last Thursday"}) + "\n", "utf-8")
    [doc] = read_all(p)
    assert doc.published is None and "not a date" in doc.warnings[0]


def test_read_html_takes_main_text_headings_and_page_metadata():
    [doc] = read_all(FIXTURES / "article.html")
    assert isinstance(doc, RawDocument) and doc.format == "html"
    assert doc.title.startswith("Shelling hits Kharkiv")
    assert doc.published == "2022-04-07"
    assert doc.url == "https://news.example.org/world/kharkiv-shelling"
    assert doc.source == "Example News"
    assert "Home" not in doc.text and "Copyright" not in doc.text and "Most read" not in doc.text
    c = clean(doc)
    got = [(p.kind, c.text[p.start:p.end]) for p in c.paragraphs]
    assert ("heading", "Trains leave the city") in got
    assert [k for k, _ in got].count("body") == 4
    assert any(t.startswith("Russian forces shelled") and t.endswith("said on Thursday.") for _, t in got)


PAGES = [
    [("Shelling hits Kharkiv", 18, 0),
     ("Russian forces shelled the eastern city of Kharkiv overnight, killing at least", 11, 14),
     ("two people and wounding seven, the regional governor said on Thursday, adding", 11, 0),
     ("that rescue teams were still searching the rubble of a residential building.", 11, 0),
     ("Hundreds of residents boarded evacuation trains heading west, according to the", 11, 8),
     ("railway company, which said more trains would run on Friday and that the", 11, 0)],
    [("stations in the east were crowded with families carrying what they could.", 11, 0),
     ("Residents flee", 15, 14),
     ("\"We have nowhere else to go,\" said one woman waiting at the station with her", 11, 8),
     ("two children, who had spent three nights in a basement shelter.", 11, 0)],
]


def test_read_pdf_gives_text_font_sizes_and_title(tmp_path):
    p = tmp_path / "report.pdf"
    p.write_bytes(pdf_bytes(PAGES, title="Shelling hits Kharkiv"))
    [doc] = read_all(p)
    assert isinstance(doc, RawDocument) and doc.format == "pdf" and doc.title == "Shelling hits Kharkiv"
    assert len(doc.lines) == 10
    first = doc.lines[0]
    assert doc.text[first["start"]:first["end"]] == "Shelling hits Kharkiv" and first["size"] == 18
    assert {ln["size"] for ln in doc.lines[1:6]} == {11}
    assert doc.lines[6]["page"] == 2


def test_read_pdf_then_clean_finds_headings_and_rejoins_across_the_page_break(tmp_path):
    p = tmp_path / "report.pdf"
    p.write_bytes(pdf_bytes(PAGES))
    [doc] = read_all(p)
    c = clean(doc)
    got = [(q.kind, c.text[q.start:q.end]) for q in c.paragraphs]
    assert [k for k, _ in got] == ["heading", "body", "body", "heading", "body"]
    assert "more trains would run on Friday and that the stations in the east" in got[2][1]


def test_iter_paths_walks_folders_recursively_and_keeps_known_formats(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for name in ("b.txt", "sub/a.html", "sub/deeper/c.jsonl", "sub/deeper/d.pdf", "notes.docx", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_paths([str(tmp_path)])]
    assert got == ["b.txt", "sub/a.html", "sub/deeper/c.jsonl", "sub/deeper/d.pdf"]


def test_read_path_on_a_folder_reads_every_file_in_it(tmp_path):
    shutil.copy(FIXTURES / "wire_wrapped.txt", tmp_path / "one.txt")
    shutil.copy(FIXTURES / "article.html", tmp_path / "two.html")
    items = read_all(tmp_path)
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    assert not any(isinstance(i, InputError) for i in items)


def test_a_file_without_a_known_suffix_is_sniffed(tmp_path):
    p = tmp_path / "download"
    p.write_bytes(pdf_bytes(PAGES))
    [doc] = read_all(p)
    assert isinstance(doc, RawDocument) and doc.format == "pdf"


def test_read_txt_in_utf16_with_or_without_byte_order_mark(tmp_path):
    for name, data in (("bom.txt", BODY.encode("utf-16")), ("nobom.txt", BODY.encode("utf-16-le"))):
        p = tmp_path / name
        p.write_bytes(data)
        [doc] = read_all(p)
        assert isinstance(doc, RawDocument) and doc.text == BODY and "UTF-16" in doc.warnings[0]
