"""First-name genders (stages/actors/gender.py, gender_build.py): the permissively licensed name table and its rule."""
from __future__ import annotations

import re
from importlib import resources

import pytest

from sitrep.stages.actors import gender_build
from sitrep.stages.actors.gender import first_name_gender, is_first_name
from sitrep.stages.actors.gender_build import transliterate, vote


def _table_lines() -> list[str]:
    text = (resources.files("sitrep.data") / "actors" / "first_names.tsv").read_text("utf-8")
    return [ln for ln in text.splitlines() if ln and not ln.startswith("#")]


@pytest.mark.parametrize("name, want", [
    ("Volodymyr", "male"), ("Serhiy", "male"), ("Serhii", "male"), ("Dmitry", "male"), ("Sergei", "male"),
    ("Mykola", "male"), ("Yuliia", "female"), ("Aram", "male"), ("Giorgi", "male"), ("Olena", "female"),
    ("Maria", "female"), ("Mohammed", "male"), ("Fatima", "female"), ("Aminata", "female"), ("John", "male"),
])
def test_first_name_gender_knows_names_from_several_languages(name, want):
    assert first_name_gender(name) == want


def test_a_name_given_to_both_sexes_is_a_first_name_without_a_gender():
    assert is_first_name("Jean") and first_name_gender("Jean") is None
    assert is_first_name("Kim") and first_name_gender("Kim") is None


def test_lookup_ignores_case_and_accents_but_not_acronyms_or_lower_case_words():
    assert first_name_gender("José") == first_name_gender("Jose") == "male"
    assert first_name_gender("Łukasz") == first_name_gender("Lukasz") == "male"  # ł has no accent to drop
    assert first_name_gender("JOHN") is None and not is_first_name("NATO")  # acronyms are not names
    assert first_name_gender("john") is None and not is_first_name("maria")
    assert not is_first_name("") and first_name_gender("") is None


@pytest.mark.parametrize("word", ["The", "In", "He", "On", "March", "Sunday", "Chad", "Jordan", "Syria", "Mali",
                                  "Governor", "Goma", "Erbil"])
def test_stop_words_months_states_cities_and_register_noise_are_not_first_names(word):
    assert not is_first_name(word)


def test_transliteration_gives_the_spellings_news_uses():
    assert transliterate("Володимир", "uk")[0] == "Volodymyr"
    assert {"Serhiy", "Serhii"} <= set(transliterate("Сергій", "uk"))
    assert {"Dmitry", "Dmitriy"} <= set(transliterate("Дмитрий", "ru"))
    assert {"Sergey", "Sergei"} <= set(transliterate("Сергей", "ru"))
    assert "Yevgeny" in transliterate("Евгений", "ru")
    assert "Vyacheslav" in transliterate("Вʼячеслав", "uk")  # the apostrophe is not written
    assert transliterate("Արամ", "hy") == ["Aram"] and transliterate("გიორგი", "ka") == ["Giorgi"]
    assert transliterate("Anna", "ru") == []  # not Cyrillic: nothing to transliterate


def test_vote_needs_a_clear_majority_and_ignores_a_list_that_has_the_name_under_both_sexes():
    assert vote({"us1990": {"male"}, "de_DE": {"male"}, "sv_SE": {"male", "female"}}) == "male"
    assert vote({"us1990": {"female"}, "ga_IE": {"female"}, "en_KE": {"male"}}) == "ambiguous"
    assert vote({"us1990": {"male", "female"}}) == "ambiguous"  # the census finds it given to both
    assert vote({"en": {"male", "female"}}) == "ambiguous"  # no vote at all
    assert vote({"uk_UA~": {"female"}}) == "female"


def test_a_pronoun_finds_the_person_whose_transliterated_name_has_its_gender(make_doc, resources):
    from sitrep.stages.actors import find_actors

    doc = make_doc("Tetiana Hrytsenko met Dmytro Petrenko at the station. He said the line had held.")
    doc.layers["places"] = []
    by_name = {a["name"]: [m["text"] for m in a["mentions"]] for a in find_actors(doc, res=resources)}
    assert "He" in by_name["Dmytro Petrenko"] and "He" not in by_name["Tetiana Hrytsenko"]


def test_every_row_has_a_known_gender_and_names_its_sources():
    source = re.compile(r"^(us1990|[a-z]{2,3}(_[A-Z]{2})?~?|m:[a-z]{2,3}(-[a-z]{2})?~?)$")
    seen = set()
    for ln in _table_lines():
        name, g, sources = ln.split("\t")
        assert g in ("male", "female", "ambiguous"), ln
        assert sources and all(source.match(s) for s in sources.split(",")), ln
        assert name.casefold() not in seen, f"{name} listed twice"
        seen.add(name.casefold())
    assert len(seen) > 10000


def test_the_table_is_what_the_build_derives_from_the_pinned_packages():
    faker = pytest.importorskip("faker")
    names = pytest.importorskip("names")
    mimesis = pytest.importorskip("mimesis")
    if (faker.VERSION, names.__version__, mimesis.__version__) != ("40.63.0", "0.3.0", "22.2.0"):
        pytest.skip("the table is built from faker 40.63.0, names 0.3.0 and mimesis 22.2.0")
    assert ["\t".join(r) for r in gender_build.build_rows()] == _table_lines()
