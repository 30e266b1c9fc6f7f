"""Coded actors: well-known armed groups, generic actor classes, and each actor's ACLED type (issue 15).

Data, not rules (``sitrep/data/actors/``):

* ``armed_groups.tsv``: named groups with aliases, type and country ("al-Shabaab", "JNIM", "Houthis").
  Aliases match as whole words; an all-capitals alias ("JNIM", "RSF") only in capitals.
* ``actor_classes.tsv``: generic classes of actors by head noun ("police", "gunmen", "herders",
  "protesters", "villagers"), each with its type and an ACLED-style label ("Police Forces of {country}").
* ``actor_types.json``: the eight ACLED actor types and their inter codes (1 state forces ... 8 external).
* ``communities.tsv``: ethnic groups, clans and communal identities with their spellings and countries
  ("Dinka", "Hema", "Fulani"): named as a doer or a party they make an identity militia.

A class noun becomes a mention named by its label, with the country of the demonym or owner before it
("Kenyan police", "Moscow's troops") or, failing that, the country the report is about (the dateline's,
else the most mentioned): coders write "Police Forces of Kenya" for "police" in a report from Kenya.
"""
from __future__ import annotations

import collections
import re
from dataclasses import dataclass

from sitrep import vocab
from sitrep.resources import cached
from sitrep.stages.actors import lexicon as lx

OWNER_PRONOUNS = ("its", "their")


@dataclass(frozen=True)
class ActorClass:
    words: tuple[str, ...]
    type: str
    label: str
    needs_country: bool


@dataclass(frozen=True)
class Group:
    name: str
    aliases: tuple[str, ...]
    type: str
    country: str | None


@dataclass(frozen=True)
class Community:
    name: str
    countries: tuple[str, ...]


def _rows(name: str) -> list[list[str]]:
    return [ln.split("\t") for ln in vocab.terms(f"actors/{name}")]


@cached
def types() -> dict:
    """``actor_types.json`` without its notes; its word lists as sets (they are tested per token)."""
    return {k: frozenset(v) if isinstance(v, tuple) else v for k, v in vocab.table("actors/actor_types.json").items()}


def inter_of(type_: str | None) -> int | None:
    """ACLED inter code (1-8) of an actor type, or None."""
    return types()["inter"].get(type_ or "")


@cached
def actor_classes() -> dict[str, list[ActorClass]]:
    """head word -> the classes ending in it, longest phrase first."""
    out: dict[str, list[ActorClass]] = {}
    for words, type_, label, needs in _rows("actor_classes.tsv"):
        ws = tuple(words.lower().split())
        out.setdefault(ws[-1], []).append(ActorClass(ws, type_, label, needs == "country"))
    for v in out.values():
        v.sort(key=lambda c: -len(c.words))
    return out


@cached
def armed_groups() -> tuple[dict[str, Group], dict[str, list[str]], dict[str, list[str]]]:
    """(casefolded alias -> group, first word -> mixed-case aliases (lower case, matched in any case),
    first word -> acronyms (matched as written))."""
    by_alias: dict[str, Group] = {}
    plain: dict[str, list[str]] = {}
    acro: dict[str, list[str]] = {}
    for name, aliases, type_, country, *_ in _rows("armed_groups.tsv"):
        g = Group(name, tuple(a for a in aliases.split("|") if a), type_, None if country == "-" else country)
        for a in g.aliases:  # the canonical name is a label; only the aliases are looked for
            if a.casefold() in by_alias:
                continue
            by_alias[a.casefold()] = g
            if _acronym(a):
                acro.setdefault(_WORD.findall(a)[0], []).append(a)
            else:
                plain.setdefault(_WORD.findall(a.lower())[0], []).append(a.lower())
    for d in (plain, acro):
        for v in d.values():
            v.sort(key=len, reverse=True)
    return by_alias, plain, acro


_WORD = re.compile(r"\w+")


@cached
def communities() -> dict[str, Community]:
    """Casefolded spelling ("kipsigs", "lou nuer") -> its community (``communities.tsv``)."""
    out: dict[str, Community] = {}
    for name, aliases, countries, *_ in _rows("communities.tsv"):
        c = Community(name, tuple(x for x in countries.split(",") if x))
        for a in aliases.split("|"):
            out.setdefault(a.casefold(), c)
    return out


