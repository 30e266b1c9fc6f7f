"""Bad input: every unreadable file is one InputError naming the file and the reason; the run goes on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.pdfbytes import image_only_pdf, pdf_bytes
from typer.testing import CliRunner

from sitrep.doc import RawDocument
from sitrep.errors import InputError
from sitrep.io import readers
from sitrep.io.language import check_english
from sitrep.io.readers import read_path

ENGLISH = ("Officials in the region said on Tuesday that the shelling of the town had continued through the "
           "night, and that at least four people had been killed when a shell hit a bus station in the centre.")
FRENCH = ("Les forces russes ont bombardé la ville dans la nuit de mercredi à jeudi, selon les autorités "
          "locales, qui font état de plusieurs morts et de nombreux blessés parmi les habitants du quartier.")
GERMAN = ("Die russischen Truppen haben in der Nacht die Stadt beschossen, wie die örtlichen Behörden "
          "mitteilten. Dabei seien mehrere Menschen getötet und viele verletzt worden, hieß es aus der Stadt.")
UKRAINIAN = ("Російські війська вночі обстріляли місто, повідомили місцеві органи влади. Загинули кілька "
             "людей, багато поранених, а рятувальники досі розбирають завали житлового будинку.")


def only_error(path: Path) -> InputError:
    items = list(read_path(path))
    assert len(items) == 1 and isinstance(items[0], InputError), items
    err = items[0]
    assert str(path) in str(err) and "\n" not in str(err)
    return err


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n  \n", "no text"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("scan.pdf", image_only_pdf(), "no text layer"),
    ("broken.pdf", pdf_bytes([[("Some text on a page.", 11, 0)]])[:200], "corrupt PDF"),
    ("fake.pdf", b"this is not a PDF at all, just text with a .pdf suffix", "corrupt PDF"),
    ("french.txt", FRENCH.encode(), "French"),
    ("german.txt", GERMAN.encode(), "German"),
    ("ukrainian.txt", UKRAINIAN.encode(), "Ukrainian"),
    ("nothing.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
])
def test_bad_file_is_one_input_error_with_the_reason(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    assert reason in only_error(p).reason


def test_missing_path_is_an_input_error(tmp_path):
    assert "no such file" in only_error(tmp_path / "nope.txt").reason


def test_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_text(ENGLISH)

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert "permission denied" in only_error(p).reason


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setitem(readers.MAX_BYTES, "txt", 1000)
    p = tmp_path / "huge.txt"
    p.write_text(ENGLISH * 20)
    err = only_error(p)
    assert "too large" in err.reason and "limit" in err.reason


def test_the_documented_text_limit_refuses_a_50_mb_file(tmp_path):
    p = tmp_path / "dump.txt"
    with p.open("wb") as f:  # sparse: 50 MB on paper, nothing on disk, never read
        f.truncate(50 * 1024 * 1024)
    assert "too large" in only_error(p).reason


def test_undecidable_encoding_is_refused(tmp_path, monkeypatch):
    import charset_normalizer

    class Nothing:
        def best(self):
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: Nothing())
    p = tmp_path / "odd.txt"
    p.write_bytes(ENGLISH.encode() + b" \xff\xfe\xfa")
    assert "encoding cannot be told" in only_error(p).reason


def test_broken_jsonl_line_is_an_error_naming_file_and_line_and_the_rest_are_read(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join([json.dumps({"text": ENGLISH, "id": "ok1"}),
                            '{"text": "unterminated',
                            json.dumps({"title": "no text field"}),
                            json.dumps({"text": FRENCH}),
                            json.dumps({"text": ENGLISH, "id": "ok2"})]) + "\n", "utf-8")
    items = list(read_path(p))
    assert [getattr(i, "id", None) for i in items if isinstance(i, RawDocument)] == ["ok1", "ok2"]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.path for e in errors] == [f"{p}:2", f"{p}:3", f"{p}:4"]
    assert "not valid JSON" in errors[0].reason and '"text"' in errors[1].reason
    assert "French" in errors[2].reason


@pytest.mark.parametrize("text, english", [
    (ENGLISH, True),
    ("KYIV (Reuters) - Shelling killed two.", True),  # too short to tell: accepted
    (FRENCH, False),
    (UKRAINIAN, False),
    ("Российские войска ночью обстреляли город, сообщили местные власти. Погибли несколько человек.", False),
])
def test_check_english(text, english):
    assert check_english(text).english is english


def test_cli_extract_reports_each_bad_file_on_one_line_goes_on_and_exits_1(tmp_path, monkeypatch):
    from sitrep import pipeline
    from sitrep.cli import app

    monkeypatch.setattr(pipeline, "default_stages", lambda: [])  # this is about reading, not the stages

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "french.txt").write_text(FRENCH, "utf-8")
    (tmp_path / "scan.pdf").write_bytes(image_only_pdf())
    (tmp_path / "feed.jsonl").write_text("{broken\n", "utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    err = result.stderr if hasattr(result, "stderr") else result.output
    skipped = [ln for ln in err.splitlines() if ln.startswith("skipped")]
    assert len(skipped) == 4
    assert "Traceback" not in err
    assert result.stdout.strip() == ""
