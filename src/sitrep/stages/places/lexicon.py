"""Word lists and tables the places stage reads, loaded once from ``sitrep/data/places/``."""
from __future__ import annotations

from sitrep import vocab
from sitrep.gazetteer.build import read_tsv
from sitrep.resources import cached


@cached
def cues() -> dict[str, frozenset[str]]:
    """The word lists of ``data/places/cues.json``, and ``locative_preps``, the shared
    ``data/vocab/locative_prepositions.txt``."""
    out = {k: frozenset(v) for k, v in vocab.table("places/cues.json").items()}
    out["locative_preps"] = vocab.words("vocab/locative_prepositions.txt")
    return out


@cached
def modifier_words() -> frozenset[str]:
    """Compass and position words ("North", "central", "rural"): they modify a place name, they do
    not end one (``direction_words`` and ``position_words`` of cues.json together)."""
    c = cues()
    return c["direction_words"] | c["position_words"]


def stoplist() -> frozenset[str]:
    """Capitalised words that are place names but more often something else (``stoplist.txt``)."""
    return vocab.words("places/stoplist.txt")


@cached
def demonyms() -> dict[str, str]:
    """Demonym (as written, and its plural) -> ISO 3166-1 alpha-2."""
    out: dict[str, str] = {}
    for ln in vocab.read_text("places/demonyms.tsv").splitlines()[2:]:
        parts = ln.split("\t")
        if len(parts) >= 2 and parts[0]:
            out.setdefault(parts[0], parts[1])
            if parts[0].endswith("an"):
                out.setdefault(parts[0] + "s", parts[1])
    return out


@cached
def division_abbrevs() -> dict[str, tuple[tuple[str, str], ...]]:
    """Abbreviation of a first-level division as written after a town -> every (ISO2, GeoNames admin1
    code) it stands for ("WA": Washington and Western Australia): the news-agency abbreviations of
    ``admin1_aliases.tsv`` ("Ky.", "Que.", "NSW") and the postal codes of ``division_abbrevs.tsv``
    ("KY", "ON", "QLD")."""
    agency = [(r["alias"], r["code"]) for r in read_tsv("admin1_aliases.tsv") if r["exact_case"] == "1"]
    postal = [(r["abbrev"], r["code"]) for r in read_tsv("division_abbrevs.tsv")]
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for abbrev, code in agency + postal:
        cc, _, a1 = code.partition(".")
        if (cc, a1) not in out.get(abbrev, ()):
            out[abbrev] = (*out.get(abbrev, ()), (cc, a1))
    return out


@cached
def region_adjectives() -> dict[str, str]:
    """Adjective of a continent or world region ("European", "Middle Eastern") -> its name."""
    return {r["adjective"]: r["region"] for r in read_tsv("region_adjectives.tsv")}