@cached
def community_first_words() -> frozenset[str]:
    """The first word of every spelling in :func:`communities` (a token that starts none starts no name)."""
    return frozenset(k.split()[0] for k in communities())


def community(words: str) -> Community | None:
    """The community a name or its plural spells ("Pokot", "Kipsigs", "Hazaras"), or None."""
    key = words.casefold()
    table = communities()
    return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)


def community_country(c: Community, report: str | None) -> str | None:
    """A community's country when the text names none for it: the report's, where the community lives
    there, else its one country; None when it lives in several and the report is elsewhere or unknown."""
    if report in c.countries:
        return report
    return c.countries[0] if len(c.countries) == 1 else None


def _acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(alias) <= 6 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def _occurrences(text: str, alias: str, plural: bool):
    """Start and end of each whole-word occurrence of ``alias`` in ``text`` (an acronym may take an "s")."""
    i = text.find(alias)
    while i >= 0:
        j = i + len(alias)
        if plural and text[j:j + 1] == "s":
            j += 1
        before = text[i - 1] if i > 0 else " "
        after = text[j] if j < len(text) else " "
        if not (before.isalnum() or before in "_-") and not (after.isalnum() or after == "_"):
            yield i, j
        i = text.find(alias, i + 1)


def find_groups(text: str) -> list[tuple[int, int, Group]]:
    """Every alias of a known armed group in ``text``: (start, end, group), longest first at a place.
    Only aliases whose first word occurs in the text are looked for."""
    by_alias, plain, acro = armed_groups()
    low = text.lower()
    hits = []
    if len(low) == len(text):  # offsets of the lower-cased text are the text's
        for w in set(_WORD.findall(low)) & plain.keys():
            for a in plain[w]:
                hits += [(i, j, by_alias[a.casefold()]) for i, j in _occurrences(low, a, False)]
    words = set(_WORD.findall(text))
    for w in (words | {w[:-1] for w in words if w.endswith("s")}) & acro.keys():  # "VDPs"
        for a in acro[w]:
            hits += [(i, j, by_alias[a.casefold()]) for i, j in _occurrences(text, a, True)]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out, end = [], -1
    for h in hits:
        if h[0] >= end:
            out.append(h)
            end = h[1]
    return out


def class_at(toks, k: int) -> ActorClass | None:
    """The actor class whose phrase ends at token ``k`` ("police officers", "gunmen"), or the class of
    the compound before a unit noun ("a gendarmerie unit", "an army patrol"), or None."""
    c = _class_at(toks, k)
    t = toks[k]
    if c is None and t.lower_ in types()["unit_nouns"] and k > 0 and toks[k - 1].dep_ in ("compound", "amod") \
            and toks[k - 1].head.i == t.i:
        c = _class_at(toks, k - 1)
    return c


def _class_at(toks, k: int) -> ActorClass | None:
    t = toks[k]
    low = t.lower_
    cands = actor_classes().get(low)
    if cands is None and t.lemma_.lower() != low:
        cands = [c for c in actor_classes().get(t.lemma_.lower(), ()) if len(c.words) == 1 and c.words[0] != low]
        cands = [c for c in cands if c.type == "civilians" or c.words[0] + "s" == low]  # plural of a singular entry
    for c in cands or ():
        n = len(c.words)
        if n == 1 or (k - n + 1 >= 0 and tuple(x.lower_ for x in toks[k - n + 1:k]) == c.words[:-1]):
            return c
    return None


def label(template: str, country: str | None, group: str | None = None) -> str:
    """An ACLED-style actor name from a class template ("Police Forces of {country}")."""
    s = template.replace("{group} ", (group + " ") if group else "")
    if country:
        return s.replace("{country}", lx.country_name(country))
    return s.replace(" of {country}", "").replace(" ({country})", "").strip()


