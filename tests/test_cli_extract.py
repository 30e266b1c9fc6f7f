"""``sitrep extract``: JSON for one file, JSON Lines in input order for several, clean errors."""
import json

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.schema import validate

A = "Officials in Kyiv said on Monday that shelling killed two people."
B = "The army said it had detained 12 suspects in Goma on Friday."


@pytest.fixture
def files(tmp_path):
    (tmp_path / "b.txt").write_text(B)
    (tmp_path / "a.txt").write_text(A)
    return tmp_path


def run(*args):
    return CliRunner().invoke(app, ["extract", *map(str, args)])


def test_extract_one_file_prints_one_schema_valid_json_object(files):
    r = run(files / "a.txt", "--published", "2022-04-07")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)  # the whole of stdout is one object
    validate(out)
    assert out["text"].startswith("Officials in Kyiv")
    assert out["document"]["published"] == "2022-04-07"


def test_extract_several_files_prints_json_lines_in_input_order(files):
    r = run(files / "b.txt", files / "a.txt")
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert [json.loads(x)["text"][:3] for x in lines] == ["The", "Off"]
    for x in lines:
        validate(json.loads(x))


def test_extract_folder_prints_json_lines_in_path_order(files):
    r = run(files)
    assert r.exit_code == 0, r.output
    paths = [json.loads(x)["document"]["path"] for x in r.stdout.strip().splitlines()]
    assert [p.rsplit("/", 1)[-1] for p in paths] == ["a.txt", "b.txt"]


@pytest.mark.parametrize("bad", ["2022-13-01", "yesterday", "07/04/2022"])
def test_extract_rejects_a_bad_published_date_with_usage_error(files, bad):
    r = run(files / "a.txt", "--published", bad)
    assert r.exit_code == 2
    assert "YYYY-MM-DD" in r.output
    assert r.stdout == ""


def test_extract_missing_path_is_one_line_and_exit_1(tmp_path):
    r = run(tmp_path / "nope.txt")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "nope.txt" in r.stderr
