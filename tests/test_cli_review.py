"""``sitrep review``, ``sitrep --version`` and the events part of ``sitrep show``."""
from __future__ import annotations

import csv
import io

from typer.testing import CliRunner

from sitrep import __version__
from sitrep.cli import app
from sitrep.web.samples import sample_store

runner = CliRunner()


def _incident(db: str) -> str:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute("SELECT id FROM incidents WHERE n_documents = 2").fetchall()[0][0]
    finally:
        con.close()


def test_version_prints_the_package_version():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output.strip() == f"sitrep {__version__}"


def test_review_sets_fields_lists_history_and_export_uses_it(tmp_path):
    db = sample_store(tmp_path / "r.duckdb")
    iid = _incident(db)
    res = runner.invoke(app, ["review", iid, "--set", "place=Rubizhne", "--set", "fatalities=4", "--by", "ana",
                              "--db", db])
    assert res.exit_code == 0, res.output
    assert f"{iid}  location: Kreminna -> Rubizhne  by ana" in res.output
    res = runner.invoke(app, ["review", "--db", db])
    assert "fatalities: 3 -> 4  by ana" in res.output
    out = tmp_path / "a.csv"
    assert runner.invoke(app, ["export", "--format", "acled", "--db", db, "-o", str(out)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["location"] == "Rubizhne")
    assert row["fatalities"] == "4" and "reviewed by ana" in row["tags"]
    assert runner.invoke(app, ["review", iid, "--reject", "--by", "bo", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["export", "--format", "acled", "--db", db, "-o", str(out), "--force"]).exit_code == 0
    assert "Rubizhne" not in out.read_text(encoding="utf-8")  # a rejected incident leaves the export


def test_review_refuses_bad_values_in_one_line(tmp_path):
    db = sample_store(tmp_path / "b.duckdb")
    iid = _incident(db)
    for args, msg in ((["--set", "fatalities=many"], "whole number"), (["--set", "colour=red"], "cannot review"),
                      (["--set", "type=Skirmish"], "not an ACLED event type"), (["--set", "date=soon"], "YYYY-MM-DD")):
        res = runner.invoke(app, ["review", iid, *args, "--by", "ana", "--db", db])
        assert res.exit_code == 1 and msg in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["review", "INC-none", "--confirm", "--by", "ana", "--db", db])
    assert res.exit_code == 1 and "no incident" in res.output
    assert runner.invoke(app, ["review", iid, "--confirm", "--db", db]).exit_code == 2  # no --by


def test_show_prints_each_event_with_actors_place_date_claimant_and_sentence(tmp_path):
    db = sample_store(tmp_path / "s.duckdb")
    out = runner.invoke(app, ["show", "doc-a", "--db", db]).output
    assert "Russian forces -> civilians; Kreminna (city, Luhansk, UA); 2022-04-06 (day); killed 3; " \
           "claimant Sergiy Gaiday; asserted" in out
    assert "regional governor Sergiy Gaiday said.\u201d" in out  # the whole sentence, not 80 characters