def document_country(doc) -> str | None:
    """The country a report is about: the dateline place's, else the one its places name most often.

    Places named as places count first; a nationality word ("Russian forces", the places layer's
    ``adjectival``) says whose, not where, and counts only when no place is named: the civilians killed when
    "Russian forces shelled Kharkiv" are Ukraine's. One before a civilians noun ("Somali residents",
    "Afghan refugees") says where people come from, not where they are, and does not count."""
    places = doc.layers.get("places") or []
    dateline = [p for p in places if p.get("dateline") and p.get("country")]
    if dateline:  # "GOMA, Congo": the town's country, not the country name's reading
        return min(dateline, key=lambda p: p.get("precision") in ("country", "region", "admin1"))["country"]
    named = [p for p in places if p.get("country") and not p.get("metonym")]
    located = [p for p in named if not p.get("adjectival")] or [p for p in named if not _origin(doc, p)]
    c = collections.Counter()
    for p in located:
        c[p["country"]] += len(p.get("mentions") or [1])
    return c.most_common(1)[0][0] if c else None


LOCAL_TYPES = ("political militia", "identity militia")  # groups that fight where they live (not rebels, who cross borders)


def _origin(doc, place: dict) -> bool:
    """A nationality word that only says where people come from: each of its mentions is followed by a
    civilians noun ("Somali residents of the estate", "Afghan refugees", "Eritrean migrants" are seldom in
    Somalia, Afghanistan, Eritrea). Needs the document's text (none: never)."""
    text = getattr(doc, "text", None)
    if not text or not place.get("adjectival"):
        return False
    for m in place.get("mentions") or []:
        nxt = _WORD.match(text, (m.get("end") or 0) + 1)
        c = next((c for c in actor_classes().get(nxt.group().lower(), ()) if len(c.words) == 1), None) if nxt else None
        if c is None or c.type != "civilians":
            return False
    return True


def local_country(text: str, *, is_town=lambda word: False) -> str | None:
    """The country a report is about when it names no place: the one country of the local armed groups
    (political and identity militias of ``armed_groups.tsv``) and one-country communities it names
    ("Police kill five members of the Mungiki sect" is a Kenyan report); None when they name none or several.
    Rebels and foreign forces say nothing: al-Shabaab fights in Kenya too. A community's name counts written
    as a name, and not when it is also a first name or a town (``is_town``): "Sara", "Bari" say nothing."""
    found = {g.country for _, _, g in find_groups(text) if g.type in LOCAL_TYPES and g.country}
    table = communities()
    for w in set(_WORD.findall(text)):
        c = table.get(w.casefold()) if w.istitle() else None
        if c is not None and len(c.countries) == 1 and not lx.is_first_name(w) and not is_town(w):
            found.add(c.countries[0])
    return found.pop() if len(found) == 1 else None


def actor_type(kind: str, mentions, name: str, country: str | None) -> str | None:
    """An actor's ACLED type from its mentions' class, its kind and its name."""
    for m in mentions:
        if m.extra.get("type"):
            return m.extra["type"]
    t = types()
    words = set(re.findall(r"[a-z]+", name.lower()))
    if kind == "state":
        return "state forces"
    if kind == "civilians":
        return "civilians"
    if kind in ("organisation", "armed group"):
        if words & t["rebel_name_words"]:
            return "rebel group"
        head = name.lower().split()[-1] if name.split() else ""
        c = next((c for c in actor_classes().get(head, ()) if len(c.words) == 1), None)
        if c is not None and c.type != "civilians":  # "Kenya Defence Forces", "Somali Islamist militia"
            return c.type if c.type != "state forces" or country else None
        if country and words & t["state_organisations"]:
            return "state forces"
        if kind == "armed group":
            return "rebel group"
    return None


def ethnic(group: str | None) -> bool:
    """Whether a proper-noun modifier of an armed class noun names a community ("Lendu raiders"), not a
    creed or a movement ("Islamist militants"), nor a word for communities in general ("Clan militias")."""
    return bool(group) and group.lower() not in types()["non_ethnic_modifiers"] \
        and group.lower() not in types()["communal_cues"]


def acled_label(name: str, kind: str, type_: str | None, country: str | None) -> str | None:
    """An actor's ACLED-style name: its class label or known group's name, a state's "Military Forces of
    X", a state organ's own name; None for actors with no ACLED type (people, other bodies)."""
    if kind == "state":
        return label(types()["state_label"], country)
    return name if type_ else None
